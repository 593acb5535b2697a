#include "carddesk/cardio/CardError.h"

#include "carddesk/cardio/link/Error.h"

#include <pcsclite.h>
#include <winscard.h>

namespace carddesk {

QString CardError::pcscCodeText(long rv) {
    return QStringLiteral("0x%1 %2")
        .arg(static_cast<quint32>(rv), 8, 16, QLatin1Char('0'))
        .arg(QString::fromStdString(pcsc::codeText(rv)));
}

CardError CardError::fromPcsc(long rv, const QString& reader) {
    const QString code = pcscCodeText(rv);
    if (rv == SCARD_E_CANCELLED)
        return {Kind::Cancelled, tr("the card operation was cancelled"), rv};
    // The kinds are the PC/SC core's (pcsc::classify); only the words are the console's.
    switch (pcsc::classify(rv)) {
    case pcsc::Error::Kind::NoService:
        return {Kind::NoService, tr("PC/SC service not running (%1)").arg(code), rv};
    case pcsc::Error::Kind::UnknownReader:
        return {Kind::UnknownReader, tr("reader \"%1\" is not available (%2)").arg(reader, code), rv};
    case pcsc::Error::Kind::NoCard:
        return {Kind::NoCard, tr("no card in reader \"%1\"").arg(reader), rv};
    case pcsc::Error::Kind::CardGone:
        return {Kind::Removed, tr("the card was removed from reader \"%1\"").arg(reader), rv};
    case pcsc::Error::Kind::Reset:
        return {Kind::Reset, tr("the card in reader \"%1\" was reset by another program").arg(reader), rv};
    case pcsc::Error::Kind::SharingViolation:
        return {Kind::SharingViolation, tr("another program holds the card in reader \"%1\"").arg(reader), rv};
    case pcsc::Error::Kind::Unresponsive:
        return {Kind::Unresponsive, tr("the card in reader \"%1\" does not answer (%2)").arg(reader, code), rv};
    case pcsc::Error::Kind::Malformed:
    case pcsc::Error::Kind::Other:
        break;
    }
    if (reader.isEmpty())
        return {Kind::Other, tr("PC/SC error %1").arg(code), rv};
    return {Kind::Other, tr("PC/SC error on reader \"%1\": %2").arg(reader, code), rv};
}

} // namespace carddesk
