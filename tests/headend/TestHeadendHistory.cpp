// Issue 15: the histories page through the API (keyset cursor, never OFFSET), and the schema follows the card key
// rule that lets it be distributed by card. A card with a long history (rows written straight into the headend's
// database, as the growth generator does) is read page by page: every row once, newest first, none missed. Under
// the `postgres` fixture the suite runs on PostgreSQL, and with CARDDESK_TEST_PG_PARTITIONS on card tables
// hash-partitioned by card (test_headend_*_partitioned).
#include "HeadendProcess.h"

#include <QSet>
#include <QUrlQuery>

using hdtest::Reply;

namespace {

const QString kCard = QStringLiteral("86010000000000000071");
const QString kCard2 = QStringLiteral("86010000000000000072");
const QString kSubscriber = QStringLiteral("U00000071");
constexpr int kPurchases = 250;
constexpr int kLoads = 130;

} // namespace

class TestHeadendHistory : public QObject, public hdtest::HeadendSuite {
    Q_OBJECT

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY2(m_hd.usePostgresIfAsked(), "PostgreSQL fixture not usable (scripts/pg-env.sh start)");
        QVERIFY2(m_hd.start(), qPrintable(m_hd.error));
        for (const QString& card : {kCard, kCard2}) {
            const Reply r = post(
                QStringLiteral("/v1/admin/cards"),
                {{QStringLiteral("cardNumber"), card},
                 {QStringLiteral("holder"), QJsonObject{{QStringLiteral("userNumber"), kSubscriber},
                                                        {QStringLiteral("account"), QStringLiteral("622200000071")},
                                                        {QStringLiteral("name"), QStringLiteral("Li")}}}},
                {}, true);
            QVERIFY2(r.status == 200, r.body.constData());
        }
        // The first card's long history: purchases and loads interleaved in time, as a purse is used.
        QVERIFY(fill());
        QCOMPARE(m_purchases + m_loads, kPurchases + kLoads);
    }

    void cleanupTestCase() { m_hd.stop(); }

    // Every record once, newest first, in pages of the size asked; the last page says no more.
    void cardHistoryPagesWithoutRepeatOrGap() {
        const QJsonArray all = readAll(QStringLiteral("/v1/cards/%1/transactions").arg(kCard), 37);
        QCOMPARE(all.size(), m_purchases + m_loads);
        QSet<QString> seen;
        qint64 previous = kPurchases + kLoads;
        for (const auto& v : all) {
            const QJsonObject o = v.toObject();
            const QString key =
                o[QStringLiteral("kind")].toString() + QString::number(o[QStringLiteral("id")].toInteger());
            QVERIFY2(!seen.contains(key), qPrintable(key + QStringLiteral(" twice")));
            seen.insert(key);
            // balanceBefore holds the minute the row was written at: it goes down by one, record after record.
            const qint64 written = o[QStringLiteral("balanceBefore")].toInteger();
            QCOMPARE(written, previous - 1);
            previous = written;
        }
    }

    // Without parameters a page holds 100 records (never the whole history); limit and cursor are checked.
    void pageLimitsAndBadCursors() {
        const QString path = QStringLiteral("/v1/cards/%1/transactions").arg(kCard);
        const Reply first = m_hd.getAdmin(path);
        QCOMPARE(first.status, 200);
        QCOMPARE(QJsonDocument::fromJson(first.body).array().size(), 100);
        QVERIFY(!first.nextCursor.isEmpty());
        QCOMPARE(QJsonDocument::fromJson(m_hd.getAdmin(path + QStringLiteral("?limit=1000")).body).array().size(),
                 m_purchases + m_loads);
        for (const QString& bad :
             {QStringLiteral("?limit=0"), QStringLiteral("?limit=1001"), QStringLiteral("?limit=ten"),
              QStringLiteral("?after=12"), QStringLiteral("?after=1.2.3"), QStringLiteral("?after=-1.5"),
              QStringLiteral("?after=") + QString(100, QLatin1Char('1'))}) {
            const Reply r = m_hd.getAdmin(path + bad);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.code(), QStringLiteral("bad_field"));
        }
        // The last page carries no cursor.
        const Reply last = m_hd.getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(kCard2));
        QCOMPARE(QJsonDocument::fromJson(last.body).array().size(), 3);
        QVERIFY(last.nextCursor.isEmpty());
    }

    // A subscriber's history pages across the cards: every record of both once.
    void subscriberHistoryPagesAcrossCards() {
        const QJsonArray all = readAll(QStringLiteral("/v1/subscribers/%1/transactions").arg(kSubscriber), 64);
        QCOMPARE(all.size(), m_purchases + m_loads + 3);
        QSet<QString> seen;
        for (const auto& v : all) {
            const QJsonObject o = v.toObject();
            seen.insert(o[QStringLiteral("kind")].toString() + QString::number(o[QStringLiteral("id")].toInteger()));
        }
        QCOMPARE(seen.size(), all.size());
        const Reply bad = m_hd.getAdmin(QStringLiteral("/v1/subscribers/%1/transactions?after=%2.0.0")
                                            .arg(kSubscriber, QStringLiteral("86010000000000000099")));
        QCOMPARE(bad.status, 400);
    }

    // Ready to distribute: on PostgreSQL every primary key and unique index of a table holding card data holds the
    // card number; partitioned (CARDDESK_TEST_PG_PARTITIONS), those tables are hash-partitioned by card.
    void schemaFollowsTheCardKeyRule() {
        if (m_hd.database.isEmpty())
            QSKIP("the key rule is PostgreSQL's (SQLite is never distributed)");
        QStringList problems;
        {
            QSqlDatabase db = m_hd.openDatabase(QStringLiteral("history-schema"));
            QVERIFY(db.isOpen());
            problems = keyRuleProblems(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("history-schema"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    }

private:
    // What breaks the card key rule in the headend's PostgreSQL schema, in words; empty when nothing does.
    static QStringList keyRuleProblems(const QSqlDatabase& db) {
        const QStringList cardTables{QStringLiteral("cards"),
                                     QStringLiteral("sessions"),
                                     QStringLiteral("purchases"),
                                     QStringLiteral("vod_purchases"),
                                     QStringLiteral("ledger_entries"),
                                     QStringLiteral("loads"),
                                     QStringLiteral("card_app_identity"),
                                     QStringLiteral("app_events")};
        const bool partitioned = !qEnvironmentVariable("CARDDESK_TEST_PG_PARTITIONS").isEmpty();
        QStringList problems;
        QSqlQuery q(db);
        for (const QString& table : cardTables) {
            // Unique indexes (primary keys included) of the table whose columns do not hold card_number.
            if (!q.exec(QStringLiteral("SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                                       " JOIN pg_class t ON t.oid = x.indrelid WHERE t.relname = '%1' AND"
                                       " x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE"
                                       " a.attrelid = t.oid AND a.attname = 'card_number' AND a.attnum ="
                                       " ANY(x.indkey))")
                            .arg(table)))
                return {q.lastError().text()};
            while (q.next())
                problems << QStringLiteral("%1: unique index %2 without card_number").arg(table, q.value(0).toString());
            if (!q.exec(QStringLiteral("SELECT relkind FROM pg_class WHERE relname = '%1'").arg(table)) || !q.next())
                return {QStringLiteral("no table %1").arg(table)};
            const QString kind = q.value(0).toString();
            if (kind != (partitioned ? QStringLiteral("p") : QStringLiteral("r")))
                problems << QStringLiteral("%1: relkind %2").arg(table, kind);
        }
        return problems;
    }

    // Writes the two cards' rows in one transaction; false (with a warning) on any error.
    bool fill() {
        const QString name = QStringLiteral("history-fill");
        bool ok = false;
        {
            QSqlDatabase db = m_hd.openDatabase(name);
            ok = db.isOpen() && db.transaction() && fillRows(db) && db.commit();
            if (!ok)
                qWarning("fill: %s", qPrintable(db.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    bool fillRows(QSqlDatabase& db) {
        QSqlQuery q(db);
        for (int i = 0; i < kPurchases + kLoads; ++i) {
            const bool load = i % 3 == 1 && m_loads < kLoads;
            const QString at = QDateTime(QDate(2026, 1, 1), QTime(0, 0)).addSecs(60 * i).toString(Qt::ISODateWithMs);
            if (load) {
                q.prepare(
                    QStringLiteral("INSERT INTO loads (request_id, card_number, amount, terminal_id, balance_before,"
                                   " online_counter, card_random, tx_date, tx_time, bank_account, status,"
                                   " created_at, updated_at) VALUES (?, ?, 100, '112233445566', ?, ?, '00000000',"
                                   " '20260101', '000000', '6222', 'completed', ?, ?)"));
                for (const QVariant& v : QVariantList{QStringLiteral("fill-l%1").arg(i), kCard, i, m_loads, at, at})
                    q.addBindValue(v);
                ++m_loads;
            } else {
                q.prepare(
                    QStringLiteral("INSERT INTO purchases (request_id, card_number, amount, terminal_id, key_index,"
                                   " balance_before, offline_counter, card_random, terminal_serial, tx_date,"
                                   " tx_time, status, created_at) VALUES (?, ?, 1, '112233445566', 1, ?, ?,"
                                   " '00000000', 0, '20260101', '000000', 'completed', ?)"));
                for (const QVariant& v : QVariantList{QStringLiteral("fill-p%1").arg(i), kCard, i, m_purchases, at})
                    q.addBindValue(v);
                ++m_purchases;
            }
            if (!q.exec()) {
                qWarning("%s", qPrintable(q.lastError().text()));
                return false;
            }
        }
        // The second card: three purchases.
        for (int i = 0; i < 3; ++i) {
            q.prepare(QStringLiteral("INSERT INTO purchases (request_id, card_number, amount, terminal_id, key_index,"
                                     " balance_before, offline_counter, card_random, terminal_serial, tx_date,"
                                     " tx_time, status, created_at) VALUES (?, ?, 1, '112233445566', 1, 0, ?,"
                                     " '00000000', 0, '20260101', '000000', 'completed', '2026-02-01T00:00:00.000Z')"));
            for (const QVariant& v : QVariantList{QStringLiteral("fill-second-%1").arg(i), kCard2, i})
                q.addBindValue(v);
            if (!q.exec()) {
                qWarning("%s", qPrintable(q.lastError().text()));
                return false;
            }
        }
        return true;
    }

    // Follows X-Next-Cursor to the end; fails the test on a page larger than asked or a cursor that loops.
    QJsonArray readAll(const QString& path, int limit) {
        QJsonArray all;
        QByteArray cursor;
        QSet<QByteArray> cursors;
        for (int pages = 0; pages < 1000; ++pages) {
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
            if (!cursor.isEmpty())
                query.addQueryItem(QStringLiteral("after"), QString::fromLatin1(cursor));
            const Reply r = m_hd.getAdmin(path + QLatin1Char('?') + query.toString(QUrl::FullyEncoded));
            if (r.status != 200) {
                qWarning("page %d: HTTP %d %s", pages, r.status, r.body.constData());
                return {};
            }
            const QJsonArray page = QJsonDocument::fromJson(r.body).array();
            if (page.size() > limit || (cursors.contains(r.nextCursor) && !r.nextCursor.isEmpty()))
                return {};
            for (const auto& v : page)
                all.append(v);
            if (r.nextCursor.isEmpty())
                return all;
            cursors.insert(r.nextCursor);
            cursor = r.nextCursor;
        }
        return {};
    }

    int m_purchases = 0;
    int m_loads = 0;
};

QTEST_GUILESS_MAIN(TestHeadendHistory)
#include "TestHeadendHistory.moc"
