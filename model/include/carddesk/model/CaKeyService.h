#pragma once
// Conditional access at the desk: loads the key ring's (newer) version of a service key CA_SERVICE_<n> into an
// issued card under issuer secure messaging, on the reader's owner thread, and audits what was written. Key values
// never leave the key ring in clear: only the name, slot and versions are reported or recorded.
#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace carddesk {

class CardReaderManager;
class Database;
class KeyRing;
class OperatorSession;

struct CaKeyResult {
    bool ok = false;
    QString error;           // translated; empty on success
    QString errorDetail;     // technical (PC/SC code and text) behind error, for stderr; often empty
    bool usageError = false; // the key name is not CA_SERVICE_1..8: nothing was sent
    bool noService = false;  // PC/SC not running
    bool refused = false;    // the operators may not (role or dual control missing): nothing was sent
    QString reader, key;
    int slot = 0;
    int previousVersion = 0, version = 0;
    bool written = false; // false: the card already held this version
    int apduCount = 0;
    QJsonObject toJson() const;
};

class CaKeyService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaKeyService)
public:
    CaKeyService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                 QObject* parent = nullptr);

    // Empty when `name` is a service key name CA_SERVICE_1..8, else why not (translated).
    static QString checkKeyName(const QString& name);

    // The card in `reader` gets the ring's version of `keyName` when its own is older. Dual control (ca-key): the
    // logged-in operator needs the role, and a second operator's approval (OperatorSession::approve) taken by this
    // call; `operatorName` is empty or the logged-in operator. A write is audited under both names; a write the
    // database cannot record is reported as an error (the card holds the key).
    QFuture<CaKeyResult> loadServiceKey(const QString& reader, const QString& keyName, const QString& operatorName);

private:
    CardReaderManager& m_readers;
    Database& m_db;
    KeyRing& m_ring;
    OperatorSession& m_operators;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::CaKeyResult)
