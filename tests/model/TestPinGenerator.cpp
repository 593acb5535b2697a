// Generated initial PINs (issue 14): the card's lengths only, no weak PIN, digits uniform over the PINs that remain.
#include <carddesk/model/PinGenerator.h>

#include <QtTest>

#include <array>

using carddesk::PinGenerator;
using carddesk::PinGeneratorError;

class TestPinGenerator : public QObject {
    Q_OBJECT
private slots:
    void lengths() {
        QCOMPARE(PinGenerator::minLength(), 4);
        QCOMPARE(PinGenerator::maxLength(), 12);
        for (int length = 4; length <= 12; ++length)
            for (int i = 0; i < 200; ++i) {
                const std::string pin = PinGenerator::generate(length);
                QCOMPARE(int(pin.size()), length);
                for (const char c : pin)
                    QVERIFY(c >= '0' && c <= '9');
                QVERIFY(!PinGenerator::isWeak(pin));
            }
        for (const int length : {-1, 0, 3, 13, 100})
            QVERIFY_THROWS_EXCEPTION(PinGeneratorError, PinGenerator::generate(length));
        try {
            PinGenerator::generate(3);
        } catch (const PinGeneratorError& e) {
            QVERIFY2(QByteArray(e.what()).contains("4 to 12 digits"), e.what());
        }
    }

    void weak_data() {
        QTest::addColumn<QString>("pin");
        QTest::addColumn<bool>("weak");
        // All the same, and repeated groups.
        for (const char* pin : {"0000", "1111", "99999", "777777", "999999999999", "1212", "0909", "121212", "123123",
                                "456456456", "12341234", "908908908908", "123456123456"})
            QTest::newRow(pin) << QString::fromLatin1(pin) << true;
        // Runs of +1 and -1, wrapping at 9/0.
        for (const char* pin : {"0123", "1234", "6789", "7890", "8901", "9012", "123456", "890123", "456789012",
                                "123456789012", "3210", "4321", "9876", "0987", "1098", "654321", "321098765"})
            QTest::newRow(pin) << QString::fromLatin1(pin) << true;
        // Years, 4 digits only.
        for (const char* pin : {"1900", "1984", "1999", "2000", "2001", "2026", "2099"})
            QTest::newRow(pin) << QString::fromLatin1(pin) << true;
        // Not weak: other steps, pairs, almost-runs, periods that do not divide the length, years in longer PINs.
        for (const char* pin : {"1357", "2468", "1122", "1231", "1243", "1899", "2100", "3019", "8475", "0192",
                                "123412", "12312", "19840", "201456", "198419", "12345678912", "98765432100"})
            QTest::newRow(pin) << QString::fromLatin1(pin) << false;
    }
    void weak() {
        QFETCH(QString, pin);
        QFETCH(bool, weak);
        QCOMPARE(PinGenerator::isWeak(pin.toStdString()), weak);
    }

    // 100 000 PINs of 4 digits: none weak, and each position's digits fit, by chi-square (9 degrees of freedom,
    // p = 0.001: 27.88), the exact distribution of the 4-digit PINs that are not weak.
    void uniform() {
        std::array<std::array<double, 10>, 4> expected{};
        int strong = 0;
        for (int n = 0; n < 10000; ++n) {
            char pin[5];
            std::snprintf(pin, sizeof pin, "%04d", n);
            if (PinGenerator::isWeak(pin))
                continue;
            ++strong;
            for (int pos = 0; pos < 4; ++pos)
                expected[pos][pin[pos] - '0'] += 1;
        }
        QVERIFY(strong > 9600 && strong < 9750); // 10 same, 90 pairs, 20 runs, 200 years, some in two rules

        constexpr int draws = 100000;
        std::array<std::array<int, 10>, 4> counts{};
        for (int i = 0; i < draws; ++i) {
            const std::string pin = PinGenerator::generate(4);
            QVERIFY2(!PinGenerator::isWeak(pin), "a weak PIN was generated");
            for (int pos = 0; pos < 4; ++pos)
                ++counts[pos][pin[pos] - '0'];
        }
        for (int pos = 0; pos < 4; ++pos) {
            double chi2 = 0;
            for (int d = 0; d < 10; ++d) {
                const double e = expected[pos][d] / strong * draws;
                chi2 += (counts[pos][d] - e) * (counts[pos][d] - e) / e;
            }
            QVERIFY2(chi2 < 27.88, qPrintable(QStringLiteral("position %1: chi-square %2").arg(pos).arg(chi2)));
        }
    }
};

QTEST_GUILESS_MAIN(TestPinGenerator)
#include "TestPinGenerator.moc"
