#pragma once
// Errors of card I/O with a translated message a person can act on ("the card was removed from reader X"), in words
// only, and apart from it the technical detail a technician looks for (the PC/SC code and pcsc-lite's English text):
// a tool tip, the trace, a log, the CLI's stderr — never the operator's sentence (issue 11).
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
        NotInTrace,       // a replayed trace has no recorded answer for the command (TraceReplayCard)
        Other,
    };

    // `detail` defaults to pcscCodeText(pcscCode) when there is a code.
    CardError(Kind kind, const QString& message, long pcscCode = 0, const QString& detail = {});

    Kind kind() const { return m_kind; }
    // Already translated, words only: no PC/SC code, no pcsc-lite text. Also what().
    QString message() const { return m_message; }
    // The SCARD_* return value behind the error, 0 when none.
    long pcscCode() const { return m_pcscCode; }
    // Technical, untranslated: "0x80100016 SCARD_E_NOT_TRANSACTED: Transaction failed."; empty when there is none.
    QString detail() const { return m_detail; }

    // "0x80100069 SCARD_W_REMOVED_CARD: Card was removed." — the technical text of a pcsc-lite return value.
    static QString pcscCodeText(long rv);
    // Maps a failing pcsc-lite return value to a CardError for the given reader ("" when not reader-specific).
    static CardError fromPcsc(long rv, const QString& reader);

private:
    Kind m_kind;
    QString m_message;
    long m_pcscCode;
    QString m_detail;
};

} // namespace carddesk
