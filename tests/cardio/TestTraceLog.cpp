// Trace redaction: secrets hidden by default, kept only while reveal is on, wiped when it goes off, and saved
// files redacted unless revealing.
#include <carddesk/cardio/CardChannel.h>
#include <carddesk/cardio/CardError.h>
#include <carddesk/cardio/TraceLog.h>

#include <carddesk/protocol/apdu/CardRecords.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QBuffer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

namespace {

// A card that answers 9000 to everything (and echoes nothing).
QByteArray okCard(const QByteArray&) {
    return QByteArrayLiteral("\x90\x00");
}

cdos::CommandApdu writeKey() {
    cdos::CommandApdu c{cdos::cla::ProprietarySm, cdos::ins::WriteKey, 0x00, 0x01, {}, -1};
    c.data = {0x01, 0x02, 0x01, 0x0F};
    for (int i = 0; i < 16; ++i)
        c.data.push_back(static_cast<std::uint8_t>(0xA0 + i)); // "key cryptogram"
    for (int i = 0; i < 4; ++i)
        c.data.push_back(0x55); // MAC
    return c;
}

} // namespace

class TestTraceLog : public QObject {
    Q_OBJECT
private slots:
    void verifyPinIsRedactedByDefault() {
        TraceLog log;
        FunctionCardChannel ch(QStringLiteral("R"), {}, okCard, &log);
        ch.transmit(cdos::verifyPin(1, "123456"));
        QCOMPARE(log.count(), 1);
        const ApduTraceEntry e = log.entry(0);
        QCOMPARE(e.commandName, QStringLiteral("VERIFY"));
        QVERIFY(!e.secretsHeld);
        QCOMPARE(e.commandData, QByteArray(3, '\0')); // wiped in memory, not only hidden
        QCOMPARE(e.commandDataHex(true), QStringLiteral("<redacted 3 bytes>"));
        QCOMPARE(e.commandDataHex(false, RedactionStyle::Bullets), QStringLiteral("•• •• ••"));
        QVERIFY(!e.toTextLine(true).contains(QStringLiteral("12 34 56")));
        QVERIFY(e.toTextLine(false).contains(QStringLiteral("<redacted 3 bytes>")));
    }

    void writeKeyKeepsHeaderHidesCryptogram() {
        TraceLog log;
        FunctionCardChannel ch(QStringLiteral("R"), {}, okCard, &log);
        ch.transmit(writeKey());
        const ApduTraceEntry e = log.entry(0);
        QCOMPARE(e.commandSecrets.size(), 1);
        QCOMPARE(e.commandSecrets.first(), (TraceRange{4, 16}));
        QCOMPARE(e.commandDataHex(false), QStringLiteral("01 02 01 0F <redacted 16 bytes> 55 55 55 55"));
        QCOMPARE(e.commandApduHex(false), QStringLiteral("84 D4 00 01 18 01 02 01 0F <redacted 16 bytes> 55 55 55 55"));
    }

    // PROCESS ECM answers the two control words in clear: they are keys, hidden in the trace like the others.
    void controlWordsAreRedacted() {
        TraceLog log;
        FunctionCardChannel ch(
            QStringLiteral("R"), {},
            [](const QByteArray&) {
                return QByteArray(16, '\x5A') + QByteArray(16, '\x6B') + QByteArrayLiteral("\x90\x00");
            },
            &log);
        const auto r = ch.transmit(cdos::CommandApdu{0x80, 0x3A, 0x00, 0x00, {0x01, 0x02}, 256});
        QCOMPARE(r.data.size(), std::size_t(32)); // the caller gets them
        const ApduTraceEntry e = log.entry(0);
        QCOMPARE(e.responseSecrets.size(), 1);
        QCOMPARE(e.responseSecrets.first(), (TraceRange{0, 32}));
        QVERIFY(!e.toTextLine(true).contains(QStringLiteral("5A 5A")));
        QVERIFY(e.toTextLine(false).contains(QStringLiteral("<redacted 32 bytes>")));
    }

    void revealKeepsClearBytesOnlyWhileOn() {
        TraceLog log;
        QSignalSpy reveal(&log, &TraceLog::revealChanged);
        FunctionCardChannel ch(QStringLiteral("R"), {}, okCard, &log);
        ch.transmit(cdos::verifyPin(1, "1234")); // before reveal: gone for good
        log.setRevealSecrets(true, QStringLiteral("alice"));
        QCOMPARE(reveal.size(), 1);
        QCOMPARE(reveal.first().at(1).toString(), QStringLiteral("alice"));
        ch.transmit(cdos::verifyPin(2, "5678"));
        QCOMPARE(log.entry(0).commandDataHex(true), QStringLiteral("<redacted 2 bytes>"));
        QCOMPARE(log.entry(1).commandDataHex(true), QStringLiteral("56 78"));
        QCOMPARE(log.entry(1).commandDataHex(false), QStringLiteral("<redacted 2 bytes>"));

        const ApduTraceEntry copyHeldByAView = log.entry(1); // shares its bytes with the log
        log.setRevealSecrets(false, QStringLiteral("alice"));
        QCOMPARE(reveal.size(), 2);
        QCOMPARE(log.entry(1).commandData, QByteArray(2, '\0'));
        QCOMPARE(copyHeldByAView.commandData, QByteArray(2, '\0'));
        log.setRevealSecrets(true, QStringLiteral("alice"));
        QCOMPARE(log.entry(1).commandDataHex(true), QStringLiteral("<redacted 2 bytes>"));
    }

    void extraSecretRanges() {
        TraceLog log;
        FunctionCardChannel ch(
            QStringLiteral("R"), {}, [](const QByteArray&) { return QByteArray::fromHex("0102030405069000"); }, &log);
        ch.transmit(cdos::CommandApdu{0x80, 0x50, 0, 0, {0xAA, 0xBB}, 256}, {{1, 1}}, {{2, 4}});
        const ApduTraceEntry e = log.entry(0);
        QCOMPARE(e.commandDataHex(false), QStringLiteral("AA <redacted 1 bytes>"));
        QCOMPARE(e.responseDataHex(false), QStringLiteral("01 02 <redacted 4 bytes>"));
        QCOMPARE(e.responseData, QByteArray::fromHex("010200000000"));
    }

    void savedFilesAreRedacted() {
        TraceLog log;
        FunctionCardChannel ch(QStringLiteral("Virtual PCD 00 00"), {}, okCard, &log);
        log.setRevealSecrets(true, QStringLiteral("bob"));
        ch.transmit(cdos::verifyPin(1, "97531864"));
        log.setRevealSecrets(false, QStringLiteral("bob"));
        ch.transmit(cdos::verifyPin(1, "97531864"));
        QTemporaryDir dir;
        for (auto format : {TraceLog::Format::Text, TraceLog::Format::Json}) {
            const QString path = dir.filePath(QStringLiteral("trace"));
            QString error;
            QVERIFY2(log.saveToFile(path, format, &error), qPrintable(error));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY(!bytes.contains("97 53 18 64"));
            QVERIFY(!bytes.contains("97531864"));
            QVERIFY(bytes.contains("VERIFY"));
        }
    }

    void savedWithRevealIsClearAndLoadsBack() {
        TraceLog log;
        FunctionCardChannel ch(QStringLiteral("R"), {}, okCard, &log);
        log.setRevealSecrets(true, QStringLiteral("bob"));
        ch.transmit(cdos::verifyPin(3, "2468"));
        ch.transmit(writeKey());
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QVERIFY(log.save(buffer, TraceLog::Format::Json));
        QVERIFY(buffer.data().contains("24 68"));

        TraceLog replay;
        buffer.seek(0);
        QString error;
        QCOMPARE(replay.load(buffer, &error), 2);
        const ApduTraceEntry e = replay.entry(0);
        QCOMPARE(e.header(), QStringLiteral("00 20 00 03"));
        QCOMPARE(e.sw, quint16(0x9000));
        QCOMPARE(e.commandData, QByteArray(2, '\0')); // the replay log does not reveal: loading wiped them
        QCOMPARE(replay.entry(1).commandName, QStringLiteral("WRITE KEY"));

        QBuffer junk;
        junk.setData("{\"hello\": 1}");
        junk.open(QIODevice::ReadOnly);
        QCOMPARE(replay.load(junk, &error), -1);
        QVERIFY(!error.isEmpty());
    }

    void capacityDropsOldest() {
        TraceLog log;
        log.setCapacity(10);
        QSignalSpy dropped(&log, &TraceLog::entriesDropped);
        FunctionCardChannel ch(QStringLiteral("R"), {}, okCard, &log);
        for (int i = 0; i < 25; ++i)
            ch.transmit(cdos::getChallenge());
        QVERIFY(log.count() <= 10);
        QVERIFY(!dropped.isEmpty());
        QCOMPARE(log.entry(log.count() - 1).sequence, quint64(25));
        QCOMPARE(log.entriesSince(23).size(), 2);
        log.clear();
        QCOMPARE(log.count(), 0);
    }

    void transportErrorIsTraced() {
        TraceLog log;
        FunctionCardChannel ch(
            QStringLiteral("R"), {},
            [](const QByteArray&) -> QByteArray {
                throw CardError(CardError::Kind::Removed, QStringLiteral("the card was removed"));
            },
            &log);
        QVERIFY_THROWS_EXCEPTION(CardError, ch.transmit(cdos::getChallenge()));
        QCOMPARE(log.entry(0).swClass(), SwClass::TransportError);
        QCOMPARE(log.entry(0).swText(), QStringLiteral("----"));
        QCOMPARE(log.entry(0).swMeaning(), QStringLiteral("the card was removed"));
    }

    void malformedAnswer() {
        TraceLog log;
        FunctionCardChannel ch(
            QStringLiteral("R"), {}, [](const QByteArray&) { return QByteArray("\x90", 1); }, &log);
        try {
            ch.transmit(cdos::getChallenge());
            QFAIL("no exception");
        } catch (const CardError& e) {
            QCOMPARE(e.kind(), CardError::Kind::Protocol);
        }
    }

    void swClasses() {
        ApduTraceEntry e;
        e.sw = 0x9000;
        QCOMPARE(e.swClass(), SwClass::Success);
        e.sw = 0x63C2;
        QCOMPARE(e.swClass(), SwClass::Warning);
        e.sw = 0x6A82;
        QCOMPARE(e.swClass(), SwClass::Error);
        QCOMPARE(e.swText(), QStringLiteral("6A82"));
    }
};

QTEST_GUILESS_MAIN(TestTraceLog)
#include "TestTraceLog.moc"
