#include "carddesk/model/ConsoleSession.h"

#include "carddesk/model/AppService.h"
#include "carddesk/model/BatchService.h"
#include "carddesk/model/CaKeyService.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/IssuanceService.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"
#include "carddesk/model/PinResetService.h"
#include "carddesk/model/PurseService.h"
#include "carddesk/model/SupportService.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>

namespace carddesk {

ConsoleSession::ConsoleSession(QObject* parent)
    : QObject(parent), m_trace(std::make_unique<TraceLog>()),
      m_readers(std::make_unique<CardReaderManager>(nullptr, m_trace.get())), m_database(std::make_unique<Database>()),
      m_operators(std::make_unique<OperatorSession>(*m_database)), m_keys(std::make_unique<KeyRing>()),
      m_issuance(std::make_unique<IssuanceService>(*m_readers, *m_database, *m_keys, *m_operators)),
      m_batches(std::make_unique<BatchService>(*m_readers, *m_database, *m_keys, *m_operators)),
      m_purse(std::make_unique<PurseService>(*m_readers, *m_database, *m_keys, *m_operators)),
      m_apps(std::make_unique<AppService>(*m_readers, *m_database, *m_operators)),
      m_support(std::make_unique<SupportService>(*m_purse)),
      m_caKeys(std::make_unique<CaKeyService>(*m_readers, *m_database, *m_keys, *m_operators)),
      m_pinResets(std::make_unique<PinResetService>(*m_readers, *m_database, *m_keys, *m_operators)) {
    // Every reveal and conceal of trace secrets lands in the audit table with the operators' names; a reveal the
    // operator session did not approve is undone.
    connect(m_trace.get(), &TraceLog::revealChanged, this, &ConsoleSession::revealChanged);
    // Secrets stay on screen no longer than the operator who revealed them.
    connect(m_operators.get(), &OperatorSession::loggedOut, this,
            [this](const QString& name) { m_trace->setRevealSecrets(false, name); });
}

ConsoleSession::~ConsoleSession() {
    // The owner thread's last callbacks must not meet half-destroyed services.
    m_readers->stop();
}

QString ConsoleSession::openDatabase(const QString& location, bool create) {
    try {
        m_database->open(location, -1, create);
        // The desk's production mode governs the key ring too (docs/keys.md): only a token, no development key.
        // A switch is always audited, so the ring follows every change of the setting from the audit signal.
        m_keys->setProductionMode(m_database->productionMode());
        connect(m_database.get(), &Database::auditAppended, m_keys.get(), [this] {
            if (m_database->isOpen())
                m_keys->setProductionMode(m_database->productionMode());
        });
    } catch (const DatabaseError& e) {
        return e.text;
    }
    return {};
}

QString ConsoleSession::setTraceReveal(bool reveal, const QString& secondOperator, const QString& secondPassword) {
    if (reveal) {
        try {
            m_operators->approve(Operation::TraceRevealSecrets, secondOperator, secondPassword);
        } catch (const AccessDenied& e) {
            return e.text;
        }
    }
    m_trace->setRevealSecrets(reveal, m_operators->operatorName());
    if (reveal && !m_trace->revealSecrets())
        return tr("the trace's secrets could not be revealed: see the audit trail");
    return {};
}

void ConsoleSession::revealChanged(bool reveal, const QString& operatorName) {
    if (m_undoingReveal)
        return;
    if (!reveal) {
        if (!m_database->isOpen())
            return;
        try {
            AuditRecord r;
            r.operators = m_operators->isLoggedIn() ? m_operators->operatorName() : operatorName;
            r.role = Access::grantingRole(Operation::TraceRevealSecrets, m_operators->roles());
            r.action = QStringLiteral("trace conceal");
            m_database->appendAudit(r);
        } catch (const DatabaseError& e) {
            qWarning("%s", e.what());
        }
        return;
    }
    // The trace log has turned reveal on: it stays on only under the session's approval (dual control).
    try {
        const Grant g = m_operators->require(Operation::TraceRevealSecrets);
        m_database->appendAudit(g.record(QStringLiteral("trace reveal")));
        return;
    } catch (const AccessDenied&) {
        // refused and audited by require()
    } catch (const DatabaseError& e) {
        qWarning("%s", e.what()); // a reveal that cannot be recorded is not allowed either
    }
    m_undoingReveal = true;
    m_trace->setRevealSecrets(false, operatorName);
    m_undoingReveal = false;
}

void ConsoleSession::start(bool usePcsc) {
    m_readers->start(usePcsc);
}

} // namespace carddesk
