#pragma once
// carddesk-cli: the headless front end over carddesk_model, for batch jobs, field scripts and tests.
// JSON on stdout; errors in words on stderr with a nonzero exit code:
//   1 the operation failed, 2 usage error, 3 PC/SC service not running, 4 reader or card not available,
//   5 the operator is not logged in (unknown name, wrong password, locked, no password given),
//   6 refused: the operator lacks the role, or dual control was not satisfied (the message names what is missing).
// Every command but readers and operator init/init-dev logs an operator in (docs/operators.md): the name from
// --operator or $CARDDESK_OPERATOR, the password from $CARDDESK_OPERATOR_PASSWORD or a prompt on the terminal,
// never from the command line.
#include <carddesk/model/Access.h>
#include <carddesk/model/CardTemplate.h>
#include <carddesk/model/HolderFile.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace carddesk {

class CardReaderManager;
class ConsoleSession;

class CliApp {
    Q_DECLARE_TR_FUNCTIONS(CliApp)
public:
    enum ExitCode { Ok = 0, Failed = 1, Usage = 2, NoService = 3, NoReader = 4, NotLoggedIn = 5, Refused = 6 };

    // Runs one command (arguments without the program name is NOT assumed: pass QCoreApplication::arguments()).
    int run(const QStringList& arguments);

private:
    // One row per subcommand: its name, its lines of --help, the options it refuses (rather than silently
    // ignoring them), and what runs it.
    struct Command {
        QString name;
        QString help;
        QStringList refused;
        std::function<int(CliApp&, const QCommandLineParser&)> run;
    };
    static QList<Command> commands();

    int readers();
    int info();
    int issue();
    // The "address" lines of a holder file (the PIN mailer's window), empty when it has none.
    static QStringList holderAddress(const QString& path);
    // The holder of a file for generated PINs: the template's users (named by the file where it names them), no
    // PIN; `error` says what is wrong (a PIN in the file, no holder).
    static HolderFile holderWithoutPins(const QString& path, const CardTemplate& tmpl, QString& error);
    // The e-purse: read (and --prove), or run a load / purchase as a terminal with the key store's keys.
    int purse();
    int transact(bool load);
    // Application download (CliAppCommands.cpp): apps, app-install, app-delete, app-package, app-delete-cert.
    void addAppOptions(QCommandLineParser& parser);
    int runAppCommand(const QCommandLineParser& parser);
    int apps();
    int appPush(const QCommandLineParser& parser, bool install);
    int appBuild(const QCommandLineParser& parser, bool install);
    // Conditional access (CliCaCommands.cpp): ca-key loads a newer service-key version into an issued card.
    void addCaOptions(QCommandLineParser& parser);
    int caKey(const QCommandLineParser& parser);
    // A lost PIN mailer (CliPinResetCommands.cpp): pin-reset gives the card's users new PINs and prints a new mailer.
    void addPinResetOptions(QCommandLineParser& parser);
    int pinReset(const QCommandLineParser& parser);
    // The headend as an operator (CliHeadendCommands.cpp): headend-history, headend-credentials,
    // headend-credential-issue, headend-credential-revoke, headend-audit.
    void addHeadendOptions(QCommandLineParser& parser);
    int runHeadendCommand(const QCommandLineParser& parser);
    // Operators, the audit trail and settings (CliOperatorCommands.cpp).
    void addOperatorOptions(QCommandLineParser& parser);
    int operatorCommand(const QCommandLineParser& parser);
    int auditCommand(const QCommandLineParser& parser);
    int settingsCommand(const QCommandLineParser& parser);
    // Logging in (CliLogin.cpp): the operator of --operator / $CARDDESK_OPERATOR with the password of
    // $CARDDESK_OPERATOR_PASSWORD or the terminal; with --trace the operator must be allowed to see the trace.
    int logIn(ConsoleSession& session);
    // Refuses (exit 6, audited) what the logged-in operator may not do; a dual-control operation takes the
    // approval of --second-operator (password from $CARDDESK_SECOND_OPERATOR_PASSWORD or the terminal).
    int allow(ConsoleSession& session, Operation op);
    // What a card or database command needs first: the database, the key store when `keys`, the login, `op`.
    int begin(ConsoleSession& session, Operation op, bool keys);
    // A secret from the environment (taken at start-up) or typed on the terminal without echo; nothing when
    // neither is there. `twice` asks again to confirm (a new password).
    static std::optional<QString> secret(const char* variable, const QString& prompt, bool twice = false);
    // The second operator's password for dual control ($CARDDESK_SECOND_OPERATOR_PASSWORD or the terminal): Ok, or
    // the refusal said (exit 6) when there is neither.
    int secondOperatorPassword(std::optional<QString>& out);
    // A secret typed on the terminal without echo, or one line of standard input when it is not a terminal.
    static std::optional<QString> secretLine(const QString& prompt);
    // Issuer keys in the token (CliKeyCommands.cpp): key list | ceremony | import-clear, under the desk's roles,
    // dual control and audit trail.
    int keyCommand(const QCommandLineParser& parser);
    // Batch issuance (CliBatchCommands.cpp): batch check | issue | resume | status | report | retry | cancel.
    void addBatchOptions(QCommandLineParser& parser);
    int batchCommand(const QCommandLineParser& parser);
    // The payment PIN from $CARDDESK_PIN, else the first line of stdin (never from the command line).
    QString readPin();
    // Starts the reader manager and waits until `reader` has a card (up to the --wait seconds).
    int prepareReader(CardReaderManager& manager, const QString& reader);
    // Adds the --replay reader (a saved trace as a card, issue 14), then starts the manager; Ok or the failure said.
    int startReaders(CardReaderManager& manager);
    // Writes "carddesk-cli: message" to stderr; a technical detail (the PC/SC code and pcsc-lite's text of a card
    // error) follows in brackets: the CLI is a technician's tool, and scripts log its stderr.
    int fail(int code, const QString& message, const QString& detail = {});
    // Opens --database (or the default) / --keystore (or the default) in the session; Ok, or Failed with the
    // reason printed.
    int openDatabase(ConsoleSession& session);
    int openKeys(ConsoleSession& session);
    int openDatabaseAndKeys(ConsoleSession& session); // what every command that writes a card needs
    void printJson(const QJsonObject& o);
    void printTrace(CardReaderManager& manager);

    QString m_command;
    QStringList m_subcommand; // operator add, audit verify, settings production-mode on ...
    QString m_secondOperator;
    QString m_reader;
    QString m_template;
    QString m_holder;
    QString m_database;
    bool m_createDatabase = false; // --create
    QString m_keystore;
    QString m_operator;
    QString m_replay; // --replay FILE
    int m_waitSeconds = 0;
    bool m_trace = false;
    bool m_prove = false;
    qint64 m_amount = -1; // fen
    int m_pinUser = 0;
    bool m_generatePins = false; // issue: generated PINs and a PIN mailer in m_mailers
    QString m_mailers;
    int m_pinLength = 6;
};

int runCli(int argc, char** argv);

} // namespace carddesk
