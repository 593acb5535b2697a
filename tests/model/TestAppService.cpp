// AppService with the card OS in-process: issuance leaves the card with its key pair and the CA key (public key in
// the database), then the bill-payment example is packaged for that card, installed block by block, listed in the
// registry and deleted; a certificate for another card is refused with the check named in words.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/AppService.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>

#include "carddesk/card/dispatch/CardOs.h"
#include "support/InProcessCard.h"
#include "support/StandardCard.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

namespace {

const QString kReader = QStringLiteral("In-process card");

QByteArray source(const char* rel) {
    QFile f(QStringLiteral(CARDDESK_SOURCE_DIR "/") + QLatin1String(rel));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAppService : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TraceLog m_trace;
    CardReaderManager m_readers{nullptr, &m_trace};
    Database m_db;
    OperatorSession m_ops{m_db};
    std::shared_ptr<cdos::card::CardOs> m_card;
    std::unique_ptr<AppService> m_apps;
    QString m_cardNumber;

    AppPackageRequest request() const {
        const auto card = m_db.card(m_cardNumber);
        AppPackageRequest r;
        r.cardNumber = QByteArray::fromHex(m_cardNumber.toLatin1());
        r.issuerSerial = QByteArray::fromHex(card->issuerSerial.toLatin1());
        r.productSerial = QByteArray::fromHex(card->productSerial.toLatin1());
        r.cardPublicKey = m_db.cardAppKey(m_cardNumber);
        r.aid = QByteArray::fromHex("D15600000101");
        r.code = source("resources/apps/bill-payment/app.lua");
        r.config = source("resources/apps/bill-payment/config.txt");
        return r;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db.open(m_dir.filePath(QStringLiteral("cards.sqlite")));
        QCOMPARE(cdtest::logIn(m_ops), QString());
        m_readers.start(false);
        m_readers.addLocalReader(kReader);
        m_card = cdtest::newTestCard(m_dir.filePath(QStringLiteral("card.img")));
        cdtest::insertInProcessCard(m_readers, kReader, m_card);
        IssuanceService issuance(m_readers, m_db, m_ops);
        const IssuanceResult issued = cdtest::issueStandardCard(issuance, kReader);
        QVERIFY2(issued.ok, qPrintable(issued.error));
        m_cardNumber = issued.cardNumber;
        m_apps = std::make_unique<AppService>(m_readers, m_db, m_ops);
    }

    void cleanupTestCase() {
        m_apps.reset();
        m_readers.stop();
    }

    void issuanceRecordsThePublicKeyOnly() {
        const QByteArray key = m_db.cardAppKey(m_cardNumber);
        QVERIFY(key.size() > 200); // RSA-2048 SubjectPublicKeyInfo
        QCOMPARE(key.left(1), QByteArray("\x30"));
        const AppCardState s = AppService::wait(m_apps->read(kReader));
        QVERIFY2(s.ok(), qPrintable(s.error));
        QCOMPARE(s.cardNumber, m_cardNumber);
        QVERIFY(s.nvmTotal > s.nvmFree);
        QVERIFY(s.apps.isEmpty());
    }

    void installListDelete() {
        const QByteArray message = AppService::buildInstallMessage(request());
        QSignalSpy progress(m_apps.get(), &AppService::progress);
        const AppOperationResult r = AppService::wait(m_apps->install(kReader, message));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.seed.size(), 16);
        QVERIFY(r.blocks > 1);
        QTRY_COMPARE(progress.size(), r.blocks);
        QCOMPARE(progress.last().at(0).toInt(), r.blocks);

        AppCardState s = AppService::wait(m_apps->read(kReader));
        QVERIFY2(s.ok(), qPrintable(s.error));
        QCOMPARE(s.apps.size(), 1);
        const AppEntry& e = s.apps.first();
        QCOMPARE(e.aid, QByteArray::fromHex("D15600000101"));
        QVERIFY(e.dataLength >= 1024u); // the data area runs to the end of the page-aligned DF
        QCOMPARE(e.seed, r.seed);
        QVERIFY(e.dfEnd > e.dfStart);
        QCOMPARE(e.dfFid, quint16(0xAF01));
        QCOMPARE(s.toJson().value(QStringLiteral("applications")).toArray().size(), 1);

        // Installed twice: the check's name, not a code.
        const AppOperationResult again =
            AppService::wait(m_apps->install(kReader, AppService::buildInstallMessage(request())));
        QVERIFY(!again.ok);
        QCOMPARE(again.sw, quint16(0x9609));
        QVERIFY2(again.error.contains(QStringLiteral("already installed")), qPrintable(again.error));

        AppPackageRequest del = request();
        del.seed = e.seed;
        const AppOperationResult gone =
            AppService::wait(m_apps->remove(kReader, AppService::buildDeleteCertificate(del)));
        QVERIFY2(gone.ok, qPrintable(gone.error));
        s = AppService::wait(m_apps->read(kReader));
        QVERIFY(s.apps.isEmpty());
    }

    void certificateForAnotherCardRefused() {
        AppPackageRequest other = request();
        other.cardNumber = QByteArray::fromHex("86019999999999999999");
        const AppOperationResult r = AppService::wait(m_apps->install(kReader, AppService::buildInstallMessage(other)));
        QVERIFY(!r.ok);
        QCOMPARE(r.sw, quint16(0x9603));
        QVERIFY2(r.error.contains(QStringLiteral("the certificate is for another card")), qPrintable(r.error));
        QVERIFY(AppService::wait(m_apps->read(kReader)).apps.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAppService)
#include "TestAppService.moc"
