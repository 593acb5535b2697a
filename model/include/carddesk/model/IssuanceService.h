#pragma once
// Issues one card: template + holder file → cdos::CardProfile (keys diversified from a cdos::KeyStore), runs
// cdos::Personaliser and its verify() read-back on the reader's PC/SC owner thread, then records the card and
// its users (never PINs) in the database. Every step is journalled; a failed issuance records nothing as issued.
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/HolderFile.h"
#include "carddesk/model/KeyRing.h"

#include <carddesk/protocol/crypto/KeyStore.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QDate>
#include <QFuture>
#include <QMetaType>
#include <QObject>

#include <functional>
#include <memory>

namespace carddesk {

class CardChannel;
class CardReaderManager;
struct JobResult;
class Database;
class OperatorSession;

struct IssuanceError : std::runtime_error {
    explicit IssuanceError(const QString& message) : std::runtime_error(message.toStdString()), text(message) {}
    QString text; // translated
};

struct IssuanceRequest {
    QString reader;
    CardTemplate cardTemplate;
    HolderFile holder;
    QString operatorName; // empty or the logged-in operator (OperatorSession): nobody issues in another's name
    QString batchId;      // empty: a fresh "single-…" id (issue card); else a batch's (batch issue)
    int batchRow = 0;
    // A batch row resumed: the number it was given. A blank card with the chip serial that number was reserved
    // for (its personalisation was cut and undone) gets the same number again; any other card a new one.
    QString resumeCardNumber;
    // Called once the card has its number, before the first write to the card (the PIN mailer is written here,
    // docs/batch-issuance.md). A non-empty return (translated) fails the issuance; the card is not touched.
    std::function<QString(const QString& cardNumber)> beforeCardWrite;
};

struct IssuanceResult {
    bool ok = false;
    QString error;           // translated; empty on success; words only
    QString errorDetail;     // technical (PC/SC code and text) behind error, for a tool tip or stderr; often empty
    QString cardNumber;      // hex; set as soon as it is known
    QString chipSerial;      // hex, read back from the card
    QStringList differences; // verify() findings when the read-back did not match
    int apduCount = 0;
    qint64 cardId = 0; // database id of the recorded card
    QString batchId;
    int batchRow = 0;
    bool recovered = false; // an interrupted issuance of this card was completed in the database (no card writes)
    bool refused = false;   // the operator may not issue (error names the missing role); nothing was touched
    bool cardLost = false;  // the card or reader went away mid-way (CardError): the card may come back as it is
};

class IssuanceService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IssuanceService)
public:
    // The keys come from `keys`, the session's one key ring; without, the service keeps a ring of its own. Each
    // issuance is allowed by `operators` first (issue card, or batch issue for a request with a batch id).
    IssuanceService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                    QObject* parent = nullptr);
    IssuanceService(CardReaderManager& readers, Database& database, OperatorSession& operators,
                    QObject* parent = nullptr);
    ~IssuanceService() override;

    // The application-download CA key written to each card (PEM, public or pair): $CARDDESK_APP_CA_KEY, else the
    // development CA of resources/app-keys (ca-ec.pem). setAppCaKeyPath overrides it (console options, CLI).
    static QString defaultAppCaKeyPath();
    void setAppCaKeyPath(const QString& path) { m_appCaKeyPath = path; }
    QString appCaKeyPath() const { return m_appCaKeyPath.isEmpty() ? defaultAppCaKeyPath() : m_appCaKeyPath; }

    // Opens a key store into the key ring (empty arguments: KeyRing's defaults). Throws IssuanceError ("wrong
    // passphrase", "missing file"...).
    void openKeyStore(const QString& path = {}, const QString& passphrase = {});
    // Uses another key holder (an HSM connector, or a test double): the whole ring changes.
    void setIssuerKeys(std::shared_ptr<const cdos::IssuerKeys> keys);
    bool hasIssuerKeys() const { return m_ring->isOpen(); }
    // The open key holder (shared with every service of the ring), null when none is open.
    std::shared_ptr<const cdos::IssuerKeys> issuerKeys() const { return m_ring->keys(); }
    KeyRing& keyRing() { return *m_ring; }

    // The card profile of `holder` on `tmpl` with the given card number (20 hex digits); the template's relative
    // CA rights count from `issuedOn` (default: today, UTC). Throws IssuanceError listing every problem (template,
    // holder, PINs, users not in the template...).
    static cdos::CardProfile buildProfile(const CardTemplate& tmpl, const HolderFile& holder, const QString& cardNumber,
                                          const QDate& issuedOn = {});

    // Starts an issuance; progress() and finished() follow on this object's thread. The future carries the
    // same result. Only one issuance runs at a time per service.
    QFuture<IssuanceResult> issue(const IssuanceRequest& request);
    // Issues and waits, running a local event loop (CLI, tests).
    IssuanceResult issueAndWait(const IssuanceRequest& request);
    bool isBusy() const { return m_busy; }
    // A card job: its life cycle (-1 when it does not say), chip serial and card number (hex, empty when absent) as
    // a QVariantMap — what decides whether a card is issued, completed or refused (and a batch lane's choice).
    static QVariant probeCard(CardChannel& channel);

signals:
    void started(const QString& reader, const QString& cardNumber);
    // step from 0, of total; description translated.
    void progress(int step, int total, const QString& description);
    void finished(const carddesk::IssuanceResult& result);

private:
    struct Run;
    // The stages of issue(): probe the card, then personalise a blank one or record an interrupted one.
    void after(QFuture<QVariant> pending, std::function<void(const JobResult&)> next);
    void probed(const std::shared_ptr<Run>& run, const JobResult& job);
    void personalise(const std::shared_ptr<Run>& run, std::shared_ptr<cdos::CardProfile> profile);
    void recordInterrupted(const std::shared_ptr<Run>& run, const QString& cardNumber);
    void complete(const std::shared_ptr<Run>& run, const QByteArray& appKey, const QString& action);
    void deliver(const std::shared_ptr<Run>& run);

    CardReaderManager& m_readers;
    Database& m_db;
    OperatorSession& m_operators;
    KeyRing* m_ring;
    QString m_appCaKeyPath;
    bool m_busy = false;
    QFuture<QVariant> m_pending;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::IssuanceResult)
