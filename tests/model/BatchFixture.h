#pragma once
// A recorded batch in a fresh SQLite database for the batch view's model tests: `rows` holders, row 1 done with a
// card number, row 2 failed, the rest pending.
#include <carddesk/model/BatchFile.h>
#include <carddesk/model/Database.h>

#include <QJsonArray>
#include <QTemporaryDir>

namespace cdtest {

inline const QString kBatchCard = QStringLiteral("D1560000010000000001");

inline QString recordBatch(carddesk::Database& db, int rows) {
    carddesk::BatchRecord b;
    b.id = QStringLiteral("B-TEST-0001");
    b.name = QStringLiteral("北京十二月");
    b.templateName = QStringLiteral("standard-tv");
    b.templateJson = "{}";
    b.sourceName = QStringLiteral("holders.csv");
    b.sourceSha256 = QStringLiteral("ab").repeated(32);
    b.generatedPins = true;
    b.mailerFolder = QStringLiteral("/nonexistent/mailers");
    b.desk = QStringLiteral("test:1");
    b.createdBy = QStringLiteral("admin");
    QList<QJsonObject> holders;
    for (int i = 1; i <= rows; ++i)
        holders << QJsonObject{
            {QStringLiteral("line"), i + 1},
            {QStringLiteral("holder"),
             QJsonObject{{QStringLiteral("userNumber"), QStringLiteral("U%1").arg(i, 4, 10, QLatin1Char('0'))},
                         {QStringLiteral("account"), QStringLiteral("6222%1").arg(i)},
                         {QStringLiteral("name"), QStringLiteral("持卡人%1").arg(i)}}},
            {QStringLiteral("users"), QJsonArray{QJsonObject{{QStringLiteral("number"), 1}}}}};
    carddesk::AuditRecord audit;
    audit.operators = QStringLiteral("admin");
    audit.action = QStringLiteral("batch create");
    db.createBatch(b, holders, audit);
    db.setJournal(b.id, 1, QStringLiteral("done"), {}, kBatchCard);
    db.setJournal(b.id, 2, QStringLiteral("failed"), QStringLiteral("the card did not answer"));
    return b.id;
}

} // namespace cdtest
