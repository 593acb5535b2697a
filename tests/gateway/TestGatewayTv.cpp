// Watching through carddesk-gateway (claim steps 2, 3 and 6): the real gateway driven by --script, the real
// carddesk-card in a vpcd reader of the test pcscd (issued with the CA part), the real carddesk-headend (VOD
// catalogue and e-purse payment) and ffmpeg/ffprobe checking the picture. Streams: ffmpeg test stream ->
// carddesk-scrambler (package 1, CA_SERVICE_1, 5-s crypto periods) -> gateway --tv-input -> --tv-output.
#include "TvTestStreams.h"
#include "bench/PcscClient.h"
#include "ca/CaIssuance.h"
#include "headend/HeadendProcess.h"
#include "support/CardProcess.h"
#include "support/MediaTools.h"

#include <QtTest>

#include <chrono>

namespace {

const QString kKeys = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt");
constexpr int kVodProgramme = 777;
constexpr int kSeconds = 20;

} // namespace

class TestGatewayTv : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35965; // "CardDesk Reader B 00 00"
    const QString m_reader = cdtest::readerForPort(kPort);
    const std::string m_cardNumber = "86010000000000000088";
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;
    hdtest::HeadendProcess m_headend;
    cdos::CardProfile m_profile = cdtest::sampleProfile(m_cardNumber);
    QString m_image = m_dir.filePath(QStringLiteral("card.img"));
    QString m_clear;
    QList<int> m_clearCounts;
    QByteArray m_clearMd5;

    struct Run {
        int exitCode = -1;
        QString out;
    };

    QString path(const QString& n) const { return m_dir.filePath(n); }

    // Scrambles `clear` into `name`; crypto periods from `firstPeriod`, so that every stream played through the
    // card is newer than the last (the card refuses older periods of a programme as a replay).
    QString scramble(const QString& clear, const QString& name, int firstPeriod, const QStringList& extra = {}) {
        cdtest::runTool(CARDDESK_SCRAMBLER_BIN, QStringList{"--service-key-file", kKeys, "--period", "5",
                                                            "--first-period", QString::number(firstPeriod)} +
                                                    extra + QStringList{clear, path(name)});
        return path(name);
    }

    void startGateway(QProcess& p, const QString& script, const QStringList& extra) {
        static int n = 0;
        const QString scriptPath = path(QStringLiteral("script-%1.txt").arg(++n));
        QFile f(scriptPath);
        if (f.open(QIODevice::WriteOnly))
            f.write(script.toUtf8());
        f.close();
        p.start(QStringLiteral(CARDDESK_GATEWAY_BIN),
                QStringList{"--reader", m_reader, "--headend", m_headend.base, "--headend-cert",
                            m_headend.dir.filePath(QStringLiteral("tls-cert.pem")), "--script", scriptPath,
                            "--wait-seconds", "10"} +
                    extra);
    }

    Run gateway(const QString& script, const QStringList& extra) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        startGateway(p, script, extra);
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
        }
        Run r{p.exitCode(), QString::fromUtf8(p.readAll())};
        qInfo().noquote() << r.out;
        return r;
    }

    static int videoFrames(const QString& file) {
        const auto counts = cdtest::frameCounts(file);
        return counts.isEmpty() ? 0 : counts[0];
    }

    cdos::Bytes cardData(std::uint16_t tag) {
        cdbench::PcscClient pcsc;
        pcsc.connectWhenReady(m_reader.toStdString());
        // The users and the menu of an issued card go only to an authenticated session: user 1 verified first.
        if (pcsc.transmit(cdos::verifyPin(1, "1234")).sw != 0x9000)
            return {};
        const auto r = pcsc.transmit(cdos::getData(tag));
        pcsc.disconnect();
        return r.data;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_headend.start(900), qPrintable(m_headend.error));
        QVERIFY(m_card.start(m_image, kPort));
        cdbench::PcscClient pcsc;
        QVERIFY2(pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10)), "no card in the reader");
        pcsc.connectWhenReady(m_reader.toStdString());
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        // A settings entry (permission bit 5) for the menu editor; user 1 holds every bit.
        m_profile.menu.push_back({6, 0x20, false, "设置"});
        const std::uint32_t far = tvtest::yyyymmdd(QDate::currentDate().addYears(10));
        const std::uint32_t tomorrow = tvtest::yyyymmdd(QDate::currentDate().addDays(1));
        // User 1: package 1 (what the scrambler's ECMs ask for); user 2: only package 2; user 3: package 1 until
        // tomorrow, for the right that runs out in the middle of a programme.
        catest::issueWithCa(keys, m_profile, pcsc.transmitter(),
                            {{1, cdos::ca::RightKind::Package, 1, 20260101, far},
                             {2, cdos::ca::RightKind::Package, 2, 20260101, far},
                             {3, cdos::ca::RightKind::Package, 1, 20260101, tomorrow}});
        pcsc.disconnect();

        const auto& h = m_profile.holder;
        const QJsonObject holder{{QStringLiteral("userNumber"), QString::fromStdString(h.userNumber)},
                                 {QStringLiteral("account"), QString::fromStdString(h.account)},
                                 {QStringLiteral("name"), QString::fromStdString(h.name)}};
        QVERIFY(m_headend.runTool({"enrol", "--card-number", QString::fromStdString(m_cardNumber), "--holder-json",
                                   QString::fromUtf8(QJsonDocument(holder).toJson(QJsonDocument::Compact))}));
        QCOMPARE(m_headend
                     .post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), QString::fromStdString(h.account)},
                            {QStringLiteral("balance"), 100000}},
                           {}, true)
                     .status,
                 200);

        m_clear = path(QStringLiteral("clear.ts"));
        cdtest::makeTestStream(m_clear, kSeconds);
        m_clearCounts = cdtest::frameCounts(m_clear);
        QCOMPARE(m_clearCounts.size(), 2);
        m_clearMd5 = cdtest::framemd5(m_clear);
    }
    void cleanupTestCase() {
        m_card.stop();
        m_headend.stop();
    }

    void entitledUserWatchesLiveTv() {
        const QString in = scramble(m_clear, QStringLiteral("live.ts"), 1000);
        const QString out = path(QStringLiteral("live-out.ts"));
        // User 1, PIN, menu entry 4 (电视直播: the card grants live TV), quit.
        const Run r = gateway(QStringLiteral("1\n1234\n4\n0\n"), {"--tv-input", in, "--tv-output", out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Tuning to")));
        QVERIFY(!r.out.contains(QStringLiteral("Not enough rights")));
        QCOMPARE(cdtest::frameCounts(out), m_clearCounts);
        QVERIFY(cdtest::framemd5(out) == m_clearMd5);
    }

    // A live channel over UDP (the scrambler paced by the stream's clock, as on a network), after the gateway has
    // tuned to it.
    void liveTvFromUdp() {
        const QString clear = path(QStringLiteral("short.ts"));
        cdtest::makeTestStream(clear, 6);
        const QString out = path(QStringLiteral("udp-out.ts"));
        QProcess gw;
        gw.setProcessChannelMode(QProcess::MergedChannels);
        startGateway(gw, QStringLiteral("1\n1234\n4\n0\n"),
                     {"--tv-input", "udp://127.0.0.1:5711", "--udp-idle", "2", "--tv-output", out});
        QByteArray text;
        for (int i = 0; i < 200 && !text.contains("Tuning to"); ++i) {
            gw.waitForReadyRead(100);
            text += gw.readAll();
        }
        QVERIFY2(text.contains("Tuning to"), text.constData());
        cdtest::runTool(CARDDESK_SCRAMBLER_BIN, {"--service-key-file", kKeys, "--period", "5", "--first-period", "1200",
                                                 "--realtime", clear, "udp://127.0.0.1:5711"});
        QVERIFY(gw.waitForFinished(60000));
        text += gw.readAll();
        qInfo().noquote() << text;
        QCOMPARE(gw.exitCode(), 0);
        QCOMPARE(cdtest::frameCounts(out), cdtest::frameCounts(clear));
        QVERIFY(cdtest::framemd5(out) == cdtest::framemd5(clear));
    }

    // --tv-output -: the picture on stdout (for `| ffplay -`), the person's text on stderr.
    void liveTvToAPipe() {
        const QString in = scramble(m_clear, QStringLiteral("live-pipe.ts"), 1300);
        const QString picture = path(QStringLiteral("pipe-out.ts"));
        QProcess gw;
        gw.setStandardOutputFile(picture);
        startGateway(gw, QStringLiteral("1\n1234\n4\n0\n"), {"--tv-input", in, "--tv-output", "-"});
        QVERIFY(gw.waitForFinished(60000));
        const QByteArray text = gw.readAllStandardError();
        QCOMPARE(gw.exitCode(), 0);
        QVERIFY(text.contains("Tuning to") && text.contains("Goodbye"));
        QFile f(picture);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray ts = f.readAll();
        QVERIFY(ts.size() > 0 && ts.size() % 188 == 0 && ts[0] == 0x47);
        QVERIFY(cdtest::framemd5(picture) == m_clearMd5);
    }

    void userWithoutTheRightGetsNothing() {
        const QString in = scramble(m_clear, QStringLiteral("live2.ts"), 1100);
        const QString out = path(QStringLiteral("user2-out.ts"));
        const Run r = gateway(QStringLiteral("2\n5678\n4\n0\n"), {"--tv-input", in, "--tv-output", out});
        QCOMPARE(r.exitCode, 1); // a refused service counts as a refusal of the session
        QVERIFY(r.out.contains(QStringLiteral("Not enough rights to watch this programme")));
        // Back to the menu after the refusal: the quit that follows is read from the same menu.
        QVERIFY(r.out.contains(QStringLiteral("Goodbye")));
        QVERIFY2(videoFrames(out) <= m_clearCounts[0] / 20, "decodes without a right");
    }

    void vodPurchaseOpensTheRightAndPlays() {
        // The catalogue: one title by the admin API, one by the command line.
        const auto added = m_headend.post(QStringLiteral("/v1/admin/vod"),
                                          {{QStringLiteral("title"), QStringLiteral("A test film")},
                                           {QStringLiteral("price"), 500},
                                           {QStringLiteral("programmeId"), kVodProgramme},
                                           {QStringLiteral("validDays"), 30}},
                                          {}, true);
        QCOMPARE(added.status, 200);
        QVERIFY(m_headend.runTool(
            {"vod-add", "--title", "B other film", "--price", "900", "--programme-id", "778", "--valid-days", "2"}));
        // The VOD stream: scrambled for the VOD programme only (no package).
        QDir().mkpath(path(QStringLiteral("vod")));
        const QString vodClear = path(QStringLiteral("vod-clear.ts"));
        QFile::copy(m_clear, vodClear);
        QFile::rename(scramble(vodClear, QStringLiteral("vod-777.ts"), 3000,
                               {"--vod", QString::number(kVodProgramme), "--package", "0"}),
                      path(QStringLiteral("vod/777.ts")));
        const QStringList tv{"--vod-dir", path(QStringLiteral("vod")), "--tv-output", path(QStringLiteral("vod.ts"))};

        // 20 yuan into the purse, then the film: menu 5 (视频点播), title 1, payment PIN.
        QCOMPARE(gateway(QStringLiteral("1\n1234\n2\n20.00\n0\n"), {}).exitCode, 0);
        const Run r = gateway(QStringLiteral("1\n1234\n5\n1\n1234\n0\n"), tv);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("A test film - 5.00 yuan, 30 days")));
        QVERIFY(r.out.contains(QStringLiteral("Paid 5.00 yuan. Balance: 15.00 yuan.")));
        QVERIFY(r.out.contains(QStringLiteral("Right to \"A test film\" opened until")));
        QVERIFY(!r.out.contains(QStringLiteral("1234\n")));
        QCOMPARE(cdtest::frameCounts(path(QStringLiteral("vod.ts"))), m_clearCounts);
        QVERIFY(cdtest::framemd5(path(QStringLiteral("vod.ts"))) == m_clearMd5);

        // The card holds user 1's VOD right for 30 days from the purchase.
        cdbench::PcscClient pcsc;
        pcsc.connectWhenReady(m_reader.toStdString());
        catest::must(pcsc.transmit(cdos::selectAid(cdos::ca::kCaAid)));
        bool found = false;
        for (const auto& e : cdos::ca::decodeEntitlements(
                 catest::must(pcsc.transmit(cdos::ca::getCaData(cdos::ca::kTagEntitlements))).data))
            found |= e.user == 1 && e.kind == cdos::ca::RightKind::Vod && e.id == kVodProgramme &&
                     e.end == tvtest::yyyymmdd(QDate::currentDate().addDays(29));
        pcsc.disconnect();
        QVERIFY(found);
        // The headend's ledger and history: the catalogue price, with the title.
        const QJsonArray h =
            QJsonDocument::fromJson(
                m_headend
                    .getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(QString::fromStdString(m_cardNumber)))
                    .body)
                .array();
        bool sold = false;
        for (const auto& v : h) {
            const QJsonObject t = v.toObject();
            sold |= t.value(QStringLiteral("title")).toString() == QStringLiteral("A test film") &&
                    t.value(QStringLiteral("amount")).toInteger() == 500 &&
                    t.value(QStringLiteral("status")).toString() == QStringLiteral("completed");
        }
        QVERIFY(sold);
        const auto ledger = m_headend.getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        QCOMPARE(ledger.value(QStringLiteral("purse:86010000000000000088")).toInteger(), -1500);

        // Watching again: the right is held, nothing is paid. (The VOD server scrambles each session afresh.)
        QFile::remove(path(QStringLiteral("vod/777.ts")));
        QFile::rename(scramble(vodClear, QStringLiteral("vod-777b.ts"), 4000,
                               {"--vod", QString::number(kVodProgramme), "--package", "0"}),
                      path(QStringLiteral("vod/777.ts")));
        const Run again = gateway(QStringLiteral("1\n1234\n5\n1\n0\n"), tv);
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(QStringLiteral("You already have \"A test film\"")));
        QVERIFY(!again.out.contains(QStringLiteral("Paid")));
        QVERIFY(cdtest::framemd5(path(QStringLiteral("vod.ts"))) == m_clearMd5);
    }

    void vodWithoutPurchaseDecodesNothing() {
        // User 2 never bought the film: its stream, played as live TV for that user, is refused at once.
        const QString in = scramble(m_clear, QStringLiteral("vod-as-live.ts"), 5000,
                                    {"--vod", QString::number(kVodProgramme), "--package", "0"});
        const QString out = path(QStringLiteral("vod-user2.ts"));
        const Run r = gateway(QStringLiteral("2\n5678\n4\n0\n"), {"--tv-input", in, "--tv-output", out});
        QVERIFY(r.out.contains(QStringLiteral("Not enough rights")));
        QVERIFY(videoFrames(out) <= m_clearCounts[0] / 20);
    }

    void menuEditPersistsAcrossCardRestart() {
        // User 1's editor lists 1 电视直播, 2 视频点播, 3 电子钱包, 4 在线充值, 5 应用下载 (hidden), 6 设置, then
        // 7 add, 8 save, 9 cancel. Hide 电子钱包, delete 在线充值, show 应用下载, add a live-TV entry, save.
        const Run r = gateway(QStringLiteral("1\n1234\n8\n3\n1\n4\n2\n5\n1\n7\n1\n体育频道\n9\n0\n"), {});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("应用下载 [hidden]")));
        QVERIFY(r.out.contains(QStringLiteral("Menu saved on the card (4 changes)")));

        m_card.stop();
        QVERIFY(m_card.start(m_image, kPort));
        const auto menu = cdos::decodeMenu(cardData(0x0108));
        QVERIFY(menu);
        QMap<int, cdos::MenuEntry> byId;
        for (const auto& e : *menu)
            byId[e.id] = e;
        QVERIFY(byId.contains(3) && byId[3].hidden);
        QVERIFY(!byId.contains(4));
        QVERIFY(byId.contains(5) && !byId[5].hidden);
        QVERIFY(byId.contains(7) && byId[7].title == "体育频道" && byId[7].permission == 0x1 && !byId[7].hidden);

        // The card's own menu at the next login: the edited entries.
        const Run login = gateway(QStringLiteral("1\n1234\n0\n"), {});
        QCOMPARE(login.exitCode, 0);
        QVERIFY(login.out.contains(QStringLiteral("体育频道")));
        QVERIFY(login.out.contains(QStringLiteral("应用下载")));
        QVERIFY(!login.out.contains(QStringLiteral("电子钱包")));
        QVERIFY(!login.out.contains(QStringLiteral("在线充值")));

        // User 2 holds no settings bit (5): the card does not offer them the editor at all.
        const Run other = gateway(QStringLiteral("2\n5678\n0\n"), {});
        QCOMPARE(other.exitCode, 0);
        QVERIFY(!other.out.contains(QStringLiteral("设置")));
    }

    // Last: it moves the card's clock to the day after tomorrow (the card never lets its date go back).
    void rightExpiresMidStream() {
        // The broadcast's clock (TDT on PID 0x14, as a multiplexer inserts it) crosses midnight 8 s into the
        // programme; user 3's right ends tomorrow. Periods: 5 s, so the first ECM after midnight is at 10 s.
        const QDate tomorrow = QDate::currentDate().addDays(1);
        const QString timed = path(QStringLiteral("clear-tdt.ts"));
        QVERIFY(tvtest::insertTdt(m_clear, timed, QDateTime(tomorrow, QTime(23, 59, 52), Qt::UTC)));
        const QString in = scramble(timed, QStringLiteral("expiring.ts"), 6000);
        const QString out = path(QStringLiteral("expiring-out.ts"));
        const Run r = gateway(QStringLiteral("3\n246810\n4\n0\n"), {"--tv-input", in, "--tv-output", out});
        const QString dayAfter = QString::number(tvtest::yyyymmdd(tomorrow.addDays(1)));
        QVERIFY2(r.out.contains(QStringLiteral("Not enough rights to watch this programme on %1").arg(dayAfter)),
                 "the gateway does not say why the picture stopped");
        QVERIFY(r.out.contains(QStringLiteral("Goodbye")));
        // The picture runs to the end of the last crypto period before midnight (10 s of 20) and stops there.
        const int frames = videoFrames(out);
        qInfo("frames before the right ran out: %d of %d", frames, m_clearCounts[0]);
        QVERIFY(frames >= 9 * 25 && frames <= 11 * 25);
        // What was shown is the programme itself, packet for packet.
        const QList<QByteArray> shown = tvtest::videoLines(cdtest::framemd5(out));
        const QList<QByteArray> clear = tvtest::videoLines(cdtest::framemd5(timed));
        QVERIFY(shown.size() >= 9 * 25);
        for (int i = 0; i + 1 < shown.size(); ++i) // the last packet may be cut short
            QCOMPARE(shown[i], clear[i]);
    }
};

QTEST_GUILESS_MAIN(TestGatewayTv)
#include "TestGatewayTv.moc"
