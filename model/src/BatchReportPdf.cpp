#include "carddesk/model/BatchReportPdf.h"

#include <QBuffer>
#include <QFont>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTimeZone>

#include <array>
#include <cmath>

namespace carddesk {

namespace {

constexpr int kDpi = 150;
constexpr qreal kMarginMm = 15;

QFont sansFont(qreal points, bool bold = false) {
    QFont f;
    // Latin from DejaVu Sans, Chinese from Noto Sans CJK: the CJK font's digits lose their text in the PDF
    // (pdftotext, a search, a copy and paste found no card number or batch id).
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC"),
                   QStringLiteral("WenQuanYi Zen Hei"), QStringLiteral("sans")});
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

QFont monoFont(qreal points) {
    QFont f;
    f.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Noto Sans Mono CJK SC")});
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(points);
    return f;
}

QString localTime(const QDateTime& t) {
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("—");
}

struct Column {
    const char* chinese;
    const char* english;
    qreal share; // of the table's width
    bool mono;
};

// Row, name, user number, state, card number, reader, attempts, last error.
constexpr std::array<Column, 8> kColumns{{{"行号", "Row", 0.06, false},
                                          {"姓名", "Name", 0.13, false},
                                          {"用户编号", "User no.", 0.10, false},
                                          {"状态", "State", 0.09, false},
                                          {"卡号", "Card number", 0.23, true},
                                          {"读卡器", "Reader", 0.17, false},
                                          {"尝试", "Tries", 0.06, false},
                                          {"错误", "Error", 0.16, false}}};

QStringList cells(const JournalEntry& e) {
    const QJsonObject h = e.holder.value(QLatin1String("holder")).toObject();
    return {QString::number(e.row),
            h.value(QLatin1String("name")).toString(),
            h.value(QLatin1String("userNumber")).toString(),
            BatchReportPdf::chineseState(e.state),
            e.cardNumber,
            e.reader,
            QString::number(e.attempts),
            e.error};
}

class Renderer {
public:
    Renderer(QPainter& p, const BatchReport& r) : m_p(p), m_r(r) {
        const QRect page = p.viewport();
        m_margin = kMarginMm / 25.4 * kDpi;
        m_left = m_margin;
        m_width = page.width() - 2 * m_margin;
        m_bottom = page.height() - m_margin * 1.6; // room for the page number
        m_pageHeight = page.height();
        m_rowHeight = QFontMetricsF(sansFont(8), p.device()).height() * 1.45;
    }

    void run() {
        qreal y = header();
        // The pages counted with the same steps as drawn below (page numbers say "of N").
        const qreal headerHeight = m_rowHeight * 1.6;
        qreal probe = y + headerHeight;
        for (qsizetype i = 0; i < m_r.rows().size(); ++i) {
            if (probe + m_rowHeight > m_bottom) {
                ++m_pages;
                probe = m_margin + headerHeight;
            }
            probe += m_rowHeight;
        }
        y = tableHeader(y);
        int page = 1;
        for (qsizetype i = 0; i < m_r.rows().size(); ++i) {
            if (y + m_rowHeight > m_bottom) {
                footer(page++);
                static_cast<QPdfWriter*>(m_p.device())->newPage();
                y = tableHeader(m_margin);
            }
            y = tableRow(y, cells(m_r.rows()[i]), i % 2 == 1);
        }
        footer(page);
    }

private:
    qreal text(qreal y, const QFont& font, const QString& s, qreal x = -1, qreal width = -1, qreal height = -1) {
        m_p.setFont(font);
        const QFontMetricsF fm(font, m_p.device());
        const qreal left = x < 0 ? m_left : x;
        const qreal w = width < 0 ? m_width - (left - m_left) : width;
        const qreal h = height < 0 ? fm.height() : height;
        m_p.drawText(QRectF(left, y, w, h), Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(s, Qt::ElideRight, w));
        return y + h;
    }

    qreal header() {
        m_p.setPen(Qt::black);
        qreal y = m_margin;
        y = text(y, sansFont(18, true), QStringLiteral("批量发卡报告"));
        y = text(y, sansFont(9), QStringLiteral("Batch issuance report")) + m_rowHeight * 0.5;
        const BatchRecord& b = m_r.batch();
        const QList<std::pair<QString, QString>> fields{
            {QStringLiteral("批次编号 Batch"), b.id},
            {QStringLiteral("名称 Name"), b.name},
            {QStringLiteral("卡模板 Template"), b.templateName},
            {QStringLiteral("持卡人文件 File"), b.sourceName},
            {QStringLiteral("SHA-256"), b.sourceSha256},
            {QStringLiteral("操作员 Operator"), b.createdBy},
            {QStringLiteral("创建时间 Created"), localTime(b.createdAt)},
            {QStringLiteral("完成时间 Finished"), localTime(b.finishedAt)},
            {QStringLiteral("批次状态 State"), BatchReportPdf::chineseBatchState(b.state)},
            {QStringLiteral("密码 PINs"), b.generatedPins
                                              ? QStringLiteral("系统生成，密码函寄送 (generated, PIN mailers)")
                                              : QStringLiteral("来自持卡人文件 (from the holder file)")},
            {QStringLiteral("报告时间 Printed"), localTime(QDateTime::currentDateTimeUtc())},
        };
        const qreal labelWidth = m_width * 0.22;
        for (const auto& [label, value] : fields) {
            const QFont valueFont = label == QLatin1String("SHA-256") ? monoFont(8) : sansFont(9);
            // Label and value share one line whatever their fonts' heights.
            const qreal h = qMax(QFontMetricsF(sansFont(9, true), m_p.device()).height(),
                                 QFontMetricsF(valueFont, m_p.device()).height());
            text(y, sansFont(9, true), label, m_left, labelWidth, h);
            text(y, valueFont, value, m_left + labelWidth, -1, h);
            y += h;
        }
        y += m_rowHeight * 0.5;
        const BatchCounts& c = m_r.counts();
        y = text(y, sansFont(10, true),
                 QStringLiteral("共 %1 行：已完成 %2，失败 %3，待发卡 %4，进行中 %5")
                     .arg(c.total)
                     .arg(c.done)
                     .arg(c.failed)
                     .arg(c.pending)
                     .arg(c.inProgress));
        y = text(y, sansFont(8),
                 QStringLiteral("%1 rows: %2 done, %3 failed, %4 pending, %5 in progress")
                     .arg(c.total)
                     .arg(c.done)
                     .arg(c.failed)
                     .arg(c.pending)
                     .arg(c.inProgress));
        return y + m_rowHeight * 0.6;
    }

    qreal tableHeader(qreal y) {
        m_p.fillRect(QRectF(m_left, y, m_width, m_rowHeight * 1.6), QColor(0xdd, 0xe4, 0xee));
        qreal x = m_left;
        for (const Column& c : kColumns) {
            const qreal w = m_width * c.share;
            text(y, sansFont(8, true), QString::fromUtf8(c.chinese), x + 4, w - 8);
            text(y + m_rowHeight * 0.75, sansFont(6), QString::fromUtf8(c.english), x + 4, w - 8);
            x += w;
        }
        return y + m_rowHeight * 1.6;
    }

    qreal tableRow(qreal y, const QStringList& values, bool shaded) {
        if (shaded)
            m_p.fillRect(QRectF(m_left, y, m_width, m_rowHeight), QColor(0xf3, 0xf5, 0xf8));
        qreal x = m_left;
        for (std::size_t i = 0; i < kColumns.size(); ++i) {
            const qreal w = m_width * kColumns[i].share;
            const QString& v = values[static_cast<qsizetype>(i)];
            m_p.setPen(i == 3 && v == BatchReportPdf::chineseState(QStringLiteral("failed")) ? QColor(0xb0, 0x20, 0x20)
                                                                                             : QColor(Qt::black));
            m_p.setFont(kColumns[i].mono ? monoFont(7.5) : sansFont(8));
            const QFontMetricsF fm(m_p.font(), m_p.device());
            m_p.drawText(QRectF(x + 4, y, w - 8, m_rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(v, Qt::ElideRight, w - 8));
            x += w;
        }
        m_p.setPen(Qt::black);
        return y + m_rowHeight;
    }

    void footer(int page) {
        m_p.setPen(QColor(0x55, 0x55, 0x55));
        text(m_pageHeight - m_margin * 1.2, sansFont(8),
             QStringLiteral("%1 · 第 %2 页，共 %3 页 (page %2 of %3)").arg(m_r.batch().id).arg(page).arg(m_pages));
        m_p.setPen(Qt::black);
    }

    QPainter& m_p;
    const BatchReport& m_r;
    qreal m_margin = 0, m_left = 0, m_width = 0, m_bottom = 0, m_pageHeight = 0, m_rowHeight = 0;
    int m_pages = 1;
};

} // namespace

QString BatchReportPdf::chineseState(const QString& state) {
    static const char* const kStates[][2] = {
        {"pending", "待发卡"},  {"assigned", "已分配卡号"}, {"personalising", "个人化中"},
        {"verified", "已校验"}, {"done", "已完成"},         {"failed", "失败"}};
    for (const auto& s : kStates)
        if (state == QLatin1String(s[0]))
            return QString::fromUtf8(s[1]);
    return state;
}

QString BatchReportPdf::chineseBatchState(const QString& state) {
    static const char* const kStates[][2] = {{"ready", "就绪"},
                                             {"running", "运行中"},
                                             {"paused", "已暂停"},
                                             {"cancelled", "已取消"},
                                             {"finished", "已结束"}};
    for (const auto& s : kStates)
        if (state == QLatin1String(s[0]))
            return QString::fromUtf8(s[1]);
    return state;
}

QByteArray BatchReportPdf::render(const BatchReport& report) {
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return {};
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
    writer.setCreator(QStringLiteral("CardDesk"));
    writer.setTitle(QStringLiteral("批量发卡报告 %1").arg(report.batch().id));
    QPainter painter;
    if (!painter.begin(&writer))
        return {};
    painter.setRenderHint(QPainter::Antialiasing);
    Renderer(painter, report).run();
    if (!painter.end())
        return {};
    buffer.close();
    return pdf;
}

QString BatchReportPdf::write(const BatchReport& report, const QString& path) {
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return tr("%1: a PDF report needs a QGuiApplication").arg(path);
    const QByteArray pdf = render(report);
    if (pdf.isEmpty())
        return tr("%1: cannot render the PDF").arg(path);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(pdf) != pdf.size() || !out.commit())
        return tr("cannot write %1: %2").arg(path, out.errorString());
    return {};
}

} // namespace carddesk
