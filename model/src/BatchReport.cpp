#include "carddesk/model/BatchReport.h"

#include "carddesk/model/CsvField.h"

#include <QJsonArray>

namespace carddesk {

BatchReport::BatchReport(const Database& db, const QString& batchId, bool failedOnly) {
    const auto b = db.batch(batchId);
    if (!b)
        throw DatabaseError(tr("there is no batch %1").arg(batchId));
    m_batch = *b;
    m_counts = db.batchCounts(batchId);
    for (const JournalEntry& e : db.journal(batchId))
        if (!failedOnly || e.state == QLatin1String("failed"))
            m_rows << e;
}

QString BatchReport::stateText(const QString& state) {
    static const char* const kStates[][2] = {
        {"pending", QT_TR_NOOP("pending")},
        {"assigned", QT_TR_NOOP("card assigned")},
        {"personalising", QT_TR_NOOP("personalising")},
        {"verified", QT_TR_NOOP("verified")},
        {"done", QT_TR_NOOP("done")},
        {"failed", QT_TR_NOOP("failed")},
    };
    for (const auto& s : kStates)
        if (state == QLatin1String(s[0]))
            return tr(s[1]);
    return state;
}

QString BatchReport::batchStateText(const QString& state) {
    static const char* const kStates[][2] = {
        {"ready", QT_TR_NOOP("ready")},         {"running", QT_TR_NOOP("running")},   {"paused", QT_TR_NOOP("paused")},
        {"cancelled", QT_TR_NOOP("cancelled")}, {"finished", QT_TR_NOOP("finished")},
    };
    for (const auto& s : kStates)
        if (state == QLatin1String(s[0]))
            return tr(s[1]);
    return state;
}

QByteArray BatchReport::csv() const {
    QStringList lines;
    lines << QStringLiteral("batch,row,line,state,user_number,name,account,card_number,asn,chip_serial,reader,attempts,"
                            "error,updated_at");
    for (const JournalEntry& e : m_rows) {
        const QJsonObject h = e.holder.value(QLatin1String("holder")).toObject();
        QStringList f{e.batchId,
                      QString::number(e.row),
                      QString::number(e.holder.value(QLatin1String("line")).toInt()),
                      e.state,
                      h.value(QLatin1String("userNumber")).toString(),
                      h.value(QLatin1String("name")).toString(),
                      h.value(QLatin1String("account")).toString(),
                      e.cardNumber,
                      e.asn,
                      e.chipSerial,
                      e.reader,
                      QString::number(e.attempts),
                      e.error,
                      e.updatedAt.toString(Qt::ISODateWithMs)};
        for (QString& s : f)
            s = csvField(s);
        lines << f.join(QLatin1Char(','));
    }
    return QByteArray("\xEF\xBB\xBF") + lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

QJsonObject BatchReport::json() const {
    QJsonArray rows;
    for (const JournalEntry& e : m_rows)
        rows.append(e.toJson());
    QJsonObject o = m_batch.toJson();
    o[QStringLiteral("counts")] = QJsonObject{{QStringLiteral("total"), m_counts.total},
                                              {QStringLiteral("pending"), m_counts.pending},
                                              {QStringLiteral("inProgress"), m_counts.inProgress},
                                              {QStringLiteral("done"), m_counts.done},
                                              {QStringLiteral("failed"), m_counts.failed}};
    o[QStringLiteral("journal")] = rows;
    return o;
}

} // namespace carddesk
