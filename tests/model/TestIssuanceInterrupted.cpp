// Issue 11: an issuance cut at every NVM page write of the standard profile (the power fails in the middle of the
// write, as `carddesk-card --power-cut-at N` does), the card put back (the image reopened: what survives a power
// cut), and the recovery path the desk takes — issue again. Every card must end blank-then-issued or recorded-and-
// complete, the database must know it, and no card number may be given twice. In process, so that all ~100 page
// writes are covered in seconds; test_model_issue_interrupted_pcsc cuts a sample over real PC/SC.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>

#include "carddesk/card/dispatch/CardOs.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace carddesk;

namespace {
const QString kReader = QStringLiteral("In-process card");
} // namespace

class TestIssuanceInterrupted : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    TraceLog m_trace;
    CardReaderManager m_readers{nullptr, &m_trace};
    Database m_db;
    OperatorSession m_ops{m_db};
    CardTemplate m_template;
    std::shared_ptr<cdos::card::CardOs> m_card;

    // Puts the card of `image` into the reader: a new blank card, or the image as a power cut left it.
    void insert(const QString& image, bool fresh, std::uint32_t cutAt) {
        m_readers.removeLocalCard(kReader);
        m_card.reset();
        cdos::card::NvmOptions options;
        options.durable = false;
        std::unique_ptr<cdos::card::Nvm> nvm = fresh ? cdos::card::Nvm::create(image.toStdString(), options)
                                                     : cdos::card::Nvm::open(image.toStdString(), false);
        m_card = std::make_shared<cdos::card::CardOs>(std::move(nvm));
        if (cutAt)
            m_card->nvm().setPowerCutAt(cutAt); // counted from here, as carddesk-card --power-cut-at does
        const cdos::Bytes atr = m_card->atr();
        auto card = m_card;
        m_readers.insertLocalCard(
            kReader, QByteArray(reinterpret_cast<const char*>(atr.data()), qsizetype(atr.size())),
            [card](const QByteArray& c) {
                try {
                    const cdos::Bytes r = card->process(cdos::Bytes(c.cbegin(), c.cend()));
                    return QByteArray(reinterpret_cast<const char*>(r.data()), qsizetype(r.size()));
                } catch (const cdos::card::PowerCut&) {
                    throw CardError(CardError::Kind::Removed, QStringLiteral("the card lost power (test cut)"));
                }
            });
    }

    IssuanceRequest request() const {
        QByteArray json = R"({"holder": {"userNumber": "U1", "account": "6222020000000001", "name": "李娜"},
            "users": [{"number": 1, "pin": "135790"}, {"number": 2, "pin": "8888"}, {"number": 3, "pin": "2468"}]})";
        return IssuanceRequest{kReader, m_template, HolderFile::fromJson(json), QStringLiteral("cut"), {}, 0};
    }

    int rowsIn(const QString& lifeCycle) {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM cards WHERE life_cycle = ?"));
        q.addBindValue(lifeCycle);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

private slots:
    void initTestCase() {
        m_db.open(m_dir.filePath(QStringLiteral("cards.sqlite")));
        QCOMPARE(cdtest::logIn(m_ops, QStringLiteral("cut")), QString());
        m_template = CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"));
        m_readers.start(false);
        m_readers.addLocalReader(kReader);
    }

    void cutAtEveryPageWrite() {
        IssuanceService service(m_readers, m_db, m_ops);
        service.openKeyStore(QString::fromStdString(cdtest::devKeyStorePath()),
                             QString::fromLatin1(cdtest::kDevPassphrase));
        std::set<QString> numbers; // every number that reached the database
        int reissued = 0, recorded = 0;
        std::uint32_t cut = 1;
        for (;; ++cut) {
            const QString image = m_dir.filePath(QStringLiteral("card-%1.img").arg(cut));
            insert(image, true, cut);
            const IssuanceResult first = service.issueAndWait(request());
            if (first.ok)
                break; // the issuance needs fewer page writes than `cut`: every write was cut once
            QVERIFY2(first.error.contains(QStringLiteral("lost power")), qPrintable(first.error));
            if (!first.cardNumber.isEmpty()) {
                QVERIFY2(numbers.insert(first.cardNumber).second, qPrintable(first.cardNumber)); // never twice
                QCOMPARE(m_db.card(first.cardNumber)->lifeCycle, Database::kIssuingLifeCycle);
            }
            // Put back: the image as the cut left it.
            insert(image, false, 0);
            const cdos::LifeCycle after = m_card->lifeCycle();
            QVERIFY2(after == cdos::LifeCycle::Blank || after == cdos::LifeCycle::Personalised,
                     qPrintable(QStringLiteral("cut %1: life cycle %2").arg(cut).arg(int(after))));
            const IssuanceResult again = service.issueAndWait(request());
            QVERIFY2(again.ok, qPrintable(QStringLiteral("cut %1: %2").arg(cut).arg(again.error)));
            QCOMPARE(m_card->lifeCycle(), cdos::LifeCycle::Personalised);
            const auto row = m_db.card(again.cardNumber);
            QVERIFY(row);
            QCOMPARE(row->lifeCycle, QStringLiteral("personalised"));
            QCOMPARE(row->chipSerial, again.chipSerial);
            QVERIFY(!m_db.cardAppKey(again.cardNumber).isEmpty());
            if (again.recovered) {
                QCOMPARE(again.cardNumber, first.cardNumber); // the card that completed, recorded
                ++recorded;
            } else {
                QVERIFY2(numbers.insert(again.cardNumber).second, qPrintable(again.cardNumber));
                if (!first.cardNumber.isEmpty())
                    QCOMPARE(m_db.card(first.cardNumber)->lifeCycle, Database::kVoidLifeCycle);
                ++reissued;
            }
        }
        qInfo("standard issuance: %u page writes, each cut once: %d cards came back blank and were issued with a "
              "new number, %d had completed and were recorded",
              cut - 1, reissued, recorded);
        QVERIFY(cut > 50);
        QVERIFY(reissued > 0);
        QCOMPARE(rowsIn(Database::kIssuingLifeCycle), 0); // nothing the desk does not know the end of
    }
};

QTEST_GUILESS_MAIN(TestIssuanceInterrupted)
#include "TestIssuanceInterrupted.moc"
