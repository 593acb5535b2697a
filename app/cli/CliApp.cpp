#include "CliApp.h"

#include <carddesk/cardio/ApduDecoder.h>
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/CardSnapshot.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/cardio/TraceReplayCard.h>
#include <carddesk/model/CardMailer.h>
#include <carddesk/model/CardTemplate.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/HolderFile.h>
#include <carddesk/model/IssuanceService.h>
#include <carddesk/model/KeyRing.h>
#include <carddesk/model/OperatorSession.h>
#include <carddesk/model/PurseService.h>

#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLibraryInfo>
#include <QLocale>
#include <QThread>
#include <QTranslator>

#include <cstdio>
#include <cstring>
#include <memory>

namespace carddesk {

namespace {

void writeErr(const QString& s) {
    const QByteArray b = s.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stderr);
    std::fflush(stderr);
}

QString serviceName(ServiceStatus s) {
    switch (s) {
    case ServiceStatus::Starting:
        return QStringLiteral("starting");
    case ServiceStatus::Running:
        return QStringLiteral("running");
    case ServiceStatus::NotRunning:
        return QStringLiteral("not-running");
    case ServiceStatus::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

} // namespace

int CliApp::openDatabase(ConsoleSession& session) {
    // The desk's default database is made on first use; any other location only with --create.
    if (const QString e = session.openDatabase(m_database, m_database.isEmpty() || m_createDatabase); !e.isEmpty())
        return fail(Failed, e);
    return Ok;
}

int CliApp::openDatabaseAndKeys(ConsoleSession& session) {
    if (const int rc = openDatabase(session); rc != Ok)
        return rc;
    return openKeys(session);
}

int CliApp::openKeys(ConsoleSession& session) {
    if (const QString e = session.keys().open(m_keystore); !e.isEmpty())
        return fail(Failed, e);
    return Ok;
}

int CliApp::fail(int code, const QString& message, const QString& detail) {
    writeErr(QStringLiteral("carddesk-cli: ") + message +
             (detail.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(detail)));
    return code;
}

void CliApp::printJson(const QJsonObject& o) {
    const QByteArray b = QJsonDocument(o).toJson(QJsonDocument::Indented);
    std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stdout);
    std::fflush(stdout);
}

void CliApp::printTrace(CardReaderManager& manager) {
    if (!m_trace)
        return;
    // Always the redacted form: the CLI has no way to turn reveal on.
    for (const auto& e : manager.traceLog()->entries())
        writeErr(e.toTextLine(false));
}

int CliApp::run(const QStringList& arguments) {
    // A password on the command line is readable by anyone on the machine (ps, /proc): refused by name, before
    // the parser calls it merely unknown.
    for (const QString& a : arguments.mid(1)) {
        static const QStringList kPasswordOptions{QStringLiteral("--password"), QStringLiteral("--second-password"),
                                                  QStringLiteral("--new-password"), QStringLiteral("-p")};
        const QString option = a.section(QLatin1Char('='), 0, 0);
        if (kPasswordOptions.contains(option) ||
            (option.startsWith(QLatin1String("--")) && option.endsWith(QLatin1String("password"))))
            return fail(Usage, tr("%1: a password is never taken on the command line (anyone on this machine could "
                                  "read it); use CARDDESK_OPERATOR_PASSWORD (CARDDESK_SECOND_OPERATOR_PASSWORD, "
                                  "CARDDESK_NEW_OPERATOR_PASSWORD) or type it at the prompt")
                                   .arg(option));
    }
    QCommandLineParser parser;
    const QList<Command> table = commands();
    QString description = tr("CardDesk command-line front end. Commands:\n");
    for (const Command& c : table)
        description += c.help;
    description +=
        tr("The key store passphrase comes from CARDDESK_KEYSTORE_PASSPHRASE (development default otherwise).\n"
           "Every command but readers and operator init/init-dev logs an operator in: the name from --operator or\n"
           "CARDDESK_OPERATOR, the password from CARDDESK_OPERATOR_PASSWORD or a prompt (never an option).\n"
           "Exit codes: 0 ok, 1 failed, 2 usage error, 3 PC/SC service not running, 4 reader or card not\n"
           "available, 5 not logged in (unknown name, wrong password, locked), 6 refused: the operator lacks the\n"
           "role or dual control was not satisfied (the message names the missing role).");
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), tr("readers, info, issue, purse, load or purchase"));
    const QCommandLineOption reader(QStringLiteral("reader"), tr("Reader name (as listed by \"readers\")."),
                                    tr("NAME"));
    const QCommandLineOption tmpl(QStringLiteral("template"), tr("Card template (JSON)."), tr("FILE"));
    const QCommandLineOption holder(QStringLiteral("holder"), tr("Holder file with the users' PINs (JSON)."),
                                    tr("FILE"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        tr("Card database: an SQLite file or postgresql://user@host/db (default: CARDDESK_DATABASE, else %1).")
            .arg(Database::defaultLocation()),
        tr("PATH"));
    const QCommandLineOption keystore(QStringLiteral("keystore"),
                                      tr("Issuer key store (default: %1).").arg(KeyRing::defaultPath()), tr("PATH"));
    const QCommandLineOption operatorOption(
        QStringLiteral("operator"),
        tr("The operator who logs in (default: CARDDESK_OPERATOR); the password comes from "
           "CARDDESK_OPERATOR_PASSWORD or the terminal."),
        tr("NAME"));
    const QCommandLineOption secondOperator(
        QStringLiteral("second-operator"),
        tr("Dual control: the second operator, whose password comes from CARDDESK_SECOND_OPERATOR_PASSWORD or the "
           "terminal."),
        tr("NAME"));
    const QCommandLineOption wait(QStringLiteral("wait"), tr("Wait up to this many seconds for a card."), tr("SECONDS"),
                                  QStringLiteral("0"));
    const QCommandLineOption trace(QStringLiteral("trace"), tr("Print the APDU trace (secrets redacted) to stderr."));
    const QCommandLineOption json(QStringLiteral("json"), tr("JSON output (the default; accepted for scripts)."));
    const QCommandLineOption amount(QStringLiteral("amount"), tr("Amount in fen (0.01 yuan)."), tr("FEN"));
    const QCommandLineOption pinUser(QStringLiteral("pin-user"),
                                     tr("Verify this user's payment PIN first (PIN from CARDDESK_PIN or stdin)."),
                                     tr("N"));
    const QCommandLineOption prove(QStringLiteral("prove"),
                                   tr("Also prove the last transaction (GET TRANSACTION PROVE, TAC checked)."));
    const QCommandLineOption create(QStringLiteral("create"),
                                    tr("Create the --database file when it does not exist (never done silently)."));
    const QCommandLineOption replay(
        QStringLiteral("replay"),
        tr("Add a replay reader, \"Replay: <file name>\", whose card answers from this saved APDU trace (JSON)."),
        tr("FILE"));
    parser.addOptions({reader, tmpl, holder, database, create, keystore, operatorOption, secondOperator, wait, trace,
                       json, amount, pinUser, prove, replay});
    addAppOptions(parser);
    addCaOptions(parser);
    addPinResetOptions(parser);
    addHeadendOptions(parser);
    addOperatorOptions(parser);
    addBatchOptions(parser);

    if (!parser.parse(arguments))
        return fail(Usage, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        const QByteArray b = parser.helpText().toUtf8();
        std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stdout);
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("carddesk-cli %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    // operator, audit, settings and key take what to do after them ("operator add", "settings production-mode on").
    static const QStringList kWithSubcommands{QStringLiteral("operator"), QStringLiteral("audit"),
                                              QStringLiteral("settings"), QStringLiteral("key"),
                                              QStringLiteral("batch")};
    if (positional.isEmpty() || (positional.size() > 1 && !kWithSubcommands.contains(positional.first())))
        return fail(Usage, positional.isEmpty()
                               ? tr("a command is needed: readers, info, issue, purse, load or purchase (see --help)")
                               : tr("one command at a time, got: %1").arg(positional.join(QLatin1Char(' '))));
    m_command = positional.first();
    m_subcommand = positional.mid(1);
    m_reader = parser.value(reader);
    m_template = parser.value(tmpl);
    m_holder = parser.value(holder);
    m_database = parser.isSet(database) ? parser.value(database) : qEnvironmentVariable("CARDDESK_DATABASE");
    m_secondOperator = parser.value(secondOperator);
    m_createDatabase = parser.isSet(create);
    m_keystore = parser.value(keystore);
    m_operator = parser.value(operatorOption);
    m_replay = parser.value(replay);
    m_trace = parser.isSet(trace);
    bool ok = false;
    m_waitSeconds = parser.value(wait).toInt(&ok);
    if (!ok || m_waitSeconds < 0)
        return fail(Usage, tr("--wait needs a number of seconds, got \"%1\"").arg(parser.value(wait)));
    m_prove = parser.isSet(prove);
    m_generatePins = parser.isSet(QStringLiteral("generate-pins"));
    m_mailers = parser.value(QStringLiteral("mailers"));
    m_pinLength = parser.value(QStringLiteral("pin-length")).toInt(&ok);
    if (!ok)
        return fail(Usage, tr("--pin-length takes a number of digits (4 to 12)"));
    if (parser.isSet(amount)) {
        m_amount = parser.value(amount).toLongLong(&ok);
        if (!ok || m_amount <= 0 || m_amount > 0xFFFFFFFFLL)
            return fail(Usage, tr("--amount needs a positive number of fen, got \"%1\"").arg(parser.value(amount)));
    }
    if (parser.isSet(pinUser)) {
        m_pinUser = parser.value(pinUser).toInt(&ok);
        if (!ok || m_pinUser < 1 || m_pinUser > 8)
            return fail(Usage, tr("--pin-user needs a user number 1 to 8, got \"%1\"").arg(parser.value(pinUser)));
    }

    for (const Command& c : table) {
        if (c.name != m_command)
            continue;
        // Options that make no sense for the command are refused rather than silently ignored.
        for (const QString& o : c.refused)
            if (parser.isSet(o))
                return fail(Usage, tr("%1 does not take --%2").arg(m_command, o));
        return c.run(*this, parser);
    }
    return fail(Usage,
                tr("unknown command \"%1\": use readers, info, issue, purse, load, purchase, apps, app-install, "
                   "app-delete, app-package, app-delete-cert, ca-key, pin-reset, headend-history, headend-credentials, "
                   "headend-credential-issue, headend-credential-revoke, headend-audit, operator, audit, key, "
                   "settings or batch")
                    .arg(m_command));
}

QList<CliApp::Command> CliApp::commands() {
    const auto appCommand = [](CliApp& cli, const QCommandLineParser& p) { return cli.runAppCommand(p); };
    const auto headendCommand = [](CliApp& cli, const QCommandLineParser& p) { return cli.runHeadendCommand(p); };
    const QStringList noIssuance{QStringLiteral("template"), QStringLiteral("holder")};
    const QStringList noCard{QStringLiteral("reader"),   QStringLiteral("template"), QStringLiteral("holder"),
                             QStringLiteral("amount"),   QStringLiteral("pin-user"), QStringLiteral("prove"),
                             QStringLiteral("keystore"), QStringLiteral("wait"),     QStringLiteral("replay")};
    return {
        {QStringLiteral("readers"),
         tr("  readers                      list the PC/SC readers and their cards\n"),
         {QStringLiteral("reader"), QStringLiteral("template"), QStringLiteral("holder"), QStringLiteral("database"),
          QStringLiteral("keystore"), QStringLiteral("operator"), QStringLiteral("amount"), QStringLiteral("pin-user"),
          QStringLiteral("prove"), QStringLiteral("second-operator")},
         [](CliApp& cli, const QCommandLineParser&) { return cli.readers(); }},
        {QStringLiteral("info"),
         tr("  info --reader NAME [--keystore PATH]\n"
            "                               read a card: ATR, life cycle, numbers, users, menu, keys, NVM\n"),
         {QStringLiteral("template"), QStringLiteral("holder"), QStringLiteral("amount"), QStringLiteral("pin-user"),
          QStringLiteral("prove")},
         [](CliApp& cli, const QCommandLineParser&) {
             if (cli.m_reader.isEmpty())
                 return cli.fail(Usage, tr("info needs --reader NAME (see \"carddesk-cli readers\")"));
             return cli.info();
         }},
        {QStringLiteral("issue"),
         tr("  issue --reader NAME --template FILE --holder FILE [--database PATH] [--keystore PATH]\n"
            "        [--generate-pins --mailers DIR]  personalise a blank card and record it (generated PINs:\n"
            "                               printed only into the PIN mailer, never shown)\n"),
         {QStringLiteral("amount"), QStringLiteral("pin-user"), QStringLiteral("prove")},
         [](CliApp& cli, const QCommandLineParser&) { return cli.issue(); }},
        {QStringLiteral("purse"),
         tr("  purse --reader NAME [--prove] balance, counters, decoded log, last transaction (and its proof)\n"),
         {QStringLiteral("template"), QStringLiteral("holder"), QStringLiteral("amount"), QStringLiteral("pin-user")},
         [](CliApp& cli, const QCommandLineParser&) {
             if (cli.m_reader.isEmpty())
                 return cli.fail(Usage, tr("purse needs --reader NAME (see \"carddesk-cli readers\")"));
             return cli.purse();
         }},
        {QStringLiteral("load"), tr("  load --reader NAME --amount FEN [--pin-user N]\n"),
         noIssuance + QStringList{QStringLiteral("prove")},
         [](CliApp& cli, const QCommandLineParser&) { return cli.transact(true); }},
        {QStringLiteral("purchase"),
         tr("  purchase --reader NAME --amount FEN --pin-user N\n"
            "                               run a load / purchase as a terminal with the key store's keys;\n"
            "                               the PIN comes from CARDDESK_PIN or the first line of stdin\n"),
         noIssuance + QStringList{QStringLiteral("prove")},
         [](CliApp& cli, const QCommandLineParser&) { return cli.transact(false); }},
        {QStringLiteral("apps"),
         tr("  apps --reader NAME           the card's application registry and NVM figures\n"),
         {},
         appCommand},
        {QStringLiteral("app-install"),
         tr("  app-install --reader NAME --package FILE [--cert FILE]\n"
            "                               push an install message (certificate + unit) block by block\n"),
         {},
         appCommand},
        {QStringLiteral("app-delete"),
         tr("  app-delete --reader NAME --cert FILE   push a delete certificate\n"),
         {},
         appCommand},
        {QStringLiteral("app-package"),
         tr("  app-package --card NUMBER --aid HEX --code FILE [--config FILE] --out FILE\n"),
         {},
         appCommand},
        {QStringLiteral("app-delete-cert"),
         tr("  app-delete-cert --card NUMBER --aid HEX --seed HEX --out FILE\n"
            "                               issuer desk: build for one card (public key from the database or\n"
            "                               --card-key FILE) with the authorities of --keys DIR\n"),
         {},
         appCommand},
        {QStringLiteral("ca-key"),
         tr("  ca-key --reader NAME --key CA_SERVICE_n [--keystore PATH]\n"
            "                               load the key store's (newer) version of a service key into an issued "
            "card\n"),
         noIssuance + QStringList{QStringLiteral("amount"), QStringLiteral("pin-user"), QStringLiteral("prove")},
         [](CliApp& cli, const QCommandLineParser& p) { return cli.caKey(p); }},
        {QStringLiteral("pin-reset"),
         tr("  pin-reset --reader NAME --mailers DIR [--users 1,2] [--address LINE]... [--pin-length N]\n"
            "                               a lost PIN mailer: new generated PINs for the card's users, printed\n"
            "                               only into a new mailer (address: the batch row's unless given)\n"),
         noIssuance + QStringList{QStringLiteral("amount"), QStringLiteral("pin-user"), QStringLiteral("prove")},
         [](CliApp& cli, const QCommandLineParser& p) { return cli.pinReset(p); }},
        {QStringLiteral("headend-history"),
         tr("  headend-history --card NUMBER | --subscriber USER [--headend URL --headend-cert FILE]\n"
            "                               the headend's transactions, read as a support operator\n"),
         {},
         headendCommand},
        {QStringLiteral("headend-credentials"),
         tr("  headend-credentials          the headend's operator credentials (admin)\n"),
         {},
         headendCommand},
        {QStringLiteral("headend-credential-issue"),
         tr("  headend-credential-issue --name NAME --roles LIST [--valid-days D]\n"
            "                               a new operator credential (admin; the first one with the set-up token\n"
            "                               CARDDESK_HEADEND_ADMIN_TOKEN); its token is printed this once\n"),
         {},
         headendCommand},
        {QStringLiteral("headend-credential-revoke"),
         tr("  headend-credential-revoke --id N [--reason TEXT]   revoke an operator credential (admin)\n"),
         {},
         headendCommand},
        {QStringLiteral("headend-audit"),
         tr("  headend-audit [--out FILE.csv|FILE.json]\n"
            "                               the headend's audit trail with its chain values, checked (admin);\n"
            "                               headend commands use your credential from CARDDESK_HEADEND_TOKEN\n"),
         {},
         headendCommand},
        {QStringLiteral("operator"),
         tr("  operator init --name NAME    the first admin of an empty desk (password: "
            "CARDDESK_NEW_OPERATOR_PASSWORD\n"
            "                               or the terminal, at least 10 characters)\n"
            "  operator init-dev            DEVELOPMENT ONLY: operator admin, every role, password carddesk-admin-dev\n"
            "  operator list | add --name NAME --roles LIST | passwd [--name NAME] | lock --name NAME |\n"
            "           unlock --name NAME | remove --name NAME | roles --name NAME --roles LIST\n"
            "                               the desk's operators (role admin; one's own passwd needs none);\n"
            "                               roles: desk, technician, support, admin (comma-separated)\n"),
         noCard, [](CliApp& cli, const QCommandLineParser& p) { return cli.operatorCommand(p); }},
        {QStringLiteral("audit"),
         tr("  audit verify                 recompute the audit trail's hash chain; exit 1 naming the first row\n"
            "                               changed, deleted or inserted (role admin)\n"
            "  audit export --format csv|json [--output FILE]   the trail with its chain values (role admin)\n"),
         noCard, [](CliApp& cli, const QCommandLineParser& p) { return cli.auditCommand(p); }},
        {QStringLiteral("key"),
         tr("  key list                     the issuer keys in the token (--keystore pkcs11:token=LABEL; role admin)\n"
            "  key ceremony NAME VERSION 2|3 [shared] --second-operator NAME\n"
            "                               a master key from 2 or 3 custodians' components, typed without echo;\n"
            "                               each check value shown (role admin, dual control; token PIN:\n"
            "                               CARDDESK_TOKEN_PIN or the terminal)\n"
            "  key import-clear FILE --second-operator NAME\n"
            "                               DEVELOPMENT ONLY: a clear-key file into the token (refused in "
            "production)\n"),
         {QStringLiteral("reader"), QStringLiteral("template"), QStringLiteral("holder"), QStringLiteral("amount"),
          QStringLiteral("pin-user"), QStringLiteral("prove"), QStringLiteral("wait")},
         [](CliApp& cli, const QCommandLineParser& p) { return cli.keyCommand(p); }},
        {QStringLiteral("batch"),
         tr("  batch check --template FILE --file FILE [--generate-pins]\n"
            "                               check a holder file whole (CSV or JSON); every problem with its line\n"
            "  batch issue --template FILE --file FILE --readers A,B [--generate-pins --mailers DIR]\n"
            "                               record a batch and issue it over the readers' hoppers (role desk)\n"
            "  batch resume ID --readers A,B [--file FILE]   go on with an interrupted batch\n"
            "  batch status [ID] | batch report ID [--format csv|json] [--failed] [--output FILE]\n"
            "  batch retry ID | batch cancel ID\n"),
         {QStringLiteral("holder"), QStringLiteral("amount"), QStringLiteral("pin-user"), QStringLiteral("prove")},
         [](CliApp& cli, const QCommandLineParser& p) {
             // A database lost mid-way (a server restart) is said as such, whatever step met it.
             try {
                 return cli.batchCommand(p);
             } catch (const DatabaseError& e) {
                 return cli.fail(Failed, tr("the database failed: %1").arg(e.text));
             }
         }},
        {QStringLiteral("settings"),
         tr("  settings show                the desk's settings (role admin)\n"
            "  settings production-mode on|off --second-operator NAME\n"
            "                               switch production mode (role admin, dual control with a second admin)\n"),
         noCard, [](CliApp& cli, const QCommandLineParser& p) { return cli.settingsCommand(p); }},
    };
}

int CliApp::readers() {
    ConsoleSession session;
    CardReaderManager& manager = session.readers();
    if (const int rc = startReaders(manager); rc != Ok)
        return rc;
    // A replay reader is listed without pcscd: a technician replays a trace on any machine.
    if (manager.serviceStatus() == ServiceStatus::NotRunning && m_replay.isEmpty())
        return fail(NoService, manager.serviceMessage());
    // The ATR tells the life cycle at power-up only: a card personalised since then still shows "blank" there
    // (issue 11). The reader manager asks each CardDesk card as soon as it sees it (as for the console's list);
    // wait for the answers, or for the cards that do not give one to be marked so.
    const QDeadlineTimer settle(5000);
    const auto asking = [&manager] {
        for (const auto& r : manager.readers())
            if (r.cardPresent && !r.exclusive && r.lifeCycleFrom == LifeCycleSource::Atr)
                return true;
        return false;
    };
    while (asking() && !settle.hasExpired())
        QThread::msleep(20);
    QJsonArray list;
    for (const auto& r : manager.readers()) {
        QJsonObject o{{QStringLiteral("name"), r.name}, {QStringLiteral("cardPresent"), r.cardPresent}};
        if (r.cardPresent) {
            o.insert(QStringLiteral("atr"), QString::fromLatin1(r.atr.toHex().toUpper()));
            if (r.lifeCycle) {
                o.insert(QStringLiteral("lifeCycle"), QString::fromStdString(cdos::lifeCycleName(*r.lifeCycle)));
                o.insert(QStringLiteral("lifeCycleFrom"),
                         r.lifeCycleFrom == LifeCycleSource::Card ? QStringLiteral("card") : QStringLiteral("atr"));
            }
            o.insert(QStringLiteral("exclusive"), r.exclusive);
            o.insert(QStringLiteral("mute"), r.mute);
        }
        list.append(o);
    }
    printJson(QJsonObject{{QStringLiteral("service"), serviceName(manager.serviceStatus())},
                          {QStringLiteral("readers"), list}});
    return Ok;
}

int CliApp::startReaders(CardReaderManager& manager) {
    if (!m_replay.isEmpty() && !manager.reader(TraceReplayCard::readerNameFor(m_replay))) {
        QString error;
        if (TraceReplayCard::attach(manager, m_replay, &error).isEmpty())
            return fail(NoReader, tr("cannot open the replay reader: %1").arg(error));
    }
    manager.start();
    manager.waitForReady(5000);
    return Ok;
}

int CliApp::prepareReader(CardReaderManager& manager, const QString& reader) {
    if (const int rc = startReaders(manager); rc != Ok)
        return rc;
    const QDeadlineTimer deadline(static_cast<qint64>(m_waitSeconds) * 1000);
    for (;;) {
        const auto state = manager.reader(reader);
        if (state && state->local && state->cardPresent) {
            return Ok; // an in-process reader (--replay) needs no pcscd
        } else if (manager.serviceStatus() == ServiceStatus::NotRunning) {
            if (deadline.hasExpired())
                return fail(NoService, manager.serviceMessage());
        } else if (state && state->cardPresent) {
            return Ok;
        } else if (deadline.hasExpired()) {
            if (!state) {
                const QStringList names = manager.readerNames();
                return fail(NoReader,
                            tr("no reader named \"%1\"; readers: %2")
                                .arg(reader, names.isEmpty() ? tr("none") : names.join(QStringLiteral(", "))));
            }
            return fail(NoReader, tr("no card in reader \"%1\"").arg(reader));
        }
        QThread::msleep(100);
    }
}

int CliApp::info() {
    ConsoleSession session;
    CardReaderManager& manager = session.readers();
    if (const int rc = begin(session, Operation::Diagnose, false); rc != Ok)
        return rc;
    if (const int rc = prepareReader(manager, m_reader); rc != Ok)
        return rc;
    // The desk's key store, when it opens without asking: with it the users and the menu are read under issuer
    // secure messaging (the card keeps them from unauthenticated terminals); without, they are listed unavailable.
    if (const QString e = session.keys().open(m_keystore); !e.isEmpty() && !m_keystore.isEmpty())
        writeErr(tr("carddesk-cli: %1; users and menu are listed unavailable").arg(e)); // asked for, so said

    const std::shared_ptr<const cdos::IssuerKeys> keys = session.keys().keys();
    bool hasPurse = false;
    const JobResult r = manager.run(m_reader, [&hasPurse, keys](CardChannel& ch) {
        const CardSnapshot snapshot = CardSnapshot::read(ch, keys.get());
        // So that an outside terminal can find the purse: is the EP application there (SELECT by AID)?
        hasPurse = ch.transmit(cdos::selectAid(cdos::ep::kPurseAid)).ok();
        return QVariant::fromValue(snapshot);
    });
    printTrace(manager);
    if (!r.ok())
        return fail(r.cardError && *r.cardError == CardError::Kind::NoService ? NoService : NoReader, r.error,
                    r.detail);
    const CardSnapshot snapshot = r.value.value<CardSnapshot>();
    QJsonObject out = snapshot.toJson();
    QJsonObject purse{{QStringLiteral("aid"), PurseService::aidHex()}, {QStringLiteral("present"), hasPurse}};
    if (snapshot.cardNumber.size() == 10) // the ASN is the card number's last 8 bytes
        purse.insert(QStringLiteral("asn"), QString::fromLatin1(snapshot.cardNumber.mid(2).toHex().toUpper()));
    out.insert(QStringLiteral("purse"), purse);
    printJson(out);
    return Ok;
}

int CliApp::issue() {
    QStringList missing;
    if (m_reader.isEmpty())
        missing << QStringLiteral("--reader NAME");
    if (m_template.isEmpty())
        missing << QStringLiteral("--template FILE");
    if (m_holder.isEmpty())
        missing << QStringLiteral("--holder FILE");
    if (!missing.isEmpty())
        return fail(Usage, tr("issue needs %1").arg(missing.join(QStringLiteral(", "))));
    CardTemplate cardTemplate;
    HolderFile holder;
    try {
        cardTemplate = CardTemplate::load(m_template);
    } catch (const TemplateError& e) {
        return fail(Failed, tr("invalid template:\n  %1").arg(e.errors.join(QStringLiteral("\n  "))));
    }
    if (m_generatePins) {
        // The PINs are generated: the holder file gives the holder (and may name users), never a PIN.
        QString error;
        holder = holderWithoutPins(m_holder, cardTemplate, error);
        if (!error.isEmpty())
            return fail(Failed, tr("invalid holder file:\n  %1").arg(error));
    } else {
        try {
            holder = HolderFile::load(m_holder);
        } catch (const HolderFileError& e) {
            return fail(Failed, tr("invalid holder file:\n  %1").arg(e.errors.join(QStringLiteral("\n  "))));
        }
    }
    if (m_generatePins) {
        const QStringList address = holderAddress(m_holder);
        if (m_mailers.isEmpty() || address.isEmpty() || address.size() > 5)
            return fail(Usage, tr("issue --generate-pins needs --mailers DIR and the holder file's \"address\" (1 to "
                                  "5 lines for the envelope's window)"));
    }
    ConsoleSession session;
    if (const int rc = begin(session, Operation::IssueCard, true); rc != Ok)
        return rc;
    CardReaderManager& manager = session.readers();
    IssuanceService& service = session.issuance();
    if (const int rc = prepareReader(manager, m_reader); rc != Ok)
        return rc;
    QObject::connect(&service, &IssuanceService::progress, [](int step, int total, const QString& text) {
        writeErr(tr("[%1/%2] %3").arg(step + 1).arg(total).arg(text));
    });
    IssuanceRequest request{m_reader, cardTemplate, holder, m_operator, {}, 0};
    // Generated PINs (docs/issuance.md "PIN mailers"): drawn here, printed only into the mailer, which is written
    // before the card is touched and kept only when the card completed.
    std::optional<CardMailer> mailer;
    if (m_generatePins) {
        const QStringList address = holderAddress(m_holder);
        try {
            CardMailer::generatePins(cardTemplate, request.holder, m_pinLength);
        } catch (const std::exception& e) {
            return fail(Usage, QString::fromUtf8(e.what()));
        }
        mailer.emplace(m_mailers, address);
        request.beforeCardWrite = [m = *mailer, cardTemplate, withPins = request.holder](const QString& number) {
            return m.writePending(cardTemplate, withPins, number);
        };
    }
    const IssuanceResult result = service.issueAndWait(request);
    printTrace(manager);
    if (mailer && !result.cardNumber.isEmpty()) {
        if (!result.ok)
            mailer->destroyPending(result.cardNumber);
        else if (!mailer->finish(result.cardNumber))
            return fail(Failed, tr("card %1 was issued but its PIN mailer is missing: nobody knows its PINs; reset "
                                   "them on the card (audited)")
                                    .arg(result.cardNumber));
    }
    if (!result.ok)
        return fail(result.refused ? Refused : Failed, result.error, result.errorDetail);
    printJson(QJsonObject{{QStringLiteral("issued"), true},
                          {QStringLiteral("reader"), m_reader},
                          {QStringLiteral("cardNumber"), result.cardNumber},
                          {QStringLiteral("chipSerial"), result.chipSerial},
                          {QStringLiteral("template"), cardTemplate.name},
                          {QStringLiteral("apduCount"), result.apduCount},
                          {QStringLiteral("database"), session.database().location()},
                          {QStringLiteral("cardId"), result.cardId},
                          {QStringLiteral("batchId"), result.batchId},
                          {QStringLiteral("recovered"), result.recovered},
                          {QStringLiteral("pinMailer"), mailer ? mailer->finalPath(result.cardNumber) : QString()}});
    return Ok;
}

HolderFile CliApp::holderWithoutPins(const QString& path, const CardTemplate& tmpl, QString& error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = tr("cannot read the holder file %1: %2").arg(path, f.errorString());
        return {};
    }
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject h = o.value(QLatin1String("holder")).toObject();
    HolderFile holder;
    holder.userNumber = h.value(QLatin1String("userNumber")).toString();
    holder.account = h.value(QLatin1String("account")).toString();
    holder.name = h.value(QLatin1String("name")).toString();
    holder.language = h.value(QLatin1String("language")).toString();
    holder.cardNumber = o.value(QLatin1String("cardNumber")).toString().remove(QLatin1Char(' ')).toUpper();
    const QJsonArray users = o.value(QLatin1String("users")).toArray();
    for (const auto& tu : tmpl.users) {
        HolderUser u;
        u.number = tu.number;
        for (const auto& v : users)
            if (v.toObject().value(QLatin1String("number")).toInt() == tu.number)
                u.name = v.toObject().value(QLatin1String("name")).toString();
        holder.users << u;
    }
    for (const auto& v : users)
        if (v.toObject().contains(QLatin1String("pin")))
            error = tr("%1: the PINs are generated (--generate-pins): the file must not carry PINs").arg(path);
    if (holder.userNumber.isEmpty() || holder.name.isEmpty())
        error = tr("%1: holder.userNumber and holder.name are needed").arg(path);
    return holder;
}

QStringList CliApp::holderAddress(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList lines;
    for (const auto& v : QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("address")).toArray())
        if (!v.toString().trimmed().isEmpty())
            lines << v.toString().trimmed();
    return lines;
}

int runCli(int argc, char** argv) {
    // A batch renders PIN mailers (QPdfWriter needs a QGuiApplication for its fonts): offscreen, no display needed.
    bool batch = false;
    for (int i = 1; i < argc; ++i)
        batch = batch || std::strcmp(argv[i], "batch") == 0 || std::strcmp(argv[i], "--generate-pins") == 0 ||
                std::strcmp(argv[i], "pin-reset") == 0;
    if (batch && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application =
        batch ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    // The same names as the console: both then share Database::defaultLocation().
    QCoreApplication::setApplicationName(QStringLiteral("carddesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("CardDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CARDDESK_VERSION));
    QTranslator translator;
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const QString& dir :
         {appDir + QStringLiteral("/../share/carddesk/translations"), appDir + QStringLiteral("/../../translations"),
          // the build tree: lrelease writes the .qm files beside the widgets library
          appDir + QStringLiteral("/../../widgets"), QStringLiteral(":/translations")}) {
        if (translator.load(QLocale(), QStringLiteral("carddesk"), QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(&translator);
            break;
        }
    }
    CliApp cli;
    return cli.run(QCoreApplication::arguments());
}

} // namespace carddesk
