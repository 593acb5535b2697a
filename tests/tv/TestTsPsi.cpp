// TS packets and PSI sections, pinned by the standard's own check values and by build → parse round trips.
#include "carddesk/protocol/ca/Cissa.h"
#include "carddesk/protocol/ts/Psi.h"
#include "carddesk/protocol/ts/TsPacket.h"

#include <QtTest>

using namespace cdos;
using namespace cdos::ts;

class TestTsPsi : public QObject {
    Q_OBJECT
private slots:
    void crcCheckValue() {
        // CRC-32/MPEG-2 catalogue check value over "123456789".
        const std::string s = "123456789";
        QCOMPARE(crc32Mpeg2(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()), 0x0376E6E7u);
        // A whole section including its CRC leaves a zero remainder.
        QCOMPARE(crc32Mpeg2(buildPat({1, 0, {{1, 0x1000}}})), 0u);
    }

    void ffmpegPatPinned() {
        // The PAT ffmpeg's mpegts muxer writes (tsid 1, programme 1 on PID 0x1000), CRC included.
        const Bytes expected = *fromHex("00B00D0001C100000001F0002AB104B2");
        QCOMPARE(toHex(buildPat({1, 0, {{1, 0x1000}}})), toHex(expected));
        const auto pat = parsePat(expected);
        QVERIFY(pat);
        QCOMPARE(pat->programs.size(), std::size_t(1));
        QCOMPARE(pat->programs[0].pid, std::uint16_t(0x1000));
    }

    void pmtRoundTripAndRefusals() {
        Pmt pmt;
        pmt.programNumber = 7;
        pmt.version = 31;
        pmt.pcrPid = 0x100;
        pmt.programDescriptors = caDescriptor(0xFFCD, 0x1FF0);
        pmt.streams = {{0x1B, 0x100, {}}, {0x03, 0x101, *fromHex("0A04656E6700")}, {0x06, 0x102, *fromHex("5605")}};
        const Bytes s = buildPmt(pmt);
        const auto back = parsePmt(s);
        QVERIFY(back);
        QCOMPARE(back->version, std::uint8_t(31));
        QCOMPARE(back->pcrPid, std::uint16_t(0x100));
        QCOMPARE(back->streams.size(), std::size_t(3));
        QCOMPARE(toHex(back->streams[1].descriptors), toHex(pmt.streams[1].descriptors));
        QCOMPARE(*findCaPid(back->programDescriptors, std::uint16_t(0xFFCD)), std::uint16_t(0x1FF0));
        QVERIFY(!findCaPid(back->programDescriptors, std::uint16_t(0x0500)));
        QVERIFY(isAudioVideo(back->streams[0]));
        QVERIFY(isAudioVideo(back->streams[1]));
        QVERIFY(!isAudioVideo(back->streams[2])); // teletext stays clear
        QVERIFY(isAudioVideo({0x06, 0x103, *fromHex("6A0100")}));

        Bytes bad = s;
        bad[10] ^= 0x01;
        QVERIFY(!parsePmt(bad)); // CRC
        QVERIFY(!parsePat(s));   // wrong table_id
        QVERIFY(!parsePmt(Bytes(s.begin(), s.end() - 1)));
    }

    void catRoundTrip() {
        const Bytes s = buildCat({3, caDescriptor(0xFFCD, 0x1FF1)});
        QCOMPARE(s[0], std::uint8_t(0x01));
        const auto cat = parseCat(s);
        QVERIFY(cat);
        QCOMPARE(cat->version, std::uint8_t(3));
        QCOMPARE(*findCaPid(cat->descriptors, std::nullopt), std::uint16_t(0x1FF1));
    }

    void sectionsAcrossPacketsWithCounters() {
        Pmt pmt;
        pmt.pcrPid = 0x100;
        for (std::uint16_t i = 0; i < 40; ++i) // long enough to need two packets
            pmt.streams.push_back({0x1B, static_cast<std::uint16_t>(0x100 + i), *fromHex("0A04656E6700")});
        const Bytes section = buildPmt(pmt);
        ContinuityCounters cc;
        auto packets = packetizeSection(0x1000, section, cc);
        QCOMPARE(packets.size(), std::size_t(3));
        SectionAssembler assembler;
        std::vector<Bytes> got;
        for (std::size_t i = 0; i < packets.size(); ++i) {
            TsPacket p(packets[i].data());
            QCOMPARE(p.pid(), std::uint16_t(0x1000));
            QCOMPARE(p.continuityCounter(), std::uint8_t(i));
            QCOMPARE(p.payloadUnitStart(), i == 0);
            for (auto& s : assembler.push(p))
                got.push_back(s);
        }
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(toHex(got[0]), toHex(section));
        // A lost packet drops the partial section instead of splicing garbage.
        auto again = packetizeSection(0x1000, section, cc);
        SectionAssembler lossy;
        QVERIFY(lossy.push(TsPacket(again[0].data())).empty());
        QVERIFY(lossy.push(TsPacket(again[2].data())).empty());
        for (int i = 0; i < 20; ++i)
            (void)cc.next(0x1000);
        QCOMPARE(cc.next(0x1000), std::uint8_t((3 + 3 + 20) % 16));
    }

    void adaptationFieldPcrAndPes() {
        PacketBytes p;
        p.fill(0xFF);
        writeHeader(p.data(), 0x100, true, 5);
        p[3] = static_cast<std::uint8_t>(0x30 | 5); // adaptation field + payload
        p[4] = 7;
        p[5] = 0x10; // PCR flag
        // PCR base 0x1'2345'6789 (33 bits), extension 0x0AB.
        const std::uint64_t base = 0x123456789ull, ext = 0xAB;
        p[6] = static_cast<std::uint8_t>(base >> 25);
        p[7] = static_cast<std::uint8_t>(base >> 17);
        p[8] = static_cast<std::uint8_t>(base >> 9);
        p[9] = static_cast<std::uint8_t>(base >> 1);
        p[10] = static_cast<std::uint8_t>(((base & 1) << 7) | 0x7E | (ext >> 8));
        p[11] = static_cast<std::uint8_t>(ext & 0xFF);
        p[12] = 0x00;
        p[13] = 0x00;
        p[14] = 0x01;
        TsPacket pkt(p.data());
        QCOMPARE(pkt.payloadOffset(), std::size_t(12));
        QCOMPARE(pkt.payloadSize(), std::size_t(176));
        QCOMPARE(*pkt.pcr(), base * 300 + ext);
        QVERIFY(pkt.pesStart());
        pkt.setScramblingBits(3);
        QCOMPARE(pkt.scramblingBits(), std::uint8_t(3));
        QCOMPARE(pkt.continuityCounter(), std::uint8_t(5));
        QVERIFY(!pkt.pesStart()); // a scrambled payload cannot be inspected
        p[3] = 0x20;              // adaptation field only
        QCOMPARE(TsPacket(p.data()).payloadSize(), std::size_t(0));
    }

    void cissaWholeBlocksOnly() {
        const Bytes cw = *fromHex("000102030405060708090A0B0C0D0E0F");
        Bytes payload(184);
        for (std::size_t i = 0; i < payload.size(); ++i)
            payload[i] = static_cast<std::uint8_t>(i);
        Bytes work = payload;
        Cissa(cw, true).process(work.data(), work.size());
        QVERIFY(!std::equal(work.begin(), work.begin() + 176, payload.begin()));
        QVERIFY(std::equal(work.begin() + 176, work.end(), payload.begin() + 176)); // 184 = 11 blocks + 8 clear
        Cissa dec(cw, false);
        Bytes twice = work;
        dec.process(work.data(), work.size());
        QCOMPARE(toHex(work), toHex(payload));
        dec.process(twice.data(), twice.size()); // the IV restarts per packet
        QCOMPARE(toHex(twice), toHex(payload));
    }
};

QTEST_APPLESS_MAIN(TestTsPsi)
#include "TestTsPsi.moc"
