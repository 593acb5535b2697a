// carddesk-cli key: the issuer's keys in the desk's PKCS#11 token under the desk's operators (docs/keys.md,
// docs/operators.md) — list (role admin), ceremony and clear-key import (role admin, dual control), each audited
// with both operators' names and the check values, never a key or a component.
#include "CliApp.h"

#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/KeyRing.h>
#include <carddesk/model/OperatorSession.h>
#include <carddesk/protocol/token/KeySource.h>
#include <carddesk/protocol/token/Pkcs11Module.h>
#include <carddesk/protocol/token/TokenAdmin.h>

#include <QJsonArray>
#include <QJsonObject>

namespace carddesk {

namespace {

cdos::TokenAdmin openAdmin(const QString& source, const QString& pin) {
    const cdos::TokenUri uri = cdos::parsePkcs11Uri(source.toStdString());
    std::string secret = pin.toStdString();
    try {
        cdos::TokenAdmin admin = cdos::TokenAdmin::open(uri.modulePath, uri.label, secret);
        cdos::secureZero(secret.data(), secret.size());
        return admin;
    } catch (...) {
        cdos::secureZero(secret.data(), secret.size());
        throw;
    }
}

} // namespace

int CliApp::keyCommand(const QCommandLineParser&) {
    const QString what = m_subcommand.value(0);
    const bool list = what == QLatin1String("list") && m_subcommand.size() == 1;
    const bool ceremony = what == QLatin1String("ceremony") && (m_subcommand.size() == 4 || m_subcommand.size() == 5);
    const bool importClear = what == QLatin1String("import-clear") && m_subcommand.size() == 2;
    if (!list && !ceremony && !importClear)
        return fail(Usage, tr("key needs list, ceremony NAME VERSION 2|3 [shared], or import-clear FILE"));
    const QString source = m_keystore.isEmpty() ? KeyRing::defaultPath() : m_keystore;
    if (!KeyRing::isToken(source))
        return fail(
            Usage,
            tr("key commands work on a PKCS#11 token (--keystore pkcs11:token=LABEL); %1 is a key file").arg(source));
    const Operation op = list ? Operation::Settings : ceremony ? Operation::KeyCeremony : Operation::KeyImport;
    ConsoleSession session;
    if (const int rc = begin(session, op, false); rc != Ok)
        return rc;
    Grant grant;
    try {
        grant = session.operators().require(op); // takes the second operator's approval (allow())
    } catch (const AccessDenied& e) {
        return fail(Refused, e.text);
    }
    auto pin = secret("CARDDESK_TOKEN_PIN", tr("PIN of the token %1: ").arg(source));
    if (!pin)
        return fail(Failed, tr("no PIN for the token: set CARDDESK_TOKEN_PIN or run carddesk-cli on a terminal"));
    const bool production = session.database().productionMode();
    const QString action = list       ? QStringLiteral("key list")
                           : ceremony ? QStringLiteral("key ceremony")
                                      : QStringLiteral("key import");
    try {
        cdos::TokenAdmin admin = openAdmin(source, *pin);
        pin->fill(QLatin1Char('\0'));
        if (production)
            admin.setProductionMode(true); // the desk's production mode marks its token too
        if (list) {
            QJsonArray keys;
            for (const auto& o : admin.listObjects())
                keys.append(QJsonObject{{QStringLiteral("label"), QString::fromStdString(o.label)},
                                        {QStringLiteral("version"), o.version ? int(*o.version) : 0},
                                        {QStringLiteral("sensitive"), o.sensitive.value_or(false)},
                                        {QStringLiteral("extractable"), o.extractable.value_or(true)},
                                        {QStringLiteral("kcv"), QString::fromStdString(o.kcvHex)}});
            printJson(QJsonObject{{QStringLiteral("token"), QString::fromStdString(admin.description())},
                                  {QStringLiteral("productionMode"), admin.productionMode()},
                                  {QStringLiteral("keys"), keys}});
            return Ok;
        }
        if (importClear) {
            if (production)
                return fail(Refused, tr("production mode: a clear-key file is for development only; import the key "
                                        "in a key ceremony"));
            const cdos::ClearKeys clear = cdos::KeyStore::readClearKeys(m_subcommand[1].toStdString());
            const std::size_t changed = admin.importFromClearKeys(clear);
            session.database().appendAudit(grant.record(
                action, {}, QStringLiteral("ok"),
                QStringLiteral("%1 keys from %2 (%3 new)").arg(clear.keys.size()).arg(m_subcommand[1]).arg(changed)));
            printJson(QJsonObject{{QStringLiteral("imported"), qint64(changed)}});
            return Ok;
        }
        const QString name = m_subcommand[1];
        bool okVersion = false, okCount = false;
        const int version = m_subcommand[2].toInt(&okVersion);
        const int count = m_subcommand[3].toInt(&okCount);
        const bool shared = m_subcommand.value(4) == QLatin1String("shared");
        if (!okVersion || version < 1 || version > 255 || !okCount || count < 2 || count > 3 ||
            (m_subcommand.size() == 5 && !shared))
            return fail(Usage, tr("key ceremony NAME VERSION 2|3 [shared]: VERSION 1..255, 2 or 3 components"));
        std::vector<cdos::SecretBytes> components;
        QJsonArray componentKcvs;
        for (int i = 1; i <= count; ++i) {
            auto typed = secretLine(tr("Custodian %1 of %2: your component of %3 (32 hex digits, not shown): ")
                                        .arg(i)
                                        .arg(count)
                                        .arg(name));
            std::string digits = typed ? typed->remove(QLatin1Char(' ')).toStdString() : std::string();
            if (typed)
                typed->fill(QLatin1Char('\0'));
            auto value = cdos::fromHex(digits);
            cdos::secureZero(digits.data(), digits.size());
            if (!value || value->size() != 16)
                return fail(Usage, tr("component %1 is not 32 hex digits").arg(i));
            components.emplace_back(std::move(*value));
            const QString kcv = QString::fromStdString(cdos::TokenAdmin::kcvHex(components.back()));
            componentKcvs.append(kcv);
            std::fprintf(stderr, "%s\n", qPrintable(tr("component %1 check value %2").arg(i).arg(kcv)));
        }
        const auto done =
            admin.combineComponents(name.toStdString(), static_cast<std::uint8_t>(version), components, shared);
        const QString kcv = QString::fromStdString(done.resultKcv);
        session.database().appendAudit(grant.record(
            action, {}, QStringLiteral("ok"),
            QStringLiteral("%1 v%2 from %3 components, check value %4").arg(name).arg(version).arg(count).arg(kcv)));
        printJson(QJsonObject{{QStringLiteral("key"), name},
                              {QStringLiteral("version"), version},
                              {QStringLiteral("componentCheckValues"), componentKcvs},
                              {QStringLiteral("checkValue"), kcv}});
        return Ok;
    } catch (const std::exception& e) {
        pin->fill(QLatin1Char('\0'));
        const QString why = QString::fromStdString(e.what());
        try {
            session.database().appendAudit(grant.record(action, {}, QStringLiteral("failed: ") + why));
        } catch (const DatabaseError&) {
        }
        return fail(Failed, why);
    }
}

} // namespace carddesk
