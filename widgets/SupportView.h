#pragma once
// The support tab (客服查询): a card's or a subscriber's transactions at the headend beside the card's own e-purse
// log, reconciled row by row (SupportService), with a coloured state per row, a summary line, a detail pane and
// export to CSV or JSON. The card looked up defaults to the card in the selected reader. The headend's URL and
// certificate file are remembered (QSettings); the operator credential the headend issued never is — it is typed for
// the session, or taken from CARDDESK_HEADEND_TOKEN. The lookup runs off the GUI thread, with a busy indicator.
#include "carddesk/model/SupportReport.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableView;
class QTextBrowser;

namespace carddesk {

class SupportService;
class SupportViewModel;

class SupportView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupportView)
public:
    explicit SupportView(SupportService* service, QWidget* parent = nullptr);

    // The card in the selected reader (empty card number: none, or not issued). Becomes the default lookup.
    void setCard(const QString& reader, const QString& cardNumber);
    // Called before a lookup without TAC keys; `quietly` false (the first time only) lets it open the key store
    // dialog, true only adopts a key store opened meanwhile. True when keys are there.
    void setKeyProvider(std::function<bool(bool quietly)> provider) { m_keyProvider = std::move(provider); }

    const SupportReport& report() const { return m_report; }
    SupportViewModel* model() const { return m_model; }
    bool isBusy() const;
    // Writes the current report (CSV, or JSON for *.json); the reason in words, empty on success.
    QString exportTo(const QString& path) const;

public slots:
    void lookUp();

signals:
    void reportChanged();

private:
    void showReport();
    void showDetail();
    void updateControls();
    void chooseCertificate();
    void exportInteractive();
    void saveSettings() const;

    SupportService* m_service;
    std::function<bool(bool)> m_keyProvider;
    bool m_askedForKeys = false;
    QString m_reader, m_readerCard;
    SupportReport m_report;
    bool m_haveReport = false;
    quint64 m_generation = 0;

    QRadioButton* m_cardMode;
    QRadioButton* m_subscriberMode;
    QLineEdit* m_cardEdit;
    QLineEdit* m_subscriberEdit;
    QLabel* m_readerLabel;
    QLineEdit* m_urlEdit;
    QLineEdit* m_certEdit;
    QPushButton* m_certBrowse;
    QLineEdit* m_tokenEdit;
    QLabel* m_tokenHint;
    QPushButton* m_lookUp;
    QPushButton* m_export;
    QProgressBar* m_busy;
    QLabel* m_status;
    QLabel* m_summary;
    SupportViewModel* m_model;
    QTableView* m_table;
    QTextBrowser* m_detail;
};

} // namespace carddesk
