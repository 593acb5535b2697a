#pragma once
// Everything the console shows about an inserted card, read in one job with GET DATA (no secure messaging,
// no PIN): ATR, life cycle, numbers, OS version, NVM, users with retry counters, menu, keys metadata, chip serial,
// and the conditional-access application's service-key versions (GET DATA C1) and rights (C2).
#include <carddesk/protocol/apdu/CardRecords.h>
#include <carddesk/protocol/ca/CaCommands.h>
#include <carddesk/protocol/crypto/KeyStore.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace carddesk {

class CardChannel;

struct CardSnapshot {
    Q_DECLARE_TR_FUNCTIONS(CardSnapshot)
public:
    QString reader;
    QByteArray atr;
    bool isCdos = false; // the card answered as a CardDesk COS card
    std::optional<cdos::LifeCycle> lifeCycle;
    QByteArray cardNumber;    // 10 bytes; empty on a blank card
    QByteArray issuerSerial;  // 8 bytes
    QByteArray productSerial; // 8 bytes
    QByteArray chipSerial;    // 8 bytes, fixed when the blank image was made
    QString osVersion;        // "CDOS 1.0"
    std::optional<cdos::NvmInfo> nvm;
    std::vector<cdos::UserStatus> users; // never PINs: the card does not report them
    std::vector<cdos::MenuEntry> menu;
    std::vector<cdos::KeyInfo> keys;                      // metadata only: the card never reports key values
    bool hasCa = false;                                   // the card has the conditional-access application (DF CA00)
    std::vector<cdos::ca::ServiceKeyVersion> serviceKeys; // CA_SERVICE_<id> and version: never values
    std::vector<cdos::ca::Entitlement> entitlements;      // every user's rights with their dates
    // Items that could not be read, in words ("menu: referenced data not found (6A88)"); expected on blank cards.
    QStringList unavailable;

    // Reads the snapshot through `channel` (runs on the owner thread inside a job). Throws CardError when the
    // card goes away; a refused GET DATA only adds to `unavailable`.
    // With the issuer's keys, the users and the menu of an issued card (which the card gives to no terminal
    // without authentication) are read under issuer secure messaging; without, they are listed as unavailable.
    static CardSnapshot read(CardChannel& channel, const cdos::IssuerKeys* issuerKeys = nullptr);

    // Stable JSON for carddesk-cli and exports: hex strings for bytes, names for enums; rights are marked
    // expired against `today` (default: today, UTC).
    QJsonObject toJson(const QDate& today = {}) const;
    // A right's state on `today`: -1 expired, 0 valid, 1 not yet valid.
    static int rightState(const cdos::ca::Entitlement& e, const QDate& today);
    // A YYYYMMDD value as a QDate (invalid when it is not a date).
    static QDate dateOf(quint32 yyyymmdd);
    // Translated multi-line summary for logs and tooltips.
    QString summary() const;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::CardSnapshot)
