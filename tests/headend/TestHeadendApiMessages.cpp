// The API's message structs (headend/api): what toJson writes fromJson reads back; a missing or malformed member
// is refused by name with the sentence the headend answers in its 400 bad_field, and the first one in the order
// the headend has always checked them is the one named.
#include "carddesk/headendapi/AuthMessages.h"
#include "carddesk/headendapi/FieldReader.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/LoadMessages.h"
#include "carddesk/headendapi/PurchaseMessages.h"

#include <QtTest>

namespace api = carddesk::api;
namespace key = carddesk::api::key;
using cdos::Bytes;

namespace {

Bytes bytes(const char* hex) {
    return *cdos::fromHex(hex);
}

// The member fromJson names for `o`, and the sentence; empty when it accepts it.
template <class Message> std::pair<QString, QString> refusalOf(const QJsonObject& o) {
    QString member, why;
    const auto m = Message::fromJson(o, &member, &why);
    return m ? std::pair<QString, QString>{} : std::pair{member, why};
}

} // namespace

class TestHeadendApiMessages : public QObject {
    Q_OBJECT

private slots:
    void purchaseRoundTrip() {
        const api::PurchaseRequest r{QStringLiteral("gw-buy-1"), 1200, bytes("000000004201"), 1,
                                     bytes("00000064000100000000000000000000")};
        const QJsonObject o = r.toJson();
        QCOMPARE(o.value(key::terminalId).toString(), QStringLiteral("000000004201"));
        const auto back = api::PurchaseRequest::fromJson(o);
        QVERIFY(back);
        QCOMPARE(back->requestId, r.requestId);
        QCOMPARE(back->amount, r.amount);
        QCOMPARE(back->terminalId, r.terminalId);
        QCOMPARE(back->keyIndex, r.keyIndex);
        QCOMPARE(back->initResponse, r.initResponse);

        const api::PurchaseAnswer a{
            5, 5, QStringLiteral("20260101"), QStringLiteral("120000"), bytes("01020304"), QStringLiteral("pending")};
        const auto answer = api::PurchaseAnswer::fromJson(a.toJson());
        QVERIFY(answer);
        QCOMPARE(answer->mac1, a.mac1);
        QCOMPARE(answer->date, a.date);
        const auto completion =
            api::PurchaseCompletion::fromJson(api::PurchaseCompletion{bytes("11223344"), bytes("55667788")}.toJson());
        QVERIFY(completion);
        QCOMPARE(completion->tac, bytes("55667788"));
        QVERIFY(!completion->begun);

        // Issue 15: with the purchase as begun (what a headend that lost the pending row records), all or nothing.
        const api::PurchaseCompletion full{bytes("11223344"), bytes("55667788"), r, 5, a.date, a.time};
        const auto withBegun = api::PurchaseCompletion::fromJson(full.toJson());
        QVERIFY(withBegun && withBegun->begun);
        QCOMPARE(withBegun->begun->requestId, r.requestId);
        QCOMPARE(withBegun->begun->initResponse, r.initResponse);
        QCOMPARE(withBegun->terminalSerial, qint64(5));
        QCOMPARE(withBegun->date, a.date);
        QCOMPARE(withBegun->time, a.time);
        QJsonObject partial = full.toJson();
        partial.remove(key::date);
        QString bad;
        QVERIFY(!api::PurchaseCompletion::fromJson(partial, &bad));
        QCOMPARE(bad, key::date);
    }

    void vodPurchaseIsPricedByTheHeadend() {
        const api::VodPurchaseRequest v{QStringLiteral("r"), 3, bytes("000000000001"), 1, bytes("00")};
        QVERIFY(!v.toJson().contains(key::amount));
        const api::PurchaseRequest p = v.priced(900);
        QCOMPARE(p.amount, qint64(900));
        QCOMPARE(p.requestId, v.requestId);
        api::VodPurchaseAnswer a;
        a.purchase = {
            1, 1, QStringLiteral("20260101"), QStringLiteral("120000"), bytes("01020304"), QStringLiteral("pending")};
        a.titleId = 3;
        a.title = QStringLiteral("Film");
        a.amount = 900;
        a.programmeId = 0x777;
        a.validDays = 2;
        a.rightMac = bytes("AABBCCDD");
        const auto back = api::VodPurchaseAnswer::fromJson(a.toJson());
        QVERIFY(back);
        QCOMPARE(back->purchase.purchaseId, qint64(1));
        QCOMPARE(back->programmeId, 0x777);
        QCOMPARE(back->rightMac, a.rightMac);
    }

    void refusalsNameTheFirstBadMemberInTheHeadendsOrder() {
        // /v1/purchases has always read the amount first; /v1/loads the requestId.
        const QJsonObject empty;
        QCOMPARE(refusalOf<api::PurchaseRequest>(empty).first, key::amount);
        QCOMPARE(refusalOf<api::LoadRequest>(empty).first, key::requestId);
        QCOMPARE(refusalOf<api::VodPurchaseRequest>(empty).first, key::titleId);
        QCOMPARE(refusalOf<api::AuthCardRequest>(empty).first, key::cardNumberCryptogram);
        QCOMPARE(refusalOf<api::AuthVerifyRequest>(empty).first, key::personalDataCryptogram);
        QCOMPARE(refusalOf<api::PurchaseCompletion>(empty).first, key::mac2);
        QCOMPARE(refusalOf<api::LoadCompletion>(empty).first, key::tac);
        QCOMPARE(refusalOf<api::LoadRecovery>(empty).first, key::action);

        QJsonObject o = api::PurchaseRequest{QStringLiteral("r"), 1, bytes("000000000001"), 1, bytes("00")}.toJson();
        o.insert(key::terminalId, QStringLiteral("0001"));
        QCOMPARE(refusalOf<api::PurchaseRequest>(o),
                 (std::pair{key::terminalId, QStringLiteral("field terminalId must be 6 bytes in hex")}));
        o.insert(key::requestId, QString(65, QLatin1Char('x')));
        QCOMPARE(refusalOf<api::PurchaseRequest>(o),
                 (std::pair{key::requestId,
                            QStringLiteral("field requestId must be a non-empty string of at most 64 characters")}));
        o.insert(key::amount, 1.5);
        QCOMPARE(refusalOf<api::PurchaseRequest>(o),
                 (std::pair{key::amount, QStringLiteral("field amount must be an integer from 0 to 4294967295")}));
        QCOMPARE(refusalOf<api::PurchaseCompletion>(QJsonObject{{key::mac2, QStringLiteral("zz")}}).second,
                 QStringLiteral("field mac2 must be 4 bytes in hex"));
        QCOMPARE(refusalOf<api::AuthVerifyRequest>(QJsonObject{{key::personalDataCryptogram, 5}}).second,
                 QStringLiteral("field personalDataCryptogram must be hex"));
    }

    void loadsAndTheirRecovery() {
        api::LoadAnswer authorised{9, QStringLiteral("authorised"), 100, 4, {}, {}, {}};
        QVERIFY(!authorised.toJson().contains(key::mac2));
        const auto back = api::LoadAnswer::fromJson(authorised.toJson());
        QVERIFY(back && !back->hasMac2());
        api::LoadAnswer debited = authorised;
        debited.status = QStringLiteral("debited");
        debited.mac2 = bytes("01020304");
        debited.date = QStringLiteral("20260101");
        debited.time = QStringLiteral("101010");
        const auto d = api::LoadAnswer::fromJson(debited.toJson());
        QVERIFY(d && d->hasMac2());
        QCOMPARE(d->time, debited.time);

        const auto refund =
            api::LoadRecovery::fromJson(api::LoadRecovery{api::LoadRecovery::Action::Refund, bytes("00")}.toJson());
        QVERIFY(refund && refund->action == api::LoadRecovery::Action::Refund);
        QCOMPARE(api::LoadRecovery{}.toJson().value(key::action).toString(), QStringLiteral("reissue"));
        QCOMPARE(refusalOf<api::LoadRecovery>(
                     QJsonObject{{key::action, QStringLiteral("steal")}, {key::initResponse, QStringLiteral("00")}}),
                 (std::pair{key::action, QStringLiteral("action must be reissue or refund")}));

        const auto pending = api::PendingLoad::fromJson(
            api::PendingLoad{9, 100, QStringLiteral("debited"), bytes("000000004201"), QStringLiteral("t")}.toJson());
        QVERIFY(pending);
        QCOMPARE(pending->terminalId, bytes("000000004201"));
        QVERIFY(api::RefundChallenge::fromJson(api::RefundChallenge{9, 100, bytes("A1A2A3A4A5A6")}.toJson()));
    }

    void authentication() {
        const auto c =
            api::AuthChallenge::fromJson(api::AuthChallenge{QStringLiteral("id"), bytes("0102030405060708")}.toJson());
        QVERIFY(c);
        QCOMPARE(c->random, bytes("0102030405060708"));
        const Bytes cryptogram(16, 0xAB);
        const auto card =
            api::AuthCardRequest::fromJson(api::AuthCardRequest{QStringLiteral("id"), cryptogram}.toJson());
        QVERIFY(card && card->cardNumberCryptogram == cryptogram);
        const auto session = api::AuthSession::fromJson(
            api::AuthSession{Bytes(24, 1), QStringLiteral("tok"), QStringLiteral("2026-01-01T00:00:00.000Z")}.toJson());
        QVERIFY(session);
        QCOMPARE(session->sessionToken, QStringLiteral("tok"));
    }

    void hexIsUpperCaseAndSpacesAreRead() {
        QCOMPARE(api::hexText(bytes("abcd")), QStringLiteral("ABCD"));
        api::FieldReader in(QJsonObject{{key::tac, QStringLiteral("ab cd ef 01")}});
        QCOMPARE(in.hex(key::tac, 4), bytes("ABCDEF01"));
        QVERIFY(in.ok());
    }
};

QTEST_GUILESS_MAIN(TestHeadendApiMessages)
#include "TestHeadendApiMessages.moc"
