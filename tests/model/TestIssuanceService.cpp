// IssuanceService end to end with the card OS in-process (a local reader of CardReaderManager): the card is
// written and verified, the database gets the card and its users (never a PIN), and every failure is clear and
// records nothing as issued.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>

#include <carddesk/cardio/CardSnapshot.h>
#include <carddesk/protocol/ca/Ecm.h>

#include "carddesk/card/dispatch/CardOs.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

using namespace carddesk;

namespace {

const QString kReader = QStringLiteral("In-process card");

QByteArray holderJson(const char* cardNumber = nullptr) {
    QByteArray j = R"({"holder": {"userNumber": "U20240001", "account": "6222021234567890", "name": "张伟"},)";
    if (cardNumber)
        j += QByteArray(R"("cardNumber": ")") + cardNumber + "\",";
    j += R"("users": [{"number": 1, "pin": "135790"}, {"number": 2, "pin": "864200"}, {"number": 3, "pin": "97531"}]})";
    return j;
}

} // namespace

class TestIssuanceService : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TraceLog m_trace;
    CardReaderManager m_readers{nullptr, &m_trace};
    Database m_db;
    OperatorSession m_ops{m_db};
    std::shared_ptr<cdos::card::CardOs> m_card;
    CardTemplate m_template;
    std::atomic<int> m_pullAfter{-1};         // the card "leaves" after this many APDUs (-1: never)
    std::atomic<bool> m_loseEndAnswer{false}; // END PERSONALISATION runs, then the card leaves before answering

    void insertFreshCard(const QString& name) {
        m_card = std::make_shared<cdos::card::CardOs>(cdos::card::Nvm::create(m_dir.filePath(name).toStdString()));
        const cdos::Bytes atr = m_card->atr();
        auto card = m_card;
        m_readers.insertLocalCard(
            kReader, QByteArray(reinterpret_cast<const char*>(atr.data()), qsizetype(atr.size())),
            [card, this](const QByteArray& c) {
                if (m_pullAfter >= 0 && m_pullAfter-- == 0)
                    throw CardError(CardError::Kind::Removed,
                                    QStringLiteral("the card was removed from reader \"%1\"").arg(kReader));
                const cdos::Bytes r = card->process(cdos::Bytes(c.cbegin(), c.cend()));
                if (m_loseEndAnswer && c.size() > 1 && std::uint8_t(c[1]) == cdos::ins::EndPersonalisation) {
                    m_loseEndAnswer = false;
                    throw CardError(CardError::Kind::Removed, QStringLiteral("the card was removed (answer lost)"));
                }
                return QByteArray(reinterpret_cast<const char*>(r.data()), qsizetype(r.size()));
            });
    }

    IssuanceRequest request(const char* cardNumber = nullptr) {
        QByteArray json = holderJson(cardNumber);
        return IssuanceRequest{kReader, m_template, HolderFile::fromJson(json), QStringLiteral("desk-7"), {}, 0};
    }

    int cardCount() { return static_cast<int>(m_db.cards().size()); }

private slots:
    void initTestCase() {
        m_db.open(m_dir.filePath(QStringLiteral("cards.sqlite")));
        QCOMPARE(cdtest::logIn(m_ops, QStringLiteral("desk-7")), QString());
        m_template = CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"));
        m_readers.start(false);
    }

    void issuesABlankCard() {
        insertFreshCard(QStringLiteral("card1.img"));
        IssuanceService service(m_readers, m_db, m_ops);
        service.openKeyStore(QString::fromStdString(cdtest::devKeyStorePath()),
                             QString::fromLatin1(cdtest::kDevPassphrase));
        QSignalSpy progress(&service, &IssuanceService::progress);
        QSignalSpy finished(&service, &IssuanceService::finished);
        const IssuanceResult r = service.issueAndWait(request());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.cardNumber, QStringLiteral("86100100000000000001"));
        QCOMPARE(r.chipSerial.size(), 16);
        QVERIFY(r.apduCount > 20);
        QVERIFY(progress.size() > 10);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(m_card->lifeCycle(), cdos::LifeCycle::Personalised);

        const auto card = m_db.card(r.cardNumber);
        QVERIFY(card);
        QCOMPARE(card->holderName, QStringLiteral("张伟"));
        QCOMPARE(card->templateName, QStringLiteral("standard-tv"));
        QCOMPARE(card->operatorName, QStringLiteral("desk-7"));
        QCOMPARE(card->chipSerial, r.chipSerial);
        QCOMPARE(card->lifeCycle, QStringLiteral("personalised"));
        const auto users = m_db.cardUsers(r.cardNumber);
        QCOMPARE(users.size(), 3);
        QCOMPARE(users[0].name, QStringLiteral("户主"));
        QCOMPARE(m_db.journalEntry(r.batchId, 0)->state, QStringLiteral("done"));
        QCOMPARE(m_db.auditEntries().first().action, QStringLiteral("issue card"));

        // No PIN anywhere: not in the database file, not in the saved trace.
        QFile dbFile(m_db.location());
        QVERIFY(dbFile.open(QIODevice::ReadOnly));
        const QByteArray dbBytes = dbFile.readAll();
        const QString tracePath = m_dir.filePath(QStringLiteral("trace.json"));
        QVERIFY(m_trace.saveToFile(tracePath, TraceLog::Format::Json));
        QFile traceFile(tracePath);
        QVERIFY(traceFile.open(QIODevice::ReadOnly));
        const QByteArray traceBytes = traceFile.readAll();
        QVERIFY(traceBytes.contains("PUT USER"));
        for (const char* pin : {"135790", "864200", "97531"}) {
            QVERIFY2(!dbBytes.contains(pin), pin);
            QVERIFY2(!traceBytes.contains(pin), pin);
        }
        // The PIN blocks' cryptograms are hidden in the trace too.
        QVERIFY(traceBytes.contains("\"secretsRedacted\": true"));
    }

    // The standard template's conditional-access part: right after issuance the card holds the CA application,
    // CA_SERVICE_1/2 and every user's rights dated from today; the diagnostics snapshot shows them; an ECM for
    // user 1's package gives the control words without any further set-up.
    void issuesTheConditionalAccessPart() {
        insertFreshCard(QStringLiteral("card-ca.img"));
        IssuanceService service(m_readers, m_db, m_ops);
        service.openKeyStore(QString::fromStdString(cdtest::devKeyStorePath()),
                             QString::fromLatin1(cdtest::kDevPassphrase));
        QSignalSpy progress(&service, &IssuanceService::progress);
        const IssuanceResult r = service.issueAndWait(request());
        QVERIFY2(r.ok, qPrintable(r.error));
        const QDate today = QDateTime::currentDateTimeUtc().date();
        bool caStep = false;
        for (const auto& p : progress)
            caStep |= p.at(2).toString() == QStringLiteral("create the conditional-access application");
        QVERIFY(caStep);

        const JobResult read =
            m_readers.run(kReader, [](CardChannel& ch) { return QVariant::fromValue(CardSnapshot::read(ch)); });
        QVERIFY2(read.ok(), qPrintable(read.error));
        const CardSnapshot snap = read.value.value<CardSnapshot>();
        QVERIFY(snap.hasCa);
        QCOMPARE(snap.serviceKeys, (std::vector<cdos::ca::ServiceKeyVersion>{{1, 1}, {2, 1}}));
        QCOMPARE(snap.entitlements, m_template.rightsOn(today));
        QCOMPARE(snap.entitlements.size(), std::size_t{5});
        const QJsonObject ca = snap.toJson(today).value(QStringLiteral("ca")).toObject();
        const QJsonArray rights = ca.value(QStringLiteral("entitlements")).toArray();
        QCOMPARE(rights.size(), 5);
        QCOMPARE(rights[0].toObject().value(QStringLiteral("start")).toString(), today.toString(Qt::ISODate));
        QCOMPARE(rights[0].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("valid"));
        // A year later user 1's 31-day package 2 has expired; the 365-day package 1 has too on day 365.
        const QJsonArray later = snap.toJson(today.addDays(40))
                                     .value(QStringLiteral("ca"))
                                     .toObject()
                                     .value(QStringLiteral("entitlements"))
                                     .toArray();
        QCOMPARE(later[0].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("valid"));
        QCOMPARE(later[1].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("expired"));
        QVERIFY(snap.summary().contains(QStringLiteral("CA_SERVICE_2")));

        // Watching straight after issuance: user 1 (PIN from the holder file) has package 1.
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        cdos::ecm::EcmHeader h;
        h.programmeId = 0x0101;
        h.packageId = 1;
        h.cryptoPeriod = 5;
        const cdos::ecm::ControlWords cws{cdos::SecretBytes(cdos::Bytes(8, 0x11)),
                                          cdos::SecretBytes(cdos::Bytes(8, 0x22))};
        const cdos::Bytes ecm = cdos::ecm::Ecm::build(h, cws, keys.sharedKey("CA_SERVICE_1")->reveal("test").bytes());
        const auto date = static_cast<std::uint32_t>(today.year() * 10000 + today.month() * 100 + today.day());
        QCOMPARE(m_card->transmit(cdos::selectAid(cdos::ca::kCaAid)).sw, std::uint16_t{0x9000});
        QCOMPARE(m_card->transmit(cdos::verifyPin(1, "135790")).sw, std::uint16_t{0x9000});
        const auto answer = m_card->transmit(cdos::ca::processEcm(date, ecm));
        QCOMPARE(answer.sw, std::uint16_t{0x9000});
        QCOMPARE(answer.data, (cdos::Bytes{0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x22,
                                           0x22, 0x22, 0x22}));
        h.packageId = 3; // user 1 has no package 3 (user 3 has)
        h.cryptoPeriod = 6;
        QCOMPARE(m_card
                     ->transmit(cdos::ca::processEcm(
                         date, cdos::ecm::Ecm::build(h, cws, keys.sharedKey("CA_SERVICE_1")->reveal("test").bytes())))
                     .sw,
                 cdos::ca::sw::NotEntitled);
    }

    void refusesACardThatIsNotBlank() {
        // The card of the previous test is personalised now.
        IssuanceService service(m_readers, m_db, m_ops);
        const int before = cardCount();
        const IssuanceResult r = service.issueAndWait(request());
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("is not blank")), qPrintable(r.error));
        QCOMPARE(cardCount(), before);
        // Issue 11: a refused re-issue consumes no number and leaves nothing in the journal.
        QVERIFY(r.cardNumber.isEmpty());
        QVERIFY(!m_db.journalEntry(r.batchId, 0).has_value());
    }

    void cardPulledMidway() {
        insertFreshCard(QStringLiteral("card2.img"));
        IssuanceService service(m_readers, m_db, m_ops);
        const int before = cardCount();
        m_pullAfter = 12;
        const IssuanceResult r = service.issueAndWait(request());
        m_pullAfter = -1;
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("removed")), qPrintable(r.error));
        // Issue 11: the number was recorded with the chip before the card was touched, and stays taken.
        QCOMPARE(cardCount(), before + 1);
        QCOMPARE(m_db.card(r.cardNumber)->lifeCycle, Database::kIssuingLifeCycle);
        QCOMPARE(m_db.card(r.cardNumber)->chipSerial, r.chipSerial);
        const auto j = m_db.journalEntry(r.batchId, 0);
        QCOMPARE(j->state, QStringLiteral("failed"));
        QCOMPARE(j->cardNumber, r.cardNumber);
        // Put back (power cycle): the card undid the personalisation it never ended. Issued again, it gets a new
        // number; the old one is void, never given again.
        m_card->reset();
        QCOMPARE(m_card->lifeCycle(), cdos::LifeCycle::Blank);
        const IssuanceResult again = service.issueAndWait(request());
        QVERIFY2(again.ok, qPrintable(again.error));
        QVERIFY(again.cardNumber != r.cardNumber);
        QCOMPARE(m_db.card(r.cardNumber)->lifeCycle, Database::kVoidLifeCycle);
        QCOMPARE(m_db.card(again.cardNumber)->lifeCycle, QStringLiteral("personalised"));
        QCOMPARE(m_db.card(again.cardNumber)->chipSerial, r.chipSerial);
    }

    // The answer to END PERSONALISATION lost: the card is personalised, the desk has it as "issuing". Issuing
    // again records it (no card writes) with its own key pair, instead of "only blank cards can be issued".
    void answerOfTheLastCommandLost() {
        insertFreshCard(QStringLiteral("card-lost-end.img"));
        IssuanceService service(m_readers, m_db, m_ops);
        m_loseEndAnswer = true;
        const IssuanceResult r = service.issueAndWait(request());
        QVERIFY(!r.ok);
        QCOMPARE(m_card->lifeCycle(), cdos::LifeCycle::Personalised);
        QCOMPARE(m_db.card(r.cardNumber)->lifeCycle, Database::kIssuingLifeCycle);
        const std::uint32_t writes = m_card->nvm().pageWrites();
        const IssuanceResult again = service.issueAndWait(request());
        QVERIFY2(again.ok, qPrintable(again.error));
        QVERIFY(again.recovered);
        QCOMPARE(again.cardNumber, r.cardNumber);
        QCOMPARE(m_card->nvm().pageWrites(), writes); // recorded, not written again
        QCOMPARE(m_db.card(r.cardNumber)->lifeCycle, QStringLiteral("personalised"));
        QVERIFY(!m_db.cardAppKey(r.cardNumber).isEmpty());
        // Once recorded, the card is an issued card like any other: no second recording.
        const IssuanceResult third = service.issueAndWait(request());
        QVERIFY(!third.ok);
        QVERIFY2(third.error.contains(QStringLiteral("is not blank")), qPrintable(third.error));
    }

    void invalidInputsConsumeNothing() {
        insertFreshCard(QStringLiteral("card3.img"));
        IssuanceService service(m_readers, m_db, m_ops);
        const int before = cardCount();
        IssuanceRequest bad = request();
        bad.cardTemplate.menu[0].title = QStringLiteral("一二三四五六七八九十十一十二");
        IssuanceResult r = service.issueAndWait(bad);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("menu[0].title")), qPrintable(r.error));
        QVERIFY(r.cardNumber.isEmpty()); // no number was allocated

        r = service.issueAndWait(request("86100100000000000001")); // issued in the first test
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("already taken")), qPrintable(r.error));

        IssuanceRequest noReader = request();
        noReader.reader = QStringLiteral("No such reader");
        r = service.issueAndWait(noReader);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("No such reader")), qPrintable(r.error));
        QCOMPARE(cardCount(), before);
        QCOMPARE(m_card->lifeCycle(), cdos::LifeCycle::Blank);
    }

    void explicitCardNumber() {
        IssuanceService service(m_readers, m_db, m_ops);
        const IssuanceResult r = service.issueAndWait(request("86100100000000009999"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.cardNumber, QStringLiteral("86100100000000009999"));
    }

    void keyStoreErrors() {
        IssuanceService service(m_readers, m_db, m_ops);
        try {
            service.openKeyStore(QString::fromStdString(cdtest::devKeyStorePath()), QStringLiteral("hunter2-xyz"));
            QFAIL("opened with a wrong passphrase");
        } catch (const IssuanceError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("passphrase")), qPrintable(e.text));
            QVERIFY(!e.text.contains(QStringLiteral("hunter2-xyz")));
        }
        QVERIFY(!service.hasIssuerKeys());
        QVERIFY_THROWS_EXCEPTION(IssuanceError, service.openKeyStore(QStringLiteral("/nonexistent/keys.cdks")));
    }

    // Issue 17: the console fell back to the published development passphrase for any key store. Only the shipped
    // development store gets it; a copy elsewhere (as a production store would be) needs its own passphrase.
    void noSilentDevelopmentPassphrase() {
        const QByteArray saved = qgetenv("CARDDESK_KEYSTORE_PASSPHRASE");
        const bool wasSet = qEnvironmentVariableIsSet("CARDDESK_KEYSTORE_PASSPHRASE");
        qunsetenv("CARDDESK_KEYSTORE_PASSPHRASE");
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("desk.cdks"));
        QVERIFY(QFile::copy(QString::fromStdString(cdtest::devKeyStorePath()), copy));
        IssuanceService service(m_readers, m_db, m_ops);
        try {
            service.openKeyStore(copy);
            QFAIL("a key store other than the development one opened with the published passphrase");
        } catch (const IssuanceError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("needs its passphrase")), qPrintable(e.text));
        }
        QVERIFY(!service.hasIssuerKeys());
        service.openKeyStore(QString::fromStdString(cdtest::devKeyStorePath())); // the development store itself
        QVERIFY(service.hasIssuerKeys());
        if (wasSet)
            qputenv("CARDDESK_KEYSTORE_PASSPHRASE", saved);
    }

    // A store whose service keys are not marked shared (made before the mark existed) cannot issue the CA part:
    // refused before a card number is allocated or the card is touched.
    void storeWithoutSharedServiceKeys() {
        insertFreshCard(QStringLiteral("card-noshared.img"));
        auto clear = cdos::KeyStore::readClearKeys(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt");
        clear.shared.erase("CA_SERVICE_1");
        const std::string path = m_dir.filePath(QStringLiteral("noshared.cdks")).toStdString();
        cdos::KeyStore::create(path, "p-noshared", clear.keys, cdos::KeyStore::kMinIterations, clear.shared);
        IssuanceService service(m_readers, m_db, m_ops);
        service.setIssuerKeys(std::make_shared<cdos::KeyStore>(cdos::KeyStore::open(path, "p-noshared")));
        const int before = cardCount();
        const std::uint32_t writes = m_card->nvm().pageWrites();
        const IssuanceResult r = service.issueAndWait(request());
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("CA_SERVICE_1")), qPrintable(r.error));
        QVERIFY(r.cardNumber.isEmpty());
        QCOMPARE(cardCount(), before);
        QCOMPARE(m_card->nvm().pageWrites(), writes);
        QCOMPARE(m_card->lifeCycle(), cdos::LifeCycle::Blank);
    }
};

QTEST_GUILESS_MAIN(TestIssuanceService)
#include "TestIssuanceService.moc"
