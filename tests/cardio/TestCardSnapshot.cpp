// CardSnapshot::read against the real card OS in-process (a local reader): blank, then personalised.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/CardSnapshot.h>
#include <carddesk/cardio/TraceLog.h>

#include "carddesk/card/dispatch/CardOs.h"
#include "support/TestProfiles.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

class TestCardSnapshot : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::shared_ptr<cdos::card::CardOs> m_card;
    CardReaderManager m_manager;

    QByteArray atr() const {
        const cdos::Bytes a = m_card->atr();
        return QByteArray(reinterpret_cast<const char*>(a.data()), qsizetype(a.size()));
    }
    CardReaderManager::LocalExchange exchange() const {
        auto card = m_card;
        return [card](const QByteArray& c) {
            const cdos::Bytes r = card->process(cdos::Bytes(c.cbegin(), c.cend()));
            return QByteArray(reinterpret_cast<const char*>(r.data()), qsizetype(r.size()));
        };
    }
    CardSnapshot read(const cdos::IssuerKeys* keys = nullptr) {
        const JobResult r = m_manager.run(QStringLiteral("Local"), [keys](CardChannel& ch) {
            return QVariant::fromValue(CardSnapshot::read(ch, keys));
        });
        if (!r.ok())
            qWarning() << r.error;
        return r.value.value<CardSnapshot>();
    }

private slots:
    void initTestCase() {
        m_card = std::make_shared<cdos::card::CardOs>(
            cdos::card::Nvm::create(m_dir.filePath(QStringLiteral("card.img")).toStdString()));
        m_manager.start(false);
        m_manager.insertLocalCard(QStringLiteral("Local"), atr(), exchange());
    }

    void blankCard() {
        const CardSnapshot s = read();
        QVERIFY(s.isCdos);
        QCOMPARE(s.lifeCycle, std::optional<cdos::LifeCycle>(cdos::LifeCycle::Blank));
        QCOMPARE(s.chipSerial.size(), 8);
        QVERIFY(s.osVersion.startsWith(QStringLiteral("CDOS")));
        QVERIFY(s.nvm.has_value());
        QVERIFY(s.users.empty());
        const QJsonObject json = s.toJson();
        QCOMPARE(json.value(QStringLiteral("lifeCycle")).toString(), QStringLiteral("blank"));
        QCOMPARE(json.value(QStringLiteral("reader")).toString(), QStringLiteral("Local"));
    }

    void personalisedCard() {
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        const JobResult perso = m_manager.run(QStringLiteral("Local"), [&](CardChannel& ch) {
            cdos::Personaliser p(keys, ch.transmitter());
            p.personalise(cdtest::sampleProfile());
            return QVariant();
        });
        QVERIFY2(perso.ok(), qPrintable(perso.error));
        // Without the issuer's keys the household stays hidden: the card refuses users and menu to a plain read.
        const CardSnapshot hidden = read();
        QVERIFY(hidden.users.empty());
        QVERIFY(hidden.menu.empty());
        QVERIFY2(hidden.unavailable.join(QLatin1Char('|')).contains(QStringLiteral("6982")),
                 qPrintable(hidden.unavailable.join(QLatin1Char('|'))));
        QCOMPARE(hidden.cardNumber.toHex().toUpper(), QByteArray("86010000000000000001"));
        const CardSnapshot s = read(&keys);
        QCOMPARE(s.lifeCycle, std::optional<cdos::LifeCycle>(cdos::LifeCycle::Personalised));
        QCOMPARE(s.cardNumber.toHex().toUpper(), QByteArray("86010000000000000001"));
        QCOMPARE(s.users.size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(s.users[0].profile.name), QStringLiteral("户主"));
        QCOMPARE(int(s.users[0].retriesLeft), 3);
        QCOMPARE(s.menu.size(), std::size_t(5));
        QVERIFY(s.keys.size() >= 7);
        // Neither the snapshot nor the trace holds a PIN in clear.
        const QByteArray json = QJsonDocument(s.toJson()).toJson();
        QVERIFY(!json.contains("246810"));
        for (const auto& e : m_manager.traceLog()->entries())
            QVERIFY(!e.toTextLine(false).contains(QStringLiteral("24 68 10")));
    }
};

QTEST_GUILESS_MAIN(TestCardSnapshot)
#include "TestCardSnapshot.moc"
