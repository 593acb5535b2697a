// carddesk-cli's conditional-access command (docs/carddesk-cli.md "ca-key"): the session's CaKeyService loads a
// newer version of a service key CA_SERVICE_<n> from the key ring into an issued card and audits it.
#include "CliApp.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/CaKeyService.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/FutureWait.h>

namespace carddesk {

void CliApp::addCaOptions(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("key"),
                      tr("Service key to load into the card (ca-key): CA_SERVICE_1 to CA_SERVICE_8."), tr("NAME")});
}

int CliApp::caKey(const QCommandLineParser& parser) {
    const QString name = parser.value(QStringLiteral("key")).trimmed();
    if (m_reader.isEmpty() || name.isEmpty())
        return fail(Usage, tr("ca-key needs --reader NAME and --key CA_SERVICE_n"));
    if (const QString e = CaKeyService::checkKeyName(name); !e.isEmpty())
        return fail(Usage, e);
    ConsoleSession session;
    // Dual control: the second operator (--second-operator) approves before the reader is even asked for.
    if (const int rc = begin(session, Operation::CaKey, true); rc != Ok)
        return rc;
    if (const int rc = prepareReader(session.readers(), m_reader); rc != Ok)
        return rc;
    const CaKeyResult r = waitForFuture(session.caKeys().loadServiceKey(m_reader, name, m_operator));
    printTrace(session.readers());
    if (!r.ok)
        return fail(r.noService ? NoService : r.refused ? Refused : Failed, r.error, r.errorDetail);
    printJson(r.toJson());
    return Ok;
}

} // namespace carddesk
