#include "BatchMailer.h"

#include "carddesk/model/PinGenerator.h"
#include "carddesk/model/PinMailer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

namespace carddesk::batchmailer {

namespace {

QString batchFolder(const BatchRecord& batch) {
    return QDir(batch.mailerFolder).filePath(batch.id);
}

void syncFolder(const QString& folder) {
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

void generatePins(HolderFile& holder, int length) {
    for (HolderUser& u : holder.users) {
        std::string pin = PinGenerator::generate(length);
        u.pin.swap(pin);
        if (!pin.empty())
            cdos::secureZero(pin.data(), pin.size());
    }
}

QString pendingPath(const BatchRecord& batch, int row) {
    return QDir(batchFolder(batch)).filePath(QStringLiteral(".pending/row-%1.pdf").arg(row, 6, 10, QLatin1Char('0')));
}

QString finalPath(const BatchRecord& batch, int row, const QString& cardNumber) {
    return QDir(batchFolder(batch))
        .filePath(QStringLiteral("%1-%2.pdf").arg(row, 6, 10, QLatin1Char('0')).arg(cardNumber.toUpper()));
}

QString writePending(const BatchRecord& batch, const CardTemplate& tmpl, int row, const BatchHolder& holder,
                     const HolderFile& withPins, const QString& cardNumber) {
    QStringList address = holder.address;
    if (!holder.postcode.isEmpty())
        address << holder.postcode;
    return writeAt(pendingPath(batch, row), tmpl, holder.holder.name, address, withPins, cardNumber, batch.id, row);
}

QString writeAt(const QString& path, const CardTemplate& tmpl, const QString& holderName, const QStringList& address,
                const HolderFile& withPins, const QString& cardNumber, const QString& batchId, int row) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QCoreApplication::translate("carddesk::BatchService", "cannot create the PIN mailer folder %1")
            .arg(QFileInfo(path).absolutePath());
    PinMailerPage page;
    // The template's description starts with the card's name ("标准数字电视互动业务卡：电视直播、…"): the header
    // and the sender line take that name, the letter the whole description.
    QString issuer = tmpl.description.section(QChar(0xFF1A), 0, 0).section(QLatin1Char(':'), 0, 0).trimmed();
    page.issuer = issuer.isEmpty() ? tmpl.name : issuer.left(40);
    page.templateName = tmpl.name;
    page.holderName = holderName;
    page.address = address;
    page.cardNumber = cardNumber;
    page.batchId = batchId;
    page.batchRow = row;
    for (const HolderUser& u : withPins.users) {
        QString name = u.name;
        for (const auto& tu : tmpl.users)
            if (name.isEmpty() && tu.number == u.number)
                name = tu.name;
        page.users.emplace_back(u.number, name, u.pin);
    }
    try {
        // A pending mailer of an earlier card of this row (cut and undone) holds PINs no card has.
        PinMailer::destroy(path);
        PinMailer::write(page, path);
    } catch (const PinMailerError& e) {
        return QCoreApplication::translate("carddesk::BatchService", "the PIN mailer cannot be written: %1")
            .arg(QString::fromUtf8(e.what()));
    }
    return {};
}

bool finish(const BatchRecord& batch, int row, const QString& cardNumber) {
    return moveInto(pendingPath(batch, row), finalPath(batch, row, cardNumber));
}

bool moveInto(const QString& from, const QString& to) {
    if (!QFile::exists(from))
        return false;
    if (!QDir().mkpath(QFileInfo(to).absolutePath()))
        return false;
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return false;
    syncFolder(QFileInfo(to).absolutePath());
    syncFolder(QFileInfo(from).absolutePath());
    return true;
}

void destroyPending(const BatchRecord& batch, int row) {
    destroyAt(pendingPath(batch, row));
}

void destroyAt(const QString& path) {
    try {
        PinMailer::destroy(path);
    } catch (const PinMailerError&) {
        // Reported where it matters: a stale pending mailer is overwritten by the row's next card.
    }
}

} // namespace carddesk::batchmailer
