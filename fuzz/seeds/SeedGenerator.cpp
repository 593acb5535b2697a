// Writes the seed corpora of the fuzz targets (docs/fuzzing.md) from the real encoders, so that every seed is an
// object the product itself makes: APDU sequences for the card, TLV and records, install messages signed with the
// development authorities, ECMs and a scrambled stream, key files. scripts/run-fuzz.sh --seeds runs it into a
// scratch folder and minimises the result into fuzz/<target>/corpus with libFuzzer's -merge=1.
//   fuzz-seed-generator OUTDIR      -> OUTDIR/<target>/<name>
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/apdu/Tlv.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/appdl/AppProducer.h"
#include "carddesk/protocol/appdl/AppRegistryRecord.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/ca/Ecm.h"
#include "carddesk/protocol/epurse/EPurse.h"
#include "carddesk/protocol/perso/Personaliser.h"
#include "carddesk/protocol/proactive/Proactive.h"
#include "carddesk/protocol/ts/Psi.h"
#include "carddesk/scrambler/Scrambler.h"
#include "common/FuzzKeys.h"
#ifdef CARDDESK_FUZZ_QT
#include "carddesk/cardio/TraceLog.h"

#include <QBuffer>
#endif

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using cdos::Bytes;
using cdos::CommandApdu;
namespace fs = std::filesystem;

fs::path g_out;

void seed(const std::string& target, const std::string& name, const Bytes& content) {
    fs::create_directories(g_out / target);
    std::ofstream out(g_out / target / name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(content.data()), static_cast<std::streamsize>(content.size()));
}

Bytes with(std::uint8_t selector, const Bytes& body) {
    Bytes b{selector};
    b.insert(b.end(), body.begin(), body.end());
    return b;
}

Bytes text(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

// The card harness's operations (fuzz/card/CardHarness.cpp, step()).
struct CardScript {
    Bytes in;
    CardScript& apdu(const CommandApdu& c) {
        const Bytes raw = c.serialize();
        in.push_back(0x00);
        in.push_back(static_cast<std::uint8_t>(raw.size()));
        cdos::append(in, raw);
        return *this;
    }
    CardScript& raw(const char* hex) {
        const Bytes raw = *cdos::fromHex(hex);
        in.push_back(0x01);
        in.push_back(static_cast<std::uint8_t>(raw.size()));
        cdos::append(in, raw);
        return *this;
    }
    CardScript& issuer(const CommandApdu& c) {
        const Bytes raw = c.serialize();
        in.push_back(0x03);
        in.push_back(static_cast<std::uint8_t>(raw.size()));
        cdos::append(in, raw);
        return *this;
    }
    CardScript& rightPin(std::uint8_t user) { return op({0x04, static_cast<std::uint8_t>(user - 1)}); }
    CardScript& purchase(std::uint16_t amount) {
        return op({0x05, 0x01, static_cast<std::uint8_t>(amount >> 8), static_cast<std::uint8_t>(amount)});
    }
    CardScript& load(std::uint16_t amount) {
        return op({0x05, 0x00, static_cast<std::uint8_t>(amount >> 8), static_cast<std::uint8_t>(amount)});
    }
    CardScript& ecm(std::uint16_t package, std::uint16_t period) {
        return op({0x0D, 0x00, 0x00, 0x01, 0x01, static_cast<std::uint8_t>(package >> 8),
                   static_cast<std::uint8_t>(package), 0x00, 0x00, static_cast<std::uint8_t>(period >> 8),
                   static_cast<std::uint8_t>(period), 0x04, 0x56});
    }
    CardScript& reset() { return op({0x0E}); }
    CardScript& powerCycle() { return op({0x06}); }
    CardScript& cutAt(std::uint8_t write, std::uint8_t tear) { return op({0x07, write, tear}); }
    CardScript& op(const Bytes& b) {
        cdos::append(in, b);
        return *this;
    }
};

void cardSeeds() {
    using namespace cdos;
    const Bytes epAid = ep::kPurseAid;
    seed("card", "read-mf",
         CardScript{}
             .apdu(selectFid(fid::Mf))
             .apdu(selectFid(fid::CardInfo))
             .raw("00B0000000")
             .apdu(getData(tag::CardNumber))
             .apdu(getData(tag::Nvm))
             .apdu(selectFid(fid::Menu))
             .raw("00B2010400")
             .in);
    seed("card", "purse",
         CardScript{}
             .apdu(selectAid(epAid))
             .apdu(ep::getBalance())
             .purchase(120)
             .load(500)
             .apdu(selectAid(epAid))
             .apdu(ep::readLogRecord(1))
             .apdu(ep::getTransactionProve(ep::TxType::EpPurchase, 1))
             .in);
    seed("card", "purse-raw",
         CardScript{}
             .apdu(selectAid(epAid))
             .apdu(verifyPin(1, "1234"))
             .apdu(ep::initializeForPurchase(1, 100, ep::TerminalId{1, 2, 3, 4, 5, 6}))
             .apdu(ep::debitForPurchase(7, ep::bcdDate(2026, 12, 7), ep::bcdTime(1, 2, 3), Bytes(4, 0xAB)))
             .apdu(ep::initializeForLoad(1, 100, ep::TerminalId{1, 2, 3, 4, 5, 6}))
             .raw("805E0101061234FF5678")
             .raw("805E000108")
             .in);
    seed("card", "pins",
         CardScript{}
             .apdu(verifyPin(2, "0000"))
             .apdu(verifyPin(2, "0000"))
             .raw("0020000200")
             .rightPin(2)
             .apdu(verifyPin(3, "1111"))
             .apdu(verifyPin(3, "1111"))
             .apdu(verifyPin(3, "1111"))
             .rightPin(3)
             .raw("0020000300")
             .in);
    seed("card", "issuer",
         CardScript{}
             .issuer(getData(tag::CardNumber))
             .issuer(CommandApdu{0x80, ins::PinUnblock, 0, 3, {}, -1})
             .issuer(ca::writeEntitlement({1, ca::RightKind::Channel, 0x0101, 20260101, 20271231}))
             .issuer(CommandApdu{0x80, ins::BlockCard, 0, 0, {}, -1})
             .apdu(getChallenge())
             .issuer(CommandApdu{0x80, ins::UnblockCard, 0, 0, {}, -1})
             .in);
    seed("card", "ca",
         CardScript{}
             .rightPin(1)
             .ecm(0x10, 5)
             .ecm(0x10, 4)
             .ecm(0x20, 6)
             .apdu(selectAid(ca::kCaAid))
             .apdu(ca::getCaData(ca::kTagEntitlements))
             .apdu(ca::editMenu({{ca::MenuOp::Hide, 2}}))
             .apdu(ca::openVodRight(0x0777, 100, 2, Bytes(4, 0)))
             .in);
    seed("card", "proactive-auth",
         CardScript{}
             .apdu(auth::authInit(Bytes(8, 0x11)))
             .apdu(auth::authenticate(Bytes(8, 0x22)))
             .apdu(proactive::terminalProfile(Bytes{0xFF}, "en"))
             .apdu(proactive::fetch(0))
             .apdu(proactive::envelope(proactive::MenuSelection{2}))
             .in);
    seed("card", "appdl",
         CardScript{}
             .apdu(appdl::AppCommands::readCardKey())
             .apdu(appdl::AppCommands::checkRoom(*fromHex("F0000000010001"), 4096, 2048))
             .apdu(selectFid(appdl::fid::Registry))
             .raw("00B2010450")
             .raw("80E4800003E30100")
             .in);
    seed("card", "tearing",
         CardScript{}
             .cutAt(2, 0x80)
             .purchase(10)
             .cutAt(1, 0xFF)
             .apdu(verifyPin(1, "9999"))
             .powerCycle()
             .cutAt(3, 0x10)
             .load(20)
             .reset()
             .in);
    seed("card", "bad-apdus",
         CardScript{}
             .raw("00")
             .raw("00A4")
             .raw("00A4040000")
             .raw("00A40400FF")
             .raw("00B0000000000100")
             .raw("80E00000")
             .raw("0CA4000C023F00")
             .raw("00D6000001FF")
             .raw("00E200000100")
             .in);
}

void tlvSeeds() {
    using namespace cdos;
    Bytes t;
    tlv::put(t, 0x01, text("U00000001"));
    tlv::put(t, 0x02, Bytes(200, 0x33));
    seed("tlv", "ber", with(0, t));
    Bytes strict;
    appdl::AppTlv::put(strict, 0x4F, *fromHex("F000000001"));
    appdl::AppTlv::putU8(strict, 0x80, 1);
    appdl::AppTlv::put(strict, 0x91, appdl::AppTlv::encodeGroup({Bytes(8, 1), Bytes(8, 2)}));
    seed("tlv", "strict", with(1, strict));
    proactive::Command select;
    select.type = proactive::CommandType::SelectItem;
    select.alpha = "Menu";
    select.items = {{1, "电视直播"}, {2, "VOD"}};
    seed("tlv", "pa-select", with(2, select.encode()));
    proactive::Command input;
    input.type = proactive::CommandType::GetInput;
    input.qualifier = proactive::qualifier::GetInputHidden;
    input.text = "PIN";
    input.minLength = 4;
    input.maxLength = 6;
    seed("tlv", "pa-input", with(2, input.encode()));
    proactive::Command display;
    display.text = "OK";
    display.grant = proactive::PermissionGrant{5, 0x10, 1, Bytes(4, 9)};
    seed("tlv", "pa-display", with(2, display.encode()));
    proactive::TerminalResponse r = proactive::TerminalResponse::answering(input);
    r.text = "1234";
    seed("tlv", "pa-response", with(2 + 8, r.encode()));
    seed("tlv", "pa-envelope", with(2 + 16, proactive::MenuSelection{3}.encode()));
    seed("tlv", "pa-profile", with(2 + 24, proactive::terminalProfile(Bytes{0xFF}, "zh").data));
    seed("tlv", "apdu-short", with(3, selectAid(ep::kPurseAid).serialize()));
    CommandApdu ext{0x80, 0xE6, 0x80, 0x00, Bytes(300, 0x5A), 0, true};
    seed("tlv", "apdu-extended", with(3, ext.serialize()));
    const CardInfo info{*fromHex("86010000000000000001"), *fromHex("4344000000000001"), *fromHex("5456000000000001")};
    seed("tlv", "cardinfo", with(4, info.encode()));
    seed("tlv", "holder", with(4, HolderData{"U00000001", "6222021234567890", "张伟", "zh"}.encode()));
    seed("tlv", "purseparams", with(4, PurseParams{200000, 1000, true, false}.encode()));
    seed("tlv", "fcp", with(4, Fcp{0x0018, FileType::Cyclic, 0, 23, 10, 3, {}, 0, 0xFF, 5}.encode()));
    seed("tlv", "putuser", with(4, encodePutUser(UserProfile{1, 0xFF, 3, "户主"}, Bytes(8, 7))));
    seed("tlv", "users", with(4, encodeUsers({UserStatus{UserProfile{1, 0xFF, 3, "户主"}, 2}})));
    seed("tlv", "menu", with(4, encodeMenu({MenuEntry{1, 1, false, "电视直播"}, MenuEntry{2, 2, true, "VOD"}})));
    seed("tlv", "keys", with(4, encodeKeys({KeyInfo{0, 0x02, 1, 1, 15, 15}})));
    seed("tlv", "nvm", with(4, encodeNvm(NvmInfo{131072, 60000, 123, 256})));
    ep::LogRecord log{3, 0, 120, 6, {1, 2, 3, 4, 5, 6}, ep::bcdDate(2026, 12, 7), ep::bcdTime(1, 2, 3)};
    seed("tlv", "ep-log", with(5, log.encode()));
    ep::LastTransaction last{6, 3, 7, {1, 2, 3, 4, 5, 6}, ep::bcdDate(2026, 12, 7), ep::bcdTime(1, 2, 3), 120};
    seed("tlv", "ep-last", with(5, last.encode()));
    seed("tlv", "ca-rights",
         with(6, ca::writeEntitlements({{1, ca::RightKind::Package, 0x10, 20260101, 20261231},
                                        {2, ca::RightKind::Vod, 0x777, 20260101, 20260201}})
                     .data));
    seed("tlv", "hex", with(7, text("00 A4 04 00 06 F0 43 44 45 50 01")));
}

std::string readText(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void appcertSeeds() {
    using namespace cdos::appdl;
    const std::string root = CARDDESK_SOURCE_DIR;
    AppProducer producer(AppAuthorities::development(root + "/resources/app-keys", "ec"));
    CardIdentity card{*cdos::fromHex("86010000000000000001"), *cdos::fromHex("4344000000000001"),
                      *cdos::fromHex("5456000000000001"), AppKey::generateRsa2048()};
    AppPackage app;
    app.aid = *cdos::fromHex("F0000000010001");
    app.nvmSize = 64;
    app.ramSize = 16384;
    app.code = "function process(apdu) return '9000' end";
    app.config = cdos::Bytes{1, 2, 3};
    const Bytes message =
        AppProducer::installMessage(producer.buildInstallCertificate(app.aid, card), producer.buildUnit(app, card));
    seed("appcert", "install-decode", with(0, message));
    seed("appcert", "install-card", with(2, message));
    const Bytes del = producer.buildDeleteCertificate(app.aid, Bytes(16, 0x5E), card).encode();
    seed("appcert", "delete-decode", with(1, del));
    seed("appcert", "delete-card", with(3, del));
    RegistryRecord r;
    r.slot = 1;
    r.aid = app.aid;
    r.codeAddr = 0x4000;
    r.version = 1;
    r.dfFid = 0xAF01;
    r.dfStart = 0x4000;
    r.dfEnd = 0x5000;
    r.seed = Bytes(16, 0x5E);
    seed("appcert", "registry", with(1, r.encode()));
}

// A clear programme: PAT, PMT (video on 0x100, audio on 0x101, PCR on the video PID) and PES packets with PCRs.
std::vector<std::uint8_t> clearStream(int packets) {
    using namespace cdos::ts;
    ContinuityCounters cc;
    std::vector<std::uint8_t> out;
    auto add = [&](const PacketBytes& p) { out.insert(out.end(), p.begin(), p.end()); };
    for (const auto& p : packetizeSection(kPatPid, buildPat(Pat{1, 0, {{1, 0x20}}}), cc))
        add(p);
    Pmt pmt;
    pmt.pcrPid = 0x100;
    pmt.streams = {{0x1B, 0x100, {}}, {0x0F, 0x101, {}}};
    for (const auto& p : packetizeSection(0x20, buildPmt(pmt), cc))
        add(p);
    for (int i = 0; i < packets; ++i) {
        PacketBytes p{};
        p.fill(0xFF);
        const std::uint16_t pid = i % 3 == 2 ? 0x101 : 0x100;
        p[0] = kSyncByte;
        p[1] = static_cast<std::uint8_t>(0x40 | pid >> 8);
        p[2] = static_cast<std::uint8_t>(pid);
        p[3] = static_cast<std::uint8_t>(0x30 | cc.next(pid));
        p[4] = 7; // adaptation field: flags + PCR
        p[5] = 0x10;
        const std::uint64_t base = static_cast<std::uint64_t>(i) * 90000 / 10; // 100 ms a packet
        p[6] = static_cast<std::uint8_t>(base >> 25);
        p[7] = static_cast<std::uint8_t>(base >> 17);
        p[8] = static_cast<std::uint8_t>(base >> 9);
        p[9] = static_cast<std::uint8_t>(base >> 1);
        p[10] = static_cast<std::uint8_t>((base & 1) << 7 | 0x7E);
        p[11] = 0;
        p[12] = 0;
        p[13] = 0;
        p[14] = 1;
        p[15] = pid == 0x100 ? 0xE0 : 0xC0;
        add(p);
    }
    return out;
}

void ecmSeeds() {
    using namespace cdos;
    ecm::EcmHeader h;
    h.programmeId = 0x0101;
    h.packageId = 0x10;
    h.cryptoPeriod = 7;
    ecm::ControlWords cw;
    cw.even = SecretBytes(Bytes(8, 0x11));
    cw.odd = SecretBytes(Bytes(8, 0x22));
    const Bytes payload = ecm::Ecm::build(h, cw, cdfuzz::fuzzServiceKey().bytes());
    seed("ecm", "ecm-payload", with(0, payload));
    seed("ecm", "ecm-section", with(1, ecm::Ecm::section(h, payload)));
    h.scrambler = ecm::Scrambler::Cissa;
    cw.even = SecretBytes(Bytes(16, 0x33));
    cw.odd = SecretBytes(Bytes(16, 0x44));
    seed("ecm", "ecm-cissa", with(0, ecm::Ecm::build(h, cw, cdfuzz::fuzzServiceKey().bytes())));
    seed("ecm", "pat", with(1, ts::buildPat(ts::Pat{1, 3, {{0, 0x10}, {1, 0x20}}})));
    ts::Pmt pmt;
    pmt.programDescriptors = ts::caDescriptor(0xFFCD, 0x1FF0, Bytes{1, 2});
    pmt.streams = {{0x1B, 0x100, ts::caDescriptor(0xFFCD, 0x1FF0)}, {0x06, 0x102, {}}};
    seed("ecm", "pmt", with(1, ts::buildPmt(pmt)));
    seed("ecm", "cat", with(1, ts::buildCat(ts::Cat{1, ts::caDescriptor(0xFFCD, 0x1FF1)})));

    const std::vector<std::uint8_t> clear = clearStream(24);
    seed("ecm", "stream-clear", with(2, Bytes(clear.begin(), clear.end())));
    seed("ecm", "scramble-pcr", with(4, Bytes(clear.begin(), clear.end())));
    seed("ecm", "scramble-packets-cissa", with(4 + 5 * 3, Bytes(clear.begin(), clear.end())));
    for (const bool cissa : {false, true}) {
        scrambler::ScramblerConfig config;
        config.mode = cissa ? ecm::Scrambler::Cissa : ecm::Scrambler::Csa2;
        config.cryptoPeriodSeconds = 0.5;
        config.ecmIntervalSeconds = 0.2;
        Bytes scrambled;
        scrambler::Scrambler s(config, cdfuzz::fuzzServiceKey(), [&](const std::uint8_t* p, std::size_t n) {
            scrambled.insert(scrambled.end(), p, p + n);
        });
        s.push(clear.data(), clear.size() / ts::kPacketSize);
        s.finish();
        seed("ecm", cissa ? "descramble-cissa" : "descramble-csa", with(3, scrambled));
        seed("ecm", cissa ? "descramble-cissa-pid" : "descramble-csa-pid", with(3 + 5 * 5, scrambled));
    }
}

void keystoreSeeds() {
    const std::string root = CARDDESK_SOURCE_DIR;
    const std::string clear = readText(root + "/resources/keystores/development-keys.txt");
    seed("keystore", "clear-keys", with(0, text(clear)));
    seed("keystore", "service-keys", with(1, text("# CA\nCA_SERVICE_1 1 00112233445566778899AABBCCDDEEFF shared\n")));
    std::string store = readText(root + "/resources/keystores/development.cdks");
    // The stored store with a kdf the target opens at once (refused: too few iterations), and one with no kdf.
    const auto at = store.find("pbkdf2-sha256 200000");
    std::string weak = store;
    if (at != std::string::npos)
        weak.replace(at, 20, "pbkdf2-sha256 1000");
    seed("keystore", "store-weak-kdf", with(2, text(weak)));
    std::string noKdf = store;
    const auto kdfLine = noKdf.find("kdf ");
    if (kdfLine != std::string::npos)
        noKdf.erase(kdfLine, noKdf.find('\n', kdfLine) - kdfLine + 1);
    seed("keystore", "store-no-kdf", with(2, text(noKdf)));
    seed("keystore", "store-magic", with(2, text("CARDDESK-KEYSTORE 1\n")));
}

#ifdef CARDDESK_FUZZ_QT
carddesk::ApduTraceEntry traceEntry(const char* command, const char* response, quint16 sw) {
    carddesk::ApduTraceEntry e;
    const QByteArray c = QByteArray::fromHex(command);
    e.time = QDateTime(QDate(2026, 12, 7), QTime(21, 0));
    e.reader = QStringLiteral("Virtual PCD 00 00");
    e.cla = static_cast<quint8>(c[0]);
    e.ins = static_cast<quint8>(c[1]);
    e.p1 = static_cast<quint8>(c[2]);
    e.p2 = static_cast<quint8>(c[3]);
    if (c.size() > 5) {
        e.lc = static_cast<quint8>(c[4]);
        e.commandData = c.mid(5, e.lc);
        if (c.size() > 5 + e.lc)
            e.le = static_cast<quint8>(c[5 + e.lc]);
    } else if (c.size() == 5) {
        e.le = static_cast<quint8>(c[4]);
    }
    e.responseData = QByteArray::fromHex(response);
    e.sw = sw;
    e.durationUs = 900;
    return e;
}

void qtSeeds() {
    const std::string root = CARDDESK_SOURCE_DIR;
    seed("files", "template", with(0, text(readText(root + "/resources/templates/standard-tv.json"))));
    seed("files", "holder",
         with(1, text(R"({"holder": {"userNumber": "U20240001", "account": "6222021234567890", "name": "张伟"},
              "users": [{"number": 1, "pin": "135790"}, {"number": 2, "pin": "864200", "name": "配偶"}]})")));
    seed("files", "csv",
         with(2, text("user_number,account,name,pin1\r\nU1,6222021234567890,\"Zhang, Wei\",1234\r\n"
                      "U2,6222021234567891,\"He said \"\"hi\"\"\nthen left\",5678\n\n")));
    carddesk::TraceLog log;
    log.append(traceEntry("00A4000C023F00", "", 0x9000));
    log.append(traceEntry("80CA010400", "02", 0x9000));
    log.append(traceEntry("80CA010100", "86010000000000000001", 0x9000));
    carddesk::ApduTraceEntry verify = traceEntry("002000010412345600", "", 0x63C2);
    verify.commandSecrets = {carddesk::TraceRange{0, 4}};
    log.append(verify);
    log.append(traceEntry("0084000008", "0102030405060708", 0x9000));
    QByteArray saved;
    QBuffer out(&saved);
    out.open(QIODevice::WriteOnly);
    log.save(out, carddesk::TraceLog::Format::Json);
    seed("trace", "trace", Bytes(saved.begin(), saved.end()));
}
#endif

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fuzz-seed-generator OUTDIR\n";
        return 2;
    }
    g_out = argv[1];
    cardSeeds();
    tlvSeeds();
    appcertSeeds();
    ecmSeeds();
    keystoreSeeds();
#ifdef CARDDESK_FUZZ_QT
    qtSeeds();
#endif
    std::cout << "seeds written to " << g_out << "\n";
    return 0;
}
