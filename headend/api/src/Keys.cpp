#include "carddesk/headendapi/Keys.h"

namespace carddesk::api {

QStringList allKeys() {
    return {key::account,        key::action,         key::active,       key::aid,
            key::amount,         key::applications,   key::authId,       key::balance,
            key::balanceBefore,  key::bytes,          key::cardNumber,   key::cardNumberCryptogram,
            key::cardPublicKey,  key::cardRegistered, key::certificate,  key::code,
            key::codeBytes,      key::config,         key::configBytes,  key::configHex,
            key::counter,        key::createdAt,      key::date,         key::description,
            key::dfBytes,        key::entry,          key::error,        key::event,
            key::expiresAt,      key::grant,          key::holder,       key::id,
            key::initResponse,   key::installable,    key::issuerSerial, key::keyIndex,
            key::kind,           key::loadId,         key::mac,          key::mac1,
            key::mac2,           key::message,        key::name,         key::nvmSize,
            key::onlineCounter,  key::operation,      key::permission,   key::personalDataCryptogram,
            key::price,          key::productSerial,  key::programmeId,  key::purchaseId,
            key::ramSize,        key::random,         key::randomSeed,   key::reason,
            key::requestId,      key::result,         key::rightMac,     key::sessionToken,
            key::status,         key::statusWord,     key::tac,          key::terminalId,
            key::terminalSerial, key::time,           key::title,        key::titleId,
            key::titles,         key::user,           key::userNumber,   key::validDays,
            key::version};
}

} // namespace carddesk::api
