#pragma once
// The issuance tab: a card template, the holder's data, the card number (typed or allocated), a PIN per template
// user, the key store, and one "Issue card" button. The work itself is IssuanceService's (on the PC/SC owner
// thread); this view collects the input, shows the progress, and says clearly how it ended.
#include "ConsoleOptions.h"

#include "carddesk/cardio/CardSnapshot.h"
#include "carddesk/model/CardMailer.h"
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/IssuanceService.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace carddesk {

class UserPinTable;

class IssuanceView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IssuanceView)
public:
    IssuanceView(IssuanceService* service, const ConsoleOptions& options, QWidget* parent = nullptr);

    // The card the issuance would go to; nullopt snapshot while it is being read.
    void setCard(const QString& reader, const std::optional<CardSnapshot>& snapshot);
    // Why issuing is impossible whatever the card ("the database could not be opened: …"); "" when it is possible.
    void setBlockingProblem(const QString& problem);

    // Loads a template; on failure the view says why and keeps no template.
    bool loadTemplate(const QString& path);
    const std::optional<CardTemplate>& cardTemplate() const { return m_template; }

    // Shows the key store dialog; returns true when issuer keys are available afterwards.
    bool openKeyStore();
    bool isBusy() const { return m_busy; }
    void focusFirstInput();

public slots:
    void issue();
    void chooseTemplate();

signals:
    void busyChanged(bool busy);
    void templateChanged();
    void issuanceFinished(const carddesk::IssuanceResult& result);

private:
    void onProgress(int step, int total, const QString& description);
    void onFinished(const IssuanceResult& result);
    void setBusy(bool busy);
    // `detail` (the PC/SC code behind a card error) goes to the tool tip, never into the text.
    void showOutcome(bool success, const QString& text, const QString& detail = {});
    void updateKeyStoreState();
    void updateIssueState();
    QString cardProblem() const;
    // The template's conditional-access part: service keys, then per user the rights with the dates a card
    // issued on `issuedOn` gets.
    QString entitlementsText(const QDate& issuedOn) const;
    // Generated PINs (issue 14): the PIN fields give way to a PIN mailer written to a folder the operator chooses.
    void generatePinsToggled(bool on);
    void updatePinFields();
    // The holder's PINs: generated (and the mailer prepared in `request`) or as typed. Problems are appended.
    void fillPins(HolderFile& holder, IssuanceRequest& request, QStringList& problems);

    IssuanceService* m_service;
    ConsoleOptions m_options;
    std::optional<CardTemplate> m_template;
    QString m_reader;
    std::optional<CardSnapshot> m_snapshot;
    QString m_blockingProblem;
    bool m_busy = false;
    QString m_lastIssuedCard; // hex; the card the last success was about
    QString m_outcomeReader;  // the reader and chip the shown outcome is about
    QByteArray m_outcomeChip;

    QLineEdit* m_templatePath;
    QLabel* m_templateSummary;
    QLabel* m_contents;
    QLabel* m_entitlements;
    QLabel* m_keyStoreState;
    QPushButton* m_keyStoreButton;
    QLineEdit* m_userNumber;
    QLineEdit* m_account;
    QLineEdit* m_name;
    QLineEdit* m_cardNumber;
    QCheckBox* m_allocate;
    UserPinTable* m_pins;
    QCheckBox* m_generatePins;
    QLineEdit* m_mailerFolder;
    QPushButton* m_mailerBrowse;
    QPlainTextEdit* m_address;
    QWidget* m_mailerFields;
    std::optional<CardMailer> m_mailer; // the issuance under way writes a PIN mailer
    QPushButton* m_issue;
    QLabel* m_hint;
    QProgressBar* m_progress;
    QLabel* m_step;
    QLabel* m_result;
};

} // namespace carddesk
