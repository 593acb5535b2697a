// Renders the console as an operator first sees it, in Chinese, through the real program: `carddesk --screenshot`
// under LANG=zh_CN.UTF-8 (the system-locale path, no --lang), with a blank virtual card in the reader when the
// pcsc fixture is there. The PNG lands in the build folder; CARDDESK_UPDATE_SCREENSHOT=1 also copies it to
// docs/screenshot-zh_CN.png for the README. What the picture shows is checked through the words written beside it
// (carddesk::ScreenMap): translated, nothing cut short, the card listed, each label painted.
#include "support/CardProcess.h"
#include "support/CliProcess.h"

#include "ScreenMap.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

QProcessEnvironment chineseEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("zh_CN"));
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    return env;
}

} // namespace

class TestScreenshot final : public QObject {
    Q_OBJECT

private slots:
    // The program picks the translation from the system locale, and --lang overrides it.
    void languageFollowsTheLocale() {
        QProcess help;
        help.setProcessEnvironment(chineseEnvironment());
        help.start(QStringLiteral(CARDDESK_GUI_BIN), {QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(30000));
        QVERIFY2(QString::fromUtf8(help.readAllStandardOutput()).contains(QStringLiteral("智能卡发卡与运维控制台")),
                 "carddesk --help is not in Chinese under LANG=zh_CN.UTF-8");
        help.start(QStringLiteral(CARDDESK_GUI_BIN),
                   {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(30000));
        QVERIFY(QString::fromUtf8(help.readAllStandardOutput())
                    .contains(QStringLiteral("Smart-card issuance and operator console")));
    }

    // Chinese first, English second: a system that speaks neither (LANG=C, a fresh install or a service account)
    // gets Chinese; an English system English.
    void chineseWhenTheSystemSpeaksNeither() {
        for (const auto& [lang, expected] :
             {std::pair{QStringLiteral("C"), QStringLiteral("智能卡发卡与运维控制台")},
              std::pair{QStringLiteral("de_DE.UTF-8"), QStringLiteral("智能卡发卡与运维控制台")},
              std::pair{QStringLiteral("en_US.UTF-8"), QStringLiteral("Smart-card issuance and operator console")}}) {
            QProcessEnvironment env = chineseEnvironment();
            env.insert(QStringLiteral("LANG"), lang);
            env.remove(QStringLiteral("LANGUAGE"));
            QProcess help;
            help.setProcessEnvironment(env);
            help.start(QStringLiteral(CARDDESK_GUI_BIN), {QStringLiteral("--help")});
            QVERIFY(help.waitForFinished(30000));
            QVERIFY2(QString::fromUtf8(help.readAllStandardOutput()).contains(expected), qPrintable(lang));
        }
    }

    void chineseMainWindow() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // With the fixture's pcscd a blank card sits in "Virtual PCD 00 00", as on a desk about to issue.
        cdtest::CardProcess card;
        const bool withCard = QFileInfo::exists(QStringLiteral("/run/pcscd/pcscd.comm"));
        if (withCard)
            QVERIFY(card.start(dir.filePath(QStringLiteral("card.img")), 35963));
        else
            qInfo("no pcscd: the screenshot shows the console without a card");

        const QString png =
            QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(QStringLiteral("screenshot-zh_CN.png"));
        QFile::remove(png);
        QProcess console;
        QProcessEnvironment env = chineseEnvironment();
        // The console as its operator sees it once logged in (docs/operators.md): the development admin, made by
        // carddesk-cli as scripts/run-console.sh makes it, and named in the environment as that script does.
        QVERIFY(cdtest::initDesk(dir.filePath(QStringLiteral("desk.sqlite"))));
        env.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
        env.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
        console.setProcessEnvironment(env);
        console.setProcessChannelMode(QProcess::MergedChannels);
        console.start(QStringLiteral(CARDDESK_GUI_BIN),
                      {QStringLiteral("--database"), dir.filePath(QStringLiteral("desk.sqlite")),
                       QStringLiteral("--create-database"), QStringLiteral("--template"),
                       QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"),
                       QStringLiteral("--screenshot"), png});
        QVERIFY2(console.waitForFinished(60000), "carddesk --screenshot did not finish");
        const QString output = QString::fromLocal8Bit(console.readAll());
        QVERIFY2(console.exitStatus() == QProcess::NormalExit && console.exitCode() == 0, qPrintable(output));
        card.stop();

        QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png));
        QVERIFY(image.width() >= 1200 && image.height() >= 800);

        // What the picture shows, in words (carddesk::ScreenMap, written beside it): a Chinese window title, no
        // text left in English, no label or button cut short, the reader and its card listed, the operator named.
        QFile mapFile(png + QStringLiteral(".widgets.json"));
        QVERIFY2(mapFile.open(QIODevice::ReadOnly), qPrintable(mapFile.fileName()));
        const QJsonObject map = QJsonDocument::fromJson(mapFile.readAll()).object();
        QVERIFY2(map.value(QStringLiteral("title")).toString().contains(QStringLiteral("控制台")),
                 qPrintable(map.value(QStringLiteral("title")).toString()));
        const QStringList english = carddesk::ScreenMap::untranslated(map);
        QVERIFY2(english.isEmpty(),
                 qPrintable(QStringLiteral("not translated: ") + english.join(QStringLiteral("; "))));
        const QStringList cut = carddesk::ScreenMap::clipped(map);
        QVERIFY2(cut.isEmpty(), qPrintable(QStringLiteral("cut short: ") + cut.join(QStringLiteral("; "))));
        QStringList texts;
        for (const auto& v : map.value(QStringLiteral("items")).toArray())
            texts << v.toObject().value(QStringLiteral("text")).toString();
        QVERIFY2(texts.size() > 40, qPrintable(texts.join(QStringLiteral(" | "))));
        QVERIFY2(texts.contains(QStringLiteral("admin")) ||
                     texts.join(QLatin1Char(' ')).contains(QStringLiteral("admin")),
                 "the logged-in operator is not shown");
        if (withCard) {
            const QString all = texts.join(QStringLiteral(" | "));
            QVERIFY2(all.contains(QStringLiteral("Virtual PCD 00 00")), qPrintable(all));
            QVERIFY2(all.contains(QStringLiteral("空白")), qPrintable(all)); // the blank card, read and named
        }
        // And the picture is the window those words describe: each reported label is painted (its pixels differ).
        int painted = 0, labels = 0;
        for (const auto& v : map.value(QStringLiteral("items")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("kind")).toString() != QLatin1String("label"))
                continue;
            const QRect r(o.value(QStringLiteral("x")).toInt(), o.value(QStringLiteral("y")).toInt(),
                          o.value(QStringLiteral("width")).toInt(), o.value(QStringLiteral("height")).toInt());
            if (!image.rect().contains(r) || r.isEmpty())
                continue;
            ++labels;
            const QRgb first = image.pixel(r.topLeft());
            bool differs = false;
            for (int y = r.top(); y <= r.bottom() && !differs; ++y)
                for (int x = r.left(); x <= r.right() && !differs; ++x)
                    differs = image.pixel(x, y) != first;
            painted += differs;
        }
        QVERIFY(labels > 5);
        QCOMPARE(painted, labels);

        if (qEnvironmentVariableIntValue("CARDDESK_UPDATE_SCREENSHOT") == 1) {
            const QString docs = QStringLiteral(CARDDESK_SOURCE_DIR "/docs/screenshot-zh_CN.png");
            QFile::remove(docs);
            QVERIFY(QFile::copy(png, docs));
            qInfo("updated %s", qPrintable(docs));
        }
    }
};

QTEST_MAIN(TestScreenshot)
#include "TestScreenshot.moc"
