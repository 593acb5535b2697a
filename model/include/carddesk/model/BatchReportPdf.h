#pragma once
// A batch's report as a PDF in Chinese (docs/issuance.md "The batch view"): A4, the title 批量发卡报告, the batch
// (id, name, template, holder file and its SHA-256, operator, dates), its counts, then one table line per holder row
// with its state and card number, paginated with page numbers. The report is filed with the batch's paperwork, so
// its language is fixed (Chinese, English in small type) whatever the console's. Never a PIN: the journal has none.
//
// Needs a QGuiApplication (fonts; QT_QPA_PLATFORM=offscreen without a display) and a CJK font (fonts-noto-cjk).
#include "carddesk/model/BatchReport.h"

#include <QCoreApplication>
#include <QString>

namespace carddesk {

class BatchReportPdf {
    Q_DECLARE_TR_FUNCTIONS(BatchReportPdf)
public:
    // Writes `report` to `path` atomically (QSaveFile). Returns the error (translated), empty on success.
    static QString write(const BatchReport& report, const QString& path);
    // The same as PDF bytes; empty when it cannot be rendered.
    static QByteArray render(const BatchReport& report);
    // The Chinese words the PDF uses for a row's and a batch's state.
    static QString chineseState(const QString& state);
    static QString chineseBatchState(const QString& state);
};

} // namespace carddesk
