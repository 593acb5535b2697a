#include "carddesk/cardio/CardError.h"

#include "carddesk/cardio/link/Error.h"

#include <pcsclite.h>
#include <winscard.h>

namespace carddesk {

CardError::CardError(Kind kind, const QString& message, long pcscCode, const QString& detail)
    : std::runtime_error(message.toStdString()), m_kind(kind), m_message(message), m_pcscCode(pcscCode),
      m_detail(detail.isEmpty() && pcscCode != 0 ? pcscCodeText(pcscCode) : detail) {}

QString CardError::pcscCodeText(long rv) {
    const QString name = QString::fromStdString(pcsc::codeName(rv));
    return QStringLiteral("0x%1 %2%3")
        .arg(static_cast<quint32>(rv), 8, 16, QLatin1Char('0'))
        .arg(name.isEmpty() ? QString() : name + QStringLiteral(": "))
        .arg(QString::fromStdString(pcsc::codeText(rv)));
}

CardError CardError::fromPcsc(long rv, const QString& reader) {
    if (rv == SCARD_E_CANCELLED)
        return {Kind::Cancelled, tr("the card operation was cancelled"), rv};
    // The kinds are the PC/SC core's (pcsc::classify); only the words are the console's. The code and pcsc-lite's
    // English text go to detail() (the constructor), never into the sentence.
    switch (pcsc::classify(rv)) {
    case pcsc::Error::Kind::NoService:
        return {Kind::NoService, tr("PC/SC service not running"), rv};
    case pcsc::Error::Kind::UnknownReader:
        return {Kind::UnknownReader, tr("reader \"%1\" is not available").arg(reader), rv};
    case pcsc::Error::Kind::NoCard:
        return {Kind::NoCard, tr("no card in reader \"%1\"").arg(reader), rv};
    case pcsc::Error::Kind::CardGone:
        return {Kind::Removed, tr("the card was removed from reader \"%1\"").arg(reader), rv};
    case pcsc::Error::Kind::Reset:
        return {Kind::Reset, tr("the card in reader \"%1\" was reset by another program").arg(reader), rv};
    case pcsc::Error::Kind::SharingViolation:
        return {Kind::SharingViolation, tr("another program holds the card in reader \"%1\"").arg(reader), rv};
    case pcsc::Error::Kind::Unresponsive:
        return {Kind::Unresponsive, tr("the card in reader \"%1\" does not answer").arg(reader), rv};
    case pcsc::Error::Kind::Malformed:
    case pcsc::Error::Kind::Other:
        break;
    }
    if (reader.isEmpty())
        return {Kind::Other, tr("the PC/SC service reported an unexpected error"), rv};
    return {Kind::Other, tr("reader \"%1\" reported an unexpected error").arg(reader), rv};
}

} // namespace carddesk
