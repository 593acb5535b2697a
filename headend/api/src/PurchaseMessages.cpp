#include "carddesk/headendapi/PurchaseMessages.h"

#include "carddesk/headendapi/FieldReader.h"
#include "carddesk/headendapi/Keys.h"

#include "Limits.h"

namespace carddesk::api {

using namespace limits;

QJsonObject PurchaseRequest::toJson() const {
    return {{key::requestId, requestId},
            {key::amount, amount},
            {key::terminalId, hexText(terminalId)},
            {key::keyIndex, keyIndex},
            {key::initResponse, hexText(initResponse)}};
}

std::optional<PurchaseRequest> PurchaseRequest::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    PurchaseRequest m;
    m.amount = in.integer(key::amount, kAmount);
    m.requestId = in.string(key::requestId, kRequestId);
    m.terminalId = in.hex(key::terminalId, kTerminalIdBytes);
    m.keyIndex = in.integer(key::keyIndex, kKeyIndex);
    m.initResponse = in.hex(key::initResponse);
    return in.finish(std::move(m), badField, why);
}

PurchaseRequest VodPurchaseRequest::priced(qint64 price) const {
    return PurchaseRequest{requestId, price, terminalId, keyIndex, initResponse};
}

QJsonObject VodPurchaseRequest::toJson() const {
    return {{key::requestId, requestId},
            {key::titleId, titleId},
            {key::terminalId, hexText(terminalId)},
            {key::keyIndex, keyIndex},
            {key::initResponse, hexText(initResponse)}};
}

std::optional<VodPurchaseRequest> VodPurchaseRequest::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    VodPurchaseRequest m;
    m.titleId = in.integer(key::titleId, kId);
    m.requestId = in.string(key::requestId, kRequestId);
    m.terminalId = in.hex(key::terminalId, kTerminalIdBytes);
    m.keyIndex = in.integer(key::keyIndex, kKeyIndex);
    m.initResponse = in.hex(key::initResponse);
    return in.finish(std::move(m), badField, why);
}

QJsonObject PurchaseAnswer::toJson() const {
    return {{key::purchaseId, purchaseId},
            {key::terminalSerial, terminalSerial},
            {key::date, date},
            {key::time, time},
            {key::mac1, hexText(mac1)},
            {key::status, status}};
}

std::optional<PurchaseAnswer> PurchaseAnswer::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    PurchaseAnswer m;
    m.purchaseId = in.integer(key::purchaseId, kId);
    m.terminalSerial = in.integer(key::terminalSerial, kSerial);
    m.date = in.string(key::date);
    m.time = in.string(key::time);
    m.mac1 = in.hex(key::mac1);
    m.status = in.string(key::status);
    return in.finish(std::move(m), badField, why);
}

QJsonObject VodPurchaseAnswer::toJson() const {
    QJsonObject o = purchase.toJson();
    o.insert(key::titleId, titleId);
    o.insert(key::title, title);
    o.insert(key::amount, amount);
    o.insert(key::programmeId, programmeId);
    o.insert(key::validDays, validDays);
    o.insert(key::rightMac, hexText(rightMac));
    return o;
}

std::optional<VodPurchaseAnswer> VodPurchaseAnswer::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    const auto purchase = PurchaseAnswer::fromJson(o, badField, why);
    if (!purchase)
        return std::nullopt;
    FieldReader in(o);
    VodPurchaseAnswer m;
    m.purchase = *purchase;
    m.titleId = in.integer(key::titleId, kId);
    m.title = in.string(key::title);
    m.amount = in.integer(key::amount, kAmount);
    m.programmeId = static_cast<int>(in.integer(key::programmeId, 0xFFFF));
    m.validDays = static_cast<int>(in.integer(key::validDays, 0xFFFF));
    m.rightMac = in.hex(key::rightMac);
    return in.finish(std::move(m), badField, why);
}

QJsonObject PurchaseCompletion::toJson() const {
    QJsonObject o = begun ? begun->toJson() : QJsonObject();
    o.insert(key::mac2, hexText(mac2));
    o.insert(key::tac, hexText(tac));
    if (begun) {
        o.insert(key::terminalSerial, terminalSerial);
        o.insert(key::date, date);
        o.insert(key::time, time);
    }
    return o;
}

std::optional<PurchaseCompletion> PurchaseCompletion::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    PurchaseCompletion m;
    m.mac2 = in.hex(key::mac2, kMacBytes);
    m.tac = in.hex(key::tac, kMacBytes);
    if (in.ok() && o.contains(key::requestId)) { // the purchase as begun: all of it or a refusal
        m.begun = PurchaseRequest::fromJson(o, badField, why);
        if (!m.begun)
            return std::nullopt;
        m.terminalSerial = in.integer(key::terminalSerial, kSerial);
        m.date = in.string(key::date, 8);
        m.time = in.string(key::time, 6);
    }
    return in.finish(std::move(m), badField, why);
}

QJsonObject PurchaseCompletionAnswer::toJson() const {
    return {{key::purchaseId, purchaseId}, {key::status, status}, {key::amount, amount}};
}

std::optional<PurchaseCompletionAnswer> PurchaseCompletionAnswer::fromJson(const QJsonObject& o, QString* badField,
                                                                           QString* why) {
    FieldReader in(o);
    PurchaseCompletionAnswer m;
    m.purchaseId = in.integer(key::purchaseId, kId);
    m.status = in.string(key::status);
    m.amount = in.integer(key::amount, kAmount);
    return in.finish(std::move(m), badField, why);
}

} // namespace carddesk::api
