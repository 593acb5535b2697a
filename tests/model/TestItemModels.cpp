// The item models the GUI shows, each under QAbstractItemModelTester.
#include <carddesk/cardio/CardChannel.h>
#include <carddesk/cardio/CardError.h>
#include <carddesk/model/ApduTraceFilterModel.h>
#include <carddesk/model/ApduTraceModel.h>
#include <carddesk/model/IssuedCardsModel.h>
#include <carddesk/model/ReaderListModel.h>

#include <carddesk/protocol/perso/Personaliser.h>

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

namespace {

QByteArray answer(const QByteArray& c) {
    switch (static_cast<quint8>(c[1])) {
    case 0x84:
        return QByteArray::fromHex("11223344556677889000");
    case 0x20:
        return QByteArray::fromHex("63C2");
    case 0xCA:
        return QByteArray::fromHex("019000");
    default:
        return QByteArray::fromHex("6A82");
    }
}

} // namespace

class TestItemModels : public QObject {
    Q_OBJECT
private slots:
    void readers() {
        CardReaderManager manager;
        manager.start(false);
        manager.addLocalReader(QStringLiteral("B reader"));
        ReaderListModel model(&manager);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        manager.addLocalReader(QStringLiteral("A reader"));
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ReaderListModel::NameColumn).data().toString(), QStringLiteral("A reader"));
        QCOMPARE(model.index(1, ReaderListModel::CardColumn).data().toString(), QStringLiteral("no card"));

        const cdos::Bytes atr = cdos::buildAtr(cdos::LifeCycle::Personalised);
        manager.insertLocalCard(QStringLiteral("B reader"),
                                QByteArray(reinterpret_cast<const char*>(atr.data()), qsizetype(atr.size())), answer);
        QTRY_COMPARE(model.index(1, ReaderListModel::CardColumn).data().toString(), QStringLiteral("card"));
        QCOMPARE(model.index(1, ReaderListModel::LifeCycleColumn).data().toString(), QStringLiteral("personalised"));
        QVERIFY(model.index(1, 0).data(ReaderListModel::CardPresentRole).toBool());
        QCOMPARE(model.rowOf(QStringLiteral("B reader")), 1);

        manager.removeLocalReader(QStringLiteral("A reader"));
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.stateAt(0).name, QStringLiteral("B reader"));
        QVERIFY(!model.headerData(ReaderListModel::AtrColumn, Qt::Horizontal).toString().isEmpty());
    }

    void traceAndFilter() {
        TraceLog log;
        ApduTraceModel model(&log);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ApduTraceFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);

        FunctionCardChannel a(QStringLiteral("Reader A"), {}, answer, &log);
        FunctionCardChannel b(QStringLiteral("Reader B"), {}, answer, &log);
        a.transmit(cdos::getChallenge());
        a.transmit(cdos::verifyPin(1, "4321"));
        b.transmit(cdos::getData(cdos::tag::LifeCycleTag));
        b.transmit(cdos::selectFid(0x1234));
        QTRY_COMPARE(model.rowCount(), 4);

        QCOMPARE(model.index(0, ApduTraceModel::CommandColumn).data().toString(), QStringLiteral("GET CHALLENGE"));
        QCOMPARE(model.index(1, ApduTraceModel::CommandDataColumn).data().toString(),
                 QStringLiteral("<redacted 2 bytes>"));
        QCOMPARE(model.index(1, ApduTraceModel::MeaningColumn).data().toString(),
                 QStringLiteral("wrong PIN, 2 tries left"));
        QCOMPARE(model.index(3, ApduTraceModel::SwColumn).data().toString(), QStringLiteral("6A82"));
        QCOMPARE(model.entryAt(2).reader, QStringLiteral("Reader B"));
        QVERIFY(model.index(0, 0).data(ApduTraceModel::EntryRole).canConvert<ApduTraceEntry>());

        filter.setReader(QStringLiteral("Reader B"));
        QCOMPARE(filter.rowCount(), 2);
        filter.setReader({});
        filter.setSwFilter(ApduTraceFilterModel::SwFilter::NotSuccess);
        QCOMPARE(filter.rowCount(), 2);
        filter.setSwFilter(ApduTraceFilterModel::SwFilter::Warning);
        QCOMPARE(filter.rowCount(), 1);
        filter.setSwFilter(ApduTraceFilterModel::SwFilter::Any);
        filter.setText(QStringLiteral("1122 3344"));
        QCOMPARE(filter.rowCount(), 1);          // hex matched without regard to spaces
        filter.setText(QStringLiteral("43 21")); // the hidden PIN cannot be searched for
        QCOMPARE(filter.rowCount(), 0);
        filter.setText(QStringLiteral("verify"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setText({});

        // Reveal: later entries show their secret; turning it off hides and wipes it again.
        log.setRevealSecrets(true, QStringLiteral("tester"));
        a.transmit(cdos::verifyPin(1, "8765"));
        QTRY_COMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(4, ApduTraceModel::CommandDataColumn).data().toString(), QStringLiteral("87 65"));
        QCOMPARE(model.index(1, ApduTraceModel::CommandDataColumn).data().toString(),
                 QStringLiteral("<redacted 2 bytes>"));
        log.setRevealSecrets(false, QStringLiteral("tester"));
        QCOMPARE(model.index(4, ApduTraceModel::CommandDataColumn).data().toString(),
                 QStringLiteral("<redacted 2 bytes>"));
        QCOMPARE(model.entryAt(4).commandData, QByteArray(2, '\0'));

        // Capacity drops and clear.
        log.setCapacity(3);
        a.transmit(cdos::getChallenge());
        QTRY_VERIFY(model.rowCount() <= 3);
        QCOMPARE(model.entryAt(model.rowCount() - 1).sequence, quint64(6));
        log.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void traceFromAnotherThread() {
        TraceLog log;
        ApduTraceModel model(&log);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        CardReaderManager manager(nullptr, &log);
        manager.start(false);
        manager.insertLocalCard(QStringLiteral("L"), {}, answer);
        for (int i = 0; i < 20; ++i)
            manager.submit(QStringLiteral("L"), [](CardChannel& ch) {
                ch.transmit(cdos::getChallenge());
                return QVariant();
            });
        QTRY_COMPARE(model.rowCount(), 20);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(model.entryAt(i).sequence, quint64(i + 1));
    }

    void issuedCards() {
        QTemporaryDir dir;
        Database db;
        db.open(dir.filePath(QStringLiteral("cards.sqlite")));
        IssuedCardsModel model(&db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        for (int i = 1; i <= 3; ++i) {
            IssuedCard c;
            c.cardNumber = QStringLiteral("8610010000000000000%1").arg(i);
            c.issuerSerial = c.productSerial = QStringLiteral("0000000000000001");
            c.holderName = QStringLiteral("持卡人%1").arg(i);
            c.lifeCycle = QStringLiteral("personalised");
            c.issuedAt = QDateTime::currentDateTimeUtc().addSecs(i);
            db.recordIssuedCard(c, {});
        }
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, IssuedCardsModel::CardNumberColumn).data().toString(),
                 QStringLiteral("86100100000000000003")); // newest first
        QCOMPARE(model.index(0, IssuedCardsModel::HolderNameColumn).data().toString(), QStringLiteral("持卡人3"));
        QCOMPARE(model.index(0, IssuedCardsModel::LifeCycleColumn).data().toString(), QStringLiteral("personalised"));
        QCOMPARE(model.cardAt(2).holderName, QStringLiteral("持卡人1"));
        QVERIFY(model.index(1, 0).data(IssuedCardsModel::CardIdRole).toLongLong() > 0);
    }
};

QTEST_GUILESS_MAIN(TestItemModels)
#include "TestItemModels.moc"
