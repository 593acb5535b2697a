// CaKeyService through one ConsoleSession (database, key ring, reader manager built once) with the card OS
// in-process: a newer service-key version is loaded under issuer SM and audited without its value; the same
// version again writes and audits nothing; a bad name or no key ring touches no card. The ring is the services' one.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/CaKeyService.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/FutureWait.h>
#include <carddesk/model/IssuanceService.h>
#include <carddesk/model/KeyRing.h>
#include <carddesk/model/PurseService.h>
#include <carddesk/model/SupportService.h>

#include "ca/CaIssuance.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

using namespace carddesk;

namespace {
const QString kReader = QStringLiteral("In-process card");
}

class TestCaKeyService : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::shared_ptr<cdos::card::CardOs> m_card;
    std::atomic<int> m_apdus{0};

    void insertIssuedCard(ConsoleSession& session) {
        m_card = std::make_shared<cdos::card::CardOs>(
            cdos::card::Nvm::create(m_dir.filePath(QStringLiteral("card.img")).toStdString()));
        const auto dev = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        auto card = m_card;
        catest::issueWithCa(dev, cdtest::sampleProfile(),
                            [card](const cdos::CommandApdu& c) { return card->transmit(c); }, {});
        const cdos::Bytes atr = m_card->atr();
        session.readers().insertLocalCard(
            kReader, QByteArray(reinterpret_cast<const char*>(atr.data()), qsizetype(atr.size())),
            [card, this](const QByteArray& c) {
                ++m_apdus;
                const cdos::Bytes r = card->process(cdos::Bytes(c.cbegin(), c.cend()));
                return QByteArray(reinterpret_cast<const char*>(r.data()), qsizetype(r.size()));
            });
    }

    // The development keys with CA_SERVICE_1 at version 2 (a key change at the headend).
    std::shared_ptr<const cdos::IssuerKeys> versionTwoKeys(const cdos::Bytes& value) {
        auto clear = cdos::KeyStore::readClearKeys(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt");
        clear.keys["CA_SERVICE_1"] = {2, value};
        const std::string path = m_dir.filePath(QStringLiteral("v2.cdks")).toStdString();
        cdos::KeyStore::create(path, "v2-passphrase", clear.keys, cdos::KeyStore::kMinIterations, clear.shared);
        return std::make_shared<cdos::KeyStore>(cdos::KeyStore::open(path, "v2-passphrase"));
    }

    static int auditCount(Database& db, const QString& action) {
        int n = 0;
        for (const auto& e : db.auditEntries())
            n += e.action == action;
        return n;
    }

private slots:
    void oneRingForEveryService() {
        ConsoleSession session;
        QVERIFY(!session.keys().isOpen());
        QCOMPARE(session.keys().open(QString::fromStdString(cdtest::devKeyStorePath()),
                                     QString::fromLatin1(cdtest::kDevPassphrase)),
                 QString());
        // Opened once, every service has it: no second copy, no hand-over between views.
        QVERIFY(session.issuance().hasIssuerKeys());
        QVERIFY(session.purse().hasIssuerKeys());
        QVERIFY(session.support().hasIssuerKeys());
        QCOMPARE(session.issuance().issuerKeys().get(), session.keys().keys().get());
        session.purse().setIssuerKeys(nullptr);
        QVERIFY(!session.issuance().hasIssuerKeys());
        // A wrong passphrase says so and keeps nothing half-open.
        QVERIFY(!session.keys()
                     .open(QString::fromStdString(cdtest::devKeyStorePath()), QStringLiteral("not-the-passphrase"))
                     .isEmpty());
        QVERIFY(!session.keys().isOpen());
    }

    void loadsANewerVersionAndAuditsIt() {
        ConsoleSession session;
        QCOMPARE(session.openDatabase(m_dir.filePath(QStringLiteral("cards.sqlite")), true), QString());
        QCOMPARE(cdtest::logIn(session.operators(), QStringLiteral("desk-9")), QString());
        session.start(false);
        insertIssuedCard(session);

        // No key ring open: refused before the card is touched.
        m_apdus = 0;
        const CaKeyResult none =
            waitForFuture(session.caKeys().loadServiceKey(kReader, QStringLiteral("CA_SERVICE_1"), {}));
        QVERIFY(!none.ok);
        QVERIFY(none.error.contains(QStringLiteral("key store")));
        QCOMPARE(int(m_apdus), 0);

        const cdos::Bytes v2(16, 0x3C);
        session.keys().set(versionTwoKeys(v2));
        const CaKeyResult bad = waitForFuture(session.caKeys().loadServiceKey(kReader, QStringLiteral("CA_KEY_1"), {}));
        QVERIFY(!bad.ok && bad.usageError);
        QCOMPARE(int(m_apdus), 0);

        // Dual control: a second operator approves each change (the checks above needed nobody).
        cdtest::approveSecond(session.operators(), Operation::CaKey);
        const CaKeyResult r = waitForFuture(
            session.caKeys().loadServiceKey(kReader, QStringLiteral("CA_SERVICE_1"), QStringLiteral("desk-9")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.written);
        QCOMPARE(r.previousVersion, 1);
        QCOMPARE(r.version, 2);
        QCOMPARE(auditCount(session.database(), QStringLiteral("load service key")), 1);
        const auto entries = session.database().auditEntries();
        const auto it = std::find_if(entries.begin(), entries.end(),
                                     [](const auto& e) { return e.action == QStringLiteral("load service key"); });
        QCOMPARE(it->operatorName, QStringLiteral("desk-9"));
        QVERIFY(it->detail.contains(QStringLiteral("CA_SERVICE_1 version 2 (was 1)")));
        QVERIFY(!it->detail.contains(QStringLiteral("3C3C"), Qt::CaseInsensitive)); // never the value
        QVERIFY(!QJsonDocument(r.toJson()).toJson().toUpper().contains("3C3C3C3C"));

        // The card holds version 2 now: again is a no-op, written and audited nowhere.
        cdtest::approveSecond(session.operators(), Operation::CaKey);
        const CaKeyResult again = waitForFuture(
            session.caKeys().loadServiceKey(kReader, QStringLiteral("CA_SERVICE_1"), QStringLiteral("desk-9")));
        QVERIFY2(again.ok, qPrintable(again.error));
        QVERIFY(!again.written);
        QCOMPARE(auditCount(session.database(), QStringLiteral("load service key")), 1);
    }
};

QTEST_GUILESS_MAIN(TestCaKeyService)
#include "TestCaKeyService.moc"
