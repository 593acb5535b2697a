// The card's proactive user dialogue (docs/proactive.md) on an in-process card issued with the personaliser and
// authenticated as the headend does it: user list, PIN box, personal menu, permission values, and what the card
// refuses (no authentication, PIN box before a user is chosen, malformed TERMINAL RESPONSEs, power cuts).
#include "card/CardTestSupport.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/perso/Personaliser.h"
#include "carddesk/protocol/proactive/Proactive.h"
#include "support/TestProfiles.h"

#include <QTest>

using cdos::Bytes;
using cdos::ResponseApdu;
namespace pa = cdos::proactive;
namespace auth = cdos::auth;

class TestProactive : public QObject {
    cdos::SecretBytes m_sessionKey; // of the last authentication (the card signs its grants with it)
    Bytes m_cardNumber;
    Q_OBJECT
    QTemporaryDir m_keyDir;
    std::optional<cdos::KeyStore> m_keys;

    // User 1 may use everything, user 2 only entries 1 and 2 (bits 1 and 2); entry 5 is hidden.
    cdos::CardProfile profile() const {
        cdos::CardProfile p = cdtest::sampleProfile();
        p.users[1].profile.permissions = 0x3;
        return p;
    }

    std::unique_ptr<cardtest::TempCard> issue(const std::string& holderLanguage = {}) {
        auto card = std::make_unique<cardtest::TempCard>();
        cdos::CardProfile p = profile();
        p.holder.language = holderLanguage;
        cdos::Personaliser(*m_keys, [&c = *card](const cdos::CommandApdu& a) { return c.tx(a); }).personalise(p);
        return card;
    }

    // The headend's side of [0010] with the key store; the card ends authenticated.
    void authenticate(cardtest::TempCard& c) {
        const Bytes r1 = cdos::crypto::randomBytes(8);
        const auto a1 = c.tx(auth::authInit(r1));
        QCOMPARE(a1.sw, std::uint16_t(0x9000));
        const auto number = auth::decryptCardNumber(m_keys->cardKey("TRANSPORT", r1)->reveal("test").bytes(), a1.data);
        QVERIFY(number.has_value());
        const Bytes r2 = cdos::crypto::randomBytes(8);
        const auto a2 = c.tx(auth::authenticate(r2));
        QCOMPARE(a2.sw, std::uint16_t(0x9000));
        const cdos::SecretBytes cak =
            m_keys->cardKey("CARD_AUTH", Bytes(number->begin() + 2, number->end()))->reveal("test");
        const cdos::SecretBytes apk = auth::processKey(cak.bytes(), r2);
        const auto personal = auth::decryptPersonalData(apk.bytes(), a2.data);
        QVERIFY(personal.has_value());
        QCOMPARE(c.tx(auth::authResult(auth::encryptAuthResult(apk.bytes(), *number, personal->cardRandom))).sw,
                 std::uint16_t(0x9000));
        m_sessionKey = auth::sessionKey(apk.bytes(), personal->cardRandom);
        m_cardNumber = *number;
    }

    // 91xx → FETCH → the decoded command.
    static pa::Command fetch(cardtest::TempCard& c, const ResponseApdu& r) {
        if (!pa::isPending(r.sw))
            throw std::runtime_error("no proactive command pending: " + std::to_string(r.sw));
        const ResponseApdu f = c.tx(pa::fetch(pa::pendingLength(r.sw)));
        if (f.sw != 0x9000 || f.data.size() != pa::pendingLength(r.sw))
            throw std::runtime_error("FETCH failed");
        auto cmd = pa::Command::decode(f.data);
        if (!cmd)
            throw std::runtime_error("FETCH answer does not decode");
        return *cmd;
    }

    static ResponseApdu answer(cardtest::TempCard& c, const pa::Command& cmd, std::optional<std::uint8_t> item = {},
                               std::optional<std::string> text = {}, std::uint8_t result = pa::result::Ok) {
        pa::TerminalResponse r = pa::TerminalResponse::answering(cmd, result);
        r.item = item;
        r.text = text;
        return c.tx(pa::terminalResponse(r));
    }

    static std::uint8_t retriesLeft(cardtest::TempCard& c, std::uint8_t user) {
        const auto users = cdos::decodeUsers(c.inspect(cdos::tag::Users));
        for (const auto& u : users.value_or(std::vector<cdos::UserStatus>{}))
            if (u.profile.number == user)
                return u.retriesLeft;
        return 0xFF;
    }

    // TERMINAL PROFILE → the user list; choose `user` → the PIN box.
    pa::Command toPinBox(cardtest::TempCard& c, std::uint8_t user) {
        const pa::Command list = fetch(c, c.tx(pa::terminalProfile()));
        return fetch(c, answer(c, list, user));
    }

private slots:
    void initTestCase() { m_keys.emplace(cardtest::developmentKeyStore(m_keyDir.path().toStdString())); }

    void refusedBeforeAuthentication() {
        auto c = issue();
        QCOMPARE(c->tx(pa::terminalProfile()).sw, cdos::sw::SecurityNotSatisfied);
        QCOMPARE(c->tx(pa::fetch(0)).sw, cdos::sw::SecurityNotSatisfied);
        QCOMPARE(c->tx(pa::envelope(pa::MenuSelection{1})).sw, cdos::sw::SecurityNotSatisfied);
        authenticate(*c);
        QCOMPARE(c->tx(pa::terminalProfile()).sw, std::uint16_t(0x912D)); // docs/proactive.md example
        // A power cycle forgets the authentication and the dialogue.
        c->reopen();
        QCOMPARE(c->tx(pa::terminalProfile()).sw, cdos::sw::SecurityNotSatisfied);
    }

    // Issue 11: the card's own texts reached a Chinese subscriber in English. They follow the terminal's language
    // (TERMINAL PROFILE P1 = 01, TLV 2D), else the holder's chosen at issuance, else English.
    void textsFollowTheTerminalOrTheHolder() {
        auto c = issue();
        authenticate(*c);
        const pa::Command zh = fetch(*c, c->tx(pa::terminalProfile(Bytes{0xFF}, "zh")));
        QCOMPARE(*zh.alpha, std::string("用户"));
        const pa::Command pin = fetch(*c, answer(*c, zh, 3));
        QCOMPARE(*pin.text, std::string("请输入孩子的密码"));
        const pa::Command wrong = fetch(*c, answer(*c, pin, {}, "000000"));
        QCOMPARE(*wrong.text, std::string("密码错误，还可再试 2 次"));
        const pa::Command en = fetch(*c, c->tx(pa::terminalProfile(Bytes{0xFF}, "en")));
        QCOMPARE(*en.alpha, std::string("Users"));
        // A language the card does not speak, or a P1 = 01 profile without the TLV: refused, the dialogue untouched.
        QCOMPARE(c->tx(pa::terminalProfile(Bytes{0xFF}, "fr")).sw, cdos::sw::IncorrectData);
        cdos::CommandApdu bare = pa::terminalProfile();
        bare.p1 = pa::kProfileWithLanguage;
        QCOMPARE(c->tx(bare).sw, cdos::sw::IncorrectData);
        bare.p1 = 0x02;
        QCOMPARE(c->tx(bare).sw, cdos::sw::IncorrectP1P2);

        auto chinese = issue("zh");
        authenticate(*chinese);
        const pa::Command list = fetch(*chinese, chinese->tx(pa::terminalProfile()));
        QCOMPARE(*list.alpha, std::string("用户"));
        const pa::Command english = fetch(*chinese, chinese->tx(pa::terminalProfile(Bytes{0xFF}, "en")));
        QCOMPARE(*english.alpha, std::string("Users")); // the terminal's language first
    }

    void wholeDialogue() {
        auto c = issue();
        authenticate(*c);
        const pa::Command list = fetch(*c, c->tx(pa::terminalProfile()));
        QCOMPARE(list.type, pa::CommandType::SelectItem);
        QCOMPARE(list.items.size(), std::size_t(3));
        QCOMPARE(list.items[0], (pa::Item{1, "户主"}));
        QCOMPARE(list.items[1], (pa::Item{2, "配偶"}));

        const pa::Command pin = fetch(*c, answer(*c, list, 2));
        QCOMPARE(pin.type, pa::CommandType::GetInput);
        QVERIFY(pin.hiddenInput());
        QCOMPARE(*pin.text, std::string("PIN for 配偶"));
        QVERIFY(pin.minLength == 4 && pin.maxLength == 12);

        const pa::Command menu = fetch(*c, answer(*c, pin, {}, "5678"));
        QCOMPARE(menu.type, pa::CommandType::SetUpMenu);
        QCOMPARE(*menu.alpha, std::string("配偶"));
        QCOMPARE(menu.items, (std::vector<pa::Item>{{1, "电视直播"}, {2, "视频点播"}})); // bits 1 and 2 only
        QCOMPARE(answer(*c, menu).sw, std::uint16_t(0x9000));

        const pa::Command grant = fetch(*c, c->tx(pa::envelope(pa::MenuSelection{2})));
        QCOMPARE(grant.type, pa::CommandType::DisplayText);
        QCOMPARE(*grant.text, std::string("视频点播"));
        // Signed for the headend with the session key: user 2's grant of entry 2 (docs/authentication.md).
        QCOMPARE(grant.grant,
                 (pa::PermissionGrant{2, 0x2, 2, auth::grantMac(m_sessionKey.bytes(), m_cardNumber, 2, 2, 0x2)}));
        QCOMPARE(answer(*c, grant).sw, std::uint16_t(0x9000));
        // Not in this user's menu (needs bit 3), hidden, absent: no permission value.
        QCOMPARE(c->tx(pa::envelope(pa::MenuSelection{3})).sw, cdos::sw::DataNotFound);
        QCOMPARE(c->tx(pa::envelope(pa::MenuSelection{5})).sw, cdos::sw::DataNotFound);
        QCOMPARE(c->tx(pa::envelope(pa::MenuSelection{9})).sw, cdos::sw::DataNotFound);
        QCOMPARE(fetch(*c, c->tx(pa::envelope(pa::MenuSelection{1}))).grant,
                 (pa::PermissionGrant{1, 0x1, 2, auth::grantMac(m_sessionKey.bytes(), m_cardNumber, 2, 1, 0x1)}));

        // The head of household sees four entries (5 stays hidden).
        const pa::Command pin1 = toPinBox(*c, 1);
        const pa::Command menu1 = fetch(*c, answer(*c, pin1, {}, "1234"));
        QCOMPARE(menu1.items.size(), std::size_t(4));
    }

    void wrongPinThreeTimesBlocksThatUserOnly() {
        auto c = issue();
        authenticate(*c);
        pa::Command pin = toPinBox(*c, 3);
        for (int left = 2; left >= 1; --left) {
            const pa::Command notice = fetch(*c, answer(*c, pin, {}, "0000"));
            QCOMPARE(notice.type, pa::CommandType::DisplayText);
            QCOMPARE(*notice.text, "Wrong PIN. " + std::to_string(left) + (left == 1 ? " try" : " tries") + " left");
            QCOMPARE(retriesLeft(*c, 3), std::uint8_t(left));
            pin = fetch(*c, answer(*c, notice)); // the PIN box again
            QCOMPARE(pin.type, pa::CommandType::GetInput);
        }
        const pa::Command blocked = fetch(*c, answer(*c, pin, {}, "0000"));
        QCOMPARE(*blocked.text, std::string("Wrong PIN. 孩子 is now blocked"));
        QCOMPARE(retriesLeft(*c, 3), std::uint8_t(0));
        const pa::Command list = fetch(*c, answer(*c, blocked)); // back to the user list
        QCOMPARE(list.type, pa::CommandType::SelectItem);
        // The blocked user gets a notice, not a PIN box; the others still log in.
        const pa::Command again = fetch(*c, answer(*c, list, 3));
        QCOMPARE(again.type, pa::CommandType::DisplayText);
        QCOMPARE(*again.text, std::string("孩子 is blocked"));
        QCOMPARE(retriesLeft(*c, 1), std::uint8_t(3));
        QCOMPARE(retriesLeft(*c, 2), std::uint8_t(3));
        const pa::Command list2 = fetch(*c, answer(*c, again));
        const pa::Command pin2 = fetch(*c, answer(*c, list2, 2));
        QCOMPARE(fetch(*c, answer(*c, pin2, {}, "5678")).type, pa::CommandType::SetUpMenu);
    }

    void goodPinResetsTheCounter() {
        auto c = issue();
        authenticate(*c);
        const pa::Command pin = toPinBox(*c, 1);
        const pa::Command notice = fetch(*c, answer(*c, pin, {}, "9999"));
        QCOMPARE(retriesLeft(*c, 1), std::uint8_t(2));
        const pa::Command pin2 = fetch(*c, answer(*c, notice));
        QCOMPARE(fetch(*c, answer(*c, pin2, {}, "1234")).type, pa::CommandType::SetUpMenu);
        QCOMPARE(retriesLeft(*c, 1), std::uint8_t(3));
    }

    void pinBoxBeforeUserChoiceRefused() {
        auto c = issue();
        authenticate(*c);
        const pa::Command list = fetch(*c, c->tx(pa::terminalProfile()));
        // A PIN answered while the user list is on the screen: refused, no try spent, the list still stands.
        pa::Command fakeBox = list;
        fakeBox.type = pa::CommandType::GetInput;
        fakeBox.qualifier = pa::qualifier::GetInputHidden;
        QCOMPARE(answer(*c, fakeBox, {}, "0000").sw, cdos::sw::ConditionsNotSatisfied);
        QCOMPARE(retriesLeft(*c, 1), std::uint8_t(3));
        // A menu selection before any login: refused.
        QCOMPARE(c->tx(pa::envelope(pa::MenuSelection{1})).sw, cdos::sw::ConditionsNotSatisfied);
        QCOMPARE(fetch(*c, answer(*c, list, 1)).type, pa::CommandType::GetInput);
    }

    void malformedTerminalResponses() {
        auto c = issue();
        authenticate(*c);
        const auto sw = c->tx(pa::terminalProfile()).sw;
        // Nothing fetched yet: no command to answer.
        QCOMPARE(answer(*c, pa::Command{}, 1).sw, cdos::sw::ConditionsNotSatisfied);
        QCOMPARE(c->tx(pa::fetch(pa::pendingLength(sw) - 1)).sw, cdos::sw::wrongLe(pa::pendingLength(sw)));
        const pa::Command list = fetch(*c, ResponseApdu{{}, sw});
        QCOMPARE(c->tx(pa::fetch(0)).sw, cdos::sw::ConditionsNotSatisfied); // fetched once only
        const cdos::CommandApdu raw{0x80, pa::ins::TerminalResponse, 0, 0, {}, -1};
        auto withData = [&](Bytes d) {
            cdos::CommandApdu a = raw;
            a.data = std::move(d);
            return c->tx(a).sw;
        };
        QCOMPARE(withData({}), cdos::sw::IncorrectData);
        QCOMPARE(withData({0x81, 0x03, list.number, 0x24}), cdos::sw::IncorrectData); // truncated
        QCOMPARE(withData({0x81, 0x03, list.number, 0x24, 0x00, 0x82, 0x02, 0x82, 0x81}), cdos::sw::IncorrectData);
        QCOMPARE(answer(*c, list).sw, cdos::sw::IncorrectData);    // no item chosen
        QCOMPARE(answer(*c, list, 7).sw, cdos::sw::IncorrectData); // no such user
        pa::Command wrongNumber = list;
        wrongNumber.number = static_cast<std::uint8_t>(list.number + 1);
        QCOMPARE(answer(*c, wrongNumber, 1).sw, cdos::sw::ConditionsNotSatisfied);
        const cdos::CommandApdu badP1{0x80, pa::ins::TerminalResponse, 1, 0, {}, -1};
        QCOMPARE(c->tx(badP1).sw, cdos::sw::IncorrectP1P2);
        // After all that, the list still answers; a PIN that is not 4..12 digits is refused without a try.
        const pa::Command pin = fetch(*c, answer(*c, list, 1));
        QCOMPARE(answer(*c, pin, {}, "12a4").sw, cdos::sw::IncorrectData);
        QCOMPARE(answer(*c, pin).sw, cdos::sw::IncorrectData);
        QCOMPARE(retriesLeft(*c, 1), std::uint8_t(3));
        // The user leaves: the dialogue ends and the menu is not installed.
        QCOMPARE(answer(*c, pin, {}, {}, pa::result::TerminatedByUser).sw, std::uint16_t(0x9000));
        QCOMPARE(c->tx(pa::envelope(pa::MenuSelection{1})).sw, cdos::sw::ConditionsNotSatisfied);
    }

    void terminalResponseHiddenInTraces() {
        const auto ranges = cdos::secretRanges(0x80, pa::ins::TerminalResponse, 20);
        QCOMPARE(ranges.size(), std::size_t(1));
        QVERIFY(ranges[0].offset == 0 && ranges[0].length == 20);
    }

    // Cut the power at each page write of a wrong-PIN answer: powered again, the user's counter is either the old
    // one or one lower, never a damaged slot, and the other users are untouched.
    // A right PIN in the PIN box is cut at the first page write like a wrong one (issue 17: it used to write
    // nothing, so a torn wrong guess told itself apart).
    void rightPinCutLikeWrongOne() {
        for (const char* pin : {"0000", "5678"}) {
            auto c = issue();
            authenticate(*c);
            const pa::Command box = toPinBox(*c, 2);
            c->os->nvm().setPowerCutAt(1, 0);
            bool cut = false;
            try {
                answer(*c, box, {}, pin);
            } catch (const cdos::card::PowerCut&) {
                cut = true;
            }
            c->os->nvm().setPowerCutAt(0);
            QVERIFY2(cut, pin);
            c->reopen();
            QCOMPARE(retriesLeft(*c, 2), std::uint8_t(3)); // nothing written, nothing learnt
        }
    }

    void powerCutLeavesNoHalfBlockedUser() {
        for (std::uint32_t n = 1;; ++n) {
            auto c = issue();
            authenticate(*c);
            const pa::Command pin = toPinBox(*c, 2);
            c->os->nvm().setPowerCutAt(n);
            bool cut = false;
            try {
                answer(*c, pin, {}, "0000");
            } catch (const cdos::card::PowerCut&) {
                cut = true;
            }
            c->os->nvm().setPowerCutAt(0);
            if (!cut) {
                QVERIFY(n > 1);
                QCOMPARE(retriesLeft(*c, 2), std::uint8_t(2));
                break;
            }
            c->reopen();
            // The try is spent in the first commit, before the PIN is compared: only a cut inside that commit's
            // journal page (write 1) can leave it unspent, and then the card has told nothing.
            const std::uint8_t left = retriesLeft(*c, 2);
            QVERIFY2(left == 2 || (n == 1 && left == 3),
                     qPrintable(QString("counter %1 after a cut at write %2").arg(left).arg(n)));
            QCOMPARE(retriesLeft(*c, 1), std::uint8_t(3));
            QCOMPARE(retriesLeft(*c, 3), std::uint8_t(3));
            // The user still logs in with the right PIN.
            authenticate(*c);
            const pa::Command pin2 = toPinBox(*c, 2);
            QCOMPARE(fetch(*c, answer(*c, pin2, {}, "5678")).type, pa::CommandType::SetUpMenu);
        }
    }
};

QTEST_GUILESS_MAIN(TestProactive)
#include "TestProactive.moc"
