// carddesk-cli's conditional-access command (docs/carddesk-cli.md "ca-key"): loads a newer version of a service
// key CA_SERVICE_<n> from the issuer key store into an issued card, under issuer secure messaging, on the reader's
// owner thread. Key values never leave the key store in clear: only the name and versions are printed or recorded.
#include "CliApp.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>
#include <carddesk/protocol/CaCommands.h>
#include <carddesk/protocol/Personaliser.h>

namespace carddesk {

void CliApp::addCaOptions(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("key"),
                      tr("Service key to load into the card (ca-key): CA_SERVICE_1 to CA_SERVICE_8."), tr("NAME")});
}

int CliApp::caKey(const QCommandLineParser& parser) {
    const QString name = parser.value(QStringLiteral("key")).trimmed();
    if (m_reader.isEmpty() || name.isEmpty())
        return fail(Usage, tr("ca-key needs --reader NAME and --key CA_SERVICE_n"));
    const std::uint8_t id = cdos::ca::serviceKeyIdOf(name.toStdString());
    if (id == 0)
        return fail(Usage, tr("--key needs a service key name CA_SERVICE_1 to CA_SERVICE_8, got \"%1\"").arg(name));
    Database db;
    if (const int rc = openDatabase(db); rc != Ok)
        return rc;
    CardReaderManager manager;
    IssuanceService service(manager, db); // for its key store: path, passphrase from the environment
    try {
        service.openKeyStore(m_keystore);
    } catch (const IssuanceError& e) {
        return fail(Failed, e.text);
    }
    if (const int rc = prepareReader(manager, m_reader); rc != Ok)
        return rc;
    const std::shared_ptr<const cdos::IssuerKeys> keys = service.issuerKeys();
    const JobResult r = manager.run(m_reader, [keys, id](CardChannel& ch) {
        const cdos::ServiceKeyUpdate u = cdos::updateServiceKey(*keys, ch.transmitter(), id);
        return QVariantMap{{QStringLiteral("previousVersion"), u.previousVersion},
                           {QStringLiteral("version"), u.version},
                           {QStringLiteral("written"), u.written},
                           {QStringLiteral("apduCount"), u.apduCount}};
    });
    printTrace(manager);
    if (!r.ok())
        return fail(r.cardError && *r.cardError == CardError::Kind::NoService ? NoService : Failed, r.error);
    const QVariantMap out = r.value.toMap();
    const int version = out.value(QStringLiteral("version")).toInt();
    const int previous = out.value(QStringLiteral("previousVersion")).toInt();
    const bool written = out.value(QStringLiteral("written")).toBool();
    if (written) {
        try {
            db.audit(
                m_operator.isEmpty() ? Database::currentOperator() : m_operator, QStringLiteral("load service key"),
                QStringLiteral("%1 version %2 (was %3) reader=%4").arg(name).arg(version).arg(previous).arg(m_reader));
        } catch (const DatabaseError& e) {
            return fail(Failed, tr("the key was loaded but could not be recorded: %1").arg(e.text));
        }
    }
    printJson(QJsonObject{
        {QStringLiteral("reader"), m_reader},
        {QStringLiteral("key"), name},
        {QStringLiteral("slot"), QStringLiteral("%1").arg(cdos::ca::keySlotOf(id), 2, 16, QLatin1Char('0')).toUpper()},
        {QStringLiteral("previousVersion"), previous},
        {QStringLiteral("version"), version},
        {QStringLiteral("written"), written},
        {QStringLiteral("apduCount"), out.value(QStringLiteral("apduCount")).toInt()}});
    return Ok;
}

} // namespace carddesk
