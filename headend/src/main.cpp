// carddesk-headend: the operator's headend (docs/authentication.md, headend/openapi.yaml).
//   carddesk-headend [serve] --keystore FILE|pkcs11:token=LABEL [--production] [--data-dir DIR] [--database URL]
//                    [--listen ADDR] [--port N]
//   carddesk-headend enrol --card-number HEX20 --holder-json '{"userNumber":…,"account":…,"name":…}'
//   carddesk-headend block|unblock --card-number HEX20
//   carddesk-headend vod-add --title T --price FEN --programme-id N --valid-days D [--inactive]
//   carddesk-headend app-publish --dir resources/apps/bill-payment   (serve --app-keys DIR: application download)
//   carddesk-headend audit-verify   (the audit trail's hash chain recomputed; exit 0, or 1 naming the first break)
// The key store passphrase (or, for a PKCS#11 token, its user PIN) and the shared set-up token come from systemd
// credentials (files keystore-passphrase / token-pin and admin-token in $CREDENTIALS_DIRECTORY:
// installer/carddesk-headend.service) or else from the environment (CARDDESK_KEYSTORE_PASSPHRASE / CARDDESK_TOKEN_PIN,
// CARDDESK_HEADEND_ADMIN_TOKEN) — never from the command line, where other users could read them. The set-up token
// only issues the first admin credential (docs/headend-operators.md); the commands that change the database here
// (enrol, block, unblock, vod-add, app-publish) are audited as host:<user>.
#include "AppCatalogueService.h"
#include "AuthService.h"
#include "CrashPoint.h"
#include "HeadendAudit.h"
#include "HeadendServer.h"
#include "HistoryService.h"
#include "JsonApi.h"
#include "OperatorCredentials.h"
#include "VodService.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"
#include "carddesk/protocol/token/KeySource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <optional>

#include <pwd.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace carddesk::headend;

namespace {

int fail(const QString& message) {
    std::fprintf(stderr, "carddesk-headend: %s\n", qPrintable(message));
    return 2;
}

// A secret from the service manager's credential file NAME, else from the environment variable ENV (then removed
// from the environment, so nothing this process starts inherits it). Credentials never sit in /proc/PID/environ.
std::optional<std::string> secret(const char* name, const char* env) {
    const QString dir = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (!dir.isEmpty()) {
        QFile file(QDir(dir).filePath(QLatin1String(name)));
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray bytes = file.read(4096);
            while (bytes.endsWith('\n') || bytes.endsWith('\r'))
                bytes.chop(1);
            std::string value(bytes.constData(), static_cast<std::size_t>(bytes.size()));
            cdos::secureZero(bytes.data(), static_cast<std::size_t>(bytes.size()));
            return value;
        }
    }
    return cdos::SecretEnvironment::value(env); // taken out of the environment at start (SecretEnvironment.h)
}

// Who runs a command on the headend's host, for the audit: the effective user's login name.
QString hostOperator() {
    const passwd* pw = ::getpwuid(::geteuid());
    return QStringLiteral("host:") +
           (pw && pw->pw_name ? QString::fromLocal8Bit(pw->pw_name) : QString::number(::geteuid()));
}

// A host command's audit row (its exit code decides the result).
int audited(HeadendDatabase& db, const QString& action, const QString& card, const QString& detail, int rc) {
    AuditEntry e{hostOperator(),
                 QStringLiteral("host"),
                 action,
                 card,
                 rc == 0 ? QStringLiteral("ok") : QStringLiteral("failed: exit %1").arg(rc),
                 detail};
    HeadendAudit(db).append(e);
    return rc;
}

// Raises the soft limit on open files to the hard one; returns the limit now in force.
int raiseFileLimit() {
    rlimit l{};
    if (::getrlimit(RLIMIT_NOFILE, &l) != 0)
        return 1024;
    if (l.rlim_cur < l.rlim_max) {
        l.rlim_cur = l.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &l);
        ::getrlimit(RLIMIT_NOFILE, &l);
    }
    return static_cast<int>(std::min<rlim_t>(l.rlim_cur, 1 << 20));
}

} // namespace

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    cdos::SecretEnvironment::takeAll();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("carddesk-headend"));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("CardDesk headend: three-party authentication and payment host"));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("command"),
                            QStringLiteral("serve (default), enrol, block, unblock, vod-add, app-publish or "
                                           "audit-verify"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("data directory"),
                                     QStringLiteral("dir"));
    const QCommandLineOption database(
        QStringLiteral("database"), QStringLiteral("postgresql://user@host:port/db (default: SQLite in the data dir)"),
        QStringLiteral("url"));
    const QCommandLineOption keystore(QStringLiteral("keystore"),
                                      QStringLiteral("key store file, or a PKCS#11 URI pkcs11:token=LABEL"),
                                      QStringLiteral("file|uri"));
    const QCommandLineOption production(QStringLiteral("production"),
                                        QStringLiteral("refuse key files and the published development keys"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("address (127.0.0.1)"),
                                    QStringLiteral("addr"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port, 0 = any (8443)"),
                                  QStringLiteral("n"), QStringLiteral("8443"));
    const QCommandLineOption sessionSeconds(QStringLiteral("session-seconds"),
                                            QStringLiteral("lifetime of an authenticated session (900)"),
                                            QStringLiteral("s"), QStringLiteral("900"));
    const QCommandLineOption cardNumber(QStringLiteral("card-number"), QStringLiteral("card number, 20 hex digits"),
                                        QStringLiteral("hex"));
    const QCommandLineOption holderJson(QStringLiteral("holder-json"), QStringLiteral("holder data as JSON"),
                                        QStringLiteral("json"));
    const QCommandLineOption serviceAccount(
        QStringLiteral("service-account"),
        QStringLiteral("the operator's service account at the bank (CARDDESK-SERVICE)"), QStringLiteral("account"),
        QStringLiteral("CARDDESK-SERVICE"));
    const QCommandLineOption workers(QStringLiteral("workers"),
                                     QStringLiteral("threads for authentication and payments, each with its own "
                                                    "database connection (8)"),
                                     QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption handshakeSeconds(
        QStringLiteral("handshake-seconds"),
        QStringLiteral("how long a connection may take over its TLS handshake before it is closed (10)"),
        QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption perClient(QStringLiteral("max-per-client"),
                                       QStringLiteral("connections, and authentications in progress, one client "
                                                      "address may hold at once (64; raise behind a carrier NAT)"),
                                       QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        QStringLiteral("connections at once, all clients (4096); past that a new one closes the connection quiet "
                       "longest"),
        QStringLiteral("n"), QStringLiteral("4096"));
    p.addOptions({dataDir, database, keystore, production, listen, port, sessionSeconds, cardNumber, holderJson,
                  serviceAccount, workers, perClient, handshakeSeconds, maxConnections});
    VodService::addOptions(p);
    AppCatalogueService::addOptions(p);
    p.process(app);

    const QString command = p.positionalArguments().value(0, QStringLiteral("serve"));
    const QString dir =
        p.isSet(dataDir) ? p.value(dataDir) : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(dir))
        return fail(QStringLiteral("cannot create the data directory %1").arg(dir));
    try {
        HeadendDatabase db;
        db.open(p.isSet(database) ? p.value(database) : QDir(dir).filePath(QStringLiteral("headend.sqlite")));

        if (command == QLatin1String("audit-verify"))
            return runAuditVerify(db);
        if (command == QLatin1String("vod-add"))
            return audited(db, QStringLiteral("put VOD title"), {},
                           QStringLiteral("vod-add %1").arg(p.positionalArguments().mid(1).join(QLatin1Char(' '))),
                           VodService::runCommand(db, p));
        if (command == QLatin1String("app-publish"))
            return audited(db, QStringLiteral("publish application"), {},
                           QStringLiteral("app-publish --dir %1").arg(p.value(QStringLiteral("dir"))),
                           AppCatalogueService::runPublish(db, p));
        if (command == QLatin1String("enrol") || command == QLatin1String("block") ||
            command == QLatin1String("unblock")) {
            // Enrolment needs no keys: the key store is opened only to serve.
            cdos::KeyStore none;
            AuthService auth(none, db, 0);
            const auto number = cdos::fromHex(p.value(cardNumber).toStdString());
            if (!number || number->size() != 10)
                return fail(QStringLiteral("--card-number must be 20 hex digits"));
            if (command != QLatin1String("enrol")) {
                {
                    DbTransaction tx(db);
                    auth.setCardBlocked(hex(*number), command == QLatin1String("block"));
                    audited(db, QStringLiteral("set card status"), hex(*number),
                            command == QLatin1String("block") ? QStringLiteral("blocked") : QStringLiteral("active"),
                            0);
                    tx.commit();
                }
                std::printf("card %s %sed\n", cdos::toHex(*number).c_str(), qPrintable(command));
                return 0;
            }
            const QJsonObject h = QJsonDocument::fromJson(p.value(holderJson).toUtf8()).object();
            const cdos::HolderData holder = AuthService::holderFromJson(h);
            {
                DbTransaction tx(db);
                std::printf("%s\n", qPrintable(auth.enrol(*number, holder)));
                audited(db, QStringLiteral("enrol card"), hex(*number),
                        QStringLiteral("subscriber %1").arg(QString::fromStdString(holder.userNumber)), 0);
                tx.commit();
            }
            if (p.isSet(QStringLiteral("app-identity-json"))) {
                DbTransaction tx(db);
                AppCatalogueService::enrolIdentity(db, p, hex(*number));
                audited(db, QStringLiteral("record card application identity"), hex(*number), {}, 0);
                tx.commit();
            }
            return 0;
        }
        if (command != QLatin1String("serve"))
            return fail(QStringLiteral("unknown command %1").arg(command));
        if (!p.isSet(keystore))
            return fail(QStringLiteral("--keystore is required to serve"));
        const std::string source = p.value(keystore).toStdString();
        const bool token = cdos::isPkcs11Uri(source);
        if (p.isSet(production) && !token)
            return fail(QStringLiteral("--production takes the keys from a PKCS#11 token only (pkcs11:token=LABEL)"));
        std::optional<std::string> given = token ? secret("token-pin", "CARDDESK_TOKEN_PIN")
                                                 : secret("keystore-passphrase", "CARDDESK_KEYSTORE_PASSPHRASE");
        if (!given)
            return fail(token ? QStringLiteral("give the token's user PIN in CARDDESK_TOKEN_PIN or as the systemd "
                                               "credential token-pin")
                              : QStringLiteral("give the key store's passphrase in CARDDESK_KEYSTORE_PASSPHRASE or as "
                                               "the systemd credential keystore-passphrase"));
        std::string passphrase = std::move(*given);
        const std::shared_ptr<const cdos::IssuerKeys> heldKeys = cdos::openIssuerKeys(source, passphrase);
        cdos::secureZero(passphrase.data(), passphrase.size());
        const cdos::IssuerKeys& keys = *heldKeys;
        if (p.isSet(production))
            if (const auto development = cdos::developmentKeysIn(keys); !development.empty())
                return fail(QStringLiteral("--production refuses the published development keys: %1")
                                .arg(QString::fromStdString(development.front())));
        // The tests' kill at a named step (issue 16); a production headend never carries one.
        if (const QString crashAt = qEnvironmentVariable("CARDDESK_HEADEND_CRASH_AT"); !crashAt.isEmpty()) {
            if (p.isSet(production))
                return fail(QStringLiteral("--production refuses CARDDESK_HEADEND_CRASH_AT (a test hook)"));
            if (const QString problem = armCrashPoint(crashAt); !problem.isEmpty())
                return fail(problem);
        }
        for (const char* needed : {"TRANSPORT", "CARD_AUTH", "PURCHASE", "LOAD", "TAC"})
            if (!keys.contains(needed))
                return fail(QStringLiteral("the key store has no %1 master key").arg(QLatin1String(needed)));

        AuthService auth(keys, db, p.value(sessionSeconds).toInt());
        auth.setAttemptsPerClient(std::clamp(p.value(perClient).toInt(), 1, 100000));
        PaymentService payments(keys, db);
        SandboxBank bank(db);
        const QString service = p.value(serviceAccount);
        if (bank.balance(service) < 0)
            bank.setAccount(service, 0);
        LoadService loads(keys, db, bank, service);
        ServerOptions options;
        options.address = QHostAddress(p.value(listen));
        options.port = static_cast<quint16>(p.value(port).toUInt());
        QByteArray setupToken;
        if (std::optional<std::string> token = secret("admin-token", "CARDDESK_HEADEND_ADMIN_TOKEN")) {
            setupToken = QByteArray::fromStdString(*token);
            cdos::secureZero(token->data(), token->size());
        }
        options.workers = std::clamp(p.value(workers).toInt(), 1, 64);
        options.maxConnectionsPerClient = std::clamp(p.value(perClient).toInt(), 1, 100000);
        options.gate.handshakeTimeoutMs = std::clamp(p.value(handshakeSeconds).toInt(), 1, 600) * 1000;
        // Every connection is a descriptor: as many as the hard limit allows, and the cap below what is left.
        const int descriptors = raiseFileLimit();
        options.gate.maxConnections = std::clamp(p.value(maxConnections).toInt(), 16, std::max(16, descriptors - 256));
        if (options.gate.maxConnections < p.value(maxConnections).toInt())
            std::fprintf(stderr,
                         "carddesk-headend: --max-connections lowered to %d (the file descriptor limit is %d)\n",
                         options.gate.maxConnections, descriptors);
        options.gate.maxHandshakes = std::min(options.gate.maxHandshakes, options.gate.maxConnections);
        options.serialiseDatabase = db.driverName() == QLatin1String("QSQLITE");
        HeadendAudit audit(db);
        OperatorCredentials credentials(db, audit);
        OperatorGate gate(db, credentials, audit, std::move(setupToken));
        HeadendServer server(auth, payments, loads, &bank, gate, options);
        credentials.registerRoutes(server);
        audit.registerRoutes(server);
        VodService vod(db, payments);
        vod.registerRoutes(server);
        HistoryService history(db);
        history.registerRoutes(server);
        AppCatalogueService apps(db, AppCatalogueService::authorities(p));
        apps.registerRoutes(server);
        const quint16 actual = server.start(TlsIdentity::loadOrCreate(dir));
        std::printf("carddesk-headend listening on https://%s:%u (database %s, schema %d, keys: %s)\n",
                    qPrintable(options.address.toString()), actual, qPrintable(db.driverName()), db.schemaVersion(),
                    keys.description().c_str());
        std::fflush(stdout);
        return QCoreApplication::exec();
    } catch (const ApiError& e) {
        return fail(QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }
}
