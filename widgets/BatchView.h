#pragma once
// The batch issuance tab (批量发卡, docs/issuance.md "The batch view"): a holder file checked whole against the
// issuance view's template (every problem with its line and field) and recorded; the batches of this and other
// desks; a batch run on the readers ticked, with its progress, ETA, each reader's lane and each card's result; its
// report exported as CSV or PDF. The work is BatchService's — the same service carddesk-cli drives — and its card
// I/O is on the PC/SC owner thread; this view never shows a PIN.
#include <QElapsedTimer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;
class QTimer;

namespace carddesk {

class BatchJournalModel;
class ConsoleSession;
class IssuanceView;
struct BatchCounts;

class BatchView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchView)
public:
    // `templates` is the issuance view whose card template a new batch uses (one template choice per desk).
    BatchView(ConsoleSession& session, IssuanceView* templates, QWidget* parent = nullptr);

    // Opens the issuer keys when they are not (the key store dialog unless `quietly`); true when they are open.
    void setKeyProvider(std::function<bool(bool quietly)> provider) { m_keyProvider = std::move(provider); }

    // Checks the holder file; true when it has no problem (the problems table lists them otherwise).
    bool checkFile();
    // Records the checked file as a batch and selects it; returns the error in words, empty on success.
    QString recordBatch();
    // The batch selected in the list; selects one by id.
    QString selectedBatch() const;
    void selectBatch(const QString& id);
    // Starts (or resumes) the selected batch on the readers ticked; `holderFile` for a batch whose PINs come from
    // its file (else the view asks for it). Returns the error in words, empty when started.
    QString start(const QString& holderFile = {});
    // The selected batch's report; returns the error in words, empty on success.
    QString exportCsv(const QString& path);
    QString exportPdf(const QString& path);
    BatchJournalModel* journalModel() const { return m_journal; }
    QString statusText() const;

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildNewBatch();
    QWidget* buildBatches();
    QWidget* buildRun();
    void inputsChanged();
    void updateTemplate();
    void refreshReaders();
    void refreshLanes();
    void updateProgress();
    void updateButtons();
    void setStatus(const QString& text, bool problem = false);
    void pause();
    void cancel();
    void retryFailed();
    void exportAs(bool pdf);
    void stopped(const QString& batchId, const QString& state, const QString& message);

    ConsoleSession& m_session;
    IssuanceView* m_templates;
    std::function<bool(bool)> m_keyProvider;
    bool m_checkedOk = false;
    // The run's rate: cards done when it started and the time since (the ETA).
    QString m_runBatch;
    int m_doneAtStart = 0;
    QElapsedTimer m_runClock;

    QLineEdit* m_file;
    QPushButton* m_fileBrowse;
    QLabel* m_template;
    QPushButton* m_templateChoose;
    QLineEdit* m_name;
    QCheckBox* m_generate;
    QSpinBox* m_pinLength;
    QLineEdit* m_mailers;
    QPushButton* m_mailersBrowse;
    QPushButton* m_check;
    QPushButton* m_record;
    QLabel* m_checkResult;
    QTableWidget* m_problems;

    QTableWidget* m_batches;
    QListWidget* m_readers;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    QPushButton* m_retry;
    QPushButton* m_exportCsv;
    QPushButton* m_exportPdf;
    QProgressBar* m_progress;
    QLabel* m_eta;
    QTableWidget* m_lanes;
    QCheckBox* m_failedOnly;
    QTableView* m_results;
    BatchJournalModel* m_journal;
    QLabel* m_status;
    QTimer* m_timer;
    QTimer* m_soon; // coalesces the service's row signals into one refresh
};

} // namespace carddesk
