#pragma once
// The member names of the headend's JSON bodies (headend/openapi.yaml), one constant each, so that the headend,
// the gateway, the console's support client and the benchmarks cannot drift apart by a typo.
// tests/headend/TestHeadendApiSpec.cpp checks this list against the yaml both ways.
#include <QString>
#include <QStringList>

namespace carddesk::api {

namespace key {
inline const QString account = QStringLiteral("account");
inline const QString action = QStringLiteral("action");
inline const QString active = QStringLiteral("active");
inline const QString aid = QStringLiteral("aid");
inline const QString amount = QStringLiteral("amount");
inline const QString applications = QStringLiteral("applications");
inline const QString authId = QStringLiteral("authId");
inline const QString balance = QStringLiteral("balance");
inline const QString balanceBefore = QStringLiteral("balanceBefore");
inline const QString bytes = QStringLiteral("bytes");
inline const QString cardNumber = QStringLiteral("cardNumber");
inline const QString cardNumberCryptogram = QStringLiteral("cardNumberCryptogram");
inline const QString cardPublicKey = QStringLiteral("cardPublicKey");
inline const QString cardRegistered = QStringLiteral("cardRegistered");
inline const QString certificate = QStringLiteral("certificate");
inline const QString code = QStringLiteral("code");
inline const QString codeBytes = QStringLiteral("codeBytes");
inline const QString config = QStringLiteral("config");
inline const QString configBytes = QStringLiteral("configBytes");
inline const QString configHex = QStringLiteral("configHex");
inline const QString counter = QStringLiteral("counter");
inline const QString createdAt = QStringLiteral("createdAt");
inline const QString createdBy = QStringLiteral("createdBy");
inline const QString date = QStringLiteral("date");
inline const QString description = QStringLiteral("description");
inline const QString detail = QStringLiteral("detail");
inline const QString dfBytes = QStringLiteral("dfBytes");
inline const QString entry = QStringLiteral("entry");
inline const QString error = QStringLiteral("error");
inline const QString event = QStringLiteral("event");
inline const QString expiresAt = QStringLiteral("expiresAt");
inline const QString grant = QStringLiteral("grant");
inline const QString hash = QStringLiteral("hash");
inline const QString head = QStringLiteral("head");
inline const QString holder = QStringLiteral("holder");
inline const QString id = QStringLiteral("id");
inline const QString initResponse = QStringLiteral("initResponse");
inline const QString installable = QStringLiteral("installable");
inline const QString issuerSerial = QStringLiteral("issuerSerial");
inline const QString keyIndex = QStringLiteral("keyIndex");
inline const QString kind = QStringLiteral("kind");
inline const QString loadId = QStringLiteral("loadId");
inline const QString mac = QStringLiteral("mac");
inline const QString mac1 = QStringLiteral("mac1");
inline const QString mac2 = QStringLiteral("mac2");
inline const QString message = QStringLiteral("message");
inline const QString name = QStringLiteral("name");
inline const QString next = QStringLiteral("next");
inline const QString nvmSize = QStringLiteral("nvmSize");
inline const QString onlineCounter = QStringLiteral("onlineCounter");
inline const QString operation = QStringLiteral("operation");
inline const QString operatorName = QStringLiteral("operator"); // "operator" is a C++ keyword
inline const QString operators = QStringLiteral("operators");
inline const QString permission = QStringLiteral("permission");
inline const QString personalDataCryptogram = QStringLiteral("personalDataCryptogram");
inline const QString price = QStringLiteral("price");
inline const QString productSerial = QStringLiteral("productSerial");
inline const QString programmeId = QStringLiteral("programmeId");
inline const QString purchaseId = QStringLiteral("purchaseId");
inline const QString ramSize = QStringLiteral("ramSize");
inline const QString random = QStringLiteral("random");
inline const QString randomSeed = QStringLiteral("randomSeed");
inline const QString reason = QStringLiteral("reason");
inline const QString requestId = QStringLiteral("requestId");
inline const QString result = QStringLiteral("result");
inline const QString revokedAt = QStringLiteral("revokedAt");
inline const QString revokedBy = QStringLiteral("revokedBy");
inline const QString rightMac = QStringLiteral("rightMac");
inline const QString role = QStringLiteral("role");
inline const QString roles = QStringLiteral("roles");
inline const QString rows = QStringLiteral("rows");
inline const QString sequence = QStringLiteral("sequence");
inline const QString sessionToken = QStringLiteral("sessionToken");
inline const QString status = QStringLiteral("status");
inline const QString statusWord = QStringLiteral("statusWord");
inline const QString tac = QStringLiteral("tac");
inline const QString terminalId = QStringLiteral("terminalId");
inline const QString terminalSerial = QStringLiteral("terminalSerial");
inline const QString time = QStringLiteral("time");
inline const QString title = QStringLiteral("title");
inline const QString titleId = QStringLiteral("titleId");
inline const QString titles = QStringLiteral("titles");
inline const QString token = QStringLiteral("token");
inline const QString user = QStringLiteral("user");
inline const QString userNumber = QStringLiteral("userNumber");
inline const QString validDays = QStringLiteral("validDays");
inline const QString version = QStringLiteral("version");
} // namespace key

// Every constant above, for the specification test.
QStringList allKeys();

} // namespace carddesk::api
