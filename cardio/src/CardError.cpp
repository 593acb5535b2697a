#include "carddesk/cardio/CardError.h"

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>

namespace carddesk {

QString CardError::pcscCodeText(long rv) {
    return QStringLiteral("0x%1 %2")
        .arg(static_cast<quint32>(rv), 8, 16, QLatin1Char('0'))
        .arg(QString::fromLatin1(pcsc_stringify_error(static_cast<LONG>(rv))));
}

CardError CardError::fromPcsc(long rv, const QString& reader) {
    const QString code = pcscCodeText(rv);
    switch (static_cast<LONG>(rv)) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
        return {Kind::NoService, tr("PC/SC service not running (%1)").arg(code), rv};
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
    case SCARD_E_NO_READERS_AVAILABLE:
        return {Kind::UnknownReader, tr("reader \"%1\" is not available (%2)").arg(reader, code), rv};
    case SCARD_E_NO_SMARTCARD:
        return {Kind::NoCard, tr("no card in reader \"%1\"").arg(reader), rv};
    case SCARD_W_REMOVED_CARD:
        return {Kind::Removed, tr("the card was removed from reader \"%1\"").arg(reader), rv};
    case SCARD_W_RESET_CARD:
        return {Kind::Reset, tr("the card in reader \"%1\" was reset by another program").arg(reader), rv};
    case SCARD_E_SHARING_VIOLATION:
        return {Kind::SharingViolation, tr("another program holds the card in reader \"%1\"").arg(reader), rv};
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_PROTO_MISMATCH:
        return {Kind::Unresponsive, tr("the card in reader \"%1\" does not answer (%2)").arg(reader, code), rv};
    case SCARD_E_CANCELLED:
        return {Kind::Cancelled, tr("the card operation was cancelled"), rv};
    default:
        if (reader.isEmpty())
            return {Kind::Other, tr("PC/SC error %1").arg(code), rv};
        return {Kind::Other, tr("PC/SC error on reader \"%1\": %2").arg(reader, code), rv};
    }
}

} // namespace carddesk
