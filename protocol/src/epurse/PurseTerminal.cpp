#include "carddesk/protocol/epurse/PurseTerminal.h"

#include "carddesk/protocol/apdu/TranslationMark.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <cstdio>

namespace cdos::ep {

namespace {

std::string swText(std::uint16_t sw) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04X", sw);
    return std::string(buf) + " " + purseStatusMeaning(sw);
}

PurseError badAnswer(const char* what) {
    return PurseError(std::string(what) + ": the card's answer has the wrong length", 0);
}

} // namespace

const char* fixedPurseStatusMeaning(std::uint16_t sw) {
    switch (sw) {
    case ep::sw::MacInvalid:
        return CDOS_TRANSLATE_NOOP("cdos::StatusWords", "MAC invalid");
    case ep::sw::Locked:
        return CDOS_TRANSLATE_NOOP("cdos::StatusWords", "purse permanently locked");
    case ep::sw::InsufficientBalance:
        return CDOS_TRANSLATE_NOOP("cdos::StatusWords", "insufficient balance");
    case ep::sw::CounterAtMaximum:
        return CDOS_TRANSLATE_NOOP("cdos::StatusWords", "transaction counter at its maximum");
    case ep::sw::KeyIndexNotSupported:
        return CDOS_TRANSLATE_NOOP("cdos::StatusWords", "key index not supported");
    case ep::sw::MacNotAvailable:
        return CDOS_TRANSLATE_NOOP("cdos::StatusWords", "no such transaction to prove");
    default:
        return fixedStatusWordMeaning(sw);
    }
}

std::string purseStatusMeaning(std::uint16_t sw) {
    const char* fixed = fixedPurseStatusMeaning(sw);
    return fixed ? fixed : statusWordMeaning(sw);
}

PurseKeys PurseKeys::fromIssuer(const IssuerKeys& keys, const Bytes& asn) {
    PurseKeys k;
    k.purchase = keys.cardKey("PURCHASE", asn);
    k.load = keys.cardKey("LOAD", asn);
    k.tac = keys.cardKey("TAC", asn);
    try {
        k.pinUnblock = keys.cardKey("PIN_UNBLOCK", asn);
    } catch (const KeyStoreError&) {
        // Only RELOAD PIN needs it; a purse terminal works without.
    }
    return k;
}

PurseTerminal::PurseTerminal(Transmit transmit, const TerminalId& terminal, PurseKeys keys)
    : m_terminal(terminal), m_transmit(std::move(transmit)), m_keys(std::move(keys)) {}

ResponseApdu PurseTerminal::send(const CommandApdu& c, const char* what) {
    ResponseApdu r = m_transmit(c);
    if (!r.ok())
        throw PurseError(std::string(what) + " refused: " + swText(r.sw), r.sw);
    return r;
}

void PurseTerminal::selectPurse() {
    send(selectFid(fid::Mf), "SELECT MF");
    const auto params = PurseParams::decode(
        send(CommandApdu{cla::Iso, cdos::ins::ReadBinary, 0x86, 0x00, {}, 256}, "READ BINARY purse parameters").data);
    if (!params)
        throw badAnswer("READ BINARY purse parameters");
    m_params = *params;
    send(selectAid(kPurseAid), "SELECT e-purse");
}

std::uint32_t PurseTerminal::balance() {
    const auto r = send(getBalance(), "GET BALANCE");
    if (r.data.size() != 4)
        throw badAnswer("GET BALANCE");
    return getU32(r.data.data());
}

void PurseTerminal::verifyPin(std::uint8_t user, const std::string& pin) {
    if (!isValidPin(pin))
        throw PurseError("VERIFY: a PIN has 4 to 12 digits", 0);
    send(cdos::verifyPin(user, pin), "VERIFY");
}

void PurseTerminal::changePin(std::uint8_t user, const std::string& oldPin, const std::string& newPin) {
    if (!isValidPin(oldPin) || !isValidPin(newPin))
        throw PurseError("CHANGE PIN: a PIN has 4 to 12 digits", 0);
    CommandApdu c{0x80, ins::ChangePin, 0x01, user, pinToBcd(oldPin), -1};
    c.data.push_back(0xFF);
    append(c.data, pinToBcd(newPin));
    ResponseApdu r = m_transmit(c);
    secureZero(c.data.data(), c.data.size());
    if (!r.ok())
        throw PurseError("CHANGE PIN refused: " + swText(r.sw), r.sw);
}

void PurseTerminal::reloadPin(std::uint8_t user, const std::string& newPin) {
    if (!m_keys.pinUnblock)
        throw PurseError("RELOAD PIN: this terminal holds no PIN-unblock key", 0);
    if (!isValidPin(newPin))
        throw PurseError("RELOAD PIN: a PIN has 4 to 12 digits", 0);
    const ResponseApdu challenge = m_transmit(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 8});
    if (!challenge.ok() || challenge.data.size() != 8)
        throw PurseError("RELOAD PIN: GET CHALLENGE refused: " + swText(challenge.sw), challenge.sw);
    CommandApdu c{0x80, kInsReloadPin, 0x00, user, reloadPinCryptogram(*m_keys.pinUnblock, newPin), -1};
    append(c.data, reloadPinMac(*m_keys.pinUnblock, challenge.data, user, c.data));
    ResponseApdu r = m_transmit(c);
    secureZero(c.data.data(), c.data.size());
    if (!r.ok())
        throw PurseError("RELOAD PIN refused: " + swText(r.sw), r.sw);
}

PurchaseResult PurseTerminal::purchase(std::uint32_t amount, std::uint32_t terminalSerial, const Bcd4& date,
                                       const Bcd3& time) {
    const auto init = InitPurchaseResponse::decode(
        send(initializeForPurchase(kKeyIndex, amount, m_terminal), "INITIALIZE FOR PURCHASE").data);
    if (!init)
        throw badAnswer("INITIALIZE FOR PURCHASE");
    const std::unique_ptr<DesKey> session =
        purchaseSessionKey(*m_keys.purchase, init->random, init->offlineCounter, terminalSerial);
    const auto type = static_cast<std::uint8_t>(TxType::EpPurchase);
    const Bytes mac1 = purchaseMac1(*session, amount, type, m_terminal, date, time);

    m_pending =
        PendingTransaction{TxType::EpPurchase, init->offlineCounter, amount, init->balance, terminalSerial, date, time};
    const ResponseApdu r = m_transmit(debitForPurchase(terminalSerial, date, time, mac1));
    m_pending.reset(); // answered: the card either did it (9000) or did not
    if (!r.ok())
        throw PurseError("DEBIT FOR PURCHASE refused: " + swText(r.sw), r.sw);
    if (r.data.size() != 8)
        throw badAnswer("DEBIT FOR PURCHASE");

    PurchaseResult out;
    out.balanceBefore = init->balance;
    out.balanceAfter = init->balance - amount;
    out.counter = init->offlineCounter;
    out.terminalSerial = terminalSerial;
    out.tac.assign(r.data.begin(), r.data.begin() + 4);
    out.mac2.assign(r.data.begin() + 4, r.data.end());
    out.mac2Verified = constantTimeEqual(out.mac2, purchaseMac2(*session, amount));
    const std::unique_ptr<DesKey> tk = tacKey(*m_keys.tac);
    out.tacVerified =
        constantTimeEqual(out.tac, purchaseTac(*tk, amount, type, m_terminal, terminalSerial, date, time));
    return out;
}

LoadResult PurseTerminal::load(std::uint32_t amount, const Bcd4& date, const Bcd3& time) {
    const auto init =
        InitLoadResponse::decode(send(initializeForLoad(kKeyIndex, amount, m_terminal), "INITIALIZE FOR LOAD").data);
    if (!init)
        throw badAnswer("INITIALIZE FOR LOAD");
    const std::unique_ptr<DesKey> session = loadSessionKey(*m_keys.load, init->random, init->onlineCounter);
    const auto type = static_cast<std::uint8_t>(TxType::EpLoad);
    // MAC1 proves the card holds this card's load key; without it the terminal (or host) must not credit.
    if (!constantTimeEqual(init->mac1, loadMac1(*session, init->balance, amount, type, m_terminal)))
        throw PurseError("INITIALIZE FOR LOAD: the card's MAC1 is wrong (not this card's load key)", sw::MacInvalid);
    const Bytes mac2 = loadMac2(*session, amount, type, m_terminal, date, time);

    m_pending = PendingTransaction{TxType::EpLoad, init->onlineCounter, amount, init->balance, 0, date, time};
    const ResponseApdu r = m_transmit(creditForLoad(date, time, mac2));
    m_pending.reset();
    if (!r.ok())
        throw PurseError("CREDIT FOR LOAD refused: " + swText(r.sw), r.sw);
    if (r.data.size() != 4)
        throw badAnswer("CREDIT FOR LOAD");

    LoadResult out;
    out.balanceBefore = init->balance;
    out.balanceAfter = init->balance + amount;
    out.counter = init->onlineCounter;
    out.tac = r.data;
    const std::unique_ptr<DesKey> tk = tacKey(*m_keys.tac);
    out.tacVerified =
        constantTimeEqual(out.tac, loadTac(*tk, out.balanceAfter, out.counter, amount, type, m_terminal, date, time));
    return out;
}

std::vector<LogRecord> PurseTerminal::readLog() {
    std::vector<LogRecord> out;
    for (std::uint8_t n = 1; n <= kLogRecords; ++n) {
        const ResponseApdu r = m_transmit(readLogRecord(n));
        if (r.sw == cdos::sw::RecordNotFound)
            break;
        if (!r.ok())
            throw PurseError("READ RECORD " + std::to_string(n) + " of the log refused: " + swText(r.sw), r.sw);
        const auto rec = LogRecord::decode(r.data);
        if (!rec)
            throw badAnswer("READ RECORD (log)");
        out.push_back(*rec);
    }
    return out;
}

LastTransaction PurseTerminal::lastTransaction() {
    const auto r = send(getData(kLastTransactionTag), "GET DATA last transaction");
    const auto last = LastTransaction::decode(r.data);
    if (!last)
        throw badAnswer("GET DATA last transaction");
    return *last;
}

Proof PurseTerminal::prove(TxType type, std::uint16_t counter) {
    const auto asked = static_cast<std::uint16_t>(m_params.proveCounterAfter ? counter + 1 : counter);
    const auto r = send(getTransactionProve(type, asked), "GET TRANSACTION PROVE");
    if (r.data.size() != 8)
        throw badAnswer("GET TRANSACTION PROVE");
    return Proof{Bytes(r.data.begin(), r.data.begin() + 4), Bytes(r.data.begin() + 4, r.data.end())};
}

bool PurseTerminal::checkTac(const LogRecord& e, const LastTransaction& last, std::uint32_t balanceNow,
                             const Bytes& tac) const {
    if (e.type != last.type || e.counter != last.counter || e.amount != last.amount || e.terminal != last.terminal ||
        e.date != last.date || e.time != last.time)
        return false;
    const std::unique_ptr<DesKey> tk = tacKey(*m_keys.tac);
    Bytes want;
    if (e.type == static_cast<std::uint8_t>(TxType::EpPurchase) ||
        e.type == static_cast<std::uint8_t>(TxType::EdPurchase))
        want = purchaseTac(*tk, e.amount, e.type, e.terminal, last.terminalSerial, e.date, e.time);
    else
        want = loadTac(*tk, balanceNow, e.counter, e.amount, e.type, e.terminal, e.date, e.time);
    return constantTimeEqual(want, tac);
}

RecoveryResult PurseTerminal::recover(const PendingTransaction& p) {
    selectPurse();
    RecoveryResult out;
    const bool purchase = p.type == TxType::EpPurchase;
    const ResponseApdu r = purchase ? send(initializeForPurchase(kKeyIndex, 0, m_terminal), "INITIALIZE FOR PURCHASE")
                                    : send(initializeForLoad(kKeyIndex, 0, m_terminal), "INITIALIZE FOR LOAD");
    if (purchase) {
        const auto init = InitPurchaseResponse::decode(r.data);
        if (!init)
            throw badAnswer("INITIALIZE FOR PURCHASE");
        out.balanceNow = init->balance;
        out.counterNow = init->offlineCounter;
    } else {
        const auto init = InitLoadResponse::decode(r.data);
        if (!init)
            throw badAnswer("INITIALIZE FOR LOAD");
        out.balanceNow = init->balance;
        out.counterNow = init->onlineCounter;
    }
    m_pending.reset();
    if (out.counterNow == p.counter)
        return out; // the counter did not move: the card never committed it
    if (out.counterNow != static_cast<std::uint16_t>(p.counter + 1))
        throw PurseError("recovery: the card's counter moved by more than one; another terminal used the purse", 0);
    out.happened = true;
    out.proof = prove(p.type, p.counter);
    const std::unique_ptr<DesKey> tk = tacKey(*m_keys.tac);
    const auto type = static_cast<std::uint8_t>(p.type);
    const Bytes want =
        purchase ? purchaseTac(*tk, p.amount, type, m_terminal, p.terminalSerial, p.date, p.time)
                 : loadTac(*tk, p.balanceBefore + p.amount, p.counter, p.amount, type, m_terminal, p.date, p.time);
    out.tacVerified = constantTimeEqual(want, out.proof.tac);
    return out;
}

} // namespace cdos::ep
