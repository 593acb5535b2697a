// The in-card VM: sandbox (no io/os/load/require/string.dump/debug/package, text chunks only), the firewall
// (an access outside the application's DF ends the command, the other application's data is intact), the step
// and RAM bounds against runaway applications, and the cost of a VM command against a native one.
#include "AppDlSupport.h"
#include "HostileApp.h"

#include <chrono>
#include <cstdint>

using namespace appdltest;

namespace {

// Keeps every command it is shown (CLA, INS, data) in its data area and claims to have handled it: what it can
// learn of the commands sent while it is selected. 80 70 reads the record back.
const Bytes kSpyAid = *cdos::fromHex("D15600000198");
const char* kSpy = R"LUA(
function process(cla, ins, p1, p2, data, le)
  if cla == 0x80 and ins == 0x70 then
    local n = string.unpack(">I2", card.read(0, 2))
    return 0x9000, card.read(2, n)
  end
  local n = string.unpack(">I2", card.read(0, 2))
  local entry = string.pack(">BBs1", cla, ins, data)
  if n + #entry <= 500 then
    card.write(2 + n, entry)
    card.write(0, string.pack(">I2", n + #entry))
  end
  return 0x9000
end
)LUA";

CommandApdu apdu(std::uint8_t ins, const Bytes& data = {}) {
    return CommandApdu{0x80, ins, 0, 0, data, 256};
}

Bytes offset(std::int64_t off, int n = -1, const Bytes& tail = {}) {
    Bytes b;
    cdos::putU32(b, static_cast<std::uint32_t>(static_cast<std::int32_t>(off)));
    if (n >= 0)
        cdos::putU16(b, static_cast<std::uint16_t>(n));
    cdos::append(b, tail);
    return b;
}
// A 64-bit offset (big-endian) and a 16-bit length, for the 0x68 read.
Bytes offset64(std::int64_t off, int n) {
    Bytes b;
    const auto u = static_cast<std::uint64_t>(off);
    cdos::putU32(b, static_cast<std::uint32_t>(u >> 32));
    cdos::putU32(b, static_cast<std::uint32_t>(u));
    cdos::putU16(b, static_cast<std::uint16_t>(n));
    return b;
}
} // namespace

class TestAppVm : public QObject {
    Q_OBJECT

    void setup(IssuedCard& c) {
        QCOMPARE(c.install(loyaltyApp()).sw, std::uint16_t(0x9000));
        QCOMPARE(c.install(hostile()).sw, std::uint16_t(0x9000));
        QCOMPARE(c.select(kLoyaltyAid), std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdu(0x40, cardtest::hex("00002710"
                                               "4F52444552303031")))
                     .sw,
                 std::uint16_t(0x9000));
    }

    cdos::card::AppRecord record(IssuedCard& c, const Bytes& aid) {
        for (const auto& r : c.registry())
            if (r.aid == aid)
                return r;
        return {};
    }

private slots:
    void sandboxHasOnlyTheVettedLibrary() {
        IssuedCard c;
        setup(c);
        QCOMPARE(c.select(kHostileAid), std::uint16_t(0x9000));
        const ResponseApdu r = c.tx(apdu(0x5E));
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(r.data.data()), int(r.data.size())),
                 QByteArray("nilnilnilnilnilnilnilnilnilnilnilnilnil"));
        QCOMPARE(c.tx(apdu(0x64)).sw, ad::sw::VmError); // not a status word
        QCOMPARE(c.tx(apdu(0x62)).sw, std::uint16_t(0x9000));
        // ISO commands still reach the OS while the application is selected.
        QCOMPARE(c.tx(cdos::getData(cdos::tag::CardNumber)).sw, std::uint16_t(0x9000));
    }

    void firewall() {
        IssuedCard c;
        setup(c);
        const auto loyalty = record(c, kLoyaltyAid), mine = record(c, kHostileAid);
        const Bytes loyaltyBefore = c.card.os->nvm().read(loyalty.dfStart, loyalty.dfEnd - loyalty.dfStart);
        const std::int64_t toLoyalty = std::int64_t(loyalty.efAddr) - std::int64_t(mine.efAddr);
        QCOMPARE(c.select(kHostileAid), std::uint16_t(0x9000));
        // Inside its own DF: its data, and (read only) its own code.
        QCOMPARE(c.tx(apdu(0x50, offset(0, 4))).sw, std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdu(0x50, offset(std::int64_t(mine.dfStart) - mine.efAddr, 8))).sw, std::uint16_t(0x9000));
        const std::int64_t size = mine.dfEnd - mine.efAddr;
        QCOMPARE(c.tx(apdu(0x50, offset(size - 4, 4))).sw, std::uint16_t(0x9000));
        // Outside: the other application's data, one byte past the end, before the start, its own code.
        for (const auto& [what, cmd, sw] : std::vector<std::tuple<const char*, CommandApdu, std::uint16_t>>{
                 {"read other", apdu(0x50, offset(toLoyalty, 4)), ad::sw::VmFirewall},
                 {"read past end", apdu(0x50, offset(size - 3, 4)), ad::sw::VmFirewall},
                 {"read before start", apdu(0x50, offset(std::int64_t(mine.dfStart) - mine.efAddr - 1, 1)),
                  ad::sw::VmFirewall},
                 {"write other", apdu(0x52, offset(toLoyalty, -1, Bytes{0xFF, 0xFF, 0xFF, 0xFF})), ad::sw::VmFirewall},
                 {"write own code", apdu(0x52, offset(-4, -1, Bytes{1})), ad::sw::VmFirewall},
                 {"write past end", apdu(0x52, offset(size, -1, Bytes{1})), ad::sw::VmFirewall},
                 {"write hidden by pcall", apdu(0x54, offset(toLoyalty)), ad::sw::VmFirewall},
                 {"write far away", apdu(0x52, offset(-2000000000, -1, Bytes{1})), ad::sw::VmFirewall},
                 // Issue 17: efAddr + offset + n overflowed past the bounds check; the NVM's range error then
                 // unwound through liblua's C frames.
                 {"read overflowing", apdu(0x68, offset64(INT64_MAX - std::int64_t(mine.efAddr) - 1, 4)),
                  ad::sw::VmFirewall},
                 {"read at the far end", apdu(0x68, offset64(INT64_MAX, 1)), ad::sw::VmFirewall},
                 {"read at the near end", apdu(0x68, offset64(INT64_MIN, 1)), ad::sw::VmFirewall}}) {
            const Bytes image = c.card.image();
            QVERIFY2(c.tx(cmd).sw == sw, what);
            QVERIFY2(c.card.image() == image, what);
        }
        QCOMPARE(c.card.os->nvm().read(loyalty.dfStart, loyalty.dfEnd - loyalty.dfStart), loyaltyBefore);
        QCOMPARE(c.select(kLoyaltyAid), std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdu(0x44)).data, cardtest::hex("000001F4"
                                                      "000001F4"
                                                      "0001"));
    }

    void osCommandsNeverReachAnApplication() {
        // Issue 17: a selected application saw every command first — VERIFY with the PIN in clear included, and the
        // proactive TERMINAL RESPONSE that carries the PIN typed into the card's PIN box.
        IssuedCard c;
        ad::AppPackage spy;
        spy.aid = kSpyAid;
        spy.nvmSize = 512;
        spy.ramSize = 64 * 1024;
        spy.code = kSpy;
        spy.config = {'x'};
        QCOMPARE(c.install(spy).sw, std::uint16_t(0x9000));
        QCOMPARE(c.select(kSpyAid), std::uint16_t(0x9000));
        const Bytes pin = cardtest::hex("313937373131");
        const std::uint16_t verified = c.tx(CommandApdu{0x00, 0x20, 0x00, 0x01, pin, -1}).sw;
        QVERIFY2(verified != 0x9000, "the OS answers VERIFY: user 1's PIN is not this one"); // not the spy's 9000
        c.tx(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 8});
        c.tx(CommandApdu{0x80, 0x14, 0x00, 0x00, pin, -1});                 // TERMINAL RESPONSE
        c.tx(CommandApdu{0x80, 0xC2, 0x00, 0x00, pin, -1});                 // ENVELOPE
        c.tx(CommandApdu{0x84, 0x24, 0x00, 0x01, pin, -1});                 // secure messaging
        c.tx(CommandApdu{0x80, 0x66, 0x00, 0x00, cardtest::hex("AA"), -1}); // an application command
        QCOMPARE(c.select(kSpyAid), std::uint16_t(0x9000));
        const ResponseApdu seen = c.tx(apdu(0x70));
        QCOMPARE(seen.sw, std::uint16_t(0x9000));
        // It saw its own command only.
        QCOMPARE(seen.data, cardtest::hex("806601AA"));
    }

    void runawayApplicationsAreStopped() {
        IssuedCard c;
        setup(c);
        QCOMPARE(c.select(kHostileAid), std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdu(0x60, cardtest::hex("11223344"))).sw, std::uint16_t(0x9000));
        const Bytes image = c.card.image();
        // Each bound stops its application; how soon is a bench's figure, not a unit test's bound on a shared
        // machine: `build/bench/carddesk-bench-app-vm`.
        QCOMPARE(c.tx(apdu(0x56)).sw, ad::sw::VmSteps);
        QCOMPARE(c.tx(apdu(0x58)).sw, ad::sw::VmSteps); // pcall cannot swallow the bound
        QCOMPARE(c.tx(apdu(0x5A)).sw, ad::sw::VmMemory);
        QCOMPARE(c.tx(apdu(0x5C)).sw, ad::sw::VmError); // a write before an error is rolled back
        QVERIFY(c.card.image() == image);
        // The application is ended, not the card: the next command starts it afresh.
        QCOMPARE(c.tx(apdu(0x62)).data, cardtest::hex("11223344"));
        // Finalizers would run without the step bound (Lua disables hooks in __gc): they are refused.
        QCOMPARE(c.tx(apdu(0x66)).sw, ad::sw::VmError);
        QCOMPARE(c.select(kLoyaltyAid), std::uint16_t(0x9000));
    }

    void bytecodeIsRefused() {
        IssuedCard c;
        auto p = hostile();
        p.code = std::string("\x1bLua\x54\x00", 6) + std::string(64, '\x01');
        QCOMPARE(c.install(p).sw, std::uint16_t(0x9000));
        QCOMPARE(c.select(kHostileAid), std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdu(0x62)).sw, ad::sw::VmError);
    }

    void dispatchOverhead() {
        IssuedCard c;
        setup(c);
        const int n = 2000;
        auto time = [&](const CommandApdu& cmd) {
            const auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < n; ++i)
                if (c.tx(cmd).sw != 0x9000)
                    return -1.0;
            return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / n;
        };
        QCOMPARE(c.select(kLoyaltyAid), std::uint16_t(0x9000));
        const double vm = time(apdu(0x44));
        const double native = time(cdos::getData(cdos::tag::CardNumber));
        qInfo("in process: VM command (loyalty BALANCE) %.1f us, native GET DATA %.1f us, VM overhead %.1f us", vm,
              native, vm - native);
        QVERIFY(vm > 0 && native > 0);
    }
};

QTEST_GUILESS_MAIN(TestAppVm)
#include "TestAppVm.moc"
