#pragma once
// The decoder pane under the trace: one exchange taken apart (command name, header, Lc/Le, data, SW and its
// meaning, duration, and whatever the answer holds), as a tree the technician can expand and copy from.
#include "carddesk/cardio/ApduTraceEntry.h"

#include <QWidget>

#include <optional>

class QTreeWidget;
class QLabel;

namespace carddesk {

class ApduDecodePane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApduDecodePane)
public:
    explicit ApduDecodePane(QWidget* parent = nullptr);

    // nullopt clears the pane. `reveal` shows clear secret bytes where the entry still holds them.
    void showEntry(const std::optional<ApduTraceEntry>& entry, bool reveal);

    QTreeWidget* tree() const { return m_tree; }

private:
    QLabel* m_title = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace carddesk
