#pragma once
// One synthetic set-top terminal for the headend benches: a card of its own emulated in process (so pcscd is not
// the limit) and a keep-alive HTTPS connection of its own; it authenticates (three-party) and then alternates
// top-ups and payments (or another mix) until a deadline, timing each transaction and each request.
#include "HeadendClient.h"

#include "bench/BenchStats.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/headendapi/AuthMessages.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/LoadMessages.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/PurchaseMessages.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/epurse/EPurse.h"
#include "support/TestProfiles.h"

#include <QElapsedTimer>

#include <memory>
#include <optional>
#include <vector>

namespace cdbench {

namespace ep = cdos::ep;
namespace api = carddesk::api;

inline cdos::Bytes bytesq(const QString& hex) {
    return cdos::fromHex(hex.toStdString()).value_or(cdos::Bytes{});
}

// The HTTPS requests of a transaction, each timed on its own (p50/p99 per step).
enum class Step { PurchaseBegin, PurchaseCompletion, LoadBegin, LoadCompletion };
constexpr int kSteps = 4;
inline const char* const kStepNames[kSteps] = {"POST purchases", "POST purchase completion", "POST loads",
                                               "POST load completion"};

struct Figures {
    std::vector<double> payMs, loadMs, authMs, historyMs; // the last two: --mix growth
    std::vector<double> stepMs[kSteps];
    int failures = 0;
    QString firstFailure;
};

// One terminal: a card of its own, a connection of its own, a loop until the deadline.
class BenchTerminal {
public:
    BenchTerminal(int index, const cdos::KeyStore& keys, const QString& dir)
        : m_index(index), m_number(QStringLiteral("8602%1").arg(index, 16, 10, QLatin1Char('0'))) {
        cdos::card::NvmOptions nvm;
        nvm.durable = false; // the card is not what is measured
        m_card = std::make_unique<cdos::card::CardOs>(
            cdos::card::Nvm::create(QStringLiteral("%1/card-%2.img").arg(dir).arg(index).toStdString(), nvm));
        m_profile = cdtest::sampleProfile(m_number.toStdString());
        m_profile.holder.userNumber = QStringLiteral("B%1").arg(index, 8, 10, QLatin1Char('0')).toStdString();
        // An account number is letters and digits only (issue 11): the headend refuses "BENCH-1".
        m_profile.holder.account = QStringLiteral("BENCH%1").arg(index, 4, 10, QLatin1Char('0')).toStdString();
        cdos::Personaliser(keys, transmitter()).personalise(m_profile);
    }

    cdos::Transmit transmitter() {
        return [this](const cdos::CommandApdu& c) { return m_card->transmit(c); };
    }
    const cdos::CardProfile& profile() const { return m_profile; }
    QString number() const { return m_number; }

    // Runs on its own QThread (the network access manager belongs to the thread that makes it).
    // mix: "both" alternates top-ups and payments; "payments" loads the purse once (not counted), then pays.
    // mix "growth" (issue 15): authentication, top-up, payment and the history of one of the generated cards
    // (`historyCards` of them, numbered as carddesk-bench-headend-fill numbers them) in turn, each timed.
    void run(const QString& base, const QString& cert, qint64 deadlineMs, const QElapsedTimer& clock,
             const QString& mix, const QByteArray& operatorToken = {}, qint64 historyCards = 0) {
        cdgw::HeadendClient net(base, cert, 30000);
        if (!authenticate(net))
            return;
        if (!tx(cdos::verifyPin(1, "1234")).ok()) {
            fail(QStringLiteral("VERIFY refused"));
            return;
        }
        if (mix == QLatin1String("growth")) {
            runGrowth(net, base, cert, deadlineMs, clock, operatorToken, historyCards);
            return;
        }
        const bool paymentsOnly = mix == QLatin1String("payments");
        if (paymentsOnly && !topUp(net, 150000))
            return;
        for (int i = 0; clock.elapsed() < deadlineMs; ++i) {
            QElapsedTimer t;
            t.start();
            const bool load = !paymentsOnly && i % 2 == 0; // top up first: the purse never runs dry
            if (!(load ? topUp(net, 100) : pay(net, paymentsOnly ? 1 : 100)))
                return;
            (load ? m_figures.loadMs : m_figures.payMs).push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
    }
    // Enrols this terminal's card and holder and opens the holder's bank account, over an operator connection;
    // empty when done, otherwise what was refused.
    QString enrol(cdgw::HeadendClient& operatorNet) const {
        const auto& h = m_profile.holder;
        const auto e = operatorNet.post(
            api::path::adminCards,
            {{api::key::cardNumber, m_number},
             {api::key::holder, QJsonObject{{api::key::userNumber, QString::fromStdString(h.userNumber)},
                                            {api::key::account, QString::fromStdString(h.account)},
                                            {api::key::name, QString::fromStdString(h.name)}}}});
        const auto b =
            operatorNet.post(api::path::adminBankAccounts, {{api::key::account, QString::fromStdString(h.account)},
                                                            {api::key::balance, qint64(1) << 40}});
        return e.ok() && b.ok() ? QString() : QStringLiteral("enrolment failed: %1 %2").arg(e.status).arg(e.code());
    }
    const Figures& figures() const { return m_figures; }
    void clearFigures() { m_figures = {}; }

private:
    void runGrowth(cdgw::HeadendClient& net, const QString& base, const QString& cert, qint64 deadlineMs,
                   const QElapsedTimer& clock, const QByteArray& operatorToken, qint64 historyCards) {
        cdgw::HeadendClient support(base, cert, 30000);
        support.setOperatorToken(operatorToken);
        std::uint64_t pick = 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(m_index + 1);
        for (int i = 0; clock.elapsed() < deadlineMs; ++i) {
            QElapsedTimer t;
            t.start();
            switch (i % 4) {
            case 0:
                if (!authenticate(net))
                    return;
                m_figures.authMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                if (!tx(cdos::verifyPin(1, "1234")).ok()) {
                    fail(QStringLiteral("VERIFY refused"));
                    return;
                }
                break;
            case 1:
                if (!topUp(net, 100))
                    return;
                m_figures.loadMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                break;
            case 2:
                if (!pay(net, 100))
                    return;
                m_figures.payMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                break;
            default: {
                // One page (the newest 100) of a generated card's history; the terminal's own card without them.
                pick = pick * 6364136223846793005ULL + 1442695040888963407ULL;
                const QString card = historyCards > 0
                                         ? QStringLiteral("8603%1").arg(qint64((pick >> 16) % quint64(historyCards)),
                                                                        16, 10, QLatin1Char('0'))
                                         : m_number;
                const auto h = support.get(api::path::cardTransactions(card));
                if (!ok(h, "history"))
                    return;
                m_figures.historyMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            }
            }
        }
    }

    cdos::ResponseApdu tx(const cdos::CommandApdu& c) { return m_card->transmit(c); }
    template <class Request> cdgw::HeadendReply timed(Step step, Request&& request) {
        QElapsedTimer t;
        t.start();
        cdgw::HeadendReply r = request();
        m_figures.stepMs[static_cast<int>(step)].push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        return r;
    }
    bool fail(const QString& why) {
        if (m_figures.failures++ == 0)
            m_figures.firstFailure = QStringLiteral("terminal %1: %2").arg(m_index).arg(why);
        return false;
    }
    bool ok(const cdgw::HeadendReply& r, const char* what) {
        return r.ok() ||
               fail(QStringLiteral("%1: %2 %3 %4").arg(QLatin1String(what)).arg(r.status).arg(r.code(), r.detail));
    }

    // The answer of an Ok reply, or a failure naming the member the API promised and the reply lacks.
    template <class Answer> std::optional<Answer> answer(const cdgw::HeadendReply& r, const char* what) {
        QString member;
        auto a = Answer::fromJson(r.json, &member);
        if (!a)
            fail(QStringLiteral("%1: bad answer (%2)").arg(QLatin1String(what), member));
        return a;
    }

    bool authenticate(cdgw::HeadendClient& net) {
        namespace auth = cdos::auth;
        const auto init = net.post(api::path::authInit, {});
        const auto r1 = ok(init, "auth/init") ? answer<api::AuthChallenge>(init, "auth/init") : std::nullopt;
        if (!r1)
            return false;
        const auto a1 = tx(auth::authInit(r1->random));
        const auto card = net.post(api::path::authCard, api::AuthCardRequest{r1->authId, a1.data}.toJson());
        const auto r2 = ok(card, "auth/card") ? answer<api::AuthChallenge>(card, "auth/card") : std::nullopt;
        if (!r2)
            return false;
        const auto a2 = tx(auth::authenticate(r2->random));
        const auto verify = net.post(api::path::authVerify, api::AuthVerifyRequest{r1->authId, a2.data}.toJson());
        const auto r3 = ok(verify, "auth/verify") ? answer<api::AuthSession>(verify, "auth/verify") : std::nullopt;
        if (!r3)
            return false;
        if (!tx(auth::authResult(r3->cardNumberCryptogram)).ok())
            return fail(QStringLiteral("the card refused the headend"));
        net.setSessionToken(r3->sessionToken);
        return true;
    }

    QString requestId(const char* kind) {
        return QStringLiteral("bench-%1-%2-%3").arg(QLatin1String(kind)).arg(m_index).arg(++m_serial);
    }
    cdos::Bytes terminal() const { return cdos::Bytes(m_terminal.begin(), m_terminal.end()); }

    bool pay(cdgw::HeadendClient& net, std::uint32_t amount) {
        tx(cdos::selectAid(ep::kPurseAid));
        const auto init = tx(ep::initializeForPurchase(ep::kKeyIndex, amount, m_terminal));
        if (!init.ok())
            return fail(QStringLiteral("INITIALIZE FOR PURCHASE %1").arg(init.sw, 4, 16));
        const api::PurchaseRequest request{requestId("buy"), amount, terminal(), ep::kKeyIndex, init.data};
        const auto p = timed(Step::PurchaseBegin, [&] { return net.post(api::path::purchases, request.toJson()); });
        const auto begun = ok(p, "purchases") ? answer<api::PurchaseAnswer>(p, "purchases") : std::nullopt;
        if (!begun)
            return false;
        const cdos::Bytes d = bytesq(begun->date), t = bytesq(begun->time);
        if (d.size() != 4 || t.size() != 3)
            return fail(QStringLiteral("bad date/time"));
        const auto debit = tx(ep::debitForPurchase(static_cast<std::uint32_t>(begun->terminalSerial),
                                                   {d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, begun->mac1));
        if (!debit.ok() || debit.data.size() != 8)
            return fail(QStringLiteral("DEBIT %1").arg(debit.sw, 4, 16));
        const cdos::Bytes tac(debit.data.begin(), debit.data.begin() + 4),
            mac2(debit.data.begin() + 4, debit.data.end());
        // As the gateway does: with the purchase as begun (what a headend that lost its pending row records).
        const api::PurchaseCompletion completion{mac2, tac, request, begun->terminalSerial, begun->date, begun->time};
        const auto c = timed(Step::PurchaseCompletion, [&] {
            return net.post(api::path::purchaseCompletion(begun->purchaseId), completion.toJson());
        });
        return ok(c, "purchase completion");
    }

    bool topUp(cdgw::HeadendClient& net, std::uint32_t amount) {
        tx(cdos::selectAid(ep::kPurseAid));
        const auto init = tx(ep::initializeForLoad(ep::kKeyIndex, amount, m_terminal));
        if (!init.ok())
            return fail(QStringLiteral("INITIALIZE FOR LOAD %1").arg(init.sw, 4, 16));
        const auto l = timed(Step::LoadBegin, [&] {
            return net.post(api::path::loads,
                            api::LoadRequest{requestId("load"), amount, terminal(), ep::kKeyIndex, init.data}.toJson());
        });
        const auto loaded = ok(l, "loads") ? answer<api::LoadAnswer>(l, "loads") : std::nullopt;
        if (!loaded)
            return false;
        const cdos::Bytes d = bytesq(loaded->date), t = bytesq(loaded->time);
        if (d.size() != 4 || t.size() != 3)
            return fail(QStringLiteral("bad date/time"));
        const auto credit = tx(ep::creditForLoad({d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, loaded->mac2));
        if (!credit.ok())
            return fail(QStringLiteral("CREDIT %1").arg(credit.sw, 4, 16));
        const auto c = timed(Step::LoadCompletion, [&] {
            return net.post(api::path::loadCompletion(loaded->loadId), api::LoadCompletion{credit.data}.toJson());
        });
        return ok(c, "load completion");
    }

    int m_index;
    QString m_number;
    std::unique_ptr<cdos::card::CardOs> m_card;
    cdos::CardProfile m_profile;
    ep::TerminalId m_terminal{0, 0, 0, 0, 0x42, 0x02};
    int m_serial = 0;
    Figures m_figures;
};

} // namespace cdbench
