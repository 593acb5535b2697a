// carddesk-cli's PIN reset (docs/carddesk-cli.md "pin-reset", docs/issuance.md "PIN reset"): a holder lost the PIN
// mailer; the session's PinResetService writes new generated PINs to the card and prints them into a new mailer.
#include "CliApp.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/FutureWait.h>
#include <carddesk/model/PinResetService.h>

namespace carddesk {

void CliApp::addPinResetOptions(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("users"),
                      tr("The users whose PINs are reset (pin-reset), e.g. 1,3; default: every user of the card."),
                      tr("LIST")});
    parser.addOption({QStringLiteral("address"),
                      tr("A postal address line for the new PIN mailer (pin-reset; repeat for each line, 1 to 5)."),
                      tr("LINE")});
}

int CliApp::pinReset(const QCommandLineParser& parser) {
    if (m_reader.isEmpty() || m_mailers.isEmpty())
        return fail(Usage, tr("pin-reset needs --reader NAME and --mailers DIR"));
    PinResetRequest request;
    request.reader = m_reader;
    request.mailerFolder = m_mailers;
    request.pinLength = m_pinLength;
    request.operatorName = m_operator;
    for (const QString& line : parser.values(QStringLiteral("address")))
        if (!line.trimmed().isEmpty())
            request.address << line.trimmed();
    if (parser.isSet(QStringLiteral("users"))) {
        for (const QString& part : parser.value(QStringLiteral("users")).split(QLatin1Char(','))) {
            bool ok = false;
            const int user = part.trimmed().toInt(&ok);
            if (!ok || user < 1 || user > 8 || request.users.contains(user))
                return fail(Usage, tr("--users takes distinct user numbers 1 to 8 separated by commas, got \"%1\"")
                                       .arg(parser.value(QStringLiteral("users"))));
            request.users << user;
        }
    }
    ConsoleSession session;
    if (const int rc = begin(session, Operation::PinReset, true); rc != Ok)
        return rc;
    if (const int rc = prepareReader(session.readers(), m_reader); rc != Ok)
        return rc;
    const PinResetResult r = waitForFuture(session.pinResets().reset(request));
    printTrace(session.readers());
    if (!r.ok) {
        // A partial reset still has its mailer: say where, beside the error.
        if (!r.mailer.isEmpty())
            printJson(r.toJson());
        return fail(r.refused ? Refused : r.usageError ? Usage : Failed, r.error, r.errorDetail);
    }
    printJson(r.toJson());
    return Ok;
}

} // namespace carddesk
