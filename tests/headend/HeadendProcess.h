#pragma once
// The real carddesk-headend process for the tests: started on port 0 with a temporary data directory (and
// PostgreSQL under the `postgres` fixture), talked to over HTTPS with its own certificate pinned, killed and
// restarted at will. Also the gateway's relay of the three-party authentication between it and a card.
#include "HeadendTestSupport.h"
#include "support/DevelopmentToken.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QTemporaryDir>

namespace hdtest {

// The shared set-up token the headend is started with: it only issues the first admin credential (issue 13).
inline constexpr const char* kAdminToken = "test-admin-token-7f3a";
// The operator every suite acts as: one credential with every role, issued with the set-up token at first start.
inline constexpr const char* kTestOperator = "test-operator";

struct Reply {
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray nextCursor; // the histories' X-Next-Cursor header (issue 15)
    QString code() const { return json.value(QStringLiteral("error")).toString(); }
};

inline QString hexq(const cdos::Bytes& b) {
    return QString::fromStdString(cdos::toHex(b));
}

inline cdos::Bytes bytesq(const QJsonValue& v) {
    return cdos::fromHex(v.toString().toStdString()).value_or(cdos::Bytes{});
}

class HeadendProcess {
public:
    ~HeadendProcess() { stop(); }

    // Under the ctest fixture `postgres` (scripts/pg-env.sh): a fresh PostgreSQL database. Returns false on error.
    bool usePostgresIfAsked() {
        const QString pgDir = qEnvironmentVariable("CARDDESK_TEST_PG_ENV_DIR");
        if (pgDir.isEmpty())
            return true;
        QFile urlFile(pgDir + QStringLiteral("/url"));
        if (!urlFile.open(QIODevice::ReadOnly))
            return false;
        const QUrl admin(QString::fromLatin1(urlFile.readAll().trimmed()));
        const QString name = QStringLiteral("headend_test_%1").arg(QDateTime::currentMSecsSinceEpoch());
        bool ok = false;
        {
            QSqlDatabase pg = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-admin"));
            pg.setHostName(admin.host());
            pg.setPort(admin.port());
            pg.setUserName(admin.userName());
            pg.setDatabaseName(QStringLiteral("postgres"));
            ok = pg.open() && QSqlQuery(pg).exec(QStringLiteral("CREATE DATABASE ") + name);
            pg.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pg-admin"));
        QUrl url = admin;
        url.setPath(QLatin1Char('/') + name);
        // CARDDESK_TEST_PG_PARTITIONS (issue 15): the card tables hash-partitioned by card, as distributed.
        if (const QString n = qEnvironmentVariable("CARDDESK_TEST_PG_PARTITIONS"); !n.isEmpty())
            url.setQuery(QStringLiteral("partitions=") + n);
        database = url.toString();
        return ok;
    }

    // A connection of the test's own to the headend's database (SQLite file or PostgreSQL), to look at the schema
    // or fill it; the caller removes it with QSqlDatabase::removeDatabase(name).
    QSqlDatabase openDatabase(const QString& name) const {
        QSqlDatabase d;
        if (database.isEmpty()) {
            d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            d.setDatabaseName(QDir(dataDir()).filePath(QStringLiteral("headend.sqlite")));
            d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        } else {
            const QUrl url(database);
            d = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            d.setHostName(url.host());
            d.setPort(url.port());
            d.setUserName(url.userName());
            d.setDatabaseName(url.path().mid(1));
        }
        d.open();
        return d;
    }

    QStringList dbArgs() const {
        QStringList a{QStringLiteral("--data-dir"), dataDir()};
        if (!database.isEmpty())
            a << QStringLiteral("--database") << database;
        return a;
    }

    // Starts the headend and waits for its "listening on https://…" line; returns false (with `error`) otherwise.
    bool start(int sessionSeconds = 3) {
        // CARDDESK_TEST_TOKEN: the headend takes its keys from a SoftHSM2 token with the development keys (issue 13)
        // instead of the development key file; every check of the suite must hold the same.
        QString keystore = QString::fromStdString(cdtest::devKeyStorePath());
        if (qEnvironmentVariableIsSet("CARDDESK_TEST_TOKEN")) {
            if (!token) {
                token = std::make_unique<cdtest::DevelopmentToken>();
                if (const QString problem = token->make(); !problem.isEmpty()) {
                    error = QStringLiteral("development token: ") + problem;
                    return false;
                }
            }
            keystore = QString::fromLatin1(cdtest::DevelopmentToken::kUri);
        }
        process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CARDDESK_KEYSTORE_PASSPHRASE"), QString::fromLatin1(cdtest::kDevPassphrase));
        env.insert(QStringLiteral("CARDDESK_HEADEND_ADMIN_TOKEN"), QString::fromLatin1(kAdminToken));
        for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
            env.insert(it.key(), it.value());
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(CARDDESK_HEADEND_BIN),
                       QStringList{QStringLiteral("--keystore"), keystore, QStringLiteral("--port"),
                                   QStringLiteral("0"), QStringLiteral("--session-seconds"),
                                   QString::number(sessionSeconds)} +
                           dbArgs() + serveArgs);
        if (!process->waitForStarted())
            return false;
        QByteArray line;
        for (int i = 0; i < 200 && !line.contains('\n'); ++i) {
            process->waitForReadyRead(100);
            line += process->readAllStandardOutput();
            if (process->state() != QProcess::Running) {
                error = process->readAllStandardError();
                return false;
            }
        }
        const qsizetype at = line.indexOf("https://");
        if (at < 0)
            return false;
        if (token && !line.contains("keys: PKCS#11 token CardDesk development")) {
            error = QStringLiteral("the headend did not take the token's keys: ") + QString::fromUtf8(line);
            return false;
        }
        base = QString::fromLatin1(line.mid(at, line.indexOf(' ', at) - at));
        QFile cert(QDir(dataDir()).filePath(QStringLiteral("tls-cert.pem")));
        if (!cert.open(QIODevice::ReadOnly))
            return false;
        // Pinned: only the headend's own certificate is trusted, and the host name is checked against it.
        tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromData(cert.readAll(), QSsl::Pem));
        net = std::make_unique<QNetworkAccessManager>();
        return operatorToken.isEmpty() && issueCredentialAtStart ? issueFirstCredential() : true;
    }

    // The first set-up (docs/headend-operators.md): the shared token issues one admin credential, here with every
    // role, which every later administration request of the suite carries (admin = true).
    bool issueFirstCredential() {
        QNetworkRequest req(QUrl(base + QStringLiteral("/v1/admin/credentials/issue")));
        req.setSslConfiguration(tls);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        req.setRawHeader("X-Admin-Token", kAdminToken);
        const QJsonObject body{
            {QStringLiteral("operator"), QString::fromLatin1(kTestOperator)},
            {QStringLiteral("roles"), QJsonArray{QStringLiteral("desk"), QStringLiteral("technician"),
                                                 QStringLiteral("support"), QStringLiteral("admin")}},
            {QStringLiteral("validDays"), 30}};
        const Reply r = finish(net->post(req, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        operatorToken = r.json.value(QStringLiteral("token")).toString();
        if (r.status != 200 || operatorToken.isEmpty()) {
            error = QStringLiteral("the first admin credential was refused: %1 %2")
                        .arg(r.status)
                        .arg(QString::fromUtf8(r.body));
            return false;
        }
        return true;
    }

    void kill() {
        if (process && process->state() != QProcess::NotRunning) {
            process->kill(); // SIGKILL
            process->waitForFinished(5000);
        }
    }

    // SIGTERM, then SIGKILL after 5 s. Returns everything the process printed.
    QByteArray stop() {
        if (!process)
            return {};
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(5000))
                process->kill();
            process->waitForFinished(2000);
        }
        const QByteArray out = process->readAllStandardOutput() + process->readAllStandardError();
        process.reset();
        return out;
    }

    bool runTool(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(CARDDESK_HEADEND_BIN), args + dbArgs());
        return p.waitForFinished(20000) && p.exitCode() == 0;
    }

    QNetworkReply* sendAsync(const QByteArray& method, const QString& path, const QByteArray& body,
                             const QString& token = {}, const QByteArray& contentType = "application/json",
                             bool admin = false) {
        QNetworkRequest req(QUrl(base + path));
        req.setSslConfiguration(tls);
        if (!body.isNull())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        if (admin)
            req.setRawHeader("X-Operator-Token", operatorToken.toLatin1());
        return net->sendCustomRequest(req, method, body);
    }

    // A request with exactly these extra headers (an operator credential of the test's own, the set-up token ...).
    Reply sendWith(const QByteArray& method, const QString& path, const QByteArray& body,
                   const QList<std::pair<QByteArray, QByteArray>>& headers) {
        QNetworkRequest req(QUrl(base + path));
        req.setSslConfiguration(tls);
        if (!body.isNull())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto& [name, value] : headers)
            req.setRawHeader(name, value);
        return finish(net->sendCustomRequest(req, method, body));
    }

    static Reply finish(QNetworkReply* r) {
        QSignalSpy done(r, &QNetworkReply::finished);
        if (!r->isFinished())
            done.wait(20000);
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = r->error();
        out.body = r->readAll();
        out.nextCursor = r->rawHeader("X-Next-Cursor");
        out.json = QJsonDocument::fromJson(out.body).object();
        r->deleteLater();
        return out;
    }

    Reply send(const QByteArray& method, const QString& path, const QByteArray& body, const QString& token = {},
               const QByteArray& contentType = "application/json", bool admin = false) {
        return finish(sendAsync(method, path, body, token, contentType, admin));
    }
    Reply post(const QString& path, const QJsonObject& o, const QString& token = {}, bool admin = false) {
        return send("POST", path, QJsonDocument(o).toJson(QJsonDocument::Compact), token, "application/json", admin);
    }
    Reply getAdmin(const QString& path) { return send("GET", path, QByteArray(), {}, {}, true); }

    qint64 bankBalance(const QString& account) {
        return getAdmin(QStringLiteral("/v1/admin/bank/accounts/") + account)
            .json.value(QStringLiteral("balance"))
            .toInteger(-1);
    }

    // The gateway's part: relays between the headend and the card. Returns the last headend reply (the session on
    // success) and the card's final status word (0 when the headend refused).
    std::pair<Reply, std::uint16_t> authenticate(IssuedCard& card) {
        return authenticate([&card](const cdos::CommandApdu& c) { return card.tx(c); });
    }
    // The same with any card: in process, or over PC/SC.
    std::pair<Reply, std::uint16_t> authenticate(const cdos::Transmit& tx) {
        namespace auth = cdos::auth;
        const Reply init = post(QStringLiteral("/v1/auth/init"), {});
        const QString id = init.json.value(QStringLiteral("authId")).toString();
        const auto a1 = tx(auth::authInit(bytesq(init.json.value(QStringLiteral("random")))));
        const Reply r2 =
            post(QStringLiteral("/v1/auth/card"),
                 {{QStringLiteral("authId"), id}, {QStringLiteral("cardNumberCryptogram"), hexq(a1.data)}});
        if (r2.status != 200)
            return {r2, 0};
        const auto a2 = tx(auth::authenticate(bytesq(r2.json.value(QStringLiteral("random")))));
        const Reply r3 =
            post(QStringLiteral("/v1/auth/verify"),
                 {{QStringLiteral("authId"), id}, {QStringLiteral("personalDataCryptogram"), hexq(a2.data)}});
        if (r3.status != 200)
            return {r3, 0};
        const auto a3 = tx(auth::authResult(bytesq(r3.json.value(QStringLiteral("cardNumberCryptogram")))));
        if (a3.sw == 0x9000)
            rememberSessionKey(bytesq(init.json.value(QStringLiteral("random"))), a1.data,
                               bytesq(r2.json.value(QStringLiteral("random"))), a2.data);
        return {r3, a3.sw};
    }

    // The card's signed permission grant for the last authenticated session, computed as the card computes it
    // (the test knows the development keys): what a gateway forwards from the card's DISPLAY TEXT.
    QJsonObject grant(std::uint8_t user, std::uint8_t entry, std::uint32_t permission) const {
        const cdos::Bytes mac = cdos::auth::grantMac(sessionKey.bytes(), sessionCardNumber, user, entry, permission);
        return {{QStringLiteral("user"), user},
                {QStringLiteral("entry"), entry},
                {QStringLiteral("permission"), qint64(permission)},
                {QStringLiteral("mac"), hexq(mac)}};
    }

    // Enrols the card with its own holder data (CLI) and authenticates it; the session token or "".
    QString enrolAndAuthenticate(IssuedCard& card) {
        const auto& h = card.profile.holder;
        const QJsonObject holder{{QStringLiteral("userNumber"), QString::fromStdString(h.userNumber)},
                                 {QStringLiteral("account"), QString::fromStdString(h.account)},
                                 {QStringLiteral("name"), QString::fromStdString(h.name)}};
        if (!runTool({QStringLiteral("enrol"), QStringLiteral("--card-number"), hexq(card.profile.info.cardNumber),
                      QStringLiteral("--holder-json"),
                      QString::fromUtf8(QJsonDocument(holder).toJson(QJsonDocument::Compact))}))
            return {};
        auto [reply, sw] = authenticate(card);
        return sw == 0x9000 ? reply.json.value(QStringLiteral("sessionToken")).toString() : QString();
    }

    // From the relayed cryptograms with the development keys: the session key both the card and the headend hold.
    void rememberSessionKey(const cdos::Bytes& r1, const cdos::Bytes& numberCryptogram, const cdos::Bytes& r2,
                            const cdos::Bytes& personalCryptogram) {
        namespace auth = cdos::auth;
        const auto keys = openDevKeys();
        const auto number =
            auth::decryptCardNumber(keys->cardKey("TRANSPORT", r1)->reveal("test").bytes(), numberCryptogram);
        if (!number)
            return;
        const cdos::SecretBytes cak = keys->cardKey("CARD_AUTH", cdos::asnOf(*number))->reveal("test");
        const cdos::SecretBytes apk = auth::processKey(cak.bytes(), r2);
        const auto personal = auth::decryptPersonalData(apk.bytes(), personalCryptogram);
        if (!personal)
            return;
        sessionKey = auth::sessionKey(apk.bytes(), personal->cardRandom);
        sessionCardNumber = *number;
    }

    cdos::SecretBytes sessionKey;
    cdos::Bytes sessionCardNumber;
    QTemporaryDir dir;
    // Several headends as one (issue 15): the data directory (TLS identity) of the first, shared.
    QString sharedDataDir;
    QString dataDir() const { return sharedDataDir.isEmpty() ? dir.path() : sharedDataDir; }
    QStringList serveArgs;           // more options of `serve` (--app-keys …)
    QMap<QString, QString> extraEnv; // more environment (CARDDESK_HEADEND_CRASH_AT …)
    QString database, base, error;
    QString operatorToken;              // the suite's credential (every role), from the first set-up
    bool issueCredentialAtStart = true; // false: a test of the first set-up itself
    QSslConfiguration tls;
    std::unique_ptr<QProcess> process;
    std::unique_ptr<QNetworkAccessManager> net;
    std::unique_ptr<cdtest::DevelopmentToken> token;
};

// The headend process and the calls a suite makes on it, for suites that talk to one headend (TestHeadendServer,
// TestHeadendPurse): `class TestX : public QObject, public hdtest::HeadendSuite`.
struct HeadendSuite {
    HeadendProcess m_hd;
    std::unique_ptr<cdos::KeyStore> m_keys;

    Reply send(const QByteArray& method, const QString& path, const QByteArray& body, const QString& token = {},
               const QByteArray& contentType = "application/json", bool admin = false) {
        return m_hd.send(method, path, body, token, contentType, admin);
    }
    Reply post(const QString& path, const QJsonObject& o, const QString& token = {}, bool admin = false) {
        return m_hd.post(path, o, token, admin);
    }
    std::pair<Reply, std::uint16_t> authenticate(IssuedCard& card) { return m_hd.authenticate(card); }
    QString enrolAndAuthenticate(IssuedCard& card) { return m_hd.enrolAndAuthenticate(card); }
    qint64 bankBalance(const QString& account) { return m_hd.bankBalance(account); }
};

} // namespace hdtest
