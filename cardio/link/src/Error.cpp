#include "carddesk/cardio/link/Error.h"

#include <pcsclite.h>
#include <winscard.h>

namespace carddesk::pcsc {

Error::Error(long code, const std::string& what) : Error(classify(code), code, what + ": " + codeText(code)) {}

Error::Kind classify(long rv) {
    switch (static_cast<LONG>(rv)) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
    // pcsc-lite's client returns it when its socket to pcscd fails: a pcscd killed (its stale socket refuses the
    // connection) or gone mid-call (issue 16).
    case SCARD_F_COMM_ERROR:
        return Error::Kind::NoService;
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
    case SCARD_E_NO_READERS_AVAILABLE:
        return Error::Kind::UnknownReader;
    case SCARD_E_NO_SMARTCARD:
        return Error::Kind::NoCard;
    case SCARD_W_REMOVED_CARD:
        return Error::Kind::CardGone;
    case SCARD_W_RESET_CARD:
        return Error::Kind::Reset;
    case SCARD_E_SHARING_VIOLATION:
        return Error::Kind::SharingViolation;
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_PROTO_MISMATCH:
        return Error::Kind::Unresponsive;
    default:
        return Error::Kind::Other;
    }
}

std::string codeText(long rv) {
    return pcsc_stringify_error(static_cast<LONG>(rv));
}

std::string codeName(long rv) {
    // SCARD_E_UNSUPPORTED_FEATURE has the value of SCARD_E_UNEXPECTED in pcsc-lite: one name per value.
    static const struct {
        LONG code;
        const char* name;
    } names[] = {
        {SCARD_S_SUCCESS, "SCARD_S_SUCCESS"},
        {SCARD_F_INTERNAL_ERROR, "SCARD_F_INTERNAL_ERROR"},
        {SCARD_E_CANCELLED, "SCARD_E_CANCELLED"},
        {SCARD_E_INVALID_HANDLE, "SCARD_E_INVALID_HANDLE"},
        {SCARD_E_INVALID_PARAMETER, "SCARD_E_INVALID_PARAMETER"},
        {SCARD_E_INVALID_TARGET, "SCARD_E_INVALID_TARGET"},
        {SCARD_E_NO_MEMORY, "SCARD_E_NO_MEMORY"},
        {SCARD_F_WAITED_TOO_LONG, "SCARD_F_WAITED_TOO_LONG"},
        {SCARD_E_INSUFFICIENT_BUFFER, "SCARD_E_INSUFFICIENT_BUFFER"},
        {SCARD_E_UNKNOWN_READER, "SCARD_E_UNKNOWN_READER"},
        {SCARD_E_TIMEOUT, "SCARD_E_TIMEOUT"},
        {SCARD_E_SHARING_VIOLATION, "SCARD_E_SHARING_VIOLATION"},
        {SCARD_E_NO_SMARTCARD, "SCARD_E_NO_SMARTCARD"},
        {SCARD_E_UNKNOWN_CARD, "SCARD_E_UNKNOWN_CARD"},
        {SCARD_E_CANT_DISPOSE, "SCARD_E_CANT_DISPOSE"},
        {SCARD_E_PROTO_MISMATCH, "SCARD_E_PROTO_MISMATCH"},
        {SCARD_E_NOT_READY, "SCARD_E_NOT_READY"},
        {SCARD_E_INVALID_VALUE, "SCARD_E_INVALID_VALUE"},
        {SCARD_E_SYSTEM_CANCELLED, "SCARD_E_SYSTEM_CANCELLED"},
        {SCARD_F_COMM_ERROR, "SCARD_F_COMM_ERROR"},
        {SCARD_F_UNKNOWN_ERROR, "SCARD_F_UNKNOWN_ERROR"},
        {SCARD_E_INVALID_ATR, "SCARD_E_INVALID_ATR"},
        {SCARD_E_NOT_TRANSACTED, "SCARD_E_NOT_TRANSACTED"},
        {SCARD_E_READER_UNAVAILABLE, "SCARD_E_READER_UNAVAILABLE"},
        {SCARD_P_SHUTDOWN, "SCARD_P_SHUTDOWN"},
        {SCARD_E_PCI_TOO_SMALL, "SCARD_E_PCI_TOO_SMALL"},
        {SCARD_E_READER_UNSUPPORTED, "SCARD_E_READER_UNSUPPORTED"},
        {SCARD_E_DUPLICATE_READER, "SCARD_E_DUPLICATE_READER"},
        {SCARD_E_CARD_UNSUPPORTED, "SCARD_E_CARD_UNSUPPORTED"},
        {SCARD_E_NO_SERVICE, "SCARD_E_NO_SERVICE"},
        {SCARD_E_SERVICE_STOPPED, "SCARD_E_SERVICE_STOPPED"},
        {SCARD_E_UNEXPECTED, "SCARD_E_UNEXPECTED"},
        {SCARD_E_ICC_INSTALLATION, "SCARD_E_ICC_INSTALLATION"},
        {SCARD_E_ICC_CREATEORDER, "SCARD_E_ICC_CREATEORDER"},
        {SCARD_E_DIR_NOT_FOUND, "SCARD_E_DIR_NOT_FOUND"},
        {SCARD_E_FILE_NOT_FOUND, "SCARD_E_FILE_NOT_FOUND"},
        {SCARD_E_NO_DIR, "SCARD_E_NO_DIR"},
        {SCARD_E_NO_FILE, "SCARD_E_NO_FILE"},
        {SCARD_E_NO_ACCESS, "SCARD_E_NO_ACCESS"},
        {SCARD_E_WRITE_TOO_MANY, "SCARD_E_WRITE_TOO_MANY"},
        {SCARD_E_BAD_SEEK, "SCARD_E_BAD_SEEK"},
        {SCARD_E_INVALID_CHV, "SCARD_E_INVALID_CHV"},
        {SCARD_E_UNKNOWN_RES_MNG, "SCARD_E_UNKNOWN_RES_MNG"},
        {SCARD_E_NO_SUCH_CERTIFICATE, "SCARD_E_NO_SUCH_CERTIFICATE"},
        {SCARD_E_CERTIFICATE_UNAVAILABLE, "SCARD_E_CERTIFICATE_UNAVAILABLE"},
        {SCARD_E_NO_READERS_AVAILABLE, "SCARD_E_NO_READERS_AVAILABLE"},
        {SCARD_E_COMM_DATA_LOST, "SCARD_E_COMM_DATA_LOST"},
        {SCARD_E_NO_KEY_CONTAINER, "SCARD_E_NO_KEY_CONTAINER"},
        {SCARD_E_SERVER_TOO_BUSY, "SCARD_E_SERVER_TOO_BUSY"},
        {SCARD_W_UNSUPPORTED_CARD, "SCARD_W_UNSUPPORTED_CARD"},
        {SCARD_W_UNRESPONSIVE_CARD, "SCARD_W_UNRESPONSIVE_CARD"},
        {SCARD_W_UNPOWERED_CARD, "SCARD_W_UNPOWERED_CARD"},
        {SCARD_W_RESET_CARD, "SCARD_W_RESET_CARD"},
        {SCARD_W_REMOVED_CARD, "SCARD_W_REMOVED_CARD"},
        {SCARD_W_SECURITY_VIOLATION, "SCARD_W_SECURITY_VIOLATION"},
        {SCARD_W_WRONG_CHV, "SCARD_W_WRONG_CHV"},
        {SCARD_W_CHV_BLOCKED, "SCARD_W_CHV_BLOCKED"},
        {SCARD_W_EOF, "SCARD_W_EOF"},
        {SCARD_W_CANCELLED_BY_USER, "SCARD_W_CANCELLED_BY_USER"},
        {SCARD_W_CARD_NOT_AUTHENTICATED, "SCARD_W_CARD_NOT_AUTHENTICATED"},
    };
    for (const auto& n : names)
        if (n.code == static_cast<LONG>(rv))
            return n.name;
    return {};
}

void check(long rv, const char* what) {
    if (rv != SCARD_S_SUCCESS)
        throw Error(rv, what);
}

} // namespace carddesk::pcsc
