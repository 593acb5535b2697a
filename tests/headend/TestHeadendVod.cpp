// The headend's VOD catalogue and VOD purchases (claim step 6), on the real carddesk-headend over HTTPS (SQLite, and
// PostgreSQL under the `postgres` fixture): the admin API and `carddesk-headend vod-add`, the catalogue for a
// session, a purchase priced from the catalogue whatever the terminal says (MAC1, MAC2 and TAC over that price),
// unknown and withdrawn titles, a requestId reused for another title, the ledger and the card's history.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QJsonArray>

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
using hdtest::Reply;
namespace ep = cdos::ep;

class TestHeadendVod : public QObject {
    Q_OBJECT
    hdtest::HeadendProcess m_hd;
    std::unique_ptr<cdos::KeyStore> m_keys;
    std::unique_ptr<hdtest::IssuedCard> m_card;
    QString m_token;
    qint64 m_film = 0;
    const ep::TerminalId m_terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x66};

    Reply post(const QString& path, const QJsonObject& o, const QString& token = {}, bool admin = false) {
        return m_hd.post(path, o, token, admin);
    }
    Reply get(const QString& path, const QString& token) { return m_hd.send("GET", path, QByteArray(), token); }

    // The card's INITIALIZE FOR PURCHASE answer as the e-purse gives it (balance 5000 fen, counter `counter`).
    static ep::InitPurchaseResponse init(std::uint16_t counter) {
        ep::InitPurchaseResponse r;
        r.balance = 5000;
        r.offlineCounter = counter;
        r.keyVersion = 1;
        r.random = *cdos::fromHex("0A0B0C0D");
        return r;
    }
    static QJsonObject begin(const QString& requestId, qint64 titleId, const ep::InitPurchaseResponse& i,
                             qint64 amount = 1) {
        // "amount" is what a cheating terminal would say: the headend must not read it.
        return {
            {QStringLiteral("requestId"), requestId}, {QStringLiteral("titleId"), titleId},
            {QStringLiteral("amount"), amount},       {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
            {QStringLiteral("keyIndex"), 1},          {QStringLiteral("initResponse"), hexq(i.encode())}};
    }

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY2(m_hd.usePostgresIfAsked(), "PostgreSQL fixture not usable (scripts/pg-env.sh start)");
        QVERIFY2(m_hd.start(900), qPrintable(m_hd.error));
        m_card = std::make_unique<hdtest::IssuedCard>(*m_keys, "86010000000000000031");
        m_token = m_hd.enrolAndAuthenticate(*m_card);
        QVERIFY(!m_token.isEmpty());
    }
    void cleanupTestCase() { m_hd.stop(); }

    void catalogueAdministration() {
        const QJsonObject film{{QStringLiteral("title"), QStringLiteral("Film")},
                               {QStringLiteral("price"), 800},
                               {QStringLiteral("programmeId"), 0x777},
                               {QStringLiteral("validDays"), 2}};
        QCOMPARE(post(QStringLiteral("/v1/admin/vod"), film).code(), QStringLiteral("no_credential"));
        QJsonObject bad = film;
        bad.insert(QStringLiteral("price"), 0);
        QCOMPARE(post(QStringLiteral("/v1/admin/vod"), bad, {}, true).code(), QStringLiteral("bad_field"));
        bad = film;
        bad.insert(QStringLiteral("programmeId"), 70000);
        QCOMPARE(post(QStringLiteral("/v1/admin/vod"), bad, {}, true).code(), QStringLiteral("bad_field"));
        bad = film;
        bad.remove(QStringLiteral("title"));
        QCOMPARE(post(QStringLiteral("/v1/admin/vod"), bad, {}, true).code(), QStringLiteral("bad_field"));

        const Reply added = post(QStringLiteral("/v1/admin/vod"), film, {}, true);
        QCOMPARE(added.status, 200);
        m_film = added.json.value(QStringLiteral("id")).toInteger();
        QVERIFY(m_film > 0);
        // The same programme again updates the title: same id, new price and days.
        QJsonObject update = film;
        update.insert(QStringLiteral("price"), 1200);
        update.insert(QStringLiteral("validDays"), 7);
        const Reply updated = post(QStringLiteral("/v1/admin/vod"), update, {}, true);
        QCOMPARE(updated.json.value(QStringLiteral("id")).toInteger(), m_film);
        QCOMPARE(updated.json.value(QStringLiteral("price")).toInteger(), 1200);

        // The command line adds to the same database; a bad value is refused with a message.
        QVERIFY(m_hd.runTool(
            {"vod-add", "--title", "Series", "--price", "300", "--programme-id", "0x778", "--valid-days", "1"}));
        QVERIFY(
            !m_hd.runTool({"vod-add", "--title", "Bad", "--price", "-3", "--programme-id", "5", "--valid-days", "1"}));
        QVERIFY(!m_hd.runTool({"vod-add", "--title", "No days", "--price", "3", "--programme-id", "6"}));
        QVERIFY(m_hd.runTool({"vod-add", "--title", "Withdrawn", "--price", "100", "--programme-id", "0x779",
                              "--valid-days", "1", "--inactive"}));

        QCOMPARE(get(QStringLiteral("/v1/vod"), {}).status, 401);
        const Reply list = get(QStringLiteral("/v1/vod"), m_token);
        QCOMPARE(list.status, 200);
        const QJsonArray titles = list.json.value(QStringLiteral("titles")).toArray();
        QCOMPARE(titles.size(), 2); // the withdrawn title is not offered
        QCOMPARE(titles[0].toObject().value(QStringLiteral("title")).toString(), QStringLiteral("Film"));
        QCOMPARE(titles[0].toObject().value(QStringLiteral("programmeId")).toInt(), 0x777);
        QCOMPARE(titles[0].toObject().value(QStringLiteral("validDays")).toInt(), 7);
        QCOMPARE(titles[1].toObject().value(QStringLiteral("price")).toInteger(), 300);
    }

    void unknownAndWithdrawnTitlesRefused() {
        QCOMPARE(post(QStringLiteral("/v1/vod/purchases"), begin(QStringLiteral("vod-x"), m_film, init(1)), {}).status,
                 401);
        QCOMPARE(
            post(QStringLiteral("/v1/vod/purchases"), begin(QStringLiteral("vod-x"), 999999, init(1)), m_token).code(),
            QStringLiteral("unknown_title"));
        const qint64 withdrawn = m_film + 2;
        QCOMPARE(post(QStringLiteral("/v1/vod/purchases"), begin(QStringLiteral("vod-y"), withdrawn, init(1)), m_token)
                     .code(),
                 QStringLiteral("unknown_title"));
        QJsonObject noTitle = begin(QStringLiteral("vod-z"), m_film, init(1));
        noTitle.remove(QStringLiteral("titleId"));
        QCOMPARE(post(QStringLiteral("/v1/vod/purchases"), noTitle, m_token).code(), QStringLiteral("bad_field"));
        // A purse that cannot pay the catalogue price (the terminal's "amount" of 1 fen does not count).
        auto poor = init(1);
        poor.balance = 1199;
        QCOMPARE(
            post(QStringLiteral("/v1/vod/purchases"), begin(QStringLiteral("vod-p"), m_film, poor), m_token).code(),
            QStringLiteral("insufficient_balance"));
    }

    void purchasePricedFromTheCatalogue() {
        const auto i = init(3);
        const Reply b = post(QStringLiteral("/v1/vod/purchases"), begin(QStringLiteral("vod-1"), m_film, i), m_token);
        QCOMPARE(b.status, 200);
        QCOMPARE(b.json.value(QStringLiteral("amount")).toInteger(), 1200);
        QCOMPARE(b.json.value(QStringLiteral("title")).toString(), QStringLiteral("Film"));
        QCOMPARE(b.json.value(QStringLiteral("programmeId")).toInt(), 0x777);
        QCOMPARE(b.json.value(QStringLiteral("validDays")).toInt(), 7);
        // MAC1 is over the catalogue's 1200 fen: the card, initialised for 1200, accepts it.
        const auto asn = m_card->profile.info.asn();
        const auto serial = static_cast<std::uint32_t>(b.json.value(QStringLiteral("terminalSerial")).toInteger());
        const Bytes date = bytesq(b.json.value(QStringLiteral("date"))),
                    time = bytesq(b.json.value(QStringLiteral("time")));
        const ep::Bcd4 d{date[0], date[1], date[2], date[3]};
        const ep::Bcd3 t{time[0], time[1], time[2]};
        const Bytes session = ep::purchaseSessionKey(m_keys->cardKey("PURCHASE", asn)->reveal("test").bytes(), i.random,
                                                     i.offlineCounter, serial);
        QCOMPARE(bytesq(b.json.value(QStringLiteral("mac1"))), ep::purchaseMac1(session, 1200, 0x06, m_terminal, d, t));

        // The same request again: the same purchase. The same requestId for another title: refused.
        const Reply again =
            post(QStringLiteral("/v1/vod/purchases"), begin(QStringLiteral("vod-1"), m_film, i), m_token);
        QCOMPARE(again.json.value(QStringLiteral("purchaseId")), b.json.value(QStringLiteral("purchaseId")));
        QCOMPARE(
            post(QStringLiteral("/v1/vod/purchases"), begin(QStringLiteral("vod-1"), m_film + 1, i), m_token).code(),
            QStringLiteral("request_id_reused"));

        // A later catalogue change does not alter what was sold.
        QCOMPARE(post(QStringLiteral("/v1/admin/vod"),
                      {{QStringLiteral("title"), QStringLiteral("Film (director's cut)")},
                       {QStringLiteral("price"), 1500},
                       {QStringLiteral("programmeId"), 0x777},
                       {QStringLiteral("validDays"), 7}},
                      {}, true)
                     .status,
                 200);

        // Completion through the purchase flow: MAC2 and TAC over 1200, recorded once in the ledger.
        const Bytes mac2 = ep::purchaseMac2(session, 1200);
        const Bytes tac = ep::purchaseTac(ep::tacKey(m_keys->cardKey("TAC", asn)->reveal("test").bytes()), 1200, 0x06,
                                          m_terminal, serial, d, t);
        const QString done =
            QStringLiteral("/v1/purchases/%1/completion").arg(b.json.value(QStringLiteral("purchaseId")).toInteger());
        QCOMPARE(post(done, {{QStringLiteral("mac2"), hexq(mac2)}, {QStringLiteral("tac"), hexq(tac)}}, m_token).status,
                 200);
        const Reply ledger = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger"));
        QCOMPARE(ledger.json.value(QStringLiteral("purse:86010000000000000031")).toInteger(), 1200);
        QCOMPARE(ledger.json.value(QStringLiteral("operator:revenue")).toInteger(), -1200);

        // The card's history names the title as sold; the plain purchase flow is untouched (no title).
        const Reply h = get(QStringLiteral("/v1/cards/86010000000000000031/transactions"), m_token);
        QCOMPARE(h.status, 200);
        const QJsonArray all = QJsonDocument::fromJson(h.body).array();
        QJsonObject vod;
        for (const auto& v : all)
            if (v.toObject().value(QStringLiteral("id")) == b.json.value(QStringLiteral("purchaseId")))
                vod = v.toObject();
        QCOMPARE(vod.value(QStringLiteral("title")).toString(), QStringLiteral("Film"));
        QCOMPARE(vod.value(QStringLiteral("titleId")).toInteger(), m_film);
        QCOMPARE(vod.value(QStringLiteral("amount")).toInteger(), 1200);
        QCOMPARE(vod.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));

        const Reply plain = post(QStringLiteral("/v1/purchases"),
                                 {{QStringLiteral("requestId"), QStringLiteral("plain-1")},
                                  {QStringLiteral("amount"), 100},
                                  {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                                  {QStringLiteral("keyIndex"), 1},
                                  {QStringLiteral("initResponse"), hexq(init(4).encode())}},
                                 m_token);
        QCOMPARE(plain.status, 200);
        QVERIFY(!plain.json.contains(QStringLiteral("title")));
        for (const auto& v :
             QJsonDocument::fromJson(get(QStringLiteral("/v1/cards/86010000000000000031/transactions"), m_token).body)
                 .array())
            if (v.toObject().value(QStringLiteral("id")) == plain.json.value(QStringLiteral("purchaseId")))
                QVERIFY(!v.toObject().contains(QStringLiteral("title")));
    }
};

QTEST_GUILESS_MAIN(TestHeadendVod)
#include "TestHeadendVod.moc"
