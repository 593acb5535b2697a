#include "carddesk/model/CardMailer.h"

#include "BatchMailer.h"

#include <QDir>
#include <QFile>

namespace carddesk {

void CardMailer::generatePins(const CardTemplate& tmpl, HolderFile& holder, int length) {
    holder.users.clear();
    for (const auto& tu : tmpl.users) {
        HolderUser u;
        u.number = quint8(tu.number);
        holder.users.append(u);
    }
    batchmailer::generatePins(holder, length);
}

QString CardMailer::pendingPath(const QString& cardNumber) const {
    return QDir(m_folder).filePath(QStringLiteral(".pending/%1.pdf").arg(cardNumber.toUpper()));
}

QString CardMailer::finalPath(const QString& cardNumber) const {
    return QDir(m_folder).filePath(QStringLiteral("%1.pdf").arg(cardNumber.toUpper()));
}

QString CardMailer::writePending(const CardTemplate& tmpl, const HolderFile& withPins,
                                 const QString& cardNumber) const {
    // The folder is private to whoever prints the mailers: made owner-only, like a batch's.
    if (!QDir(m_folder).exists() && QDir().mkpath(m_folder))
        QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return batchmailer::writeAt(pendingPath(cardNumber), tmpl, withPins.name, m_address, withPins, cardNumber);
}

bool CardMailer::finish(const QString& cardNumber) const {
    return batchmailer::moveInto(pendingPath(cardNumber), finalPath(cardNumber));
}

void CardMailer::destroyPending(const QString& cardNumber) const {
    batchmailer::destroyAt(pendingPath(cardNumber));
}

} // namespace carddesk
