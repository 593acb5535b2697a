// Issue 14: a saved trace replayed as a card. Answers in recorded order, repeated commands in order, redacted
// command bytes as wildcards, redacted response bytes as zeros, an unknown command refused with 6F00 and a reason,
// and hostile files refused with a clear error; the replay as an in-process reader.
#include <carddesk/cardio/CardChannel.h>
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/cardio/TraceReplayCard.h>

#include <carddesk/protocol/apdu/CommandSet.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace carddesk;

namespace {

QByteArray wire(const cdos::CommandApdu& c) {
    const cdos::Bytes b = c.serialize();
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

// A small card: each GET CHALLENGE answers a new value, VERIFY accepts any PIN, GET DATA 0109 returns 4 bytes of
// which the trace is told bytes 1-2 are a secret; everything else 9000.
class FakeCard {
public:
    QByteArray operator()(const QByteArray& c) {
        if (quint8(c[1]) == cdos::ins::GetChallenge)
            return QByteArray(8, char(++m_challenge)) + QByteArrayLiteral("\x90\x00");
        if (quint8(c[1]) == cdos::ins::GetData)
            return QByteArrayLiteral("\x11\x22\x33\x44\x90\x00");
        if (quint8(c[1]) == cdos::ins::ReadBinary)
            return QByteArrayLiteral("\xCA\xFE\x90\x00");
        return QByteArrayLiteral("\x90\x00");
    }

private:
    int m_challenge = 0;
};

// Records a short session through a real channel (so redaction is the real one) and saves it as Json.
QByteArray recordedSession() {
    TraceLog log;
    FunctionCardChannel ch(QStringLiteral("Field reader"), {}, FakeCard(), &log);
    ch.transmit(cdos::selectFid(cdos::fid::Mf));
    ch.transmit(cdos::getChallenge());
    ch.transmit(cdos::verifyPin(1, "1234"));
    ch.transmit(cdos::getChallenge());
    ch.transmit(cdos::getData(cdos::tag::Keys), {}, {{1, 2}});
    ch.transmit(cdos::getChallenge());
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    if (!log.save(out, TraceLog::Format::Json))
        qFatal("cannot save the trace");
    return out.data();
}

QByteArray sw(const QByteArray& r) {
    return r.right(2).toHex().toUpper();
}

QByteArray withEntries(const QJsonValue& entries, const QJsonValue& version = 1) {
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("carddesk-apdu-trace")},
                                     {QStringLiteral("version"), version},
                                     {QStringLiteral("entries"), entries}})
        .toJson();
}

} // namespace

class TestTraceReplayCard : public QObject {
    Q_OBJECT
    std::shared_ptr<TraceReplayCard> replay() {
        QString error;
        auto card = TraceReplayCard::fromJson(recordedSession(), &error);
        if (!card)
            qWarning() << error;
        return card;
    }

private slots:
    void answersInRecordedOrder() {
        auto card = replay();
        QVERIFY(card);
        QCOMPARE(card->exchangeCount(), 6);
        QCOMPARE(sw(card->answer(wire(cdos::selectFid(cdos::fid::Mf)))), QByteArray("9000"));
        QVERIFY(card->lastError().isEmpty());
        QVERIFY2(card->lastExplanation().contains(QStringLiteral("exchange 1 of 6")),
                 qPrintable(card->lastExplanation()));
        QCOMPARE(card->answer(wire(cdos::getChallenge())), QByteArray(8, '\x01') + QByteArrayLiteral("\x90\x00"));
        QCOMPARE(card->position(), 2);
        // The ATR: CardDesk's, as the trace holds none.
        QCOMPARE(card->atr().mid(3, 4), QByteArray("CDOS"));
    }

    void repeatedCommandsAnswerInRecordedOrder() {
        auto card = replay();
        QVERIFY(card);
        // GET CHALLENGE three times: the three recorded answers in order, whatever comes between them.
        QCOMPARE(card->answer(wire(cdos::getChallenge())).left(1), QByteArray(1, '\x01'));
        QCOMPARE(card->answer(wire(cdos::getChallenge())).left(1), QByteArray(1, '\x02'));
        QCOMPARE(card->answer(wire(cdos::getChallenge())).left(1), QByteArray(1, '\x03'));
        QCOMPARE(card->position(), 6);
        // A fourth: none is left ahead, the nearest (the last) answers again.
        QCOMPARE(card->answer(wire(cdos::getChallenge())).left(1), QByteArray(1, '\x03'));
        // SELECT MF lies behind the position: the nearest one answers, and the order goes on from there.
        QCOMPARE(sw(card->answer(wire(cdos::selectFid(cdos::fid::Mf)))), QByteArray("9000"));
        QCOMPARE(card->position(), 1);
        QCOMPARE(card->answer(wire(cdos::getChallenge())).left(1), QByteArray(1, '\x01'));
        card->rewind();
        QCOMPARE(card->position(), 0);
        QCOMPARE(card->answer(wire(cdos::getChallenge())).left(1), QByteArray(1, '\x01'));
    }

    void redactedCommandBytesAreWildcards() {
        auto card = replay();
        QVERIFY(card);
        // The PIN was redacted in the trace: any PIN of that length matches, the same user's VERIFY only.
        QCOMPARE(sw(card->answer(wire(cdos::verifyPin(1, "9876")))), QByteArray("9000"));
        QCOMPARE(sw(card->answer(wire(cdos::verifyPin(2, "1234")))), QByteArray("6F00"));
        QCOMPARE(sw(card->answer(wire(cdos::verifyPin(1, "12345")))), QByteArray("6F00"));
        // The reason never shows the PIN that was sent.
        QVERIFY2(!card->lastError().contains(QStringLiteral("12 34 5F")), qPrintable(card->lastError()));
        QVERIFY2(card->lastError().contains(QStringLiteral("redacted")), qPrintable(card->lastError()));
    }

    void redactedResponseBytesAreZeros() {
        auto card = replay();
        QVERIFY(card);
        const QByteArray r = card->answer(wire(cdos::getData(cdos::tag::Keys)));
        QCOMPARE(r, QByteArrayLiteral("\x11\x00\x00\x44\x90\x00"));
        QVERIFY2(card->lastExplanation().contains(QStringLiteral("1–2")), qPrintable(card->lastExplanation()));
        QVERIFY2(card->lastExplanation().contains(QStringLiteral("zeros")), qPrintable(card->lastExplanation()));
    }

    void unknownCommandIs6F00WithAReason() {
        auto card = replay();
        QVERIFY(card);
        const cdos::Bytes aid{0xA0, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00};
        QCOMPARE(card->answer(wire(cdos::selectAid(aid))), QByteArrayLiteral("\x6F\x00"));
        QVERIFY2(card->lastError().startsWith(QStringLiteral("the trace has no exchange for command 00 A4 04 00")),
                 qPrintable(card->lastError()));
        QCOMPARE(card->lastExplanation(), card->lastError());
        QCOMPARE(card->position(), 0); // a miss does not move the replay on
        QCOMPARE(sw(card->answer(wire(cdos::selectFid(cdos::fid::Mf)))), QByteArray("9000"));
        QVERIFY(card->lastError().isEmpty());
        // Not even an APDU.
        QCOMPARE(card->answer(QByteArrayLiteral("\x00\xA4")), QByteArrayLiteral("\x6F\x00"));
        QVERIFY(card->lastError().contains(QStringLiteral("00 A4")));
    }

    void recordedAtrIsUsed() {
        QJsonObject doc = QJsonDocument::fromJson(recordedSession()).object();
        doc.insert(QStringLiteral("atr"), QStringLiteral("3B 02 14 50"));
        auto card = TraceReplayCard::fromJson(QJsonDocument(doc).toJson());
        QVERIFY(card);
        QCOMPARE(card->atr(), QByteArrayLiteral("\x3B\x02\x14\x50"));
    }

    void hostileInputIsRefusedClearly_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("says");
        const QByteArray good = recordedSession();
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("blank") << QByteArray(" \n\t") << QStringLiteral("empty");
        QTest::newRow("not json") << QByteArray("hello, world") << QStringLiteral("not a saved APDU trace");
        QTest::newRow("binary") << QByteArray("\x00\xFF\xFE\x01", 4) << QStringLiteral("not a saved APDU trace");
        QTest::newRow("truncated") << good.left(good.size() / 2) << QStringLiteral("cut short");
        QTest::newRow("array") << QByteArray("[1,2,3]") << QStringLiteral("not a saved APDU trace");
        QTest::newRow("other json") << QByteArray(R"({"format":"something else","version":1,"entries":[]})")
                                    << QStringLiteral("not a saved APDU trace");
        QTest::newRow("future") << withEntries(QJsonArray{}, 2) << QStringLiteral("version 2, newer");
        QTest::newRow("version text") << withEntries(QJsonArray{}, QStringLiteral("1"))
                                      << QStringLiteral("version is missing");
        QTest::newRow("version fraction") << withEntries(QJsonArray{}, 1.5) << QStringLiteral("version is missing");
        QTest::newRow("entries not a list") << withEntries(QStringLiteral("x")) << QStringLiteral("no list");
        QTest::newRow("no entries") << withEntries(QJsonArray{}) << QStringLiteral("no answered exchange");
        QTest::newRow("wrong types") << withEntries(QJsonArray{1, QStringLiteral("a"), QJsonValue(),
                                                               QJsonObject{{QStringLiteral("header"), 5}},
                                                               QJsonArray{}})
                                     << QStringLiteral("no answered exchange");
    }
    void hostileInputIsRefusedClearly() {
        QFETCH(QByteArray, json);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!TraceReplayCard::fromJson(json, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    // Valid enough to load, absurd inside: nothing may crash or read out of bounds.
    void hugeLengthsAndWrongTypesDoNotCrash() {
        const int big = std::numeric_limits<int>::max();
        const QJsonArray entries{
            QJsonObject{{QStringLiteral("sequence"), 1},
                        {QStringLiteral("header"), QStringLiteral("00 20 00 01")},
                        {QStringLiteral("lc"), big},
                        {QStringLiteral("le"), 1e300},
                        {QStringLiteral("commandData"), QStringLiteral("31 32 zz 34")},
                        {QStringLiteral("responseData"), QStringLiteral("AA BB")},
                        {QStringLiteral("sw"), QStringLiteral("9000")},
                        {QStringLiteral("commandSecrets"), QJsonArray{QJsonArray{big, big}, QJsonArray{-5, big}}},
                        {QStringLiteral("responseSecrets"), QJsonArray{QJsonArray{big, big}, QJsonArray{1, -3}}}},
            QJsonObject{{QStringLiteral("sequence"), QStringLiteral("two")},
                        {QStringLiteral("header"), QStringLiteral("00 84 00 00")},
                        {QStringLiteral("le"), 8},
                        {QStringLiteral("commandData"), 42},
                        {QStringLiteral("responseData"), QJsonArray{1, 2}},
                        {QStringLiteral("sw"), QJsonObject{}},
                        {QStringLiteral("commandSecrets"), QStringLiteral("all")},
                        {QStringLiteral("secretsRedacted"), QStringLiteral("yes")}},
        };
        QString error;
        auto card = TraceReplayCard::fromJson(withEntries(entries), &error);
        QVERIFY2(card, qPrintable(error));
        QCOMPARE(card->exchangeCount(), 2);
        QByteArray verify = QByteArrayLiteral("\x00\x20\x00\x01\x03\x39\x39\x39");
        QCOMPARE(card->answer(verify), QByteArrayLiteral("\x6F\x00")); // Le differs: no match, no crash
        QCOMPARE(sw(card->answer(QByteArrayLiteral("\x00\x84\x00\x00\x08"))), QByteArray("0000"));
        for (int i = 0; i < 100; ++i)
            card->answer(QByteArray(i, char(i)));
    }

    void fileErrorsNameTheFile() {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!TraceReplayCard::fromFile(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing.json")), qPrintable(error));
        const QString path = dir.filePath(QStringLiteral("notes.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"carddesk-apdu-trace\", \"version\": 1, \"entr");
        f.close();
        QVERIFY(!TraceReplayCard::fromFile(path, &error));
        QVERIFY2(error.startsWith(QStringLiteral("notes.json: ")) && error.contains(QStringLiteral("cut short")),
                 qPrintable(error));
    }

    // The in-process replay reader: a job answered from the trace; a command it lacks ends the job with a
    // CardError that names it.
    void attachedAsAReader() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("field.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(recordedSession());
        f.close();

        CardReaderManager readers;
        readers.start(false);
        QString error;
        const QString reader = TraceReplayCard::attach(readers, path, &error);
        QCOMPARE(reader, QStringLiteral("Replay: field.json"));
        QVERIFY(readers.readerNames().contains(reader));
        QVERIFY(readers.reader(reader)->cardPresent);
        QVERIFY(readers.reader(reader)->local);

        JobResult r = readers.run(reader, [](CardChannel& ch) {
            ch.transmit(cdos::selectFid(cdos::fid::Mf));
            return QVariant(cdos::toHex(ch.transmit(cdos::getChallenge()).data).c_str());
        });
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.value.toString(), QStringLiteral("0101010101010101"));

        r = readers.run(reader, [](CardChannel& ch) {
            ch.transmit(cdos::selectFid(0x3F01));
            return QVariant();
        });
        QVERIFY(!r.ok());
        QCOMPARE(r.cardError, std::optional<CardError::Kind>(CardError::Kind::NotInTrace));
        QVERIFY2(r.error.contains(QStringLiteral("the trace has no exchange for command 00 A4 00 0C 02 3F 01")),
                 qPrintable(r.error));

        QVERIFY(TraceReplayCard::attach(readers, dir.filePath(QStringLiteral("none.json")), &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("none.json")));
    }
};

QTEST_GUILESS_MAIN(TestTraceReplayCard)
#include "TestTraceReplayCard.moc"
