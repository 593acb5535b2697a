#pragma once
// The e-purse tab: balance in yuan, online and offline counters, the decoded log as a table and the balance over
// the records as a chart (reconstructed backwards from the current balance), GET TRANSACTION PROVE of the last
// transaction with a clear "proved" / "not proved", export of the log to CSV and PDF, and — for desks and tests —
// a load or a purchase run as a terminal with the issuer's keys, after a confirmation. The card work is
// PurseService's (on the PC/SC owner thread); this view shows it.
#include "carddesk/model/PurseService.h"

#include <QWidget>

#include <functional>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

QT_BEGIN_NAMESPACE
class QChartView;
class QLineSeries;
QT_END_NAMESPACE

namespace carddesk {

class PurseLogModel;

class PurseView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PurseView)
public:
    explicit PurseView(PurseService* service, QWidget* parent = nullptr);

    // The card to show (empty reader or a card without a card number: nothing to show). Reads the purse.
    void setCard(const QString& reader, const QString& cardNumber);
    // Called before proving or transacting without issuer keys: shows the key store dialog; true when keys are
    // available afterwards.
    void setKeyProvider(std::function<bool()> provider) { m_keyProvider = std::move(provider); }

    const PurseState& state() const { return m_state; }
    PurseLogModel* model() const { return m_model; }
    QLineSeries* balanceSeries() const { return m_series; }

    // Write the log; return the reason in words, empty on success.
    QString exportCsv(const QString& path) const;
    QString exportPdf(const QString& path) const;

public slots:
    void refresh();
    void proveLast();
    void load();
    void purchase();

signals:
    void stateChanged();

private:
    void transact(PurseOperation operation);
    void showState();
    void updateChart();
    void updateButtons();
    // `detail` (the PC/SC code behind a card error) goes to the label's tool tip, never into its text.
    void showOutcome(QLabel* label, const QString& outcome, const QString& text, const QString& detail = {});
    void exportCsvInteractive();
    void exportPdfInteractive();

    PurseService* m_service;
    std::function<bool()> m_keyProvider;
    QString m_reader;
    QString m_cardNumber;
    PurseState m_state;
    quint64 m_generation = 0;

    QLabel* m_balance;
    QLabel* m_online;
    QLabel* m_offline;
    QLabel* m_asn;
    QLabel* m_aid;
    QLabel* m_status;
    QPushButton* m_refresh;
    QDoubleSpinBox* m_amount;
    QSpinBox* m_pinUser;
    QLineEdit* m_pin;
    QPushButton* m_load;
    QPushButton* m_purchase;
    QLabel* m_result;
    QPushButton* m_prove;
    QLabel* m_proof;
    QPushButton* m_exportCsv;
    QPushButton* m_exportPdf;
    PurseLogModel* m_model;
    QTableView* m_table;
    QChartView* m_chart;
    QLineSeries* m_series;
};

} // namespace carddesk
