#pragma once
// The live APDU trace (bottom dock): a filterable table over the trace model, a decoder pane for the selected
// exchange, Save… (redacted), a deliberate and recorded "Reveal secrets" toggle, and Clear.
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;
class QLabel;

namespace carddesk {

class ApduDecodePane;
class ApduTraceFilterModel;
class ApduTraceModel;
class TraceLog;

class TracePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TracePanel)
public:
    // `operatorName` is who the audit table records when secrets are revealed.
    TracePanel(TraceLog* log, QString operatorName, QWidget* parent = nullptr);

    ApduTraceModel* model() const { return m_model; }
    ApduTraceFilterModel* filterModel() const { return m_filter; }
    QTableView* view() const { return m_view; }

    // Writes the trace to `path` (.json: JSON lines, otherwise text); returns the error in words, "" on success.
    QString saveTo(const QString& path);
    // Who turns reveal on and off instead of the panel (the main window: dual control through the console session).
    // The button follows the trace log whatever the handler did.
    void setRevealHandler(std::function<void(bool reveal)> handler) { m_revealHandler = std::move(handler); }

public slots:
    // Asks for a file and writes the trace (the File menu's "Save APDU trace…" too).
    void save();

private:
    void onRevealToggled(bool on);
    void onRowsInserted();
    void updateDecodePane();
    void updateCount();

    TraceLog* m_log;
    QString m_operator;
    ApduTraceModel* m_model;
    ApduTraceFilterModel* m_filter;
    QLineEdit* m_filterEdit;
    QComboBox* m_swCombo;
    QPushButton* m_save;
    QPushButton* m_reveal;
    QPushButton* m_clear;
    QCheckBox* m_follow;
    QLabel* m_count;
    QTableView* m_view;
    ApduDecodePane* m_decode;
    std::function<void(bool)> m_revealHandler;
};

} // namespace carddesk
