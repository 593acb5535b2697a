// PurseService with the card OS in-process (a local reader of CardReaderManager): an issued card is read, loaded
// and charged as a terminal with the development keys, its log decoded and its last transaction proved; every
// transaction lands in the database without a PIN or key, and refusals change nothing on the card.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/HexText.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>
#include <carddesk/model/PurseLogModel.h>
#include <carddesk/model/PurseService.h>

#include "carddesk/card/dispatch/CardOs.h"
#include "support/InProcessCard.h"
#include "support/StandardCard.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

namespace {

const QString kReader = QStringLiteral("In-process card");
const QString kPin = QStringLiteral("135790"); // user 1's payment PIN

} // namespace

class TestPurseService : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TraceLog m_trace;
    CardReaderManager m_readers{nullptr, &m_trace};
    Database m_db;
    OperatorSession m_ops{m_db};
    std::shared_ptr<cdos::card::CardOs> m_card;
    std::unique_ptr<PurseService> m_purse;
    QString m_cardNumber;

    PurseTransactionResult run(PurseOperation op, quint32 amount, int pinUser = 0, const QString& pin = {}) {
        PurseRequest r{kReader, op, amount, pinUser, pin, QStringLiteral("desk-7")};
        return PurseService::wait(m_purse->transact(r));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db.open(m_dir.filePath(QStringLiteral("cards.sqlite")));
        QCOMPARE(cdtest::logIn(m_ops, QStringLiteral("desk-7")), QString());
        m_readers.start(false);
        m_readers.addLocalReader(kReader);
        m_card = cdtest::newTestCard(m_dir.filePath(QStringLiteral("card.img")));
        cdtest::insertInProcessCard(m_readers, kReader, m_card);
        IssuanceService issuance(m_readers, m_db, m_ops);
        const IssuanceResult issued = cdtest::issueStandardCard(issuance, kReader);
        QVERIFY2(issued.ok, qPrintable(issued.error));
        m_cardNumber = issued.cardNumber;
        m_purse = std::make_unique<PurseService>(m_readers, m_db, m_ops);
        m_purse->setIssuerKeys(issuance.issuerKeys());
    }

    void cleanupTestCase() {
        m_purse.reset();
        m_readers.stop();
    }

    void freshPurseIsEmpty() {
        const PurseState s = PurseService::wait(m_purse->read(kReader));
        QVERIFY2(s.ok(), qPrintable(s.error));
        QCOMPARE(s.cardNumber, m_cardNumber);
        QCOMPARE(s.asn, m_cardNumber.mid(4));
        QCOMPARE(s.aid, QStringLiteral("F04344455001"));
        QCOMPARE(s.balance, 0u);
        QVERIFY(s.log.isEmpty());
        QVERIFY(!s.last);
        const PurseProof p = PurseService::wait(m_purse->proveLast(kReader));
        QVERIFY(!p.available);
        QVERIFY(p.error.isEmpty());
    }

    void loadAndPurchase() {
        QSignalSpy finished(m_purse.get(), &PurseService::transactionFinished);
        const PurseTransactionResult load = run(PurseOperation::Load, 10000);
        QVERIFY2(load.ok, qPrintable(load.error));
        QVERIFY(load.tacVerified);
        QCOMPARE(load.balanceBefore, 0);
        QCOMPARE(load.balanceAfter, 10000);
        QCOMPARE(load.tac.size(), 4);

        const PurseTransactionResult buy = run(PurseOperation::Purchase, 2345, 1, kPin);
        QVERIFY2(buy.ok, qPrintable(buy.error));
        QVERIFY(buy.tacVerified);
        QCOMPARE(buy.balanceAfter, 7655);
        QCOMPARE(buy.terminalSerial, 1);
        QCOMPARE(finished.size(), 2);

        const PurseState s = PurseService::wait(m_purse->read(kReader));
        QVERIFY2(s.ok(), qPrintable(s.error));
        QCOMPARE(s.balance, 7655u);
        QCOMPARE(s.log.size(), 2);
        QCOMPARE(s.log[0].type, quint8(0x06)); // newest first: the purchase
        QCOMPARE(s.log[0].amount, 2345u);
        QCOMPARE(s.log[0].balanceAfter, 7655);
        QCOMPARE(s.log[1].type, quint8(0x02));
        QCOMPARE(s.log[1].balanceAfter, 10000);
        QCOMPARE(s.log[0].dateTime, buy.dateTime);
        QVERIFY(s.onlineCounter && s.offlineCounter);
        QCOMPARE(int(*s.onlineCounter), load.counter + 1);
        QCOMPARE(int(*s.offlineCounter), buy.counter + 1);
        QVERIFY(s.last);
        QCOMPARE(s.last->type, quint8(0x06));
        QCOMPARE(s.last->amount, 2345u);
        QCOMPARE(s.last->terminalSerial, 1u);
        const QJsonObject json = s.toJson();
        QCOMPARE(json.value(QStringLiteral("balanceYuan")).toString(), QStringLiteral("76.55"));

        // The log model shows it for the operator.
        PurseLogModel model;
        QAbstractItemModelTester tester(&model);
        model.setLocale(QLocale(QLocale::English));
        model.setEntries(s.log);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, PurseLogModel::TypeColumn).data().toString(), QStringLiteral("EP purchase"));
        QCOMPARE(model.index(0, PurseLogModel::AmountColumn).data().toString(), QStringLiteral("−¥23.45"));
        QCOMPARE(model.index(1, PurseLogModel::BalanceColumn).data().toString(), QStringLiteral("¥100.00"));
        QCOMPARE(formatYuan(123456, QLocale(QLocale::Chinese, QLocale::China)), QStringLiteral("¥1,234.56"));
    }

    void lastTransactionIsProved() {
        const PurseProof p = PurseService::wait(m_purse->proveLast(kReader));
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(p.available);
        QVERIFY(p.proved);
        QCOMPARE(p.tac.size(), 4);
        QCOMPARE(p.last.type, quint8(0x06));

        // With another issuer's keys the same TAC does not check: "not proved".
        PurseService stranger(m_readers, m_db, m_ops);
        const QString store = m_dir.filePath(QStringLiteral("other.cdks"));
        std::map<std::string, std::pair<std::uint8_t, cdos::Bytes>> keys;
        for (const char* name : {"TAC", "PURCHASE", "LOAD", "PIN_UNBLOCK"})
            keys[name] = {1, cdos::Bytes(16, 0x5A)};
        cdos::KeyStore::create(store.toStdString(), "other", keys, cdos::KeyStore::kMinIterations);
        QCOMPARE(stranger.openKeyStore(store, QStringLiteral("other")), QString());
        const PurseProof q = PurseService::wait(stranger.proveLast(kReader));
        QVERIFY2(q.available, qPrintable(q.error));
        QVERIFY(!q.proved);
    }

    void refusalsChangeNothing() {
        const int before = int(PurseLedger(m_db).transactions(m_cardNumber).size());
        const PurseTransactionResult tooMuch = run(PurseOperation::Purchase, 1000000, 1, kPin);
        QVERIFY(!tooMuch.ok);
        QCOMPARE(tooMuch.sw, quint16(0x9401));
        QVERIFY2(tooMuch.error.contains(QStringLiteral("insufficient balance")), qPrintable(tooMuch.error));
        const PurseTransactionResult wrongPin = run(PurseOperation::Purchase, 100, 1, QStringLiteral("000000"));
        QVERIFY(!wrongPin.ok);
        QCOMPARE(wrongPin.sw & 0xFFF0, 0x63C0);
        const PurseTransactionResult noPin = run(PurseOperation::Purchase, 100);
        QVERIFY(!noPin.ok);
        const PurseTransactionResult zero = run(PurseOperation::Load, 0);
        QVERIFY(!zero.ok);
        QCOMPARE(PurseService::wait(m_purse->read(kReader)).balance, 7655u);
        // Refusals that reached the card are recorded as failed; the zero amount never left the desk.
        const auto rows = PurseLedger(m_db).transactions(m_cardNumber);
        QCOMPARE(int(rows.size()), before + 3);
        QCOMPARE(rows.first().outcome, QStringLiteral("failed"));
        // A correct PIN restores the tries for the next tests.
        QVERIFY(run(PurseOperation::Purchase, 5, 1, kPin).ok);
    }

    void ledgerHasNoSecrets() {
        const auto rows = PurseLedger(m_db).transactions(m_cardNumber);
        QVERIFY(rows.size() >= 2);
        const auto completed = std::count_if(rows.cbegin(), rows.cend(), [](const PurseTransactionRecord& t) {
            return t.outcome == QLatin1String("completed") && t.tacVerified && t.tac.size() == 8;
        });
        QCOMPARE(completed, 3);
        QCOMPARE(PurseLedger(m_db).nextTerminalSerial(rows.first().terminalId), rows.first().terminalSerial + 1);
        QFile file(m_db.location());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(kPin.toLatin1()));
        // Nor in the trace: VERIFY's PIN is redacted.
        const QString tracePath = m_dir.filePath(QStringLiteral("trace.json"));
        QVERIFY(m_trace.saveToFile(tracePath, TraceLog::Format::Json));
        QFile trace(tracePath);
        QVERIFY(trace.open(QIODevice::ReadOnly));
        const QByteArray traceBytes = trace.readAll();
        QVERIFY(!traceBytes.contains("135790"));
        QVERIFY(!traceBytes.contains("13 57 90"));
    }

    void balancesReconstructBackwards() {
        PurseState s;
        s.balance = 500;
        for (auto [type, amount] : {std::pair{0x06, 100u}, {0x02, 400u}, {0x06, 50u}}) {
            PurseLogEntry e;
            e.type = quint8(type);
            e.amount = amount;
            s.log.append(e);
        }
        s.reconstructBalances();
        QCOMPARE(s.log[0].balanceAfter, 500);
        QCOMPARE(s.log[1].balanceAfter, 600);
        QCOMPARE(s.log[2].balanceAfter, 200);
    }
};

QTEST_MAIN(TestPurseService)
#include "TestPurseService.moc"
