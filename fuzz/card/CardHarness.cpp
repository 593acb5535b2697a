#include "card/CardHarness.h"

#include "carddesk/card/apps/EPurseApplication.h"
#include "carddesk/card/apps/PurseState.h"
#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/appdl/AppCrypto.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/ca/Ecm.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace cdfuzz {

using cdos::Bytes;
using cdos::CommandApdu;
using cdos::ResponseApdu;
using namespace cdos::card;

namespace {

constexpr int kMaxSteps = 48; // operations per input: longer inputs add little and slow every execution down
const char* const kPins[] = {"", "1234", "5678", "246810"};

std::string sourceFile(const char* relative) {
    std::ifstream in(std::string(CARDDESK_SOURCE_DIR) + "/" + relative);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The PIN digits of a VERIFY (00 20 00 user PIN) or e-purse CHANGE PIN (80 5E 01 user old FF new) for `user`;
// nullopt when `c` is neither. `newPin` gets CHANGE PIN's new one.
std::optional<std::string> pinGuess(const CommandApdu& c, std::uint8_t user, bool purseSelected, std::string* newPin) {
    if (c.p2 != user || c.data.empty())
        return std::nullopt;
    if (c.cla == 0x00 && c.ins == cdos::ins::Verify && c.p1 == 0)
        return cdos::bcdToDigits(c.data.data(), c.data.size()).value_or("?");
    if (purseSelected && c.cla == 0x80 && c.ins == cdos::ep::ins::ChangePin && c.p1 == 0x01) {
        const auto sep = std::find(c.data.begin(), c.data.end(), std::uint8_t{0xFF});
        const auto oldLen = static_cast<std::size_t>(sep - c.data.begin());
        if (sep != c.data.end() && newPin)
            *newPin = cdos::bcdToDigits(c.data.data() + oldLen + 1, c.data.size() - oldLen - 1).value_or("?");
        return cdos::bcdToDigits(c.data.data(), oldLen).value_or("?");
    }
    return std::nullopt;
}

} // namespace

CardHarness::CardHarness() : m_image(m_dir.file("card.img")) {
    m_keys = std::make_unique<cdos::KeyStore>(cdos::KeyStore::open(
        std::string(CARDDESK_SOURCE_DIR) + "/resources/keystores/development.cdks", "carddesk-development"));
    issueTemplate();
}

// The card every input starts from: the tests' sample profile (3 users, e-purse, menu, standard keys) with the
// CA part (service keys 1 and 2, rights) and the application-download key pair and CA key.
void CardHarness::issueTemplate() {
    NvmOptions nvm;
    nvm.durable = false;
    m_os = std::make_unique<CardOs>(Nvm::create(m_image, nvm));
    {
        cdos::CardProfile& p = m_profile;
        p.info = cdos::CardInfo{*cdos::fromHex("86010000000000000001"), *cdos::fromHex("4344000000000001"),
                                *cdos::fromHex("5456000000000001")};
        p.holder = cdos::HolderData{"U00000001", "6222021234567890", "Fuzz Holder", {}};
        for (std::uint8_t i = 1; i <= 3; ++i) {
            cdos::UserSpec u;
            u.profile = cdos::UserProfile{i, i == 1 ? 0xFFFFFFFFu : 0x0000000Fu, 3, "user " + std::to_string(i)};
            u.pin = kPins[i];
            p.users.push_back(u);
        }
        p.menu = {{1, 0x1, false, "TV"}, {2, 0x2, false, "VOD"}, {3, 0x4, false, "Purse"}, {5, 0x10, false, "Apps"}};
        p.purse = cdos::PurseParams{200000, 0};
        p.keys = cdos::CardProfile::standardKeys();
        p.ca.serviceKeys = {1, 2};
        p.ca.rights = {{1, cdos::ca::RightKind::Package, 0x10, 20260101, 20261231},
                       {2, cdos::ca::RightKind::Vod, 0x0777, 20260101, 20261231}};
        p.generateAppKeyPair = true;
        p.appCaPublicKey = cdos::appdl::AppKey::fromPem(sourceFile("resources/app-keys/ca-ec.pem")).publicDer();
    }
    cdos::Personaliser perso(*m_keys, [this](const CommandApdu& c) { return m_os->transmit(c); });
    perso.personalise(m_profile);
    // A purse with money in it, so that purchases go through.
    cdos::ep::PurseTerminal terminal([this](const CommandApdu& c) { return m_os->transmit(c); },
                                     cdos::ep::TerminalId{1, 2, 3, 4, 5, 6},
                                     cdos::ep::PurseKeys::fromIssuer(*m_keys, m_profile.info.asn()));
    terminal.selectPurse();
    terminal.load(50000, cdos::ep::bcdDate(2026, 12, 7), cdos::ep::bcdTime(21, 0, 0));
    m_os.reset();
    m_template = readFile(m_image);
}

void CardHarness::powerUp() {
    m_os = std::make_unique<CardOs>(Nvm::open(m_image, false));
    m_writesAtOpen = m_os->nvm().pageWrites();
    m_sm.reset();
}

// A power cycle: the image must open (NvmError::Corrupt here is a broken journal) and mount.
void CardHarness::reopen() {
    m_imageChanged = true;
    m_os.reset();
    try {
        powerUp();
    } catch (const std::exception& e) {
        invariantBroken(std::string("the image does not reopen: ") + e.what());
    }
}

void CardHarness::run(const std::uint8_t* data, std::size_t size) {
    // The image file changes only with a page write: an input that wrote nothing leaves the template in place.
    if (m_imageChanged)
        writeFile(m_image, m_template.data(), m_template.size());
    m_imageChanged = false;
    powerUp();
    for (std::uint8_t u = 1; u <= 8; ++u)
        m_pins[u] = u <= 3 ? std::optional<std::string>(kPins[u]) : std::nullopt;
    FuzzInput in(data, size);
    for (int n = 0; n < kMaxSteps && !in.empty(); ++n) {
        try {
            step(in);
        } catch (const CutHandled&) {
        }
    }
    // Journal consistency: the image as the input left it must open and mount (it is the template when nothing
    // was written since the last opening, which then proved it).
    if (m_os->nvm().pageWrites() != m_writesAtOpen || m_os->nvm().recoveredOnOpen())
        reopen();
    m_os.reset();
}

void CardHarness::step(FuzzInput& in) {
    const std::uint8_t op = in.u8();
    switch (op & 7) {
    case 3:
        issuerCommand(in.chunk());
        break;
    case 4: { // the holder types the right PIN
        const std::uint8_t user = static_cast<std::uint8_t>(1 + in.u8() % 4);
        if (m_pins[user])
            transmit(cdos::verifyPin(user, *m_pins[user]), Origin::Harness);
        break;
    }
    case 5:
        if (op & 0x08)
            ecm(in);
        else
            purseOperation(in);
        break;
    case 6:
        if (op & 0x08)
            m_os->reset();
        else
            reopen();
        m_sm.reset();
        break;
    case 7: { // the power goes at the n-th page write from now (torn: the first `tear` bytes of the page written)
        const std::uint32_t n = 1u + in.u8() % 6;
        const std::uint8_t tear = in.u8();
        m_os->nvm().setPowerCutAt(n, tear == 0xFF ? -1 : tear);
        break;
    }
    default:
        exchange(in.chunk(), Origin::Subscriber);
        break;
    }
}

// A command the issuer would send: wrapped in issuer secure messaging under the card's key 00 (a GET CHALLENGE
// first when no chain is running). Any refusal ends the chain.
void CardHarness::issuerCommand(const Bytes& plain) {
    auto parsed = cdos::parseCommand(plain);
    if (!std::holds_alternative<CommandApdu>(parsed))
        return;
    if (!m_sm) {
        const ResponseApdu challenge = transmit(cdos::getChallenge(), Origin::Harness);
        if (!challenge.ok())
            return;
        m_sm = std::make_unique<cdos::IssuerSmSession>(
            std::shared_ptr<const cdos::DesKey>(m_keys->cardKey("ISSUER_SM", m_profile.info.asn())));
        m_sm->start(challenge.data);
    }
    const ResponseApdu r = transmit(m_sm->wrap(std::get<CommandApdu>(parsed)), Origin::IssuerSm);
    if (!r.ok())
        m_sm.reset();
}

// A purse terminal with the real keys: a load, or a purchase by user 1 with the PIN the harness knows.
void CardHarness::purseOperation(FuzzInput& in) {
    const std::uint8_t kind = in.u8();
    const std::uint32_t amount = in.u16();
    cdos::ep::PurseTerminal terminal([this](const CommandApdu& c) { return transmit(c, Origin::Harness); },
                                     cdos::ep::TerminalId{1, 2, 3, 4, 5, 6},
                                     cdos::ep::PurseKeys::fromIssuer(*m_keys, m_profile.info.asn()));
    try {
        terminal.selectPurse();
        if (kind & 1) {
            if (m_pins[1])
                terminal.verifyPin(1, *m_pins[1]);
            terminal.purchase(amount, 0x1000u + kind, cdos::ep::bcdDate(2026, 12, 7), cdos::ep::bcdTime(21, 0, 1));
        } else {
            terminal.load(amount, cdos::ep::bcdDate(2026, 12, 7), cdos::ep::bcdTime(21, 0, 2));
        }
    } catch (const cdos::ep::PurseError&) {
    }
}

// An ECM the headend would broadcast, made with the real service key, its clear header from the input.
void CardHarness::ecm(FuzzInput& in) {
    cdos::ecm::EcmHeader h;
    h.scrambler = (in.u8() & 1) ? cdos::ecm::Scrambler::Cissa : cdos::ecm::Scrambler::Csa2;
    h.serviceKeyId = static_cast<std::uint8_t>(1 + in.u8() % 3);
    h.serviceKeyVersion = m_keys->version(cdos::ca::serviceKeyName(std::min<std::uint8_t>(h.serviceKeyId, 2)));
    h.programmeId = in.u16();
    h.packageId = in.u16();
    h.vodProgrammeId = in.u16();
    h.cryptoPeriod = in.u16();
    const std::uint32_t date = 20260000u + in.u16() % 10000u;
    cdos::ecm::ControlWords cw;
    const std::size_t cwSize = cdos::ecm::controlWordSize(h.scrambler);
    cw.even = cdos::SecretBytes(Bytes(cwSize, 0x11));
    cw.odd = cdos::SecretBytes(Bytes(cwSize, 0x22));
    const auto key = m_keys->sharedKey(cdos::ca::serviceKeyName(std::min<std::uint8_t>(h.serviceKeyId, 2)));
    const Bytes payload = cdos::ecm::Ecm::build(h, cw, key->reveal("fuzz harness: builds a test ECM").bytes());
    if (!transmit(cdos::selectAid(cdos::ca::kCaAid), Origin::Harness).ok())
        return;
    transmit(cdos::ca::processEcm(date, payload), Origin::Harness);
}

ResponseApdu CardHarness::transmit(const CommandApdu& c, Origin origin) {
    return ResponseApdu::fromRaw(exchange(c.serialize(), origin));
}

Bytes CardHarness::exchange(const Bytes& raw, Origin origin) {
    const Snapshot before = snapshot();
    Application* active = m_os->activeApplication();
    const bool purseSelected = active && active->aid() == cdos::ep::kPurseAid;
    Bytes answer;
    try {
        answer = m_os->process(raw);
    } catch (const PowerCut&) {
        // The answer is lost; what the card kept must be the state before or after the command, nothing between.
        reopen();
        const Snapshot after = snapshot();
        if (origin != Origin::IssuerSm) {
            checkPurse(before, after);
            checkPins(before, after, raw, 0, purseSelected);
        }
        throw CutHandled{};
    }
    if (answer.size() < 2)
        invariantBroken("an answer without a status word");
    if (m_os->nvm().inTransaction())
        invariantBroken("the command left its NVM transaction open");
    const auto sw = static_cast<std::uint16_t>(answer[answer.size() - 2] << 8 | answer.back());
    const Snapshot after = snapshot();
    if (origin == Origin::IssuerSm) {
        // The issuer may rewrite a PIN (PIN UNBLOCK with a new PIN block): the harness no longer knows it.
        if (sw == 0x9000 && raw.size() > 3 && raw[1] == cdos::ins::PinUnblock && raw[3] >= 1 && raw[3] <= 8 &&
            raw.size() > 9)
            m_pins[raw[3]].reset();
        return answer;
    }
    checkPurse(before, after);
    checkPins(before, after, raw, sw, purseSelected);
    return answer;
}

CardHarness::Snapshot CardHarness::snapshot() {
    Snapshot s;
    for (std::uint8_t u = 1; u <= 8; ++u) {
        const auto user = m_os->users().find(u);
        s.tries[u] = user ? user->retriesLeft : -1;
    }
    const auto stateAddr = EPurseApplication::stateAddress(*m_os);
    const auto df = m_os->files().dfByAid(cdos::ep::kPurseAid);
    const auto log = df ? m_os->files().child(*df, cdos::ep::kLogFid) : std::nullopt;
    if (stateAddr && log) {
        s.purse = true;
        const PurseState st = PurseState::read(m_os->nvm(), *stateAddr);
        s.balance = st.balance;
        s.online = st.onlineCounter;
        s.offline = st.offlineCounter;
        s.last = st.last.encode();
        const FileInfo f = m_os->files().file(*log);
        s.logUsed = m_os->files().recordsUsed(f);
        if (s.logUsed > 0)
            s.newestLog = m_os->files().readRecord(f, 1);
    }
    return s;
}

// The balance changes only together with a last-transaction record and a new log record that explain it.
void CardHarness::checkPurse(const Snapshot& before, const Snapshot& after) const {
    if (before.purse != after.purse)
        invariantBroken("the purse files appeared or vanished");
    if (!before.purse)
        return;
    const bool stateChanged = before.balance != after.balance || before.online != after.online ||
                              before.offline != after.offline || before.last != after.last;
    const bool logChanged = before.logUsed != after.logUsed || before.newestLog != after.newestLog;
    if (!stateChanged) {
        if (logChanged)
            invariantBroken("the purse log changed without a purse transaction");
        return;
    }
    const auto last = cdos::ep::LastTransaction::decode(after.last);
    const auto record = cdos::ep::LogRecord::decode(after.newestLog);
    if (!last || !record || !logChanged)
        invariantBroken("the purse state changed without a log record");
    if (record->counter != last->counter || record->amount != last->amount || record->type != last->type)
        invariantBroken("the newest log record is not the last transaction");
    if (last->type == static_cast<std::uint8_t>(cdos::ep::TxType::EpLoad)) {
        if (after.balance != before.balance + last->amount || after.balance < before.balance ||
            last->counter != before.online || after.online != before.online + 1 || after.offline != before.offline)
            invariantBroken("a load changed the balance or counters by something else than its amount");
    } else if (last->type == static_cast<std::uint8_t>(cdos::ep::TxType::EpPurchase)) {
        if (after.balance != before.balance - last->amount || after.balance > before.balance ||
            last->counter != before.offline || after.offline != before.offline + 1 || after.online != before.online)
            invariantBroken("a purchase changed the balance or counters by something else than its amount");
    } else {
        invariantBroken("the purse state changed with an unknown transaction type");
    }
}

// PIN tries: only the right PIN gives tries back; a wrong one costs exactly one; a blocked PIN stays blocked.
void CardHarness::checkPins(const Snapshot& before, const Snapshot& after, const Bytes& raw, std::uint16_t sw,
                            bool purseSelected) {
    const auto parsed = cdos::parseCommand(raw);
    const CommandApdu* c = std::get_if<CommandApdu>(&parsed);
    for (std::uint8_t u = 1; u <= 8; ++u) {
        if (before.tries[u] != after.tries[u] && (before.tries[u] < 0 || after.tries[u] < 0))
            invariantBroken("a user appeared or vanished after a subscriber command");
        std::string newPin;
        const auto guess = c ? pinGuess(*c, u, purseSelected, &newPin) : std::nullopt;
        const bool rightPin = guess && (!m_pins[u] || *guess == *m_pins[u]);
        if (after.tries[u] > before.tries[u] && !rightPin)
            invariantBroken("user " + std::to_string(u) + "'s PIN tries went up without the right PIN");
        if (!guess)
            continue;
        if (sw == 0 && rightPin && c->ins == cdos::ep::ins::ChangePin) {
            m_pins[u].reset(); // cut during CHANGE PIN: the new PIN may or may not be on the card
        } else if (sw == 0x9000) {
            if (!rightPin)
                invariantBroken("a wrong PIN of user " + std::to_string(u) + " was accepted");
            if (before.tries[u] == 0)
                invariantBroken("the blocked PIN of user " + std::to_string(u) + " was accepted");
            if (c->ins == cdos::ep::ins::ChangePin)
                m_pins[u] = newPin;
        } else if ((sw & 0xFFF0) == 0x63C0) {
            const int left = sw & 0x0F;
            if (after.tries[u] != left || left != before.tries[u] - 1)
                invariantBroken("a wrong PIN of user " + std::to_string(u) + " did not cost exactly one try");
        }
    }
}

} // namespace cdfuzz
