#include "ApduDecodePane.h"

#include "carddesk/cardio/ApduDecoder.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace carddesk {

namespace {

void addField(QTreeWidgetItem* parent, QTreeWidget* tree, const DecodedField& field) {
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, field.label);
    item->setText(1, field.value);
    item->setToolTip(1, field.value);
    for (const DecodedField& child : field.children)
        addField(item, tree, child);
}

} // namespace

ApduDecodePane::ApduDecodePane(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("apduDecodePane"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("apduDecodeTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("apduDecodeTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    // Hex is easier to compare in a fixed-pitch font; labels stay in the UI font.
    m_tree->setAccessibleName(tr("Decoded exchange"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 1);
    showEntry(std::nullopt, false);
}

void ApduDecodePane::showEntry(const std::optional<ApduTraceEntry>& entry, bool reveal) {
    m_tree->clear();
    if (!entry) {
        m_title->setText(tr("Select an exchange in the trace to decode it."));
        return;
    }
    m_title->setText(
        tr("#%1  %2  —  %3 %4").arg(entry->sequence).arg(entry->commandName, entry->swText(), entry->swMeaning()));
    for (const DecodedField& field : ApduDecoder::decode(*entry, reveal))
        addField(nullptr, m_tree, field);
    m_tree->expandToDepth(0);
}

} // namespace carddesk
