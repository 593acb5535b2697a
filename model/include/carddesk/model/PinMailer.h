#pragma once
// One PIN mailer (issue 14, docs/issuance.md "PIN mailers"): an A4 PDF for a DL window envelope — the issuer's
// header, the holder's address in the window, a short letter in Chinese and English, and below a perforation the
// tear-off slip with each user's initial PIN in a box over a dense security pattern. Written once, in the same step
// as the card; never printed again: write() refuses an existing file, and a mailer whose card failed is destroy()ed.
//
// Rendering needs a QGuiApplication (Qt's font database lives there; a QCoreApplication cannot lay out text). No
// display is needed: with QT_QPA_PLATFORM=offscreen (or `-platform offscreen`) it runs anywhere, the CLI included.
// The Chinese text needs a CJK font (fonts-noto-cjk, scripts/deps.sh), embedded in the PDF as a subset.
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <stdexcept>
#include <string>
#include <vector>

namespace carddesk {

// Writing or destroying a mailer failed; the message names the file, never a PIN.
struct PinMailerError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct PinMailerUser {
    int number = 0;  // 1..8
    QString name;    // the user's name as on the card
    std::string pin; // decimal digits; wiped on destruction

    PinMailerUser() = default;
    // Copies `pin` (a move would leave the digits in the source's short-string buffer); the caller wipes its own.
    PinMailerUser(int number, QString name, const std::string& pin);
    PinMailerUser(const PinMailerUser& o);
    PinMailerUser& operator=(const PinMailerUser& o);
    ~PinMailerUser();
};

struct PinMailerPage {
    QString issuer;       // the issuer's name, the letter's header and sender line
    QString templateName; // the card template, printed small for the issuer's own reference
    QString holderName;
    QStringList address; // the postal address without the name, 1 to 5 lines (the envelope's window)
    QString cardNumber;  // the full number; printed masked, its last 4 digits only
    QString batchId;     // empty for a single card
    int batchRow = 0;    // 1-based row of the batch
    std::vector<PinMailerUser> users;
};

class PinMailer {
    Q_DECLARE_TR_FUNCTIONS(PinMailer)
public:
    // Renders `page` to `pdfPath`, atomically and durably: a temporary file (mode 0600) in the same folder, fsync,
    // a rename that never replaces an existing file, fsync of the folder. Throws PinMailerError (1 to 8 users with
    // PINs of 4 to 12 digits, a name and 1 to 5 address lines needed; folder missing, disk full, file already there,
    // no QGuiApplication) and then leaves no file behind.
    static void write(const PinMailerPage& page, const QString& pdfPath);
    // Overwrites the mailer with zeros, fsyncs and removes it, and so any temporary file an interrupted write() left
    // for it. Nothing to do when there is none. Throws PinMailerError when the file stays.
    static void destroy(const QString& pdfPath);
    // "**** **** **** **** 0001": every digit but the last 4 masked, in groups of 4 counted from the end.
    static QString maskedCardNumber(const QString& cardNumber);
};

} // namespace carddesk
