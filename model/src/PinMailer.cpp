#include "carddesk/model/PinMailer.h"

#include <carddesk/protocol/apdu/Bytes.h>
#include <carddesk/protocol/apdu/CardRecords.h>

#include <QBuffer>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRandomGenerator>
#include <QRawFont>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace carddesk {

namespace {

void wipe(std::string& s) {
    if (!s.empty())
        cdos::secureZero(s.data(), s.size());
}

// Wipes a buffer when the scope ends, however it ends.
struct WipeOnExit {
    QByteArray& bytes;
    explicit WipeOnExit(QByteArray& b) : bytes(b) {}
    WipeOnExit(const WipeOnExit&) = delete;
    WipeOnExit& operator=(const WipeOnExit&) = delete;
    ~WipeOnExit() {
        // In place: data() on a shared array would detach and wipe a new copy instead.
        if (!bytes.isEmpty())
            cdos::secureZero(const_cast<char*>(bytes.constData()), static_cast<std::size_t>(bytes.size()));
    }
};

[[noreturn]] void fail(const QString& message) {
    throw PinMailerError(message.toStdString());
}

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

// ---- rendering --------------------------------------------------------------------------------------------------

constexpr int kDpi = 600;
constexpr qreal kPageWidth = 210; // A4, mm
constexpr qreal kLeft = 20;       // DIN 5008: the address field and the text start 20 mm from the left edge
constexpr qreal kRight = 190;
constexpr qreal kPerforation = 210;  // the second fold mark: the slip is the bottom third
constexpr int kAddressLines = 5;     // below the name in the 45 mm window
constexpr std::size_t kMaxUsers = 8; // a card's users; two columns of four on the slip

qreal mm(qreal v) {
    return v * kDpi / 25.4;
}
QRectF mmRect(qreal x, qreal y, qreal w, qreal h) {
    return {mm(x), mm(y), mm(w), mm(h)};
}

QFont sansFont(qreal points, bool bold = false) {
    QFont f;
    // Noto Sans CJK (scripts/deps.sh) has Latin and Chinese, so both languages share one typeface.
    f.setFamilies({QStringLiteral("Noto Sans CJK SC"), QStringLiteral("WenQuanYi Zen Hei"), QStringLiteral("sans")});
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

QFont monoFont(bool bold) {
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Noto Sans Mono CJK SC")});
    f.setStyleHint(QFont::Monospace);
    f.setBold(bold);
    return f;
}

// Two lines of one label, the Chinese above the English.
void drawLabelValue(QPainter& p, qreal x, qreal y, qreal w, const QString& zh, const QString& en,
                    const QString& value) {
    p.setPen(QColor(90, 90, 90));
    p.setFont(sansFont(7));
    p.drawText(mmRect(x, y, w, 4), Qt::AlignLeft | Qt::AlignVCenter, zh + QStringLiteral("  ") + en);
    p.setPen(Qt::black);
    p.setFont(sansFont(9.5, true));
    p.drawText(mmRect(x, y + 3.8, w, 5), Qt::AlignLeft | Qt::AlignVCenter, value);
}

void drawHeader(QPainter& p, const PinMailerPage& page) {
    p.setPen(Qt::black);
    p.setFont(sansFont(16, true));
    p.drawText(mmRect(kLeft, 12, 110, 10), Qt::AlignLeft | Qt::AlignVCenter, page.issuer);
    p.setFont(sansFont(12, true));
    p.drawText(mmRect(120, 12, kRight - 120, 7), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("密码函  PIN mailer"));
    p.setPen(QColor(160, 0, 0));
    p.setFont(sansFont(8, true));
    p.drawText(mmRect(80, 19.5, kRight - 80, 5), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("机密 · 仅限收件人拆阅    CONFIDENTIAL · addressee only"));
    p.setPen(QPen(Qt::black, mm(0.4)));
    p.drawLine(QPointF(mm(kLeft), mm(28)), QPointF(mm(kRight), mm(28)));
}

// DIN 5008 form B address field for a DL window envelope: 20 mm from the left, 45 mm from the top, 85 x 45 mm; its
// first 5 mm the sender's line.
void drawAddress(QPainter& p, const PinMailerPage& page) {
    p.setPen(QColor(90, 90, 90));
    p.setFont(sansFont(6.5));
    const QRectF sender = mmRect(kLeft, 45, 85, 4);
    p.drawText(sender, Qt::AlignLeft | Qt::AlignVCenter, page.issuer);
    p.setPen(QPen(QColor(90, 90, 90), mm(0.15)));
    p.drawLine(QPointF(mm(kLeft), mm(49.3)), QPointF(mm(kLeft + 85), mm(49.3)));
    p.setPen(Qt::black);
    qreal y = 52;
    p.setFont(sansFont(11, true));
    p.drawText(mmRect(kLeft, y, 85, 6), Qt::AlignLeft | Qt::AlignVCenter, page.holderName);
    y += 6.5;
    p.setFont(sansFont(10.5));
    for (const QString& line : page.address) { // at most kAddressLines: write() checked
        p.drawText(mmRect(kLeft, y, 85, 5.5), Qt::AlignLeft | Qt::AlignVCenter, line);
        y += 5.5;
    }
}

void drawReference(QPainter& p, const PinMailerPage& page) {
    const qreal x = 125;
    const qreal w = kRight - x;
    const QString masked = PinMailer::maskedCardNumber(page.cardNumber);
    drawLabelValue(p, x, 46, w, QStringLiteral("卡号"), QStringLiteral("Card number"), masked);
    // A single card has no batch.
    drawLabelValue(p, x, 56, w, QStringLiteral("批次 / 序号"), QStringLiteral("Batch / row"),
                   page.batchId.isEmpty() ? QStringLiteral("—")
                                          : page.batchId + QStringLiteral(" / ") + QString::number(page.batchRow));
    drawLabelValue(p, x, 66, w, QStringLiteral("日期"), QStringLiteral("Date"),
                   QDate::currentDate().toString(Qt::ISODate));
    drawLabelValue(p, x, 76, w, QStringLiteral("卡模板"), QStringLiteral("Card template"), page.templateName);
}

// DIN 5008 fold marks (105 mm, 210 mm) and the hole-punch mark (148.5 mm) at the left edge.
void drawFoldMarks(QPainter& p) {
    p.setPen(QPen(QColor(120, 120, 120), mm(0.2)));
    for (const qreal y : {105.0, 210.0})
        p.drawLine(QPointF(mm(4), mm(y)), QPointF(mm(9), mm(y)));
    p.drawLine(QPointF(mm(4), mm(148.5)), QPointF(mm(7), mm(148.5)));
}

qreal drawParagraph(QPainter& p, qreal y, const QFont& font, const QString& text, qreal after) {
    p.setFont(font);
    const QRectF area = mmRect(kLeft, y, kRight - kLeft, 60);
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    const QRectF used = p.boundingRect(area, flags, text);
    p.drawText(area, flags, text);
    return y + used.height() * 25.4 / kDpi + after;
}

// The letter: Chinese first, English below. The printed form carries both languages at once whatever the console's
// language, so its texts are fixed literals here, not tr() strings.
void drawLetter(QPainter& p, const PinMailerPage& page) {
    const QString last4 = PinMailer::maskedCardNumber(page.cardNumber).right(4);
    p.setPen(Qt::black);
    qreal y = 98;
    y = drawParagraph(p, y, sansFont(15, true), QStringLiteral("您的智能卡初始密码"), 2.5);
    y = drawParagraph(p, y, sansFont(10), QStringLiteral("尊敬的 %1：").arg(page.holderName), 1.5);
    y = drawParagraph(p, y, sansFont(10),
                      QStringLiteral("您的智能卡（卡号尾号 %1）已制作完成。每位用户的初始密码印在本函下方的密码条上。"
                                     "请在首次使用时立即修改密码。切勿将密码告诉任何人，包括我们的工作人员；"
                                     "请勿把密码写在卡上或与卡放在一起。撕下密码条后，请将其妥善保管或销毁。")
                          .arg(last4),
                      6);
    y = drawParagraph(p, y, sansFont(13, true), QStringLiteral("Your smart card's initial PINs"), 2);
    y = drawParagraph(p, y, sansFont(9.5), QStringLiteral("Dear %1,").arg(page.holderName), 1.5);
    y = drawParagraph(p, y, sansFont(9.5),
                      QStringLiteral("Your smart card (number ending in %1) is ready. The initial PIN of each user is "
                                     "printed on the slip at the bottom of this letter. Change the PIN the first time "
                                     "you use the card. Never tell anybody your PIN, not even our staff, and never "
                                     "write it on the card or keep it with the card. Once you have torn off the slip, "
                                     "keep it in a safe place or destroy it.")
                          .arg(last4),
                      6);
    drawParagraph(p, y, sansFont(10, true), page.issuer, 0);
}

void drawPerforation(QPainter& p) {
    QPen dashed(QColor(60, 60, 60), mm(0.3));
    dashed.setDashPattern({6, 4}); // in pen widths: 1.8 mm dashes
    p.setPen(dashed);
    p.drawLine(QPointF(mm(11), mm(kPerforation)), QPointF(mm(kPageWidth - 8), mm(kPerforation)));
    p.setFont(sansFont(7));
    const QString label = QStringLiteral("✂  沿虚线撕下  ·  tear along the dotted line");
    QRectF box = p.boundingRect(mmRect(0, kPerforation - 2.5, kPageWidth, 5), Qt::AlignCenter, label);
    box.adjust(-mm(2), 0, mm(2), 0);
    p.fillRect(box, Qt::white);
    p.setPen(QColor(60, 60, 60));
    p.drawText(box, Qt::AlignCenter, label);
}

// Glyph outlines of the digits 0..9: PINs are drawn from these, so that no QString (which cannot be wiped) ever
// holds a PIN and the PDF has no text layer to copy a PIN from.
std::array<QPainterPath, 10> digitOutlines(const QFont& font, qreal pixelSize, qreal* advance) {
    QRawFont raw = QRawFont::fromFont(font);
    raw.setPixelSize(pixelSize);
    const QList<quint32> glyphs = raw.glyphIndexesForString(QStringLiteral("0123456789"));
    std::array<QPainterPath, 10> outlines;
    for (std::size_t d = 0; d < outlines.size() && d < static_cast<std::size_t>(glyphs.size()); ++d)
        outlines[d] = raw.pathForGlyph(glyphs[static_cast<qsizetype>(d)]);
    *advance = glyphs.isEmpty() ? pixelSize * 0.6 : raw.advancesForGlyphIndexes({glyphs.first()}).first().x();
    return outlines;
}

// The dense pattern behind a PIN: fine cross-hatching, wavy guilloche lines and scattered random decoy digits, all
// light grey, so that through an envelope the PIN drowns in it while on the page the bold black digits stand out.
// One image for every box of the mailer: the PDF holds it once (vector decoys cost some 70 kB a box).
QImage securityPattern(qreal widthMm, qreal heightMm) {
    constexpr qreal dpi = 400;
    const auto px = [](qreal v) { return v * dpi / 25.4; };
    QImage image(qRound(px(widthMm)), qRound(px(heightMm)), QImage::Format_Grayscale8);
    image.fill(QColor(238, 238, 238));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal w = image.width();
    const qreal h = image.height();
    p.setPen(QPen(QColor(175, 175, 175), px(0.12)));
    for (qreal d = -h; d < w; d += px(0.7)) {
        p.drawLine(QPointF(d, h), QPointF(d + h, 0));
        p.drawLine(QPointF(d, 0), QPointF(d + h, h));
    }
    p.setPen(QPen(QColor(150, 150, 150), px(0.18)));
    for (int wave = 0; wave < 5; ++wave) {
        QPainterPath path;
        const qreal base = h * (wave + 0.5) / 5;
        for (qreal x = 0; x <= w; x += px(0.3)) {
            const QPointF pt(x, base + std::sin(x / px(2.2) + wave * 1.3) * px(1.6));
            if (x == 0)
                path.moveTo(pt);
            else
                path.lineTo(pt);
        }
        p.drawPath(path);
    }
    // Decoys: random digits, independent of the PINs.
    qreal advance = 0;
    const std::array<QPainterPath, 10> decoys = digitOutlines(monoFont(false), px(2.2), &advance);
    QRandomGenerator* random = QRandomGenerator::system();
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(150, 150, 150));
    for (qreal y = px(2.4); y < h + px(2); y += px(2.5))
        for (qreal x = -px(1) + random->bounded(px(1.5)); x < w; x += px(2.1))
            p.drawPath(decoys[static_cast<std::size_t>(random->bounded(10))].translated(x, y));
    return image;
}

void drawSlip(QPainter& p, const PinMailerPage& page) {
    const qreal top = kPerforation + 4;
    p.setPen(Qt::black);
    p.setFont(sansFont(10.5, true));
    p.drawText(mmRect(kLeft, top, 90, 6), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("密码条  PIN slip"));
    p.setFont(sansFont(8));
    p.drawText(mmRect(100, top, kRight - 100, 6), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("卡号 Card  %1").arg(PinMailer::maskedCardNumber(page.cardNumber)));
    p.setPen(QColor(90, 90, 90));
    p.setFont(sansFont(7));
    p.drawText(
        mmRect(kLeft, top + 5.5, kRight - kLeft, 4.5), Qt::AlignLeft | Qt::AlignVCenter,
        QStringLiteral("首次使用请修改密码，切勿告诉任何人。  Change the PIN at first use; never tell anybody."));

    qreal advance = 0;
    const std::array<QPainterPath, 10> digits = digitOutlines(monoFont(true), mm(6.2), &advance);

    // One column up to 4 users, two beyond (a card has at most 8); every box as wide as the longest PIN, so the box
    // does not tell the PIN's length.
    const std::size_t count = page.users.size();
    const int columns = count > 4 ? 2 : 1;
    const qreal columnWidth = columns == 2 ? 82 : kRight - kLeft;
    const qreal boxWidth = 80;
    const qreal boxHeight = 10;
    const qreal rowHeight = 15;
    const QImage pattern = securityPattern(boxWidth, boxHeight);
    for (std::size_t i = 0; i < count; ++i) {
        const PinMailerUser& user = page.users[i];
        const int column = columns == 2 ? static_cast<int>(i % 2) : 0;
        const int row = columns == 2 ? static_cast<int>(i / 2) : static_cast<int>(i);
        const qreal x = kLeft + column * (columnWidth + 6);
        const qreal y = top + 12 + row * rowHeight;
        p.setPen(Qt::black);
        p.setFont(sansFont(8.5, true));
        const QString who = user.name.isEmpty() ? QString() : QStringLiteral(" · ") + user.name;
        p.drawText(mmRect(x, y, columnWidth, 4.5), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("用户 %1  User %1%2").arg(QString::number(user.number), who));

        const QRectF box = mmRect(x, y + 4.6, boxWidth, boxHeight);
        p.drawImage(box, pattern);
        p.setPen(QPen(Qt::black, mm(0.3)));
        p.setBrush(Qt::NoBrush);
        p.drawRect(box);

        // The digits: bold black over a white halo that cuts them out of the pattern. The outlines (here and in the
        // PDF engine's buffers) are Qt's memory and cannot be wiped; they hold glyph shapes, not characters.
        const qreal pitch = advance + mm(1.6);
        const qreal baseline = box.top() + box.height() / 2 + mm(2.2);
        qreal pen = box.left() + mm(4);
        QPainterPath pin;
        for (const char c : user.pin)
            if (c >= '0' && c <= '9') {
                pin.addPath(digits[static_cast<std::size_t>(c - '0')].translated(pen, baseline));
                pen += pitch;
            }
        p.strokePath(pin, QPen(Qt::white, mm(0.9), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.fillPath(pin, Qt::black);
    }
}

void render(QPainter& p, const PinMailerPage& page) {
    drawHeader(p, page);
    drawAddress(p, page);
    drawReference(p, page);
    drawFoldMarks(p);
    drawLetter(p, page);
    drawPerforation(p);
    drawSlip(p, page);
}

// ---- files ------------------------------------------------------------------------------------------------------

void fsyncFolder(const QString& folder) {
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fail(PinMailer::tr("%1: cannot open the folder to sync it (%2)").arg(folder, systemError(errno)));
    const int synced = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (synced != 0)
        fail(PinMailer::tr("%1: cannot sync the folder (%2)").arg(folder, systemError(error)));
}

// Overwrites `path` with zeros, syncs and unlinks it; false when it does not exist. Copy-on-write and flash storage
// may keep the old blocks: the overwrite is the best a program can do, the rest is the storage's (docs/issuance.md).
bool overwriteAndRemove(const QString& path) {
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT)
            return false;
        fail(PinMailer::tr("%1: cannot open the mailer to destroy it (%2)").arg(path, systemError(errno)));
    }
    struct stat st {};
    int error = 0;
    if (::fstat(fd, &st) != 0) {
        error = errno;
    } else {
        const std::array<char, 65536> zeros{};
        off_t left = st.st_size;
        while (left > 0 && error == 0) {
            const ssize_t n = ::write(fd, zeros.data(), static_cast<std::size_t>(std::min<off_t>(left, zeros.size())));
            if (n < 0 && errno != EINTR)
                error = errno;
            else if (n > 0)
                left -= n;
        }
        if (error == 0 && ::fsync(fd) != 0)
            error = errno;
    }
    ::close(fd);
    // Removed even when the overwrite failed: the PINs must go, overwritten or not.
    if (::unlink(name.constData()) != 0)
        fail(PinMailer::tr("%1: cannot remove the mailer (%2)").arg(path, systemError(errno)));
    if (error != 0)
        fail(PinMailer::tr("%1: removed, but overwriting it failed (%2)").arg(path, systemError(error)));
    return true;
}

// A temporary mailer: ".NAME.tmp-XXXXXX" beside the final file (mkstemp: mode 0600, a name nobody else has).
QString temporaryPattern(const QFileInfo& target) {
    return target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".tmp-");
}

// Moves `from` to `to` unless `to` exists (a mailer is never replaced: that would be a reprint).
void renameNoReplace(const QByteArray& from, const QByteArray& to, const QString& target) {
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return;
    int error = errno;
    if (error == EINVAL || error == ENOSYS) { // a file system without RENAME_NOREPLACE: link fails on an existing file
        if (::link(from.constData(), to.constData()) == 0) {
            ::unlink(from.constData());
            return;
        }
        error = errno;
    }
    if (error == EEXIST)
        fail(PinMailer::tr("%1: a PIN mailer for it exists already (mailers are never printed twice)").arg(target));
    fail(PinMailer::tr("%1: cannot move the mailer into place (%2)").arg(target, systemError(error)));
}

} // namespace

PinMailerUser::PinMailerUser(int number_, QString name_, const std::string& pin_)
    : number(number_), name(std::move(name_)), pin(pin_) {}

PinMailerUser::PinMailerUser(const PinMailerUser& o) : number(o.number), name(o.name), pin(o.pin) {}

PinMailerUser& PinMailerUser::operator=(const PinMailerUser& o) {
    if (this != &o) {
        wipe(pin);
        number = o.number;
        name = o.name;
        pin = o.pin;
    }
    return *this;
}

PinMailerUser::~PinMailerUser() {
    wipe(pin);
}

QString PinMailer::maskedCardNumber(const QString& cardNumber) {
    QString digits = cardNumber;
    digits.remove(QLatin1Char(' '));
    QString out;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        const qsizetype fromEnd = digits.size() - i;
        if (i > 0 && fromEnd % 4 == 0)
            out += QLatin1Char(' ');
        out += fromEnd <= 4 ? digits.at(i) : QLatin1Char('*');
    }
    return out;
}

void PinMailer::write(const PinMailerPage& page, const QString& pdfPath) {
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        fail(tr("%1: a PIN mailer needs a QGuiApplication (QT_QPA_PLATFORM=offscreen where there is no display)")
                 .arg(pdfPath));
    // A mailer that cannot reach its holder or lacks a PIN must not be made at all (messages never show a PIN).
    if (page.users.empty() || page.users.size() > kMaxUsers)
        fail(tr("%1: a PIN mailer holds 1 to %2 users, not %3").arg(pdfPath).arg(kMaxUsers).arg(page.users.size()));
    for (const PinMailerUser& user : page.users)
        if (!cdos::isValidPin(user.pin))
            fail(tr("%1: user %2's PIN is not 4 to 12 digits").arg(pdfPath).arg(user.number));
    if (page.holderName.trimmed().isEmpty() || page.address.isEmpty())
        fail(tr("%1: the holder's name and address are needed").arg(pdfPath));
    if (page.address.size() > kAddressLines)
        fail(tr("%1: the address has %2 lines, the envelope's window shows %3")
                 .arg(pdfPath)
                 .arg(page.address.size())
                 .arg(kAddressLines));
    const QFileInfo target(pdfPath);
    if (target.exists() || target.isSymLink())
        fail(tr("%1: a PIN mailer for it exists already (mailers are never printed twice)").arg(pdfPath));
    if (!QFileInfo(target.absolutePath()).isDir())
        fail(tr("%1: the folder %2 does not exist").arg(pdfPath, target.absolutePath()));

    // Rendered in memory first: QPdfWriter does not report a short write (a full disk gave a cut PDF), the loop below
    // does. The buffer holds the PINs' outlines: reserved once so that it is not reallocated (a freed copy could not
    // be wiped), and wiped on every way out.
    QByteArray pdf;
    pdf.reserve(8 << 20);
    const WipeOnExit wipePdf(pdf);
    {
        QBuffer buffer(&pdf);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setResolution(kDpi);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0),
                                         QPageLayout::Millimeter));
        writer.setCreator(QStringLiteral("CardDesk"));
        writer.setTitle(QStringLiteral("PIN mailer"));
        QPainter painter;
        if (!painter.begin(&writer))
            fail(tr("%1: cannot start the PDF").arg(pdfPath));
        painter.setRenderHint(QPainter::Antialiasing);
        render(painter, page);
        if (!painter.end() || pdf.isEmpty())
            fail(tr("%1: cannot finish the PDF").arg(pdfPath));
    }

    QByteArray temporary = QFile::encodeName(temporaryPattern(target)) + "XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        fail(tr("%1: cannot create a temporary file (%2)").arg(pdfPath, systemError(errno)));
    const QString temporaryPath = QFile::decodeName(temporary);
    // From here on every failure removes the temporary file: it may hold PINs.
    const auto abandon = [&](const QString& message) {
        try {
            overwriteAndRemove(temporaryPath);
        } catch (const PinMailerError&) {
            // The first problem is the one to report.
        }
        fail(message);
    };

    QString problem;
    const char* p = pdf.constData();
    qsizetype left = pdf.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<std::size_t>(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            problem = tr("%1: cannot write the PDF (%2)").arg(pdfPath, systemError(n < 0 ? errno : ENOSPC));
            break;
        }
        p += n;
        left -= n;
    }
    if (problem.isEmpty() && ::fsync(fd) != 0)
        problem = tr("%1: cannot sync the PDF to disk (%2)").arg(pdfPath, systemError(errno));
    if (::close(fd) != 0 && problem.isEmpty())
        problem = tr("%1: cannot close the PDF (%2)").arg(pdfPath, systemError(errno));
    if (!problem.isEmpty())
        abandon(problem);

    try {
        renameNoReplace(temporary, QFile::encodeName(target.absoluteFilePath()), pdfPath);
    } catch (const PinMailerError& e) {
        abandon(QString::fromStdString(e.what()));
    }
    try {
        fsyncFolder(target.absolutePath());
    } catch (const PinMailerError&) {
        // Not durable is not written: the caller treats the mailer as missing, so it must be.
        try {
            overwriteAndRemove(target.absoluteFilePath());
        } catch (const PinMailerError&) {
        }
        throw;
    }
}

void PinMailer::destroy(const QString& pdfPath) {
    const QFileInfo target(pdfPath);
    QStringList problems;
    bool removed = false;
    try {
        removed = overwriteAndRemove(target.absoluteFilePath());
    } catch (const PinMailerError& e) {
        problems << QString::fromStdString(e.what());
    }
    // Temporary files of an interrupted write() for this mailer.
    const QDir folder = target.absoluteDir();
    const QStringList leftovers = folder.entryList({QLatin1Char('.') + target.fileName() + QStringLiteral(".tmp-*")},
                                                   QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& leftover : leftovers) {
        try {
            removed = overwriteAndRemove(folder.absoluteFilePath(leftover)) || removed;
        } catch (const PinMailerError& e) {
            problems << QString::fromStdString(e.what());
        }
    }
    if (removed && folder.exists()) {
        try {
            fsyncFolder(folder.absolutePath());
        } catch (const PinMailerError& e) {
            problems << QString::fromStdString(e.what());
        }
    }
    if (!problems.isEmpty())
        fail(problems.join(QStringLiteral("; ")));
}

} // namespace carddesk
