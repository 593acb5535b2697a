// carddesk-gateway end to end: real pcscd + vpcd + carddesk-card (issued with the Personaliser through PC/SC), the
// real carddesk-headend over HTTPS with its certificate pinned, and the gateway driven by --script. Refusals are
// checked by the words the person sees.
#include "bench/PcscClient.h"
#include "headend/HeadendProcess.h"
#include "support/CardProcess.h"
#include "support/PcscRestart.h"

#include <QUuid>
#include <QtTest>

class TestGateway : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35966; // "CardDesk Reader B 00 01"
    const QString m_reader = cdtest::readerForPort(kPort);
    const std::string m_cardNumber = "86010000000000000077";
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;
    hdtest::HeadendProcess m_headend;
    cdos::CardProfile m_profile = cdtest::sampleProfile(m_cardNumber);
    QString m_image = m_dir.filePath(QStringLiteral("card.img"));

    struct Run {
        int exitCode = -1;
        QString out;
    };

    QStringList gatewayArgs(const QString& script, const QStringList& extra = {}, const QString& base = {},
                            const QString& cert = {}) {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("script-%1.txt").arg(++n));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(script.toUtf8());
        return QStringList{QStringLiteral("--reader"),
                           m_reader,
                           QStringLiteral("--headend"),
                           base.isEmpty() ? m_headend.base : base,
                           QStringLiteral("--headend-cert"),
                           cert.isEmpty() ? m_headend.dir.filePath(QStringLiteral("tls-cert.pem")) : cert,
                           QStringLiteral("--script"),
                           path,
                           QStringLiteral("--wait-seconds"),
                           QStringLiteral("10")} +
               extra;
    }

    static Run finish(QProcess& p) {
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        Run r{p.exitCode(), QString::fromUtf8(p.readAll())};
        qInfo().noquote() << r.out;
        return r;
    }

    Run gateway(const QString& script, const QStringList& extra = {}, const QString& base = {},
                const QString& cert = {}) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(CARDDESK_GATEWAY_BIN), gatewayArgs(script, extra, base, cert));
        return finish(p);
    }

    // The gateway with a card that dies (as if pulled) in the middle of its cutAt-th page write; the card is put
    // back (same image, no cut) as soon as it has gone, and the gateway must recover what it was doing.
    Run gatewayWithCardPulled(const QString& script, int cutAt) {
        m_card.stop();
        if (!m_card.start(m_image, kPort, {QStringLiteral("--power-cut-at"), QString::number(cutAt)}))
            return {};
        cdbench::PcscClient pcsc;
        pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10));
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(CARDDESK_GATEWAY_BIN), gatewayArgs(script));
        bool putBack = false;
        while (!p.waitForFinished(25)) {
            // waitForFinished, not state(): a QProcess only learns of its child's death while waiting on it.
            if (!putBack && m_card.process().waitForFinished(25)) {
                m_card.stop();
                putBack = m_card.start(m_image, kPort);
            }
        }
        const Run r = finish(p);
        if (!putBack) { // the cut came after the session: put a healthy card back for the next test
            m_card.stop();
            m_card.start(m_image, kPort);
            pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10));
        }
        return r;
    }

    std::uint32_t cardBalance() {
        for (int attempt = 0; attempt < 50; ++attempt) { // a card just put back may not answer yet
            try {
                cdbench::PcscClient pcsc;
                pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10));
                pcsc.connect(m_reader.toStdString());
                pcsc.transmit(cdos::selectAid(cdos::ep::kPurseAid));
                const auto r = pcsc.transmit(cdos::ep::getBalance());
                pcsc.disconnect();
                if (r.data.size() == 4)
                    return cdos::getU32(r.data.data());
            } catch (const std::exception&) {
            }
            QThread::msleep(200);
        }
        return 0xFFFFFFFFu;
    }

    qint64 ledger(const char* account) {
        return m_headend.getAdmin(QStringLiteral("/v1/admin/ledger")).json.value(QLatin1String(account)).toInteger();
    }

    QJsonArray history() {
        const auto r =
            m_headend.getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(QString::fromStdString(m_cardNumber)));
        return QJsonDocument::fromJson(r.body).array();
    }

    // A top-up another terminal left unfinished: authenticated, INITIALIZE FOR LOAD, the headend debits the bank
    // and answers MAC2 — and the card is never credited (terminal switched off). Returns the load id or -1.
    qint64 leaveUnfinishedLoad(std::uint32_t amount) {
        cdbench::PcscClient pcsc;
        pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10));
        pcsc.connect(m_reader.toStdString());
        const auto [session, sw] = m_headend.authenticate(pcsc.transmitter());
        if (sw != 0x9000)
            return -1;
        pcsc.transmit(cdos::selectAid(cdos::ep::kPurseAid));
        const cdos::ep::TerminalId other{0, 0, 0, 0, 0x77, 0x01};
        const auto il = pcsc.transmit(cdos::ep::initializeForLoad(cdos::ep::kKeyIndex, amount, other));
        const auto l =
            m_headend.post(QStringLiteral("/v1/loads"),
                           {{QStringLiteral("requestId"), QUuid::createUuid().toString()},
                            {QStringLiteral("amount"), qint64(amount)},
                            {QStringLiteral("terminalId"), hdtest::hexq(cdos::Bytes(other.begin(), other.end()))},
                            {QStringLiteral("keyIndex"), cdos::ep::kKeyIndex},
                            {QStringLiteral("initResponse"), hdtest::hexq(il.data)}},
                           session.json.value(QStringLiteral("sessionToken")).toString());
        pcsc.disconnect();
        if (l.json.value(QStringLiteral("status")).toString() != QLatin1String("debited"))
            return -1;
        return l.json.value(QStringLiteral("loadId")).toInteger();
    }

    QString loadStatus(qint64 loadId) {
        for (const auto& t : history())
            if (t.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("load") &&
                t.toObject().value(QStringLiteral("id")).toInteger() == loadId)
                return t.toObject().value(QStringLiteral("status")).toString();
        return {};
    }

    // The first page write a pulled card can cut after the user's login: the right PIN makes 4 (a try spent before
    // the comparison, then given back).
    static constexpr int kFirstWriteAfterPin = 5;

private slots:
    void initTestCase() {
        QVERIFY(m_headend.usePostgresIfAsked());
        QVERIFY2(m_headend.start(900), qPrintable(m_headend.error));
        QVERIFY(m_card.start(m_image, kPort));
        cdbench::PcscClient pcsc;
        QVERIFY2(pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10)), "no card in the reader");
        pcsc.connect(m_reader.toStdString());
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        // Issuance alone writes the [0010] keys (01 = shared TRANSPORT, 02 = diversify(CARD_AUTH, ASN)).
        cdos::Personaliser perso(keys, pcsc.transmitter());
        perso.personalise(m_profile);
        QVERIFY(perso.verify(m_profile).empty());
        pcsc.disconnect();
        QCOMPARE(m_headend
                     .post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), QString::fromStdString(m_profile.holder.account)},
                            {QStringLiteral("balance"), 100000}},
                           {}, true)
                     .status,
                 200);
    }
    void cleanupTestCase() {
        m_card.stop();
        m_headend.stop();
    }

    void unknownCardRefused() {
        const Run r = gateway(QStringLiteral("1\n1234\n0\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("Refused: this card is not known to the operator.")));
        QVERIFY(!r.out.contains(QStringLiteral("Card authenticated")));
    }

    void enrol() {
        const auto& h = m_profile.holder;
        const QJsonObject holder{{QStringLiteral("userNumber"), QString::fromStdString(h.userNumber)},
                                 {QStringLiteral("account"), QString::fromStdString(h.account)},
                                 {QStringLiteral("name"), QString::fromStdString(h.name)}};
        QVERIFY(m_headend.runTool({QStringLiteral("enrol"), QStringLiteral("--card-number"),
                                   QString::fromStdString(m_cardNumber), QStringLiteral("--holder-json"),
                                   QString::fromUtf8(QJsonDocument(holder).toJson(QJsonDocument::Compact))}));
    }

    void authenticationAndBalance() {
        const Run r = gateway(QStringLiteral("1\n1234\n3\n0\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Card authenticated: card 86010000000000000077 (session until")));
        // Local time, not the headend's ISO UTC stamp (issue 11).
        QVERIFY2(r.out.contains(QRegularExpression(
                     QStringLiteral("session until (\\d{4}-\\d{2}-\\d{2} )?\\d{2}:\\d{2}:\\d{2}\\)"))),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Balance: 0.00 yuan.")));
        QVERIFY(!r.out.contains(QStringLiteral("1234"))); // the PIN is masked
    }

    // Issue 16: pcscd killed and restarted while the gateway waits for its card. The gateway notices (its PC/SC
    // context died), says so in its log, makes a new context once pcscd is back and serves the card put in then.
    void pcscdRestartedWhileWaitingForTheCard() {
        m_card.stop();
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(
            QStringLiteral(CARDDESK_GATEWAY_BIN),
            gatewayArgs(QStringLiteral("1\n1234\n3\n0\n"), {QStringLiteral("--wait-seconds"), QStringLiteral("40")}));
        QVERIFY(p.waitForStarted());
        QByteArray out;
        while (!out.contains("Please insert your card") && p.waitForReadyRead(10000))
            out += p.readAll();
        QVERIFY2(out.contains("Please insert your card"), out.constData());
        QVERIFY(cdtest::restartPcscd(2));
        QVERIFY(m_card.start(m_image, kPort));
        Run r = finish(p);
        r.out.prepend(QString::fromUtf8(out));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("carddesk-gateway: PC/SC service lost")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("carddesk-gateway: PC/SC service back")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Card authenticated: card 86010000000000000077")));
        QVERIFY(r.out.contains(QStringLiteral("Balance: 0.00 yuan.")));
    }

    // Another terminal left the e-purse application selected (a new connection does not reset the card): the
    // gateway still authenticates, its commands going to the MF.
    void authenticatesWhateverWasSelected() {
        {
            cdbench::PcscClient pcsc;
            QVERIFY(pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10)));
            pcsc.connect(m_reader.toStdString());
            QCOMPARE(pcsc.transmit(cdos::selectAid(cdos::ep::kPurseAid)).sw, std::uint16_t(0x9000));
            pcsc.disconnect();
        }
        const Run r = gateway(QStringLiteral("1\n1234\n0\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Card authenticated")), qPrintable(r.out));
    }

    void topUp() {
        const qint64 bankBefore = m_headend.bankBalance(QString::fromStdString(m_profile.holder.account));
        const Run r = gateway(QStringLiteral("1\n1234\n2\n50.00\n0\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Topped up 50.00 yuan. Balance: 50.00 yuan.")));
        QCOMPARE(m_headend.bankBalance(QString::fromStdString(m_profile.holder.account)), bankBefore - 5000);
        const QJsonArray h = history();
        QCOMPARE(h.size(), 1);
        QCOMPARE(h[0].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    }

    void pay() {
        const Run r = gateway(QStringLiteral("1\n1234\n1\n12.34\n1234\n0\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Paid 12.34 yuan. Balance: 37.66 yuan.")));
        QVERIFY(!r.out.contains(QStringLiteral("1234\n")));
        const QJsonArray h = history();
        QCOMPARE(h.size(), 2);
        for (const auto& t : h)
            QCOMPARE(t.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    }

    void insufficientBalanceRefused() {
        const Run r = gateway(QStringLiteral("1\n1234\n1\n100\n1234\n0\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("Refused: insufficient balance (37.66 yuan).")));
    }

    void overPurseLimitRefused() {
        const Run r = gateway(QStringLiteral("1\n1234\n2\n5000\n0\n")); // 500000 fen: over the 200000 limit
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("Refused: the purse would go over its limit.")));
    }

    void bankRefused() {
        // 1500 yuan fits the purse but not the holder's bank account (950 yuan left).
        const Run r = gateway(QStringLiteral("1\n1234\n2\n1500\n3\n0\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("Refused by the bank")));
        QVERIFY(r.out.contains(QStringLiteral("Balance: 37.66 yuan.")));
    }

    void blockedCardRefused() {
        QVERIFY(m_headend.runTool(
            {QStringLiteral("block"), QStringLiteral("--card-number"), QString::fromStdString(m_cardNumber)}));
        const Run r = gateway(QStringLiteral("1\n1234\n0\n"));
        QVERIFY(m_headend.runTool(
            {QStringLiteral("unblock"), QStringLiteral("--card-number"), QString::fromStdString(m_cardNumber)}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("Refused: this card is blocked.")));
    }

    void headendUnreachable() {
        const Run r = gateway(QStringLiteral("1\n"), {}, QStringLiteral("https://127.0.0.1:1"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("The headend cannot be reached")));
    }

    void certificateMismatchRefused() {
        const QString other = m_dir.filePath(QStringLiteral("other.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), m_dir.filePath(QStringLiteral("k.pem")), QStringLiteral("-out"),
                       other, QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        if (!openssl.waitForFinished(20000) || openssl.exitCode() != 0)
            QSKIP("no openssl tool");
        const Run r = gateway(QStringLiteral("1\n"), {}, {}, other);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("certificate is not the pinned one")));
    }

    void chineseMessages() {
        const Run r = gateway(QStringLiteral("1\n1234\n3\n0\n"), {QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("余额：37.66 元。")));
        QVERIFY(r.out.contains(QStringLiteral("认证成功")));
        // The way out is the menu's last line, 0, below the card's services (issue 11: it sat in the middle).
        const qsizetype quit = r.out.indexOf(QStringLiteral("  0. 退出"));
        QVERIFY2(quit > r.out.indexOf(QStringLiteral("  7. 在线充值")) && r.out.indexOf(QStringLiteral("  4. ")) < quit,
                 qPrintable(r.out));
    }

    // Issue 11: a reader that is not there is named with the ones that are, not "no card in the reader".
    void missingReaderIsNamed() {
        QStringList args = gatewayArgs(QStringLiteral("1\n"), {QStringLiteral("--wait-seconds"), QStringLiteral("1")});
        args[args.indexOf(QStringLiteral("--reader")) + 1] = QStringLiteral("No Such Reader 00 00");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(CARDDESK_GATEWAY_BIN), args);
        const Run r = finish(p);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("There is no reader \"No Such Reader 00 00\". Readers connected: ")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(m_reader));
        QVERIFY(!r.out.contains(QStringLiteral("No card in the reader")));
    }

    // Issue 11: a language the gateway does not speak is said, not silently replaced by English.
    void unsupportedLanguageIsRefused() {
        const Run r = gateway(QStringLiteral("1\n"), {QStringLiteral("--lang"), QStringLiteral("fr")});
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.out.contains(QStringLiteral("--lang takes en or zh_CN, got \"fr\"")), qPrintable(r.out));
    }

    void directFallbackLoginAndPay() {
        const Run r = gateway(QStringLiteral("1\n1234\n1\n0.66\n1234\n3\n0\n"), {QStringLiteral("--direct-login")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("(direct login")));
        QVERIFY(r.out.contains(QStringLiteral("Paid 0.66 yuan. Balance: 37.00 yuan.")));
        QVERIFY(r.out.contains(QStringLiteral("Balance: 37.00 yuan.")));
    }

    void directFallbackWrongPin() {
        const Run r = gateway(QStringLiteral("1\n9999\n1234\n0\n"), {QStringLiteral("--direct-login")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Wrong PIN, 2 tries left.")));
        QVERIFY(r.out.contains(QStringLiteral("Welcome")));
        QVERIFY(!r.out.contains(QStringLiteral("9999")));
    }

    // The card pulled during a top-up, at every page write in turn until one falls inside CREDIT FOR LOAD: the
    // gateway recovers, and the card's purse, the headend's ledger and the bank agree, nothing counted twice.
    // A top-up left unfinished elsewhere (bank paid, card never credited) blocks new ones until it is settled: the
    // gateway finds it and the person has it refunded, or finished on this card — never both, never lost.
    void unfinishedTopUpRefunded() {
        const QString account = QString::fromStdString(m_profile.holder.account);
        const qint64 bankBefore = m_headend.bankBalance(account);
        const std::uint32_t cardBefore = cardBalance();
        const qint64 loadId = leaveUnfinishedLoad(300);
        QVERIFY(loadId > 0);
        QCOMPARE(m_headend.bankBalance(account), bankBefore - 300);
        const Run r = gateway(QStringLiteral("1\n1234\n2\n1.00\n2\n0\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("An earlier top-up of 3.00 yuan on this card was not finished.")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Refunded: 3.00 yuan went back to the bank account")));
        QCOMPARE(m_headend.bankBalance(account), bankBefore);
        QCOMPARE(cardBalance(), cardBefore);
        QCOMPARE(loadStatus(loadId), QStringLiteral("refunded"));
        QCOMPARE(qint64(cardBalance()), -ledger("purse:86010000000000000077"));
    }

    void unfinishedTopUpFinishedOnTheCard() {
        const QString account = QString::fromStdString(m_profile.holder.account);
        const qint64 bankBefore = m_headend.bankBalance(account);
        const std::uint32_t cardBefore = cardBalance();
        const qint64 loadId = leaveUnfinishedLoad(200);
        QVERIFY(loadId > 0);
        // Finish it, then the top-up the person came for goes through.
        const Run r = gateway(QStringLiteral("1\n1234\n2\n1.00\n1\n2\n1.00\n0\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Recovered: the transaction was completed.")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Topped up 1.00 yuan.")));
        QCOMPARE(cardBalance(), cardBefore + 300);
        QCOMPARE(m_headend.bankBalance(account), bankBefore - 300);
        QCOMPARE(loadStatus(loadId), QStringLiteral("completed"));
        // Asked again, the headend has nothing pending and the card is not credited twice.
        QCOMPARE(qint64(cardBalance()), -ledger("purse:86010000000000000077"));
    }

    void topUpRecoveredAfterCardPulled() {
        const QString account = QString::fromStdString(m_profile.holder.account);
        bool recovered = false;
        // Cuts from page write 5 on: the user's right PIN makes the first 4 (a try spent before the comparison,
        // then given back), and a card pulled there keeps that try spent — three of those would block user 1.
        for (int cut = kFirstWriteAfterPin; cut <= 60 && !recovered; ++cut) {
            const std::uint32_t cardBefore = cardBalance();
            const qint64 bankBefore = m_headend.bankBalance(account);
            const Run r = gatewayWithCardPulled(QStringLiteral("1\n1234\n2\n1.00\n0\n"), cut);
            recovered = r.out.contains(QStringLiteral("recovering the transaction"));
            const std::uint32_t cardAfter = cardBalance();
            QVERIFY(cardAfter == cardBefore || cardAfter == cardBefore + 100);
            // Whatever happened, the bank paid exactly what the card got (a load left "debited" is refunded or
            // re-issued by the recovery; an unfinished one before the bank debit costs nothing).
            if (recovered) {
                QVERIFY2(r.out.contains(QStringLiteral("Topped up 1.00 yuan")), qPrintable(r.out));
                QCOMPARE(cardAfter, cardBefore + 100);
                QCOMPARE(m_headend.bankBalance(account), bankBefore - 100);
            }
        }
        QVERIFY(recovered);
        QCOMPARE(qint64(cardBalance()), -ledger("purse:"
                                                "86010000000000000077"));
    }

    void purchaseRecoveredAfterCardPulled() {
        bool recovered = false;
        // From after the payment PIN too (its VERIFY makes 4 more page writes, as the login's): this test is about
        // the purchase itself.
        for (int cut = kFirstWriteAfterPin + 4; cut <= 60 && !recovered; ++cut) {
            const std::uint32_t cardBefore = cardBalance();
            const Run r = gatewayWithCardPulled(QStringLiteral("1\n1234\n1\n0.50\n1234\n0\n"), cut);
            recovered = r.out.contains(QStringLiteral("recovering the transaction"));
            const std::uint32_t cardAfter = cardBalance();
            QVERIFY(cardAfter == cardBefore || cardAfter + 50 == cardBefore);
            if (recovered && cardAfter + 50 == cardBefore)
                QVERIFY2(r.out.contains(QStringLiteral("Recovered: the transaction was completed.")),
                         qPrintable(r.out));
        }
        QVERIFY(recovered);
        QCOMPARE(qint64(cardBalance()), -ledger("purse:"
                                                "86010000000000000077"));
    }

    // Last: it spends one of user 1's tries (a right PIN afterwards gives them back).
    void wrongPinShowsTriesLeft() {
        const Run r = gateway(QStringLiteral("1\n9999\n"));
        QCOMPARE(r.exitCode, 1);
        // The card's proactive module says it (DISPLAY TEXT); the direct fallback says "Wrong PIN, 2 tries left.".
        QVERIFY(r.out.contains(QStringLiteral("2 tries left")));
        QVERIFY(!r.out.contains(QStringLiteral("9999")));
        const Run ok = gateway(QStringLiteral("1\n1234\n0\n"));
        QCOMPARE(ok.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestGateway)
#include "TestGateway.moc"
