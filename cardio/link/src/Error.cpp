#include "carddesk/cardio/link/Error.h"

#include <pcsclite.h>
#include <winscard.h>

namespace carddesk::pcsc {

Error::Error(long code, const std::string& what) : Error(classify(code), code, what + ": " + codeText(code)) {}

Error::Kind classify(long rv) {
    switch (static_cast<LONG>(rv)) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
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

void check(long rv, const char* what) {
    if (rv != SCARD_S_SUCCESS)
        throw Error(rv, what);
}

} // namespace carddesk::pcsc
