// carddesk-cli purse, load and purchase: the e-purse as a terminal with the key store's keys (PurseService).
#include "CliApp.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/OperatorSession.h>
#include <carddesk/model/PurseService.h>

#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

namespace carddesk {

QString CliApp::readPin() {
    if (const auto pin = cdos::SecretEnvironment::value("CARDDESK_PIN"))
        return QString::fromStdString(*pin);
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

int CliApp::purse() {
    ConsoleSession session; // the database for the login (reading and proving record nothing)
    CardReaderManager& manager = session.readers();
    PurseService& service = session.purse();
    if (const int rc = begin(session, Operation::Diagnose, m_prove); rc != Ok)
        return rc;
    if (const int rc = prepareReader(manager, m_reader); rc != Ok)
        return rc;
    const PurseState state = PurseService::wait(service.read(m_reader));
    if (!state.ok()) {
        printTrace(manager);
        return fail(state.refused ? Refused : Failed, state.error, state.errorDetail);
    }
    QJsonObject out = state.toJson();
    int rc = Ok;
    if (m_prove) {
        const PurseProof proof = PurseService::wait(service.proveLast(m_reader));
        out.insert(QStringLiteral("proof"), proof.toJson());
        if (!proof.error.isEmpty() || (proof.available && !proof.proved))
            rc = proof.refused ? Refused : Failed; // "not proved" is a finding a script must not miss
    }
    printTrace(manager);
    printJson(out);
    return rc;
}

int CliApp::transact(bool load) {
    if (m_reader.isEmpty() || m_amount < 0)
        return fail(Usage, tr("%1 needs --reader NAME and --amount FEN").arg(m_command));
    if (!load && m_pinUser == 0)
        return fail(Usage, tr("purchase needs --pin-user N: the card asks for the payment PIN"));
    // Usage errors touch nothing: no card, no database row, no terminal serial (issue 11).
    if (qEnvironmentVariableIsSet("CARDDESK_TERMINAL_ID")) {
        static const QRegularExpression twelveHex(QStringLiteral("^[0-9A-Fa-f]{12}$"));
        const QString id = qEnvironmentVariable("CARDDESK_TERMINAL_ID");
        if (!twelveHex.match(id).hasMatch())
            return fail(Usage,
                        tr("CARDDESK_TERMINAL_ID must be 12 hex digits (the 6-byte terminal id), got \"%1\"").arg(id));
    }
    PurseRequest request;
    request.reader = m_reader;
    request.operation = load ? PurseOperation::Load : PurseOperation::Purchase;
    request.amount = static_cast<quint32>(m_amount);
    request.pinUser = m_pinUser;
    request.operatorName = m_operator;
    if (m_pinUser > 0) {
        request.pin = readPin();
        if (request.pin.isEmpty())
            return fail(Usage, tr("no PIN: set CARDDESK_PIN or write it on stdin"));
        static const QRegularExpression pinDigits(QStringLiteral("^[0-9]{4,12}$"));
        if (!pinDigits.match(request.pin).hasMatch())
            return fail(Usage, tr("a PIN is 4 to 12 digits; the one given is not (it was not sent to the card)"));
    }
    ConsoleSession session;
    if (const int rc = begin(session, load ? Operation::DeskLoad : Operation::DeskPurchase, true); rc != Ok) {
        request.pin.fill(QLatin1Char('0'));
        return rc;
    }
    CardReaderManager& manager = session.readers();
    PurseService& service = session.purse();
    if (const int rc = prepareReader(manager, m_reader); rc != Ok)
        return rc;
    const PurseTransactionResult result = PurseService::wait(service.transact(request));
    request.pin.fill(QLatin1Char('0'));
    printTrace(manager);
    QJsonObject out = result.toJson();
    out.insert(QStringLiteral("database"), session.database().location());
    printJson(out);
    if (!result.ok || !result.tacVerified)
        return fail(result.refused ? Refused : Failed, result.error, result.errorDetail);
    return Ok;
}

} // namespace carddesk
