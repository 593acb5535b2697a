#pragma once
// The standard template's card (resources/templates/standard-tv.json) issued through the console's IssuanceService
// with the development key store, in a reader the test has set up (an in-process card or a PC/SC one).
#include "support/TestProfiles.h"

#include <carddesk/model/CardTemplate.h>
#include <carddesk/model/HolderFile.h>
#include <carddesk/model/IssuanceService.h>

#include <QByteArray>
#include <QString>

namespace cdtest {

// Holder and PINs of the model tests' card (users 1-3 of the template).
inline QByteArray standardHolderJson() {
    return R"({"holder": {"userNumber": "U20240001", "account": "6222021234567890", "name": "张伟"},
              "users": [{"number": 1, "pin": "135790"}, {"number": 2, "pin": "864200"}, {"number": 3, "pin": "97531"}]})";
}

// HolderFile::fromJson wipes the PINs from `holderJson`, hence the copy taken by value.
inline carddesk::IssuanceResult issueStandardCard(carddesk::IssuanceService& issuance, const QString& reader,
                                                  QByteArray holderJson = standardHolderJson()) {
    issuance.openKeyStore(QString::fromStdString(devKeyStorePath()), QString::fromLatin1(kDevPassphrase));
    const auto tmpl =
        carddesk::CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"));
    return issuance.issueAndWait(
        carddesk::IssuanceRequest{reader, tmpl, carddesk::HolderFile::fromJson(holderJson), {}, {}, 0});
}

} // namespace cdtest
