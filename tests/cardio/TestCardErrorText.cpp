// Issue 11: the operator reads words only. A PC/SC failure's code and pcsc-lite's English text ("卡片停止应答
// （0x80100016 Transaction failed.）" reached the desk) are the technician's: CardError::detail(), the job's
// JobResult::detail and the trace entry's transportDetail carry them, the message never does — in Chinese or English.
#include "Localisation.h"
#include "PcscChannel.h"

#include <carddesk/cardio/ApduDecoder.h>
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/cardio/link/Error.h>

#include <carddesk/protocol/perso/Personaliser.h>

#include <pcsclite.h>

#include <QBuffer>
#include <QRegularExpression>
#include <QtTest>

using namespace carddesk;

namespace {

const QString kReader = QStringLiteral("Virtual PCD 00 01");

// Every return value pcsc-lite defines as an error (0x80100022 is not one: its SCARD_E_UNSUPPORTED_FEATURE is
// commented out in pcsclite.h).
QList<long> pcscErrors() {
    QList<long> codes;
    for (long rv = 0x80100001; rv <= 0x80100031; ++rv)
        if (rv != 0x80100022)
            codes << rv;
    for (long rv = 0x80100065; rv <= 0x8010006F; ++rv)
        codes << rv;
    return codes;
}

QString hexCode(long rv) {
    return QStringLiteral("0x%1").arg(static_cast<quint32>(rv), 8, 16, QLatin1Char('0'));
}

// What the operator reads has none of the technician's text.
QString technicalIn(const QString& message, long rv, const QString& lang) {
    const QString english = QString::fromStdString(pcsc::codeText(rv));
    if (message.contains(QLatin1String("0x")) || message.contains(QLatin1String("8010")))
        return QStringLiteral("the code");
    if (message.contains(QLatin1String("SCARD_")))
        return QStringLiteral("the constant's name");
    if (message.contains(english))
        return QStringLiteral("pcsc-lite's text");
    if (lang == QLatin1String("zh_CN")) {
        // Chinese words, and no English beyond the reader's name and "PC/SC".
        QString rest = message;
        rest.remove(kReader).remove(QStringLiteral("PC/SC"));
        if (rest.contains(QRegularExpression(QStringLiteral("[A-Za-z]{3,}"))))
            return QStringLiteral("English words");
        if (!rest.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))))
            return QStringLiteral("no Chinese");
    }
    return {};
}

} // namespace

class TestCardErrorText : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase() { Localisation::install(QLocale(QLocale::English)); }

    void codeTextIsTechnical() {
        QCOMPARE(CardError::pcscCodeText(SCARD_E_NOT_TRANSACTED),
                 QStringLiteral("0x80100016 SCARD_E_NOT_TRANSACTED: Transaction failed."));
        QCOMPARE(CardError::pcscCodeText(SCARD_W_REMOVED_CARD),
                 QStringLiteral("0x80100069 SCARD_W_REMOVED_CARD: Card was removed."));
        for (long rv : pcscErrors())
            QVERIFY2(CardError::pcscCodeText(rv).startsWith(hexCode(rv) + QStringLiteral(" SCARD_")),
                     qPrintable(CardError::pcscCodeText(rv)));
    }

    void messagesAreWordsOnly_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
        QTest::newRow("en") << QStringLiteral("en");
    }
    void messagesAreWordsOnly() {
        QFETCH(QString, lang);
        QVERIFY(Localisation::install(QLocale(lang)));
        QStringList wrong;
        const auto check = [&](const CardError& e, long rv, const char* from) {
            if (const QString what = technicalIn(e.message(), rv, lang); !what.isEmpty())
                wrong << QStringLiteral("%1 %2: %3 in \"%4\"").arg(QLatin1String(from), hexCode(rv), what, e.message());
            if (QString::fromStdString(e.what()) != e.message())
                wrong << QStringLiteral("%1 %2: what() is not the message").arg(QLatin1String(from), hexCode(rv));
            if (e.pcscCode() != rv || e.detail() != CardError::pcscCodeText(rv))
                wrong << QStringLiteral("%1 %2: detail \"%3\"").arg(QLatin1String(from), hexCode(rv), e.detail());
        };
        for (long rv : pcscErrors()) {
            check(CardError::fromPcsc(rv, kReader), rv, "fromPcsc");
            check(PcscChannel::toCardError(pcsc::Error(pcsc::classify(rv), rv, "transmit"), kReader), rv,
                  "toCardError");
        }
        for (long rv : {long(SCARD_E_NO_SERVICE), long(SCARD_F_INTERNAL_ERROR), long(SCARD_E_NO_MEMORY)})
            check(CardError::fromPcsc(rv, QString()), rv, "fromPcsc without a reader");
        // The one of the issue: a card pulled in the middle of an operation (vpcd gives an empty answer, which the
        // PC/SC core reports as SCARD_E_NOT_TRANSACTED of a card that stopped answering).
        const CardError pulled = PcscChannel::toCardError(
            pcsc::Error(pcsc::Error::Kind::Unresponsive, SCARD_E_NOT_TRANSACTED, "transmit: stopped answering"),
            kReader);
        check(pulled, SCARD_E_NOT_TRANSACTED, "pulled card");
        QCOMPARE(pulled.kind(), CardError::Kind::Unresponsive);
        QCOMPARE(pulled.detail(), QStringLiteral("0x80100016 SCARD_E_NOT_TRANSACTED: Transaction failed."));
        QCOMPARE(pulled.message(),
                 lang == QLatin1String("en")
                     ? QStringLiteral("the card in reader \"%1\" stopped answering; was it removed?").arg(kReader)
                     : QStringLiteral("读卡器“%1”中的卡片停止应答；卡片是否已被取出？").arg(kReader));
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    }

    // The detail travels beside the message: in the job's result and in the trace, where a technician looks.
    void jobResultAndTraceCarryTheDetail_data() { messagesAreWordsOnly_data(); }
    void jobResultAndTraceCarryTheDetail() {
        QFETCH(QString, lang);
        QVERIFY(Localisation::install(QLocale(lang)));
        CardReaderManager m;
        m.start(false);
        m.insertLocalCard(kReader, {}, [](const QByteArray&) -> QByteArray {
            throw PcscChannel::toCardError(
                pcsc::Error(pcsc::Error::Kind::Unresponsive, SCARD_E_NOT_TRANSACTED, "transmit"), kReader);
        });
        const JobResult r = m.run(kReader, [](CardChannel& ch) {
            ch.transmit(cdos::getChallenge());
            return QVariant();
        });
        QVERIFY(!r.ok());
        QCOMPARE(r.cardError, std::optional(CardError::Kind::Unresponsive));
        QVERIFY2(technicalIn(r.error, SCARD_E_NOT_TRANSACTED, lang).isEmpty(), qPrintable(r.error));
        QCOMPARE(r.detail, QStringLiteral("0x80100016 SCARD_E_NOT_TRANSACTED: Transaction failed."));

        QCOMPARE(m.traceLog()->count(), 1);
        const ApduTraceEntry e = m.traceLog()->entry(0);
        QCOMPARE(e.swClass(), SwClass::TransportError);
        QCOMPARE(e.transportError, r.error);
        QCOMPARE(e.swMeaning(), r.error);
        QCOMPARE(e.transportDetail, r.detail);
        QVERIFY(e.swMeaningWithDetail().contains(r.detail));
        QVERIFY(e.toTextLine(false).contains(r.detail));
        QCOMPARE(e.toJson(false).value(QStringLiteral("transportDetail")).toString(), r.detail);
        QCOMPARE(ApduTraceEntry::fromJson(e.toJson(false)).transportDetail, r.detail);
        bool decoded = false;
        for (const DecodedField& f : ApduDecoder::decode(e, false))
            for (const DecodedField& c : f.children)
                decoded |= c.value == r.detail;
        QVERIFY(decoded);
    }
};

QTEST_GUILESS_MAIN(TestCardErrorText)
#include "TestCardErrorText.moc"
