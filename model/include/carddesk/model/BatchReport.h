#pragma once
// A batch's report (docs/batch-issuance.md): the batch, its counts and one line per holder row — state, card
// number, ASN, chip serial, reader, attempts, the last error. CSV (UTF-8 with BOM, so that a spreadsheet reads the
// Chinese names), JSON, and PDF (BatchReportPdf, Chinese first). Never a PIN: the database has none.
#include "carddesk/model/Database.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>

namespace carddesk {

class BatchReport {
    Q_DECLARE_TR_FUNCTIONS(BatchReport)
public:
    // Throws DatabaseError for an unknown batch.
    BatchReport(const Database& db, const QString& batchId, bool failedOnly = false);

    const BatchRecord& batch() const { return m_batch; }
    const BatchCounts& counts() const { return m_counts; }
    const QList<JournalEntry>& rows() const { return m_rows; }

    QByteArray csv() const;
    QJsonObject json() const;
    // The state as the operator reads it ("已完成" / "done").
    static QString stateText(const QString& state);
    static QString batchStateText(const QString& state);

private:
    BatchRecord m_batch;
    BatchCounts m_counts;
    QList<JournalEntry> m_rows;
};

} // namespace carddesk
