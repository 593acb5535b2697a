#pragma once
// The application manager tab (issue 5): the card's application registry as a table, a picture of its NVM, and
// pushing install messages (unit + certificate files from carddesk-appcert / carddesk-cli app-package) and delete
// certificates, with a progress bar over the blocks and refusals that name the failed check in words. The card work
// is AppService's (on the PC/SC owner thread); this view shows it.
#include "carddesk/model/AppService.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace carddesk {

class NvmMapWidget;

class AppManagerView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppManagerView)
public:
    explicit AppManagerView(AppService* service, QWidget* parent = nullptr);

    // The card to show (empty card number: nothing to show). Reads the registry.
    void setCard(const QString& reader, const QString& cardNumber);
    const AppCardState& state() const { return m_state; }
    NvmMapWidget* nvmMap() const { return m_map; }
    // The last install / delete and how many finished (tests and scripts wait on the count).
    const AppOperationResult& lastResult() const { return m_last; }
    int finishedOperations() const { return m_finished; }

public slots:
    void refresh();
    // Push the files named in the package / certificate fields.
    void install();
    void remove();

signals:
    void stateChanged();
    void operationFinished(const carddesk::AppOperationResult& result);

private:
    void showState();
    void updateButtons();
    void showResult(const AppOperationResult& r, const QString& done);
    QString browse(QLineEdit* edit, const QString& filter);

    AppService* m_service;
    QString m_reader;
    QString m_cardNumber;
    AppCardState m_state;
    quint64 m_generation = 0;
    AppOperationResult m_last;
    int m_finished = 0;

    QLabel* m_summary;
    QPushButton* m_refresh;
    QTableWidget* m_table;
    NvmMapWidget* m_map;
    QLineEdit* m_package;
    QLineEdit* m_installCert;
    QPushButton* m_install;
    QLineEdit* m_deleteCert;
    QPushButton* m_delete;
    QProgressBar* m_progress;
    QLabel* m_result;
};

} // namespace carddesk
