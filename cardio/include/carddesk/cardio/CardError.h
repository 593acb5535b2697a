#pragma once
// Errors of card I/O with a translated message a person can act on ("the card was removed from reader X").
#include <QCoreApplication>
#include <QString>

#include <stdexcept>

namespace carddesk {

class CardError : public std::runtime_error {
    Q_DECLARE_TR_FUNCTIONS(CardError)
public:
    enum class Kind {
        NoService,        // pcscd is not running (SCARD_E_NO_SERVICE / SCARD_E_SERVICE_STOPPED)
        UnknownReader,    // no reader of that name (readers are chosen by name, never by position)
        NoCard,           // the reader is empty
        Removed,          // the card went away during the job (SCARD_W_REMOVED_CARD)
        Reset,            // the card was reset by another program twice in a row
        SharingViolation, // another program holds the card exclusively
        Unresponsive,     // the card does not answer to reset / mute card
        Protocol,         // a malformed exchange (for example an APDU shorter than 4 bytes)
        Cancelled,        // the manager shut down before or while the job ran
        Other,
    };

    CardError(Kind kind, const QString& message, long pcscCode = 0)
        : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message), m_pcscCode(pcscCode) {}

    Kind kind() const { return m_kind; }
    // Already translated.
    QString message() const { return m_message; }
    // The SCARD_* return value behind the error, 0 when none.
    long pcscCode() const { return m_pcscCode; }

    // "0x80100069 SCARD_W_REMOVED_CARD"-style technical text of a pcsc-lite return value.
    static QString pcscCodeText(long rv);
    // Maps a failing pcsc-lite return value to a CardError for the given reader ("" when not reader-specific).
    static CardError fromPcsc(long rv, const QString& reader);

private:
    Kind m_kind;
    QString m_message;
    long m_pcscCode;
};

} // namespace carddesk
