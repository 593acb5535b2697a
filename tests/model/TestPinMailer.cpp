// PIN mailers (issue 14): the PDF written atomically with mode 0600, never twice, destroyed with its leftovers; and
// what it shows: rendered by poppler (not blank, saved as pin-mailer*.png beside this test for a look), its text
// layer with the Chinese letter and the holder, the card number masked to its last 4 digits, and no PIN as text.
#include <carddesk/model/PinGenerator.h>
#include <carddesk/model/PinMailer.h>

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using carddesk::PinMailer;
using carddesk::PinMailerError;
using carddesk::PinMailerPage;
using carddesk::PinMailerUser;

namespace {

const QString kCardNumber = QStringLiteral("86100100000000000001");

PinMailerPage page(int users) {
    PinMailerPage p;
    p.issuer = QStringLiteral("华夏有线电视网络有限公司");
    p.templateName = QStringLiteral("standard-tv");
    p.holderName = QStringLiteral("张伟");
    p.address = {QStringLiteral("朝阳区建国路 88 号"), QStringLiteral("现代城 5 号楼 1203 室"),
                 QStringLiteral("100022 北京市")};
    p.cardNumber = kCardNumber;
    p.batchId = QStringLiteral("B20261207-01");
    p.batchRow = 3;
    const char* pins[] = {"73915408", "264851", "908172635445", "5830", "61947", "3806", "4427390", "58361"};
    const char* names[] = {"张伟", "李娜", "张小明", "王芳", "客厅", "卧室", "书房", ""};
    for (int i = 0; i < users; ++i)
        p.users.emplace_back(i + 1, QString::fromUtf8(names[i]), std::string(pins[i]));
    return p;
}

QString run(const QString& program, const QStringList& args) {
    QProcess proc;
    proc.start(program, args);
    if (!proc.waitForFinished(60000) || proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0)
        return QStringLiteral("FAILED: ") + program + QLatin1Char(' ') + QString::fromUtf8(proc.readAllStandardError());
    return QString::fromUtf8(proc.readAllStandardOutput());
}

// The share of pixels that are not (nearly) white.
double inked(const QImage& image) {
    qint64 dark = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) < 200)
                ++dark;
    return double(dark) / (qint64(image.width()) * image.height());
}

} // namespace

class TestPinMailer : public QObject {
    Q_OBJECT
private slots:
    void masked() {
        QCOMPARE(PinMailer::maskedCardNumber(kCardNumber), QStringLiteral("**** **** **** **** 0001"));
        QCOMPARE(PinMailer::maskedCardNumber(QStringLiteral("1234 5678 9012")), QStringLiteral("**** **** 9012"));
        QCOMPARE(PinMailer::maskedCardNumber(QStringLiteral("123456")), QStringLiteral("** 3456"));
        QCOMPARE(PinMailer::maskedCardNumber(QStringLiteral("0001")), QStringLiteral("0001"));
    }

    void writesOnce() {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("B20261207-01-0003.pdf"));
        PinMailer::write(page(3), pdf);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        // Fonts as subsets, the security pattern once: small enough for batches of thousands.
        QVERIFY2(bytes.size() > 5000 && bytes.size() < 400 * 1024, qPrintable(QString::number(bytes.size())));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(pdf).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, 0600u);
        // No temporary file beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QFileInfo(pdf).fileName()});

        // Never twice: the second write is refused and the first mailer stays as it was.
        QVERIFY_THROWS_EXCEPTION(PinMailerError, PinMailer::write(page(1), pdf));
        QVERIFY(file.seek(0));
        QCOMPARE(file.readAll(), bytes);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void refusesMissingFolder() {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("missing/mailer.pdf"));
        try {
            PinMailer::write(page(1), pdf);
            QFAIL("written into a missing folder");
        } catch (const PinMailerError& e) {
            QVERIFY2(QByteArray(e.what()).contains("does not exist"), e.what());
        }
        QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
        // A file where the folder should be.
        QFile blocker(dir.filePath(QStringLiteral("missing")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY_THROWS_EXCEPTION(PinMailerError, PinMailer::write(page(1), pdf));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("missing")});
    }

    void refusesIncompletePages() {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("mailer.pdf"));
        const auto refused = [&](const PinMailerPage& p, const char* what) {
            try {
                PinMailer::write(p, pdf);
                return false;
            } catch (const PinMailerError& e) {
                // The message never shows a PIN.
                return QByteArray(e.what()).contains(what) && !QByteArray(e.what()).contains("7391");
            }
        };
        QVERIFY(refused(page(0), "1 to 8 users"));
        PinMailerPage nine = page(8);
        nine.users.emplace_back(9, QStringLiteral("九"), std::string("73915408"));
        QVERIFY(refused(nine, "1 to 8 users"));
        PinMailerPage shortPin = page(2);
        shortPin.users[0].pin = "739";
        QVERIFY(refused(shortPin, "user 1's PIN"));
        PinMailerPage letters = page(2);
        letters.users[1].pin = "7391a";
        QVERIFY(refused(letters, "user 2's PIN"));
        PinMailerPage longAddress = page(1);
        longAddress.address << QStringLiteral("a") << QStringLiteral("b") << QStringLiteral("c");
        QVERIFY(refused(longAddress, "window"));
        PinMailerPage noName = page(1);
        noName.holderName.clear();
        QVERIFY(refused(noName, "name and address"));
        QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    }

    // A full disk, when $CARDDESK_TEST_FULL_DIR names a folder on a file system too small for a mailer (as root:
    // `mount -t tmpfs -o size=64k tmpfs DIR`): refused, and nothing left there.
    void refusesFullDisk() {
        const QString full = qEnvironmentVariable("CARDDESK_TEST_FULL_DIR");
        if (full.isEmpty())
            QSKIP("CARDDESK_TEST_FULL_DIR not set");
        const QString pdf = full + QStringLiteral("/mailer.pdf");
        try {
            PinMailer::write(page(8), pdf);
            QFAIL("a mailer was written to a full disk");
        } catch (const PinMailerError& e) {
            qInfo() << e.what();
        }
        QVERIFY(QDir(full).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    }

    void destroys() {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("mailer.pdf"));
        PinMailer::write(page(2), pdf);
        // What an interrupted write() would have left.
        QFile leftover(dir.filePath(QStringLiteral(".mailer.pdf.tmp-AbC123")));
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.write("%PDF-1.4 half a mailer");
        leftover.close();
        QFile other(dir.filePath(QStringLiteral("other.pdf")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();

        PinMailer::destroy(pdf);
        QVERIFY(!QFile::exists(pdf));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("other.pdf")});
        PinMailer::destroy(pdf); // nothing there: nothing to do
        PinMailer::destroy(dir.filePath(QStringLiteral("missing/mailer.pdf")));
    }

    void rendersLegibly_data() {
        QTest::addColumn<int>("users");
        QTest::addColumn<QString>("png");
        QTest::newRow("3 users") << 3 << QStringLiteral("pin-mailer");
        QTest::newRow("8 users") << 8 << QStringLiteral("pin-mailer-8-users");
    }
    void rendersLegibly() {
        QFETCH(int, users);
        QFETCH(QString, png);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("mailer.pdf"));
        const PinMailerPage p = page(users);
        PinMailer::write(p, pdf);

        const QString info = run(QStringLiteral(CARDDESK_PDFINFO), {pdf});
        QVERIFY2(info.contains(QStringLiteral("Pages:           1")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("pts (A4)")), qPrintable(info));
        const QString fonts = run(QStringLiteral(CARDDESK_PDFFONTS), {pdf});
        QVERIFY2(fonts.contains(QStringLiteral("CJK")), qPrintable(fonts));

        const QString text = run(QStringLiteral(CARDDESK_PDFTOTEXT),
                                 {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
        QVERIFY2(!text.startsWith(QStringLiteral("FAILED")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("您的智能卡初始密码")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Your smart card's initial PINs")));
        QVERIFY(text.contains(QStringLiteral("沿虚线撕下")));
        QVERIFY(text.contains(QStringLiteral("张伟")));
        QVERIFY(text.contains(QStringLiteral("朝阳区建国路 88 号")));
        QVERIFY(text.contains(QStringLiteral("**** **** **** **** 0001")));
        // Neither the card number nor any part of it beyond the last 4 digits, and no PIN as text.
        QVERIFY(!text.contains(kCardNumber));
        QVERIFY(!text.contains(QStringLiteral("8610")));
        QVERIFY(!QString(text).remove(QLatin1Char(' ')).contains(QStringLiteral("00000001")));
        for (const PinMailerUser& u : p.users)
            QVERIFY2(!text.contains(QString::fromStdString(u.pin)), "a PIN is in the text layer");

        const QString prefix = dir.filePath(QStringLiteral("page"));
        const QString rendered =
            run(QStringLiteral(CARDDESK_PDFTOPPM), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"),
                                                    QStringLiteral("-singlefile"), pdf, prefix});
        QVERIFY2(!rendered.startsWith(QStringLiteral("FAILED")), qPrintable(rendered));
        QImage image(prefix + QStringLiteral(".png"));
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(496, 702)); // A4 at 60 dpi
        const double ink = inked(image);
        QVERIFY2(ink > 0.02 && ink < 0.5, qPrintable(QString::number(ink)));

        // A sharper copy to look at beside the test binary (the PINs are the test's own, not a card's).
        const QString look = QCoreApplication::applicationDirPath() + QLatin1Char('/') + png;
        QFile::remove(look + QStringLiteral(".png"));
        const QString saved =
            run(QStringLiteral(CARDDESK_PDFTOPPM), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("110"),
                                                    QStringLiteral("-singlefile"), pdf, look});
        QVERIFY2(!saved.startsWith(QStringLiteral("FAILED")), qPrintable(saved));
        // The first user's PIN box at 300 dpi (x 15..105 mm, y 224..246 mm).
        const QString box =
            run(QStringLiteral(CARDDESK_PDFTOPPM),
                {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-x"),
                 QStringLiteral("177"), QStringLiteral("-y"), QStringLiteral("2646"), QStringLiteral("-W"),
                 QStringLiteral("1063"), QStringLiteral("-H"), QStringLiteral("260"), QStringLiteral("-singlefile"),
                 pdf, look + QStringLiteral("-box")});
        QVERIFY2(!box.startsWith(QStringLiteral("FAILED")), qPrintable(box));
    }
};

QTEST_MAIN(TestPinMailer)
#include "TestPinMailer.moc"
