// carddesk-cli's operator, audit and settings commands (docs/operators.md, docs/carddesk-cli.md "Operators"):
// every change goes through the session's OperatorSession, which checks the roles and writes the audit row.
#include "CliApp.h"

#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/OperatorSession.h>
#include <carddesk/model/OperatorStore.h>

#include <QJsonArray>
#include <QSaveFile>

#include <cstdio>

namespace carddesk {

namespace {

void writeOut(const QByteArray& b) {
    std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stdout);
    std::fflush(stdout);
}

} // namespace

void CliApp::addOperatorOptions(QCommandLineParser& parser) {
    parser.addOptions({
        {QStringLiteral("name"),
         tr("Operator name (operator init, add, passwd, lock, unlock, remove, roles; headend-credential-issue)."),
         tr("NAME")},
        {QStringLiteral("roles"), tr("Roles, comma-separated: desk, technician, support, admin."), tr("LIST")},
        {QStringLiteral("format"), tr("Audit export format: csv or json."), tr("FORMAT")},
        {QStringLiteral("output"), tr("Write the audit export to this file instead of stdout."), tr("FILE")},
    });
}

int CliApp::operatorCommand(const QCommandLineParser& parser) {
    const QString what = m_subcommand.value(0);
    static const QStringList kKnown{QStringLiteral("init"),   QStringLiteral("init-dev"), QStringLiteral("list"),
                                    QStringLiteral("add"),    QStringLiteral("passwd"),   QStringLiteral("lock"),
                                    QStringLiteral("unlock"), QStringLiteral("remove"),   QStringLiteral("roles")};
    if (m_subcommand.size() != 1 || !kKnown.contains(what))
        return fail(Usage, tr("operator needs one of: %1").arg(kKnown.join(QStringLiteral(", "))));
    const QString name = parser.value(QStringLiteral("name")).trimmed();
    const bool needsName = what == QLatin1String("init") || what == QLatin1String("add") ||
                           what == QLatin1String("lock") || what == QLatin1String("unlock") ||
                           what == QLatin1String("remove") || what == QLatin1String("roles");
    if (needsName && name.isEmpty())
        return fail(Usage, tr("operator %1 needs --name NAME").arg(what));
    std::optional<Roles> roles;
    if (what == QLatin1String("add") || what == QLatin1String("roles")) {
        QString bad;
        roles = Access::parseRoles(parser.value(QStringLiteral("roles")), &bad);
        if (!roles || !*roles)
            return fail(Usage, bad.isEmpty()
                                   ? tr("operator %1 needs --roles LIST (desk, technician, support, admin)").arg(what)
                                   : tr("unknown role \"%1\": the roles are desk, technician, support and "
                                        "admin")
                                         .arg(bad));
    }
    const auto newPassword = [this](const QString& who) -> std::optional<QString> {
        auto p = secret("CARDDESK_NEW_OPERATOR_PASSWORD", tr("New password of operator %1: ").arg(who), true);
        if (!p || p->isEmpty()) {
            fail(Usage, tr("no new password for operator %1 (or the two typed differ): set "
                           "CARDDESK_NEW_OPERATOR_PASSWORD or type it at the prompt")
                            .arg(who));
            return std::nullopt;
        }
        if (const QString e = OperatorStore::passwordProblem(*p, who); !e.isEmpty()) {
            fail(Usage, e);
            return std::nullopt;
        }
        return p;
    };

    ConsoleSession session;
    if (const int rc = openDatabase(session); rc != Ok)
        return rc;
    OperatorStore store(session.database());
    try {
        // The bootstrap of an empty desk: nobody to log in yet.
        if (what == QLatin1String("init")) {
            if (const QString e = OperatorStore::nameProblem(name); !e.isEmpty())
                return fail(Usage, e);
            if (!store.isEmpty())
                return fail(Failed, tr("the desk has operators already: an admin adds more (operator add)"));
            auto password = newPassword(name);
            if (!password)
                return Usage;
            store.createFirstAdmin(name, *password);
            password->fill(QLatin1Char('\0'));
            printJson(QJsonObject{{QStringLiteral("operator"), name},
                                  {QStringLiteral("roles"), Access::rolesText(Role::Admin)},
                                  {QStringLiteral("database"), session.database().location()}});
            return Ok;
        }
        if (what == QLatin1String("init-dev")) {
            store.createDevelopmentAdmin();
            printJson(QJsonObject{{QStringLiteral("operator"), OperatorStore::kDevelopmentName},
                                  {QStringLiteral("roles"),
                                   Access::rolesText(Role::Desk | Role::Technician | Role::Support | Role::Admin)},
                                  {QStringLiteral("development"), true},
                                  {QStringLiteral("database"), session.database().location()}});
            fail(Ok, tr("DEVELOPMENT ONLY: operator %1 has the published password of docs/operators.md; never on a "
                        "production desk")
                         .arg(OperatorStore::kDevelopmentName));
            return Ok;
        }
        if (const int rc = logIn(session); rc != Ok)
            return rc;
        OperatorSession& ops = session.operators();
        if (what == QLatin1String("list")) {
            QJsonArray list;
            for (const OperatorInfo& o : ops.listOperators())
                list.append(o.toJson());
            printJson(QJsonObject{{QStringLiteral("operators"), list}});
            return Ok;
        }
        if (what == QLatin1String("passwd")) {
            const QString who = name.isEmpty() ? ops.operatorName() : name;
            if (who != ops.operatorName() && !ops.allowed(Operation::ManageOperators))
                ops.require(Operation::ManageOperators); // refused, and audited, before a password is asked
            auto password = newPassword(who);
            if (!password)
                return Usage;
            ops.setOperatorPassword(who, *password);
            password->fill(QLatin1Char('\0'));
            printJson(QJsonObject{{QStringLiteral("operator"), who}, {QStringLiteral("passwordChanged"), true}});
            return Ok;
        }
        if (what == QLatin1String("add")) {
            if (const QString e = OperatorStore::nameProblem(name); !e.isEmpty())
                return fail(Usage, e);
            ops.require(Operation::ManageOperators); // before a password is asked
            auto password = newPassword(name);
            if (!password)
                return Usage;
            ops.addOperator(name, *roles, *password);
            password->fill(QLatin1Char('\0'));
        } else if (what == QLatin1String("roles")) {
            ops.setOperatorRoles(name, *roles);
        } else if (what == QLatin1String("lock")) {
            ops.lockOperator(name);
        } else if (what == QLatin1String("unlock")) {
            ops.unlockOperator(name);
        } else if (what == QLatin1String("remove")) {
            ops.removeOperator(name);
            printJson(QJsonObject{{QStringLiteral("operator"), name}, {QStringLiteral("removed"), true}});
            return Ok;
        }
        const auto info = store.find(name);
        printJson(info ? info->toJson() : QJsonObject{{QStringLiteral("operator"), name}});
        return Ok;
    } catch (const AccessDenied& e) {
        return fail(Refused, e.text);
    } catch (const OperatorError& e) {
        return fail(Failed, e.text);
    } catch (const DatabaseError& e) {
        return fail(Failed, e.text);
    }
}

int CliApp::auditCommand(const QCommandLineParser& parser) {
    const QString what = m_subcommand.value(0);
    if (m_subcommand.size() != 1 || (what != QLatin1String("verify") && what != QLatin1String("export")))
        return fail(Usage, tr("audit needs verify or export"));
    const QString format = parser.value(QStringLiteral("format")).toLower();
    if (what == QLatin1String("export") && format != QLatin1String("csv") && format != QLatin1String("json"))
        return fail(Usage, tr("audit export needs --format csv or --format json"));
    if (what == QLatin1String("verify") &&
        (parser.isSet(QStringLiteral("format")) || parser.isSet(QStringLiteral("output"))))
        return fail(Usage, tr("audit verify takes neither --format nor --output"));
    ConsoleSession session;
    if (const int rc = openDatabase(session); rc != Ok)
        return rc;
    if (const int rc = logIn(session); rc != Ok)
        return rc;
    try {
        if (what == QLatin1String("verify")) {
            const AuditVerification v = session.operators().verifyAudit();
            QJsonObject out = v.toJson();
            out.insert(QStringLiteral("database"), session.database().location());
            printJson(out);
            if (!v.valid)
                return fail(Failed, tr("the audit trail is broken at row %1: %2").arg(v.brokenRow).arg(v.reason));
            return Ok;
        }
        const QByteArray data =
            session.operators().exportAudit(format == QLatin1String("csv") ? AuditFormat::Csv : AuditFormat::Json);
        const QString output = parser.value(QStringLiteral("output"));
        if (output.isEmpty()) {
            writeOut(data);
            return Ok;
        }
        QSaveFile f(output);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
            return fail(Failed, tr("cannot write %1: %2").arg(output, f.errorString()));
        printJson(QJsonObject{{QStringLiteral("output"), output}, {QStringLiteral("bytes"), data.size()}});
        return Ok;
    } catch (const AccessDenied& e) {
        return fail(Refused, e.text);
    } catch (const DatabaseError& e) {
        return fail(Failed, e.text);
    }
}

int CliApp::settingsCommand(const QCommandLineParser&) {
    const QString what = m_subcommand.value(0);
    const bool show = what == QLatin1String("show") && m_subcommand.size() == 1;
    const bool production = what == QLatin1String("production-mode") && m_subcommand.size() == 2 &&
                            (m_subcommand[1] == QLatin1String("on") || m_subcommand[1] == QLatin1String("off"));
    if (!show && !production)
        return fail(Usage, tr("settings needs show, or production-mode on|off"));
    ConsoleSession session;
    if (const int rc = openDatabase(session); rc != Ok)
        return rc;
    if (const int rc = logIn(session); rc != Ok)
        return rc;
    try {
        if (show) {
            session.operators().require(Operation::Settings);
            printJson(QJsonObject{{QStringLiteral("productionMode"), session.database().productionMode()},
                                  {QStringLiteral("database"), session.database().location()}});
            return Ok;
        }
        const bool on = m_subcommand[1] == QLatin1String("on");
        if (m_secondOperator.isEmpty()) {
            session.operators().require(Operation::ProductionModeChange); // refused: dual control (audited)
        } else {
            std::optional<QString> password;
            if (const int rc = secondOperatorPassword(password); rc != Ok)
                return rc;
            session.operators().setProductionMode(on, m_secondOperator, *password);
            password->fill(QLatin1Char('\0'));
        }
        printJson(QJsonObject{{QStringLiteral("productionMode"), session.database().productionMode()},
                              {QStringLiteral("database"), session.database().location()}});
        return Ok;
    } catch (const AccessDenied& e) {
        return fail(Refused, e.text);
    } catch (const DatabaseError& e) {
        return fail(Failed, e.text);
    }
}

} // namespace carddesk
