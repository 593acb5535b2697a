// The purse view's exports (part of PurseView): the decoded log as CSV and as a PDF report.
#include "PurseView.h"
#include <carddesk/cardio/HexText.h>
#include <carddesk/model/CsvField.h>

#include "carddesk/model/PurseLogModel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtMath>

namespace carddesk {

QString PurseView::exportCsv(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("cannot write %1: %2").arg(path, file.errorString());
    // A byte order mark so that spreadsheet programs read the Chinese type names as UTF-8.
    QByteArray out("\xEF\xBB\xBF");
    const QStringList header{
        QStringLiteral("record"),     QStringLiteral("type"),        QStringLiteral("type_name"),
        QStringLiteral("amount_fen"), QStringLiteral("amount_yuan"), QStringLiteral("balance_after_yuan"),
        QStringLiteral("terminal"),   QStringLiteral("date_time"),   QStringLiteral("counter")};
    out += header.join(QLatin1Char(',')).toUtf8() + "\r\n";
    for (const PurseLogEntry& e : m_model->entries()) {
        const int dir = PurseLogEntry::direction(e.type);
        const QStringList row{QString::number(e.record),
                              QStringLiteral("%1").arg(e.type, 2, 16, QLatin1Char('0')),
                              csvField(PurseLogEntry::typeName(e.type)),
                              QString::number(e.amount),
                              QString::number(dir * double(e.amount) / 100.0, 'f', 2),
                              e.balanceAfter < 0 ? QString() : QString::number(double(e.balanceAfter) / 100.0, 'f', 2),
                              QString::fromLatin1(e.terminal.toHex().toUpper()),
                              e.dateTime,
                              QString::number(e.counter)};
        out += row.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    file.write(out);
    if (!file.commit())
        return tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString PurseView::exportPdf(const QString& path) const {
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly))
        return tr("cannot write %1: %2").arg(path, probe.errorString());
    probe.close();
    const QLocale locale;
    QString html = QStringLiteral("<h2>%1</h2><p>%2</p><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr>")
                       .arg(tr("E-purse log").toHtmlEscaped(),
                            tr("Card %1 · ASN %2 · balance %3 · exported %4")
                                .arg(m_state.cardNumber, m_state.asn, formatYuan(m_state.balance, locale),
                                     locale.toString(QDateTime::currentDateTime(), QLocale::ShortFormat))
                                .toHtmlEscaped());
    for (int c = 0; c < PurseLogModel::ColumnCount; ++c)
        html += QStringLiteral("<th>%1</th>").arg(m_model->headerData(c, Qt::Horizontal).toString().toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (int r = 0; r < m_model->rowCount(); ++r) {
        html += QStringLiteral("<tr>");
        for (int c = 0; c < PurseLogModel::ColumnCount; ++c)
            html += QStringLiteral("<td>%1</td>").arg(m_model->index(r, c).data().toString().toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    QPdfWriter writer(path);
    writer.setTitle(tr("E-purse log"));
    writer.setCreator(QStringLiteral("CardDesk"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(300);
    QTextDocument doc;
    // A CJK font first, so that the Chinese type names render (fonts-noto-cjk on the desks).
    QFont font(QStringLiteral("Noto Sans CJK SC"), 9);
    font.setFamilies({QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Noto Serif CJK SC"),
                      QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Sans Serif")});
    doc.setDefaultFont(font);
    doc.setHtml(html);
    doc.print(&writer);
    if (QFileInfo(path).size() == 0)
        return tr("cannot write %1").arg(path);
    return {};
}

void PurseView::exportCsvInteractive() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the purse log"),
                                     QStringLiteral("purse-%1.csv").arg(m_state.cardNumber), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const QString e = exportCsv(path); !e.isEmpty())
        QMessageBox::warning(this, tr("Export the purse log"), e);
}

void PurseView::exportPdfInteractive() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the purse log"),
                                     QStringLiteral("purse-%1.pdf").arg(m_state.cardNumber), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (const QString e = exportPdf(path); !e.isEmpty())
        QMessageBox::warning(this, tr("Export the purse log"), e);
}

} // namespace carddesk
