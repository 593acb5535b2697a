// Batch holder files (docs/batch-issuance.md): CSV with English or Chinese headers, a BOM or none, quoted fields
// with commas and line breaks; JSON; every problem of a file reported with its line and field, before anything is
// issued; PINs in the file or generated, never both; nothing of a PIN in a problem or in what the database keeps.
#include <carddesk/model/BatchFile.h>

#include <QJsonDocument>
#include <QtTest>

using namespace carddesk;

namespace {

CardTemplate standardTemplate() {
    return CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"));
}

BatchFile parse(const QByteArray& text, bool generated = false, BatchFile::Format f = BatchFile::Format::Csv) {
    QByteArray data = text;
    return BatchFile::parse(data, f, standardTemplate(), generated);
}

QList<BatchProblem> problemsOf(const QByteArray& text, bool generated = false,
                               BatchFile::Format f = BatchFile::Format::Csv) {
    try {
        (void)parse(text, generated, f);
    } catch (const BatchFileError& e) {
        return e.problems;
    }
    return {};
}

bool hasProblem(const QList<BatchProblem>& list, int line, const QString& field, const QString& words) {
    for (const auto& p : list)
        if (p.line == line && (field.isEmpty() || p.field == field) && p.message.contains(words))
            return true;
    return false;
}

QString dump(const QList<BatchProblem>& list) {
    QStringList out;
    for (const auto& p : list)
        out << p.text();
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestBatchFile : public QObject {
    Q_OBJECT
private slots:
    void csvEnglishHeaders() {
        const BatchFile f = parse("user_number,account,name,address1,postcode,pin1,pin2,pin3\n"
                                  "U1,6222000000000001,Zhang Wei,\"1 Road, Apt 2\",100000,314159,271828,161803\r\n"
                                  "\n"
                                  "U2,6222000000000002,Li Na,2 Road,100001,141421,173205,223606\n");
        QCOMPARE(f.holders.size(), 2);
        QVERIFY(f.hasPins);
        QCOMPARE(f.holders[0].line, 2);
        QCOMPARE(f.holders[1].line, 4); // the blank line counts
        QCOMPARE(f.holders[0].address, QStringList{QStringLiteral("1 Road, Apt 2")});
        QCOMPARE(f.holders[0].holder.users.size(), 3);
        QCOMPARE(f.holders[0].holder.users[1].pin, std::string("271828"));
        QCOMPARE(f.sha256.size(), 64);
    }

    void csvChineseHeadersWithBom() {
        const BatchFile f =
            parse("\xEF\xBB\xBF用户编号,账号,姓名,地址1,地址2,邮编,密码1,密码2,密码3,用户2姓名\n"
                  "U1,6222,张伟,北京市海淀区,\"中关村大街1号\n3单元\",100080,314159,271828,161803,张小伟\n");
        QCOMPARE(f.holders.size(), 1);
        QCOMPARE(f.holders[0].holder.name, QStringLiteral("张伟"));
        QCOMPARE(f.holders[0].address.size(), 2);
        QCOMPARE(f.holders[0].address[1], QStringLiteral("中关村大街1号\n3单元"));
        QCOMPARE(f.holders[0].holder.users[1].name, QStringLiteral("张小伟"));
    }

    void everyProblemWithItsLine() {
        const auto p = problemsOf("user_number,account,name,pin1,pin2,pin3,colour\n"
                                  "U1,6,A,314159,271828,161803,red\n");
        QVERIFY2(hasProblem(p, 1, QStringLiteral("colour"), QStringLiteral("unknown column")), qPrintable(dump(p)));

        const auto q = problemsOf("user_number,account,name,pin1,pin2,pin3,card_number\n"
                                  "U1,6,A,314159,271828,161803,86100100000000000099\n"
                                  "U2,6,B,12,271828,161803,\n"                     // short PIN
                                  "U3,6,C,314159,271828\n"                         // a field missing
                                  "U1,6,D,314159,271828,161803,\n"                 // subscriber twice
                                  "U5,6,E,314159,,161803,86100100000000000099\n"); // PIN missing, number twice
        QVERIFY2(hasProblem(q, 3, {}, QStringLiteral("4 to 12 digits")), qPrintable(dump(q)));
        QVERIFY2(hasProblem(q, 4, {}, QStringLiteral("5 fields where the header has 7")), qPrintable(dump(q)));
        QVERIFY2(hasProblem(q, 5, QStringLiteral("user_number"), QStringLiteral("also on line 2")),
                 qPrintable(dump(q)));
        QVERIFY2(hasProblem(q, 6, QStringLiteral("pin2"), QStringLiteral("needs a PIN")), qPrintable(dump(q)));
        QVERIFY2(hasProblem(q, 6, QStringLiteral("card_number"), QStringLiteral("also on line 2")),
                 qPrintable(dump(q)));
        for (const auto& problem : q)
            QVERIFY2(!problem.text().contains(QLatin1String("314159")), qPrintable(problem.text()));
        QVERIFY(q.first().line <= q.last().line); // in file order
    }

    void malformedFiles() {
        QVERIFY(hasProblem(problemsOf(""), 0, {}, QStringLiteral("empty")));
        QVERIFY(hasProblem(problemsOf("user_number,account,name\n"), 0, {}, QStringLiteral("no holder")));
        QVERIFY(hasProblem(problemsOf("user_number,account,name\nU1,6,\"A\n"), 2, {}, QStringLiteral("not closed")));
        QVERIFY(
            hasProblem(problemsOf("user_number,account,name\nU1,6,\"A\"B\n"), 2, {}, QStringLiteral("after a quoted")));
        QVERIFY(hasProblem(problemsOf("user_number,name\nU1,\xff\xfe\n"), 0, {}, QStringLiteral("UTF-8")));
        QVERIFY(
            hasProblem(problemsOf("name,pin1\n1,2\n"), 1, QStringLiteral("user_number"), QStringLiteral("required")));
        QVERIFY(hasProblem(problemsOf("user_number,name,name\nU1,A,B\n"), 1, QStringLiteral("name"),
                           QStringLiteral("twice")));
        QVERIFY(hasProblem(problemsOf("user_number,account,name,pin4\nU1,6,A,1234\n"), 2, QStringLiteral("pin4"),
                           QStringLiteral("not in the template")));
        QVERIFY(hasProblem(problemsOf("user_number,name,pin9\nU1,A,1234\n"), 1, QStringLiteral("pin9"),
                           QStringLiteral("unknown column")));
        QVERIFY(hasProblem(problemsOf("{\"holders\": 3}", false, BatchFile::Format::Json), 0, QStringLiteral("holders"),
                           QStringLiteral("list")));
        QVERIFY(hasProblem(problemsOf("{\"holders\": [", false, BatchFile::Format::Json), 0, {},
                           QStringLiteral("not valid JSON")));
    }

    void generatedPinsRefuseFilePins() {
        const auto p = problemsOf("user_number,account,name,pin1\nU1,6,A,314159\n", true);
        QVERIFY2(hasProblem(p, 2, QStringLiteral("pin1"), QStringLiteral("must not carry PINs")), qPrintable(dump(p)));
        const BatchFile f = parse("user_number,account,name,address1\nU1,6,A,Road 1\nU2,7,B,Road 2\n", true);
        QCOMPARE(f.holders.size(), 2);
        QVERIFY(!f.hasPins);
        QCOMPARE(f.holders[1].holder.users.size(), 3); // every template user gets a generated PIN
        QVERIFY(f.holders[1].holder.users[0].pin.empty());
    }

    void json() {
        const BatchFile f = parse(R"({"holders": [
            {"holder": {"userNumber": "U1", "account": "6222", "name": "王芳"}, "address": ["北京市"],
             "users": [{"number": 1, "pin": "314159"}, {"number": 2, "pin": "271828"}, {"number": 3, "pin": "161803"}]},
            {"holder": {"userNumber": "U2", "account": "6223", "name": "李雷"},
             "users": [{"number": 1, "pin": "141421"}, {"number": 2, "pin": "173205"}, {"number": 3, "pin": "223606"}]}
            ]})",
                                  false, BatchFile::Format::Json);
        QCOMPARE(f.holders.size(), 2);
        QCOMPARE(f.holders[0].address, QStringList{QStringLiteral("北京市")});
        const auto p = problemsOf(
            R"({"holders": [{"holder": {"userNumber": "U1", "account": "6", "name": "A"}, "users": []}, 7]})", false,
            BatchFile::Format::Json);
        QVERIFY2(hasProblem(p, 1, {}, QStringLiteral("PIN")), qPrintable(dump(p)));
        QVERIFY2(hasProblem(p, 2, {}, QStringLiteral("object")), qPrintable(dump(p)));
    }

    // What the database keeps of a row (to resume) has no PIN, and reads back the same.
    void rowWithoutPins() {
        const BatchFile f = parse("user_number,account,name,address1,postcode,pin1,pin2,pin3,user2_name\n"
                                  "U1,6222,张伟,Road 1,100000,314159,271828,161803,张小伟\n");
        const QJsonObject o = f.holders[0].toJson();
        const QByteArray text = QJsonDocument(o).toJson();
        QVERIFY(!text.contains("314159"));
        QVERIFY(!text.contains("271828"));
        const BatchHolder back = BatchHolder::fromJson(o);
        QCOMPARE(back.holder.name, QStringLiteral("张伟"));
        QCOMPARE(back.line, 2);
        QCOMPARE(back.postcode, QStringLiteral("100000"));
        QCOMPARE(back.holder.users.size(), 3);
        QCOMPARE(back.holder.users[1].name, QStringLiteral("张小伟"));
        QVERIFY(back.holder.users[0].pin.empty());
    }
};

QTEST_GUILESS_MAIN(TestBatchFile)
#include "TestBatchFile.moc"
