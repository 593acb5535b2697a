// The ECM format (docs/conditional-access.md): one pinned vector in both directions (headend build, card
// decrypt), and every refusal the card must give.
#include "carddesk/protocol/ca/Ecm.h"
#include "carddesk/protocol/ca/ServiceKeyFile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace cdos;
using namespace cdos::ecm;

namespace {
Bytes hex(const char* s) {
    return *fromHex(s);
}
const SecretBytes kServiceKey(hex("5566778899AABBCCCCBBAA9988776655")); // CA_SERVICE_1 v1, development store

EcmHeader pinnedHeader() {
    EcmHeader h;
    h.scrambler = Scrambler::Csa2;
    h.serviceKeyId = 1;
    h.serviceKeyVersion = 1;
    h.programmeId = 0x0001;
    h.packageId = 0x0010;
    h.vodProgrammeId = 0;
    h.cryptoPeriod = 0x2A; // even
    return h;
}
ControlWords pinnedCws() {
    return {SecretBytes(hex("0102030600000000")), SecretBytes(hex("1122335644556619"))};
}
// Frozen, and reproduced independently with Python's `cryptography` (AES-ECB key derivation, AES-CBC, AES-CMAC)
// from docs/conditional-access.md: any change to the format or its crypto shows up here.
const char* kPinned =
    "010101010001001000000000002A0800D0FC922CEAC423A8EEAE2A4B29F94279B2D228FBA8C13D55C7D993CD919FCCC2";

ServiceKeyLookup holder(std::uint8_t id, std::uint8_t version) {
    return [id, version](std::uint8_t i, std::uint8_t v) -> const SecretBytes* {
        return i == id && v == version ? &kServiceKey : nullptr;
    };
}

Refusal refusalOf(const Bytes& payload, const ServiceKeyLookup& keys) {
    try {
        (void)Ecm::decrypt(payload, keys);
    } catch (const EcmError& e) {
        return e.refusal;
    }
    throw std::logic_error("ECM unexpectedly accepted");
}
} // namespace

class TestEcm : public QObject {
    Q_OBJECT
private slots:
    void pinnedVectorBothDirections() {
        const Bytes built = Ecm::build(pinnedHeader(), pinnedCws(), kServiceKey.bytes());
        QCOMPARE(built.size(), std::size_t(16 + 16 + 16));
        QCOMPARE(QString::fromStdString(toHex(built)), QString::fromLatin1(kPinned));
        const ControlWords cws = Ecm::decrypt(hex(kPinned), holder(1, 1));
        QCOMPARE(toHex(cws.even.bytes()), std::string("0102030600000000"));
        QCOMPARE(toHex(cws.odd.bytes()), std::string("1122335644556619"));
        QVERIFY(Ecm::parseHeader(hex(kPinned)) == pinnedHeader());
        // The clear header is readable without the key (the card checks rights first); the CWs are not.
        QCOMPARE(toHex(Bytes(built.begin(), built.begin() + 16)), std::string("010101010001001000000000002A0800"));
        QVERIFY(toHex(built).find("0102030600000000") == std::string::npos);
    }

    void cissaRoundTripAndSection() {
        EcmHeader h = pinnedHeader();
        h.scrambler = Scrambler::Cissa;
        h.cryptoPeriod = 7; // odd
        h.vodProgrammeId = 0x0203;
        const ControlWords cws{SecretBytes(Bytes(16, 0xAA)), SecretBytes(Bytes(16, 0x55))};
        const Bytes payload = Ecm::build(h, cws, kServiceKey.bytes());
        QCOMPARE(payload.size(), std::size_t(16 + 32 + 16));
        const Bytes section = Ecm::section(h, payload);
        QCOMPARE(section[0], kTableIdOdd);
        QCOMPARE(Ecm::section(pinnedHeader(), payload)[0], kTableIdEven);
        const Bytes back = Ecm::payloadOfSection(section);
        QCOMPARE(toHex(back), toHex(payload));
        QVERIFY(Ecm::parseHeader(back) == h);
        const auto got = Ecm::decrypt(back, holder(1, 1));
        QCOMPARE(toHex(got.even.bytes()), toHex(cws.even.bytes()));
        QCOMPARE(toHex(got.odd.bytes()), toHex(cws.odd.bytes()));
        // Another period with the same CWs gives another ciphertext (the IV follows the header).
        h.cryptoPeriod = 9;
        QVERIFY(Bytes(payload.begin() + 16, payload.begin() + 48) !=
                Bytes(Ecm::build(h, cws, kServiceKey.bytes()).begin() + 16,
                      Ecm::build(h, cws, kServiceKey.bytes()).begin() + 48));
    }

    void refusesBadMac() {
        const Bytes good = hex(kPinned);
        for (const std::size_t at : {std::size_t(47), std::size_t(20), std::size_t(6), std::size_t(11)}) {
            Bytes bad = good;
            bad[at] ^= 0x01; // MAC, ciphertext, access criterion (package id), crypto period
            QCOMPARE(refusalOf(bad, holder(1, 1)), Refusal::BadMac);
        }
        // The right id and version but another key value: still a bad MAC, never wrong CWs.
        const SecretBytes other(hex("66778899AABBCCDDDDCCBBAA99887766"));
        QCOMPARE(refusalOf(good, [&](std::uint8_t, std::uint8_t) { return &other; }), Refusal::BadMac);
    }

    void refusesUnknownKey() {
        QCOMPARE(refusalOf(hex(kPinned), holder(1, 2)), Refusal::UnknownKey); // card holds version 2 only
        QCOMPARE(refusalOf(hex(kPinned), holder(2, 1)), Refusal::UnknownKey); // another service key
        QCOMPARE(refusalOf(hex(kPinned), ServiceKeyLookup{}), Refusal::UnknownKey);
    }

    void refusesTruncatedAndMalformed() {
        const Bytes good = hex(kPinned);
        for (std::size_t n = 0; n < good.size(); ++n)
            QCOMPARE(refusalOf(Bytes(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)), holder(1, 1)),
                     Refusal::Truncated);
        Bytes longer = good;
        longer.push_back(0);
        QCOMPARE(refusalOf(longer, holder(1, 1)), Refusal::BadFormat);
        Bytes version = good;
        version[0] = 0x02;
        QCOMPARE(refusalOf(version, holder(1, 1)), Refusal::BadFormat);
        Bytes cipher = good;
        cipher[1] = 0x03;
        QCOMPARE(refusalOf(cipher, holder(1, 1)), Refusal::BadFormat);
        Bytes cwLength = good;
        cwLength[14] = 16;
        QCOMPARE(refusalOf(cwLength, holder(1, 1)), Refusal::BadFormat);

        const Bytes section = Ecm::section(pinnedHeader(), good);
        QVERIFY_THROWS_EXCEPTION(EcmError, Ecm::payloadOfSection(Bytes(section.begin(), section.end() - 1)));
        Bytes pmt = section;
        pmt[0] = 0x02;
        QVERIFY_THROWS_EXCEPTION(EcmError, Ecm::payloadOfSection(pmt));
    }

    void serviceKeyFile() {
        const std::string dev = CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt";
        const ServiceKey k = ServiceKeyFile::load(dev, "CA_SERVICE_2");
        QCOMPARE(k.id, std::uint8_t(2));
        QCOMPARE(k.version, std::uint8_t(1));
        QCOMPARE(k.key.size(), std::size_t(16));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ServiceKeyFile::load(dev, "CA_SERVICE_9"));
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.txt");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# comment\nCA_SERVICE_1 1 00112233\n");
        f.close();
        try {
            (void)ServiceKeyFile::load(bad.toStdString(), "CA_SERVICE_1");
            QFAIL("a short key was accepted");
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).find(":2:") != std::string::npos);      // names the line...
            QVERIFY(std::string(e.what()).find("00112233") == std::string::npos); // ...never the value
        }
    }

    void buildRefusesWrongCwLength() {
        EcmHeader h = pinnedHeader();
        h.scrambler = Scrambler::Cissa; // needs 16-byte CWs
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, Ecm::build(h, pinnedCws(), kServiceKey.bytes()));
    }
};

QTEST_APPLESS_MAIN(TestEcm)
#include "TestEcm.moc"
