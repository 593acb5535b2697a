#pragma once
// The console's application download work (docs/app-download.md): reads the card's application registry and NVM
// figures, pushes an install message (certificate E1 ‖ unit E2) block by block with progress, and pushes a delete
// certificate, all on the reader's PC/SC owner thread through cardio. For the issuer desk it also builds packages
// and delete certificates with cdos::appdl::AppProducer (the authorities' private keys stay in that object).
#include "carddesk/model/FutureWait.h"
#include <QCoreApplication>
#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>

namespace carddesk {

class CardReaderManager;
class Database;
class OperatorSession;

struct AppEntry {
    int slot = 0; // registry record 1..8
    QByteArray aid;
    quint16 version = 0;
    quint16 dfFid = 0;
    quint32 codeLength = 0, configLength = 0, dataLength = 0, ramBound = 0;
    quint32 dfStart = 0, dfEnd = 0; // NVM addresses, end exclusive
    QByteArray seed;                // for delete certificates; not a secret
    QJsonObject toJson() const;
};

struct AppCardState {
    QString reader;
    QString cardNumber, issuerSerial, productSerial; // hex
    quint32 nvmTotal = 0, nvmFree = 0;
    quint16 pageSize = 0;
    QList<AppEntry> apps;
    QString error;        // translated; empty on success
    QString errorDetail;  // technical (PC/SC code and text) behind error, for a tool tip or stderr; often empty
    bool refused = false; // the operator may not diagnose cards (error names the role); the card was not touched
    bool ok() const { return error.isEmpty(); }
    QJsonObject toJson() const;
};

struct AppOperationResult {
    bool ok = false;
    quint16 sw = 0;
    QString error;        // translated: names the failed check ("the certificate is for another card")
    QString errorDetail;  // technical (PC/SC code and text) behind error, for a tool tip or stderr; often empty
    bool refused = false; // the operator may not install / delete (error names the role); nothing was sent
    int blocks = 0;
    QByteArray seed; // install: the random seed the card made
    int slot = 0;    // install: the registry record
    QJsonObject toJson() const;
};

// What the issuer desk needs to build objects for one card.
struct AppPackageRequest {
    QString keyDir; // authorities' PEM files (resources/app-keys layout)
    QString kind = QStringLiteral("ec");
    QByteArray cardNumber, issuerSerial, productSerial; // raw bytes
    QByteArray cardPublicKey;                           // SubjectPublicKeyInfo DER
    QByteArray aid;
    quint16 version = 0x0100;
    quint32 nvmSize = 1024, ramSize = 64 * 1024;
    QByteArray code, config;
    QByteArray seed; // delete certificates only
};

class AppService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppService)
public:
    // `operators` allows each call: read needs diagnose, install app install, remove app delete.
    AppService(CardReaderManager& readers, Database& database, OperatorSession& operators, QObject* parent = nullptr);
    ~AppService() override;

    // Translated meaning of an application-download status word (9603 → "the certificate is for another card").
    static QString statusText(quint16 sw);
    // The development authorities (resources/app-keys).
    static QString defaultKeyDir();

    QFuture<AppCardState> read(const QString& reader);
    // `message`: certificate E1 ‖ unit E2, as carddesk-appcert package writes it. progress() per block.
    QFuture<AppOperationResult> install(const QString& reader, const QByteArray& message);
    QFuture<AppOperationResult> remove(const QString& reader, const QByteArray& deleteCertificate);
    bool isBusy() const { return m_busy > 0; }

    // Issuer desk, no card I/O. Throw std::runtime_error with the reason (bad key file, bad sizes...).
    static QByteArray buildInstallMessage(const AppPackageRequest& request);
    static QByteArray buildDeleteCertificate(const AppPackageRequest& request);

    template <typename T> static T wait(QFuture<T> future) { return waitForFuture(std::move(future)); }

signals:
    void busyChanged(bool busy);
    void progress(int block, int total);

private:
    QFuture<AppOperationResult> push(const QString& reader, const QByteArray& data, bool install);
    void setBusy(int delta);
    CardReaderManager& m_readers;
    Database& m_db;
    OperatorSession& m_operators;
    int m_busy = 0;
    QList<QFuture<QVariant>> m_pending;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::AppCardState)
Q_DECLARE_METATYPE(carddesk::AppOperationResult)
