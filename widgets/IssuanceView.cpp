#include "IssuanceView.h"

#include "FormFields.h"

#include "KeyStoreDialog.h"
#include "LifeCycleDiagram.h"
#include "UserPinTable.h"

#include "carddesk/model/HolderFile.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace carddesk {

IssuanceView::IssuanceView(IssuanceService* service, const ConsoleOptions& options, QWidget* parent)
    : QWidget(parent), m_service(service), m_options(options) {
    setObjectName(QStringLiteral("issuanceView"));

    // Template.
    auto* templateBox = new QGroupBox(tr("Card template"), this);
    templateBox->setObjectName(QStringLiteral("templateBox"));
    m_templatePath = lineEdit(templateBox, "templatePathEdit", tr("Template file (JSON)"));
    m_templatePath->setClearButtonEnabled(false);
    connect(m_templatePath, &QLineEdit::editingFinished, this, [this] {
        if (!m_template || m_templatePath->text() != m_options.templatePath)
            loadTemplate(m_templatePath->text().trimmed());
    });
    auto* browse = new QPushButton(tr("&Browse…"), templateBox);
    browse->setObjectName(QStringLiteral("templateBrowseButton"));
    connect(browse, &QPushButton::clicked, this, &IssuanceView::chooseTemplate);
    m_templateSummary = new QLabel(templateBox);
    m_templateSummary->setObjectName(QStringLiteral("templateSummaryLabel"));
    m_templateSummary->setWordWrap(true);
    m_templateSummary->setTextFormat(Qt::PlainText);
    auto* templateRow = new QHBoxLayout;
    templateRow->addWidget(buddyLabel(tr("&Template:"), m_templatePath, templateBox));
    templateRow->addWidget(m_templatePath, 1);
    templateRow->addWidget(browse);
    auto* templateLayout = new QVBoxLayout(templateBox);
    templateLayout->addLayout(templateRow);
    templateLayout->addWidget(m_templateSummary);

    // Holder and card number.
    auto* holderBox = new QGroupBox(tr("Card holder"), this);
    holderBox->setObjectName(QStringLiteral("holderBox"));
    m_userNumber = lineEdit(holderBox, "holderUserNumberEdit", tr("e.g. U0001"));
    m_account = lineEdit(holderBox, "holderAccountEdit", tr("bank or subscriber account"));
    m_name = lineEdit(holderBox, "holderNameEdit", tr("e.g. 张伟"));
    m_cardNumber = lineEdit(holderBox, "cardNumberEdit", tr("20 hex digits"));
    m_cardNumber->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9A-Fa-f]{0,20}")), m_cardNumber));
    m_cardNumber->setMaxLength(20);
    m_allocate = new QCheckBox(tr("A&llocate the next free number"), holderBox);
    m_allocate->setObjectName(QStringLiteral("allocateCardNumberCheck"));
    m_allocate->setChecked(true);
    m_cardNumber->setEnabled(false);
    connect(m_allocate, &QCheckBox::toggled, this, [this](bool on) {
        m_cardNumber->setEnabled(!on && !m_busy);
        if (!on)
            m_cardNumber->setFocus();
    });
    auto* cardNumberRow = new QHBoxLayout;
    cardNumberRow->addWidget(m_cardNumber, 1);
    cardNumberRow->addWidget(m_allocate);
    auto* holderForm = new QFormLayout(holderBox);
    holderForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    holderForm->addRow(buddyLabel(tr("&User number:"), m_userNumber, holderBox), m_userNumber);
    holderForm->addRow(buddyLabel(tr("&Account:"), m_account, holderBox), m_account);
    holderForm->addRow(buddyLabel(tr("&Name:"), m_name, holderBox), m_name);
    holderForm->addRow(buddyLabel(tr("Card nu&mber:"), m_cardNumber, holderBox), cardNumberRow);

    // Key store.
    auto* keyBox = new QGroupBox(tr("Issuer keys"), this);
    keyBox->setObjectName(QStringLiteral("keyStoreBox"));
    m_keyStoreState = new QLabel(keyBox);
    m_keyStoreState->setObjectName(QStringLiteral("keyStoreStateLabel"));
    m_keyStoreState->setWordWrap(true);
    m_keyStoreButton = new QPushButton(tr("Open &key store…"), keyBox);
    m_keyStoreButton->setObjectName(QStringLiteral("keyStoreButton"));
    connect(m_keyStoreButton, &QPushButton::clicked, this, &IssuanceView::openKeyStore);
    auto* keyLayout = new QHBoxLayout(keyBox);
    keyLayout->addWidget(m_keyStoreState, 1);
    keyLayout->addWidget(m_keyStoreButton);

    // Users.
    auto* usersBox = new QGroupBox(tr("Users and PINs"), this);
    usersBox->setObjectName(QStringLiteral("usersBox"));
    m_pins = new UserPinTable(usersBox);
    auto* usersHint = new QLabel(tr("Every user of the template needs a PIN. PINs travel to the card "
                                    "encrypted and are never stored, shown or logged."),
                                 usersBox);
    usersHint->setWordWrap(true);
    usersHint->setForegroundRole(QPalette::PlaceholderText);
    m_generatePins = new QCheckBox(tr("&Generate PINs (PIN mailer)"), usersBox);
    m_generatePins->setObjectName(QStringLiteral("generatePinsCheck"));
    m_mailerFolder = lineEdit(usersBox, "mailerFolderEdit", tr("folder for the PIN mailer"));
    m_mailerBrowse = new QPushButton(tr("Browse…"), usersBox);
    m_mailerBrowse->setObjectName(QStringLiteral("mailerFolderBrowse"));
    m_address = new QPlainTextEdit(usersBox);
    m_address->setObjectName(QStringLiteral("mailerAddressEdit"));
    m_address->setPlaceholderText(tr("Postal address, one line each (1 to 5 lines)"));
    m_address->setTabChangesFocus(true);
    m_address->setFixedHeight(m_address->fontMetrics().lineSpacing() * 4 + 12);
    auto* mailerRow = new QHBoxLayout;
    mailerRow->addWidget(m_mailerFolder, 1);
    mailerRow->addWidget(m_mailerBrowse);
    // Shown only with generated PINs: the form keeps its height otherwise.
    m_mailerFields = new QWidget(usersBox);
    auto* mailerForm = new QFormLayout(m_mailerFields);
    mailerForm->setContentsMargins(0, 0, 0, 0);
    mailerForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    mailerForm->addRow(tr("Mailer folder:"), mailerRow);
    mailerForm->addRow(tr("Address:"), m_address);
    connect(m_generatePins, &QCheckBox::toggled, this, &IssuanceView::generatePinsToggled);
    connect(m_mailerBrowse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Folder for the PIN mailers"), m_mailerFolder->text());
        if (!dir.isEmpty())
            m_mailerFolder->setText(dir);
    });
    auto* usersLayout = new QVBoxLayout(usersBox);
    usersLayout->addWidget(m_pins);
    usersLayout->addWidget(m_generatePins);
    usersLayout->addWidget(m_mailerFields);
    usersLayout->addWidget(usersHint);
    generatePinsToggled(false);
    usersLayout->addStretch(1);

    // What else the template writes, so the operator sees the whole card before issuing it.
    auto* contentsBox = new QGroupBox(tr("Also written to the card"), this);
    contentsBox->setObjectName(QStringLiteral("templateContentsBox"));
    m_contents = new QLabel(contentsBox);
    m_contents->setObjectName(QStringLiteral("templateContentsLabel"));
    m_contents->setWordWrap(true);
    m_contents->setTextFormat(Qt::PlainText);
    m_contents->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_entitlements = new QLabel(contentsBox);
    m_entitlements->setObjectName(QStringLiteral("templateEntitlementsLabel"));
    m_entitlements->setWordWrap(true);
    m_entitlements->setTextFormat(Qt::PlainText);
    m_entitlements->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_entitlements->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* contentsLayout = new QVBoxLayout(contentsBox);
    contentsLayout->addWidget(m_contents);
    contentsLayout->addWidget(m_entitlements);
    auto* right = new QVBoxLayout;
    right->addWidget(usersBox);
    right->addWidget(contentsBox);
    right->addStretch(1);

    // Action, progress and outcome.
    m_issue = new QPushButton(tr("&Issue card"), this);
    m_issue->setObjectName(QStringLiteral("issueButton"));
    m_issue->setDefault(true);
    m_issue->setMinimumHeight(m_issue->sizeHint().height() + 8);
    m_issue->setMinimumWidth(m_issue->sizeHint().width() + 40);
    QFont bold = m_issue->font();
    bold.setBold(true);
    m_issue->setFont(bold);
    connect(m_issue, &QPushButton::clicked, this, &IssuanceView::issue);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("issueHintLabel"));
    m_hint->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("issueProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(QString()); // no "step 0 of 1" before anything ran
    m_step = new QLabel(this);
    m_step->setObjectName(QStringLiteral("issueStepLabel"));
    m_step->setTextFormat(Qt::PlainText);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("issueResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_result->setMargin(8);
    m_result->hide();
    // Progress appears with the first issuance; an empty bar before that only raises questions.
    m_progress->hide();
    m_step->hide();

    // The form scrolls as one piece: every box gets the height its text needs (a wrapped line is never cut), and
    // what appears below it — an error of any length — takes room from the scroll area, never from a box (issue 11:
    // a validation error squeezed "Also written to the card"). Columns are top-aligned, so nothing moves either.
    auto* form = new QWidget;
    form->setObjectName(QStringLiteral("issuanceForm"));
    auto* left = new QVBoxLayout;
    left->addWidget(templateBox);
    left->addWidget(holderBox);
    left->addWidget(keyBox);
    left->addStretch(1);
    auto* columns = new QHBoxLayout(form);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto* formScroll = new QScrollArea(this);
    formScroll->setObjectName(QStringLiteral("issuanceFormScroll"));
    formScroll->setWidget(form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setFocusPolicy(Qt::NoFocus); // the fields are what Tab walks
    formScroll->viewport()->setAutoFillBackground(false);
    form->setAutoFillBackground(false);

    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_issue);
    auto* progressColumn = new QVBoxLayout;
    progressColumn->addWidget(m_progress);
    progressColumn->addWidget(m_step);
    actionRow->addLayout(progressColumn, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(formScroll, 1);
    layout->addLayout(actionRow);
    layout->addWidget(m_hint);
    layout->addWidget(m_result);

    // Keyboard order follows the reading order: template, holder, number, key store, PINs, Issue.
    setTabOrder(m_templatePath, browse);
    setTabOrder(browse, m_userNumber);
    setTabOrder(m_userNumber, m_account);
    setTabOrder(m_account, m_name);
    setTabOrder(m_name, m_cardNumber);
    setTabOrder(m_cardNumber, m_allocate);
    setTabOrder(m_allocate, m_keyStoreButton);

    connect(m_service, &IssuanceService::progress, this, &IssuanceView::onProgress);
    connect(m_service, &IssuanceService::finished, this, &IssuanceView::onFinished);

    m_templatePath->setText(m_options.templatePath);
    if (!m_options.templatePath.isEmpty())
        loadTemplate(m_options.templatePath);
    else
        m_templateSummary->setText(tr("Choose a card template to issue cards."));
    updateKeyStoreState();
    updateIssueState();
}

void IssuanceView::focusFirstInput() {
    m_userNumber->setFocus(Qt::ShortcutFocusReason);
}

void IssuanceView::chooseTemplate() {
    const QString start = m_templatePath->text().isEmpty() ? QString() : QFileInfo(m_templatePath->text()).path();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a card template"), start,
                                                      tr("Card templates (*.json);;All files (*)"));
    if (!path.isEmpty())
        loadTemplate(path);
}

void IssuanceView::setCard(const QString& reader, const std::optional<CardSnapshot>& snapshot) {
    m_reader = reader;
    m_snapshot = snapshot;
    // An outcome is about one card in one reader: another reader's card, or another chip in this reader, does not
    // inherit it (issue 11). A card taken out keeps it until another one is shown.
    const bool otherChip = snapshot && !snapshot->chipSerial.isEmpty() && !m_outcomeChip.isEmpty() &&
                           snapshot->chipSerial != m_outcomeChip;
    if (!m_busy && !m_result->isHidden() && (reader != m_outcomeReader || otherChip)) {
        m_result->hide();
        m_progress->hide();
        m_step->hide();
    }
    updateIssueState();
}

void IssuanceView::setBlockingProblem(const QString& problem) {
    m_blockingProblem = problem;
    updateIssueState();
}

bool IssuanceView::openKeyStore() {
    KeyStoreDialog dialog(
        [this](const QString& path, const QString& passphrase) -> QString {
            try {
                m_service->openKeyStore(path, passphrase);
            } catch (const IssuanceError& e) {
                return e.text;
            }
            return {};
        },
        this);
    dialog.setPath(m_options.keyStorePath.isEmpty() ? KeyRing::defaultPath() : m_options.keyStorePath);
    dialog.setPassphrase(m_options.keyStorePassphrase);
    const bool opened = dialog.exec() == QDialog::Accepted;
    if (opened)
        m_options.keyStorePath = dialog.path();
    updateKeyStoreState();
    return opened && m_service->hasIssuerKeys();
}

void IssuanceView::updateKeyStoreState() {
    if (m_service->hasIssuerKeys()) {
        const QString name = QFileInfo(m_options.keyStorePath).fileName();
        m_keyStoreState->setText(name.isEmpty() ? tr("Issuer keys are available.")
                                                : tr("Key store %1 is open.").arg(name));
        m_keyStoreButton->setText(tr("Change &key store…"));
    } else {
        m_keyStoreState->setText(tr("No key store open yet; you are asked for it when you issue."));
        m_keyStoreButton->setText(tr("Open &key store…"));
    }
}

QString IssuanceView::cardProblem() const {
    if (!m_blockingProblem.isEmpty())
        return m_blockingProblem;
    if (!m_template)
        return tr("Choose a usable card template first.");
    if (m_reader.isEmpty())
        return tr("Choose a reader and insert a blank card.");
    if (!m_snapshot)
        return tr("Reading the card…");
    if (!m_snapshot->isCdos)
        return tr("The card in %1 is not a CardDesk card; it cannot be issued here.").arg(m_reader);
    if (m_snapshot->lifeCycle && *m_snapshot->lifeCycle != cdos::LifeCycle::Blank)
        return tr("The card in %1 is %2: only blank cards can be issued.")
            .arg(m_reader, LifeCycleDiagram::stateName(*m_snapshot->lifeCycle));
    return {};
}

void IssuanceView::updateIssueState() {
    const QString problem = m_busy ? QString() : cardProblem();
    m_issue->setEnabled(!m_busy && problem.isEmpty());
    const bool justIssued = m_snapshot && !m_lastIssuedCard.isEmpty() &&
                            QString::fromLatin1(m_snapshot->cardNumber.toHex()).toUpper() == m_lastIssuedCard;
    if (m_busy)
        m_hint->clear();
    else if (justIssued)
        m_hint->setText(tr("Take the card out and insert the next blank card to issue another."));
    else
        m_hint->setText(problem.isEmpty() ? tr("Ready to issue the card in %1.").arg(m_reader) : problem);
}

void IssuanceView::setBusy(bool busy) {
    m_busy = busy;
    // Kleopatra-style: the inputs are frozen while the job runs so what is written is what was shown.
    for (QWidget* w : std::initializer_list<QWidget*>{m_templatePath, m_userNumber, m_account, m_name, m_allocate,
                                                      m_keyStoreButton, m_generatePins})
        w->setEnabled(!busy);
    updatePinFields();
    m_cardNumber->setEnabled(!busy && !m_allocate->isChecked());
    updateIssueState();
    emit busyChanged(busy);
}

void IssuanceView::showOutcome(bool success, const QString& text, const QString& detail) {
    m_outcomeReader = m_reader;
    if (m_snapshot && !m_snapshot->chipSerial.isEmpty())
        m_outcomeChip = m_snapshot->chipSerial;
    m_result->setProperty("outcome", success ? QStringLiteral("success") : QStringLiteral("failure"));
    m_result->setText(text);
    m_result->setToolTip(detail);
    m_result->setStyleSheet(success ? QStringLiteral("QLabel { background: #e6f4ea; color: #0d652d; border: 1px solid "
                                                     "#81c995; border-radius: 4px; }")
                                    : QStringLiteral("QLabel { background: #fce8e6; color: #a50e0e; border: 1px solid "
                                                     "#f28b82; border-radius: 4px; }"));
    m_result->show();
}

void IssuanceView::issue() {
    if (m_busy || !cardProblem().isEmpty())
        return;
    m_result->hide();

    HolderFile holder;
    holder.userNumber = m_userNumber->text().trimmed();
    holder.account = m_account->text().trimmed();
    holder.name = m_name->text().trimmed();
    holder.cardNumber = m_allocate->isChecked() ? QString() : m_cardNumber->text().trimmed().toUpper();
    IssuanceRequest request;
    QStringList problems;
    fillPins(holder, request, problems);

    // Check everything that can be checked without the card or the keys first, so that a typing mistake never
    // costs a passphrase prompt. The placeholder card number only stands in for an allocated one.
    // Every problem at once (issue 11): the form's own, then the template's, each line once.
    problems = holder.validate() + problems;
    try {
        IssuanceService::buildProfile(*m_template, holder,
                                      holder.cardNumber.isEmpty() ? QStringLiteral("00000000000000000001")
                                                                  : holder.cardNumber);
    } catch (const IssuanceError& e) {
        for (const QString& line : e.text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (!std::any_of(problems.cbegin(), problems.cend(), [&](const QString& p) { return line.endsWith(p); }))
                problems << line;
    }
    if (!problems.isEmpty()) {
        showOutcome(false, tr("The card was not issued. Please correct:\n%1").arg(problems.join(QLatin1Char('\n'))));
        return;
    }
    if (!m_service->hasIssuerKeys() && !openKeyStore()) {
        showOutcome(false, tr("The card was not issued: no key store is open."));
        return;
    }

    request.reader = m_reader;
    request.cardTemplate = *m_template;
    request.holder = holder;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("step %v of %m"));
    m_progress->show();
    m_step->show();
    m_step->setText(tr("Starting…"));
    setBusy(true);
    m_service->issue(request);
}

void IssuanceView::onProgress(int step, int total, const QString& description) {
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(step);
    m_step->setText(description);
}

void IssuanceView::onFinished(const IssuanceResult& result) {
    if (!m_busy)
        return; // an issuance someone else started (CLI-like use of the same service)
    setBusy(false);
    m_outcomeChip = QByteArray::fromHex(result.chipSerial.toLatin1());
    if (result.ok) {
        m_progress->setValue(m_progress->maximum()); // a failure keeps the step it stopped at
        m_lastIssuedCard = result.cardNumber.toUpper();
        m_pins->clearPins();
        m_step->setText(tr("Done."));
        QString mailer;
        if (m_mailer && m_mailer->finish(result.cardNumber))
            mailer = QLatin1Char('\n') + tr("PIN mailer: %1").arg(m_mailer->finalPath(result.cardNumber));
        if (result.recovered)
            showOutcome(true, tr("The interrupted issuance of card %1 (chip serial %2) had completed on the card: it "
                                 "is now recorded. Nothing was written to the card.")
                                  .arg(result.cardNumber, result.chipSerial));
        else
            showOutcome(true, tr("Card issued. Card number %1 (chip serial %2, %n APDU(s)).", nullptr, result.apduCount)
                                      .arg(result.cardNumber, result.chipSerial) +
                                  mailer);
    } else {
        m_step->setText(tr("Failed."));
        // The card did not get these PINs: their mailer must never reach anyone.
        if (m_mailer && !result.cardNumber.isEmpty())
            m_mailer->destroyPending(result.cardNumber);
        QString text = tr("The card was not issued: %1").arg(result.error);
        if (!result.differences.isEmpty())
            text +=
                QLatin1Char('\n') + tr("Read-back differences:\n%1").arg(result.differences.join(QLatin1Char('\n')));
        showOutcome(false, text, result.errorDetail);
    }
    m_mailer.reset();
    emit issuanceFinished(result);
}

void IssuanceView::updatePinFields() {
    const bool on = m_generatePins->isChecked();
    m_pins->setEnabled(!on && !m_busy);
    m_mailerFolder->setEnabled(on && !m_busy);
    m_mailerBrowse->setEnabled(on && !m_busy);
    m_address->setEnabled(on && !m_busy);
    m_mailerFields->setVisible(on);
}

void IssuanceView::generatePinsToggled(bool on) {
    updatePinFields();
    if (on && m_mailerFolder->text().trimmed().isEmpty() && isVisible()) {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the PIN mailers"));
        if (!dir.isEmpty())
            m_mailerFolder->setText(dir);
    }
}

void IssuanceView::fillPins(HolderFile& holder, IssuanceRequest& request, QStringList& problems) {
    m_mailer.reset();
    if (!m_generatePins->isChecked()) {
        auto entries = m_pins->entries();
        for (auto& entry : entries) {
            HolderUser u;
            u.number = quint8(entry.number);
            u.pin = entry.pin;
            holder.users.append(u);
            // The holder file wipes its copies when it goes; this one is wiped here.
            cdos::secureZero(entry.pin.data(), entry.pin.size());
        }
        return;
    }
    const QString folder = m_mailerFolder->text().trimmed();
    const QStringList address = m_address->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (folder.isEmpty())
        problems << tr("Generated PINs: choose the folder for the PIN mailer.");
    if (address.isEmpty() || address.size() > 5)
        problems << tr("Generated PINs: the PIN mailer needs the holder's postal address (1 to 5 lines).");
    if (!m_template)
        return;
    try {
        CardMailer::generatePins(*m_template, holder, 6);
    } catch (const std::exception& e) {
        problems << tr("The PINs cannot be generated: %1").arg(QString::fromUtf8(e.what()));
        return;
    }
    m_mailer.emplace(folder, address);
    // The mailer is written once the card has its number and before the card is touched; renamed or destroyed in
    // onFinished(). The request's copy of the holder (with its PINs) wipes them when it goes.
    request.beforeCardWrite = [mailer = *m_mailer, tmpl = *m_template, withPins = holder](const QString& number) {
        return mailer.writePending(tmpl, withPins, number);
    };
}

} // namespace carddesk
