// Card templates and holder files: the shipped template loads; every problem is reported with its field; PINs
// never appear in messages.
#include <carddesk/model/CardTemplate.h>
#include <carddesk/model/HolderFile.h>
#include <carddesk/model/IssuanceService.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace carddesk;

namespace {

QString shipped() {
    return QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json");
}

QJsonObject shippedJson() {
    QFile f(shipped());
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

QStringList problemsOf(const QJsonObject& o) {
    try {
        CardTemplate::fromJson(QJsonDocument(o).toJson());
    } catch (const TemplateError& e) {
        return e.errors;
    }
    return {};
}

bool mentions(const QStringList& problems, const QString& field) {
    for (const auto& p : problems)
        if (p.startsWith(field + QLatin1Char(':')))
            return true;
    return false;
}

QByteArray holderJson() {
    return QByteArrayLiteral(R"({"holder": {"userNumber": "U0001", "account": "6222020000000001", "name": "张伟"},
        "users": [{"number": 1, "pin": "135790"}, {"number": 2, "name": "李娜", "pin": "8642"},
                  {"number": 3, "pin": "1111"}]})");
}

} // namespace

class TestCardTemplate : public QObject {
    Q_OBJECT
private slots:
    // The "ca" section: service keys, package names, rights relative to the issuance day or with absolute dates;
    // the profile gets absolute YYYYMMDD dates; toJson keeps the section.
    void caSection() {
        const CardTemplate t = CardTemplate::load(shipped());
        QCOMPARE(t.serviceKeys, (QStringList{QStringLiteral("CA_SERVICE_1"), QStringLiteral("CA_SERVICE_2")}));
        QCOMPARE(t.packageName(1), QStringLiteral("基本包"));
        QCOMPARE(t.entitlements.size(), 5);
        QVERIFY(t.entitlements[0].relative);
        QCOMPARE(t.entitlements[0].validDays, 365);
        const QDate day(2026, 11, 26);
        const auto rights = t.rightsOn(day);
        QCOMPARE(rights.size(), std::size_t{5});
        QCOMPARE(rights[0], (cdos::ca::Entitlement{1, cdos::ca::RightKind::Package, 1, 20261126, 20271125}));
        QCOMPARE(rights[1], (cdos::ca::Entitlement{1, cdos::ca::RightKind::Package, 2, 20261126, 20261226}));

        QByteArray holderText = holderJson();
        const HolderFile holder = HolderFile::fromJson(holderText);
        const cdos::CardProfile p =
            IssuanceService::buildProfile(t, holder, QStringLiteral("86100100000000000001"), day);
        QCOMPARE(p.ca.serviceKeys, (std::vector<std::uint8_t>{1, 2}));
        QCOMPARE(p.ca.rights, rights);
        QVERIFY(cdos::validateProfile(p).empty());

        QJsonObject o = shippedJson();
        QJsonObject ca = o.value(QStringLiteral("ca")).toObject();
        QJsonArray list = ca.value(QStringLiteral("entitlements")).toArray();
        list.append(QJsonObject{{QStringLiteral("user"), 2},
                                {QStringLiteral("kind"), QStringLiteral("channel")},
                                {QStringLiteral("id"), 0x0101},
                                {QStringLiteral("start"), QStringLiteral("2026-01-01")},
                                {QStringLiteral("end"), QStringLiteral("2026-12-31")}});
        list.append(QJsonObject{{QStringLiteral("user"), 3},
                                {QStringLiteral("id"), QStringLiteral("高清影视包")},
                                {QStringLiteral("startOffsetDays"), 7},
                                {QStringLiteral("validDays"), 1}});
        ca.insert(QStringLiteral("entitlements"), list);
        o.insert(QStringLiteral("ca"), ca);
        const CardTemplate more = CardTemplate::fromJson(QJsonDocument(o).toJson());
        const auto moreRights = more.rightsOn(day);
        QCOMPARE(moreRights[5], (cdos::ca::Entitlement{2, cdos::ca::RightKind::Channel, 0x0101, 20260101, 20261231}));
        QCOMPARE(moreRights[6], (cdos::ca::Entitlement{3, cdos::ca::RightKind::Package, 2, 20261203, 20261203}));
        const CardTemplate again = CardTemplate::fromJson(QJsonDocument(more.toJson()).toJson());
        QCOMPARE(again.rightsOn(day), moreRights);
        QCOMPARE(again.serviceKeys, more.serviceKeys);
        QCOMPARE(again.packageName(3), QStringLiteral("少儿包"));
    }

    void caSectionProblemsNameTheirField() {
        QJsonObject o = shippedJson();
        QJsonObject ca = o.value(QStringLiteral("ca")).toObject();
        ca.insert(QStringLiteral("serviceKeys"),
                  QJsonArray{QStringLiteral("CA_SERVICE_9"), QStringLiteral("ISSUER_SM")});
        QJsonArray list;
        list.append(
            QJsonObject{{QStringLiteral("user"), 7}, {QStringLiteral("id"), 1}, {QStringLiteral("validDays"), 30}});
        list.append(QJsonObject{{QStringLiteral("user"), 1}, {QStringLiteral("id"), 1}});
        list.append(QJsonObject{{QStringLiteral("user"), 1},
                                {QStringLiteral("kind"), QStringLiteral("film")},
                                {QStringLiteral("id"), 2},
                                {QStringLiteral("validDays"), 30}});
        list.append(QJsonObject{{QStringLiteral("user"), 1},
                                {QStringLiteral("id"), 3},
                                {QStringLiteral("start"), QStringLiteral("2026-02-30")},
                                {QStringLiteral("end"), QStringLiteral("2026-12-31")}});
        list.append(QJsonObject{{QStringLiteral("user"), 2},
                                {QStringLiteral("id"), 3},
                                {QStringLiteral("start"), QStringLiteral("2026-12-31")},
                                {QStringLiteral("end"), QStringLiteral("2026-01-01")}});
        list.append(QJsonObject{{QStringLiteral("user"), 2},
                                {QStringLiteral("id"), QStringLiteral("体育包")},
                                {QStringLiteral("validDays"), 30}});
        list.append(
            QJsonObject{{QStringLiteral("user"), 3}, {QStringLiteral("id"), 1}, {QStringLiteral("validDays"), 0}});
        ca.insert(QStringLiteral("entitlements"), list);
        o.insert(QStringLiteral("ca"), ca);
        const QStringList problems = problemsOf(o);
        QVERIFY(mentions(problems, QStringLiteral("ca.serviceKeys[0]")));
        QVERIFY(mentions(problems, QStringLiteral("ca.serviceKeys[1]")));
        QVERIFY(mentions(problems, QStringLiteral("ca.entitlements[0].user")));
        QVERIFY(mentions(problems, QStringLiteral("ca.entitlements[1]")));
        QVERIFY(mentions(problems, QStringLiteral("ca.entitlements[2].kind")));
        QVERIFY(mentions(problems, QStringLiteral("ca.entitlements[3].start")));
        QVERIFY(mentions(problems, QStringLiteral("ca.entitlements[4]")));
        QVERIFY(mentions(problems, QStringLiteral("ca.entitlements[5].id")));
        QVERIFY(mentions(problems, QStringLiteral("ca.entitlements[6].validDays")));
        o.insert(QStringLiteral("ca"), QStringLiteral("all"));
        QVERIFY(mentions(problemsOf(o), QStringLiteral("ca")));
    }

    void shippedTemplateLoads() {
        const CardTemplate t = CardTemplate::load(shipped());
        QCOMPARE(t.name, QStringLiteral("standard-tv"));
        QCOMPARE(t.issuerSerial.toHex().toUpper(), QByteArray("4344000000000001"));
        QCOMPARE(t.cardNumberPrefix, QStringLiteral("86100100"));
        QCOMPARE(t.keys.size(), 7); // "standard" = cdos::CardProfile::standardKeys()
        // Key 01 is the shared TRANSPORT key; key 02 comes from a master no card holds (docs/authentication.md).
        QVERIFY(t.keys[1].shared && t.keys[1].master == QStringLiteral("TRANSPORT"));
        QVERIFY(!t.keys[2].shared && t.keys[2].master == QStringLiteral("CARD_AUTH"));
        QCOMPARE(t.menu.size(), 6);
        QCOMPARE(t.menu[0].title, QStringLiteral("电视直播"));
        QCOMPARE(t.menu[0].permission, 1u);
        QVERIFY(t.menu[4].hidden);
        QCOMPARE(t.users.size(), 3);
        QCOMPARE(t.users[0].name, QStringLiteral("户主"));
        QCOMPARE(t.users[0].permissions, 0xFFFFFFFFu);
        QCOMPARE(t.permissionNames(t.users[2].permissions),
                 (QStringList{QStringLiteral("live-tv"), QStringLiteral("settings")}));
        // Issue 11: what a person reads is the label in their language, not the identifier.
        QCOMPARE(t.permissionLabels(t.users[2].permissions, QLocale(QLocale::Chinese, QLocale::China)),
                 (QStringList{QStringLiteral("电视直播"), QStringLiteral("个人设置")}));
        QCOMPARE(t.permissionLabels(t.users[2].permissions, QLocale(QLocale::English, QLocale::UnitedKingdom)),
                 (QStringList{QStringLiteral("Live TV"), QStringLiteral("Settings")}));
        QCOMPARE(t.permissionLabels(t.users[2].permissions, QLocale(QLocale::French)),
                 (QStringList{QStringLiteral("live-tv"), QStringLiteral("settings")})); // no label: the identifier
        QCOMPARE(t.balanceLimit, 200000u);
        QVERIFY(t.validate().isEmpty());
        // Written back and read again: the same template.
        const CardTemplate again = CardTemplate::fromJson(QJsonDocument(t.toJson()).toJson());
        QCOMPARE(again.toJson(), t.toJson());
    }

    void cardEnforcedRightsKeepTheirBits() {
        // Issue 11: the card enforces purse, top-up, VOD and settings on fixed bits; a template cannot move them.
        QJsonObject o = shippedJson();
        QJsonArray perms = o.value(QStringLiteral("permissions")).toArray();
        QJsonObject purse = perms[2].toObject();
        QCOMPARE(purse.value(QStringLiteral("name")).toString(), QStringLiteral("purse"));
        purse.insert(QStringLiteral("bit"), 9);
        perms[2] = purse;
        o.insert(QStringLiteral("permissions"), perms);
        const QStringList p = problemsOf(o);
        QVERIFY2(mentions(p, QStringLiteral("permissions[2].bit")), qPrintable(p.join(QLatin1Char('\n'))));
    }

    void everyProblemNamesItsField() {
        QJsonObject o = shippedJson();
        o.insert(QStringLiteral("issuerSerial"), QStringLiteral("43440000"));
        QJsonArray menu = o.value(QStringLiteral("menu")).toArray();
        QJsonObject m = menu[1].toObject();
        m.insert(QStringLiteral("title"), QStringLiteral("这是一个非常非常长的菜单标题名称"));
        menu[1] = m;
        QJsonObject m2 = menu[2].toObject();
        m2.insert(QStringLiteral("permission"), QStringLiteral("no-such-right"));
        menu[2] = m2;
        o.insert(QStringLiteral("menu"), menu);
        QJsonArray users = o.value(QStringLiteral("users")).toArray();
        QJsonObject u = users[1].toObject();
        u.insert(QStringLiteral("number"), 1);
        users[1] = u;
        o.insert(QStringLiteral("users"), users);
        o.insert(QStringLiteral("keys"),
                 QJsonArray{QJsonObject{{QStringLiteral("id"), 1},
                                        {QStringLiteral("usage"), QStringLiteral("transport")},
                                        {QStringLiteral("master"), QStringLiteral("TRANSPORT")}}});
        const QStringList p = problemsOf(o);
        QVERIFY2(mentions(p, QStringLiteral("issuerSerial")), qPrintable(p.join(QLatin1Char('\n'))));
        QVERIFY(mentions(p, QStringLiteral("menu[1].title")));
        QVERIFY(mentions(p, QStringLiteral("menu[2].permission")));
        QVERIFY(mentions(p, QStringLiteral("users[1].number")));
        QVERIFY(mentions(p, QStringLiteral("keys")));
    }

    void missingAndMalformed() {
        QVERIFY(!problemsOf(QJsonObject{}).isEmpty());
        QVERIFY_THROWS_EXCEPTION(TemplateError, CardTemplate::fromJson("{ not json"));
        QVERIFY_THROWS_EXCEPTION(TemplateError, CardTemplate::load(QStringLiteral("/nonexistent/t.json")));
        QJsonObject o = shippedJson();
        o.insert(QStringLiteral("purse"), QJsonObject{{QStringLiteral("overdraftLimit"), 0x1000000}});
        QVERIFY(mentions(problemsOf(o), QStringLiteral("purse.overdraftLimit")));
        o = shippedJson();
        o.insert(QStringLiteral("cardNumber"), QJsonObject{{QStringLiteral("prefix"), QStringLiteral("XYZ")}});
        QVERIFY(mentions(problemsOf(o), QStringLiteral("cardNumber.prefix")));
        o = shippedJson();
        o.insert(QStringLiteral("users"), QJsonArray{});
        QVERIFY(mentions(problemsOf(o), QStringLiteral("users")));
    }

    void holderFileParses() {
        QByteArray json = holderJson();
        const HolderFile h = HolderFile::fromJson(json);
        QCOMPARE(json, QByteArray(json.size(), '\0')); // the PINs are wiped from the input
        QCOMPARE(h.name, QStringLiteral("张伟"));
        QCOMPARE(h.users.size(), 3);
        QCOMPARE(h.users[0].pin, std::string("135790"));
        QCOMPARE(h.users[1].name, QStringLiteral("李娜"));
        QVERIFY(h.cardNumber.isEmpty());
    }

    void badPinsAreReportedWithoutThePin() {
        QByteArray json = QByteArrayLiteral(
            R"({"holder": {"userNumber": "U1", "account": "A1", "name": "N"},
                "cardNumber": "1234", "users": [{"number": 1, "pin": "12a45"}, {"number": 9, "pin": "1234"},
                                                 {"number": 2}]})");
        try {
            HolderFile::fromJson(json);
            QFAIL("accepted");
        } catch (const HolderFileError& e) {
            const QString all = e.errors.join(QLatin1Char('\n'));
            QVERIFY2(all.contains(QStringLiteral("users[0].pin")), qPrintable(all));
            QVERIFY(!all.contains(QStringLiteral("12a45")));
            QVERIFY(all.contains(QStringLiteral("users[1].number")));
            QVERIFY(all.contains(QStringLiteral("users[2].pin")));
            QVERIFY(all.contains(QStringLiteral("cardNumber")));
            QVERIFY(!QString::fromUtf8(e.what()).contains(QStringLiteral("12a45")));
        }
    }

    // Issue 11: every user's problem in one try (a short PIN and an empty one together), each named with the
    // user's own number beside the zero-based JSON path.
    void everyPinProblemAtOnceWithTheUsersNumber() {
        HolderFile h;
        h.userNumber = QStringLiteral("U1");
        h.account = QStringLiteral("A1");
        h.name = QStringLiteral("N");
        for (const auto& [number, pin] : {std::pair{1, "135790"}, std::pair{2, "12"}, std::pair{3, ""}}) {
            HolderUser u;
            u.number = quint8(number);
            u.pin = pin;
            h.users.append(u);
        }
        const QString all = h.validate().join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("users[1].pin (user 2)")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("users[2].pin (user 3)")), qPrintable(all));
        QCOMPARE(h.validate().size(), 2);
        // The issuance check reports both too, before any card number or key is touched.
        const CardTemplate t =
            CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"));
        try {
            IssuanceService::buildProfile(t, h, QStringLiteral("86010000000000000001"));
            QFAIL("accepted");
        } catch (const IssuanceError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("(user 2)")) && e.text.contains(QStringLiteral("(user 3)")),
                     qPrintable(e.text));
        }
    }

    void profileFromTemplateAndHolder() {
        const CardTemplate t = CardTemplate::load(shipped());
        QByteArray json = holderJson();
        const HolderFile h = HolderFile::fromJson(json);
        const cdos::CardProfile p = IssuanceService::buildProfile(t, h, QStringLiteral("86100100000000000007"));
        QCOMPARE(cdos::toHex(p.info.cardNumber), std::string("86100100000000000007"));
        QCOMPARE(p.users.size(), std::size_t(3));
        QCOMPARE(p.users[1].profile.name, std::string("李娜")); // the holder's name wins
        QCOMPARE(p.users[1].profile.permissions, t.users[1].permissions);
        QCOMPARE(int(p.users[2].profile.maxRetries), 5);
        QCOMPARE(p.menu.size(), std::size_t(6));
        QCOMPARE(p.keys.size(), std::size_t(7));
        QVERIFY(cdos::validateProfile(p).empty());

        // A template user without a PIN, and an extra user without name and permissions.
        QByteArray partial = QByteArrayLiteral(
            R"({"holder": {"userNumber": "U1", "account": "A1", "name": "N"},
                "users": [{"number": 1, "pin": "1234"}, {"number": 7, "pin": "4321"}]})");
        const HolderFile h2 = HolderFile::fromJson(partial);
        try {
            IssuanceService::buildProfile(t, h2, QStringLiteral("86100100000000000007"));
            QFAIL("accepted");
        } catch (const IssuanceError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("user 2")), qPrintable(e.text));
            QVERIFY(e.text.contains(QStringLiteral("user 7 is not in the template")));
            QVERIFY(!e.text.contains(QStringLiteral("4321")));
        }
    }
};

QTEST_GUILESS_MAIN(TestCardTemplate)
#include "TestCardTemplate.moc"
