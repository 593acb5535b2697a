// The gateway's words on their own (issue 11): the card's status words in the chosen language from protocol's one
// table, the session's end as local time, and the menu's way out listed last as 0.
#include "Messages.h"
#include "PersonalStep.h"
#include "TextUi.h"

#include <QTemporaryDir>
#include <QtTest>

using cdgw::Messages;

class TestGatewayMessages : public QObject {
    Q_OBJECT

private slots:
    void statusWordsFollowTheLanguage() {
        QVERIFY(Messages::setLanguage(QStringLiteral("en")));
        QCOMPARE(Messages::statusWord(0x6700), QStringLiteral("wrong length"));
        QCOMPARE(Messages::statusWord(0x9401), QStringLiteral("insufficient balance"));
        QVERIFY(Messages::setLanguage(QStringLiteral("zh_CN")));
        // "智能卡拒绝：wrong length。" was what a Chinese subscriber read.
        for (const std::uint16_t sw : {0x6700, 0x6982, 0x6986, 0x6A80, 0x9302, 0x9401, 0x9406}) {
            const QString text = Messages::statusWord(sw);
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("[a-z]{3,}"))), qPrintable(text));
        }
        QVERIFY(Messages::setLanguage(QStringLiteral("en")));
    }

    // A card pulled mid-session read "The card refused: begin transaction: Transaction failed." (pcsc-lite's text).
    void linkErrorsInWords() {
        using carddesk::pcsc::Error;
        QVERIFY(Messages::setLanguage(QStringLiteral("zh_CN")));
        for (const auto kind : {Error::Kind::CardGone, Error::Kind::Unresponsive, Error::Kind::UnknownReader,
                                Error::Kind::NoService, Error::Kind::Other}) {
            const QString text = Messages::linkError(Error(kind, 0x80100016, "transmit: Transaction failed."));
            QVERIFY2(!text.isEmpty() && !text.contains(QRegularExpression(QStringLiteral("[A-Za-z]{3,}|0x"))),
                     qPrintable(text));
        }
        QVERIFY(Messages::setLanguage(QStringLiteral("en")));
        QCOMPARE(Messages::linkError(Error(Error::Kind::CardGone, 0x80100069, "x")),
                 QStringLiteral("The card was taken out or stopped answering. Please insert it again."));
    }

    void sessionEndIsLocalTime() {
        const QDateTime soon = QDateTime::currentDateTimeUtc().addSecs(900);
        const QString shown = Messages::localTime(soon.toString(Qt::ISODateWithMs));
        QVERIFY2(!shown.contains(QLatin1Char('T')) && !shown.contains(QLatin1Char('Z')), qPrintable(shown));
        QVERIFY(shown.endsWith(soon.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
        QCOMPARE(Messages::localTime(QStringLiteral("not a time")), QStringLiteral("not a time"));
    }

    // Issue 11: a child without the purse right was offered "1. Pay" (the card refused it, but it was offered).
    void onlyPermittedActionsAreOffered() {
        using cdgw::MenuAction;
        QCOMPARE(cdgw::gatewayActions(cdos::perm::LiveTv | cdos::perm::Settings), std::vector{MenuAction::Balance});
        QCOMPARE(cdgw::gatewayActions(cdos::perm::TopUp), (std::vector{MenuAction::TopUp, MenuAction::Balance}));
        QCOMPARE(cdgw::gatewayActions(0x0F), (std::vector{MenuAction::Pay, MenuAction::TopUp, MenuAction::Balance}));
    }

    void wayOutIsListedLastAsZero() {
        QTemporaryDir dir;
        const QString script = dir.filePath(QStringLiteral("script.txt"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0\n3\n");
        f.close();
        cdgw::TextUi ui(script);
        QVERIFY(ui.ok());
        const QStringList items{QStringLiteral("Pay"), QStringLiteral("Top up"), QStringLiteral("Balance"),
                                QStringLiteral("Live TV")};
        QCOMPARE(ui.choose(QStringLiteral("Menu"), items, QStringLiteral("Quit")), cdgw::UserInterface::kLeave);
        QCOMPARE(ui.choose(QStringLiteral("Menu"), items, QStringLiteral("Quit")), 2);
    }
};

QTEST_GUILESS_MAIN(TestGatewayMessages)
#include "TestGatewayMessages.moc"
