#pragma once
// A failed PC/SC call: the pcsc-lite return value and what it means for the caller. Every client decides with the
// same Kind (classify) whether the card went away, is busy, or pcscd is not there.
#include <stdexcept>
#include <string>

namespace carddesk::pcsc {

class Error : public std::runtime_error {
public:
    enum class Kind {
        NoService,        // pcscd is not running (SCARD_E_NO_SERVICE / SCARD_E_SERVICE_STOPPED)
        UnknownReader,    // no reader of that name (or none at all)
        NoCard,           // the reader is empty (SCARD_E_NO_SMARTCARD on connect)
        CardGone,         // the card went away while in use
        Unresponsive,     // the card is there but does not answer
        Reset,            // another program reset the card: its state (selection, verified PIN) is gone
        SharingViolation, // another program holds the card exclusively
        Malformed,        // a command this layer refuses to send (shorter than 4 bytes)
        Other,
    };

    Error(Kind kind, long code, const std::string& what) : std::runtime_error(what), m_kind(kind), m_code(code) {}
    // "what: <pcsc-lite's text of code>" with the kind that classify() gives.
    Error(long code, const std::string& what);

    Kind kind() const { return m_kind; }
    // The SCARD_* return value behind the error, 0 when none.
    long code() const { return m_code; }

private:
    Kind m_kind;
    long m_code;
};

// The one mapping of a failing pcsc-lite return value to a Kind.
Error::Kind classify(long rv);
// pcsc-lite's text of a return value ("Card was removed.").
std::string codeText(long rv);
// The constant's name of a return value ("SCARD_W_REMOVED_CARD"), "" for a value pcsc-lite does not define.
std::string codeName(long rv);
// Throws Error(rv, what) unless rv is SCARD_S_SUCCESS.
void check(long rv, const char* what);

} // namespace carddesk::pcsc
