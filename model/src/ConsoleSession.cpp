#include "carddesk/model/ConsoleSession.h"

#include "carddesk/model/AppService.h"
#include "carddesk/model/CaKeyService.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/IssuanceService.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/PurseService.h"
#include "carddesk/model/SupportService.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>

namespace carddesk {

ConsoleSession::ConsoleSession(QObject* parent)
    : QObject(parent), m_trace(std::make_unique<TraceLog>()),
      m_readers(std::make_unique<CardReaderManager>(nullptr, m_trace.get())), m_database(std::make_unique<Database>()),
      m_keys(std::make_unique<KeyRing>()),
      m_issuance(std::make_unique<IssuanceService>(*m_readers, *m_database, *m_keys)),
      m_purse(std::make_unique<PurseService>(*m_readers, *m_database, *m_keys)),
      m_apps(std::make_unique<AppService>(*m_readers, *m_database)),
      m_support(std::make_unique<SupportService>(*m_purse)),
      m_caKeys(std::make_unique<CaKeyService>(*m_readers, *m_database, *m_keys)) {
    // Every reveal and conceal of trace secrets lands in the audit table with the operator's name.
    m_database->attachTraceAudit(m_trace.get());
}

ConsoleSession::~ConsoleSession() {
    // The owner thread's last callbacks must not meet half-destroyed services.
    m_readers->stop();
}

QString ConsoleSession::openDatabase(const QString& location, bool create) {
    try {
        m_database->open(location, -1, create);
    } catch (const DatabaseError& e) {
        return e.text;
    }
    return {};
}

void ConsoleSession::start(bool usePcsc) {
    m_readers->start(usePcsc);
}

} // namespace carddesk
