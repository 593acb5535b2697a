#include "carddesk/headendapi/LoadMessages.h"

#include "carddesk/headendapi/FieldReader.h"
#include "carddesk/headendapi/Keys.h"

#include "Limits.h"

namespace carddesk::api {

using namespace limits;

namespace {
const QString kReissue = QStringLiteral("reissue");
const QString kRefund = QStringLiteral("refund");
constexpr qsizetype kMaxAction = 16;
} // namespace

QJsonObject LoadRequest::toJson() const {
    return {{key::requestId, requestId},
            {key::amount, amount},
            {key::terminalId, hexText(terminalId)},
            {key::keyIndex, keyIndex},
            {key::initResponse, hexText(initResponse)}};
}

std::optional<LoadRequest> LoadRequest::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    LoadRequest m;
    m.requestId = in.string(key::requestId, kRequestId);
    m.amount = in.integer(key::amount, kAmount);
    m.terminalId = in.hex(key::terminalId, kTerminalIdBytes);
    m.keyIndex = in.integer(key::keyIndex, kKeyIndex);
    m.initResponse = in.hex(key::initResponse);
    return in.finish(std::move(m), badField, why);
}

QJsonObject LoadAnswer::toJson() const {
    QJsonObject o{
        {key::loadId, loadId}, {key::status, status}, {key::amount, amount}, {key::onlineCounter, onlineCounter}};
    if (hasMac2()) {
        o.insert(key::mac2, hexText(mac2));
        o.insert(key::date, date);
        o.insert(key::time, time);
    }
    return o;
}

std::optional<LoadAnswer> LoadAnswer::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    LoadAnswer m;
    m.loadId = in.integer(key::loadId, kId);
    m.status = in.string(key::status);
    m.amount = in.integer(key::amount, kAmount);
    m.onlineCounter = static_cast<int>(in.integer(key::onlineCounter, kCounter));
    if (in.has(key::mac2)) {
        m.mac2 = in.hex(key::mac2, kMacBytes);
        m.date = in.string(key::date);
        m.time = in.string(key::time);
    }
    return in.finish(std::move(m), badField, why);
}

QJsonObject LoadCompletion::toJson() const {
    return {{key::tac, hexText(tac)}};
}

std::optional<LoadCompletion> LoadCompletion::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    LoadCompletion m;
    m.tac = in.hex(key::tac, kMacBytes);
    return in.finish(std::move(m), badField, why);
}

QJsonObject LoadRecovery::toJson() const {
    return {{key::action, action == Action::Refund ? kRefund : kReissue}, {key::initResponse, hexText(initResponse)}};
}

std::optional<LoadRecovery> LoadRecovery::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    LoadRecovery m;
    const QString action = in.string(key::action, kMaxAction);
    if (in.ok() && action != kReissue && action != kRefund)
        in.fail(key::action, QStringLiteral("action must be reissue or refund"));
    m.action = action == kRefund ? Action::Refund : Action::Reissue;
    m.initResponse = in.hex(key::initResponse);
    return in.finish(std::move(m), badField, why);
}

QJsonObject PendingLoad::toJson() const {
    return {{key::loadId, loadId},
            {key::amount, amount},
            {key::status, status},
            {key::terminalId, hexText(terminalId)},
            {key::createdAt, createdAt}};
}

std::optional<PendingLoad> PendingLoad::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    PendingLoad m;
    m.loadId = in.integer(key::loadId, kId);
    m.amount = in.integer(key::amount, kAmount);
    m.status = in.string(key::status);
    m.terminalId = in.hex(key::terminalId, kTerminalIdBytes);
    m.createdAt = in.string(key::createdAt);
    return in.finish(std::move(m), badField, why);
}

QJsonObject RefundChallenge::toJson() const {
    return {{key::loadId, loadId}, {key::amount, amount}, {key::terminalId, hexText(terminalId)}};
}

std::optional<RefundChallenge> RefundChallenge::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    RefundChallenge m;
    m.loadId = in.integer(key::loadId, kId);
    m.amount = in.integer(key::amount, kAmount);
    m.terminalId = in.hex(key::terminalId, kTerminalIdBytes);
    return in.finish(std::move(m), badField, why);
}

} // namespace carddesk::api
