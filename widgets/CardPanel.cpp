#include "CardPanel.h"

#include "AppManagerView.h"
#include "DiagnosticsView.h"
#include "IssuanceView.h"
#include "LifeCycleDiagram.h"
#include "PurseView.h"

#include "carddesk/cardio/CardReaderManager.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace carddesk {

namespace {

QWidget* centredPage(QWidget* parent, const char* name, std::initializer_list<QWidget*> widgets) {
    auto* page = new QWidget(parent);
    page->setObjectName(QLatin1String(name));
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(2);
    for (QWidget* w : widgets) {
        w->setParent(page);
        // A wrapped label centres its own lines and must get the whole width: aligned in the layout it keeps its
        // one-line size hint and its second line is cut off (issue 11).
        const auto* label = qobject_cast<QLabel*>(w);
        if (label && label->wordWrap())
            layout->addWidget(w);
        else
            layout->addWidget(w, 0, Qt::AlignHCenter);
    }
    layout->addStretch(3);
    return page;
}

} // namespace

CardPanel::CardPanel(CardReaderManager* readers, IssuanceService* issuance, PurseService* purse,
                     const ConsoleOptions& options, QWidget* parent)
    : QWidget(parent), m_readers(readers), m_issuanceService(issuance) {
    setObjectName(QStringLiteral("cardPanel"));

    // Busy.
    auto* spinner = new QProgressBar;
    spinner->setObjectName(QStringLiteral("cardBusyIndicator"));
    spinner->setRange(0, 0);
    spinner->setTextVisible(false);
    spinner->setFixedWidth(fontMetrics().averageCharWidth() * 40);
    m_busyLabel = new QLabel;
    m_busyLabel->setObjectName(QStringLiteral("cardBusyLabel"));

    // Insert a card.
    auto* icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/carddesk/icons/carddesk-128.png")).pixmap(96, 96));
    m_noCardTitle = new QLabel;
    m_noCardTitle->setObjectName(QStringLiteral("noCardTitle"));
    QFont big = m_noCardTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_noCardTitle->setFont(big);
    m_noCardText = new QLabel;
    m_noCardText->setObjectName(QStringLiteral("noCardText"));
    m_noCardText->setAlignment(Qt::AlignCenter);
    m_noCardText->setWordWrap(true);
    m_noCardText->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_retry = new QPushButton(tr("&Try again"));
    m_retry->setObjectName(QStringLiteral("retryReadButton"));
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, &CardPanel::refresh);
    m_lastOutcome = new QLabel;
    m_lastOutcome->setObjectName(QStringLiteral("noCardLastOutcomeLabel"));
    m_lastOutcome->setWordWrap(true);
    m_lastOutcome->setAlignment(Qt::AlignCenter);
    m_lastOutcome->setTextFormat(Qt::PlainText);
    m_lastOutcome->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_lastOutcome->hide();

    // The card.
    auto* cardPage = new QWidget;
    cardPage->setObjectName(QStringLiteral("cardPage"));
    m_header = new QLabel(cardPage);
    m_header->setObjectName(QStringLiteral("cardHeaderLabel"));
    m_header->setTextFormat(Qt::PlainText);
    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    m_tabs = new QTabWidget(cardPage);
    m_tabs->setObjectName(QStringLiteral("cardTabs"));
    m_issuance = new IssuanceView(issuance, options, m_tabs);
    m_diagnostics = new DiagnosticsView(m_tabs);
    m_tabs->addTab(m_issuance, tr("Issuance"));
    m_tabs->addTab(m_diagnostics, tr("Card diagnostics"));
    m_purse = new PurseView(purse, m_tabs);
    m_tabs->addTab(m_purse, tr("E-purse"));
    // The purse shares the session's key ring, asking for it (the same dialog) when none is open yet.
    m_purse->setKeyProvider([this, purse] { return purse->hasIssuerKeys() || m_issuance->openKeyStore(); });
    auto* cardLayout = new QVBoxLayout(cardPage);
    cardLayout->setContentsMargins(0, 0, 0, 0);
    cardLayout->addWidget(m_header);
    cardLayout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("cardStack"));
    m_stack->addWidget(centredPage(m_stack, "busyPage", {spinner, m_busyLabel}));
    m_stack->addWidget(centredPage(m_stack, "noCardPage", {icon, m_noCardTitle, m_noCardText, m_retry, m_lastOutcome}));
    m_stack->addWidget(cardPage);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_readers, &CardReaderManager::readerStateChanged, this, &CardPanel::onReaderState);
    connect(m_readers, &CardReaderManager::readerRemoved, this, &CardPanel::onReaderGone);
    connect(m_readers, &CardReaderManager::serviceStatusChanged, this, [this] {
        if (m_reader.isEmpty())
            showNoCard();
    });
    connect(m_diagnostics, &DiagnosticsView::refreshRequested, this, &CardPanel::refresh);
    connect(m_issuance, &IssuanceView::templateChanged, this, [this] {
        const auto& tmpl = m_issuance->cardTemplate();
        if (tmpl)
            m_diagnostics->setPermissionNamer([t = *tmpl](quint32 mask) { return t.permissionLabels(mask); });
        else
            m_diagnostics->setPermissionNamer({});
    });
    emit m_issuance->templateChanged();
    connect(m_issuance, &IssuanceView::busyChanged, this, [this](bool busy) {
        m_issuing = busy;
        m_diagnostics->setReading(busy);
    });
    connect(m_issuance, &IssuanceView::issuanceFinished, this, [this](const IssuanceResult& result) {
        // Once the operator takes the card out, the "insert a card" page still says how the last one went (a
        // card pulled mid-issue must not leave the desk without the reason).
        m_lastOutcomeReader = m_reader;
        m_lastOutcome->setText(result.ok ? tr("Last card: issued, card number %1.").arg(result.cardNumber)
                                         : tr("Last card: not issued. %1").arg(result.error));
        m_lastOutcome->setToolTip(result.ok ? QString() : result.errorDetail);
        m_lastOutcome->setStyleSheet(result.ok ? QStringLiteral("color: #0d652d;") : QStringLiteral("color: #a50e0e;"));
        refresh();
    });
    showNoCard();
}

CardPanel::Page CardPanel::page() const {
    return static_cast<Page>(m_stack->currentIndex());
}

void CardPanel::setAppService(AppService* service) {
    m_apps = new AppManagerView(service, m_tabs);
    m_tabs->insertTab(m_tabs->indexOf(m_purse) + 1, m_apps, tr("Applications"));
}

void CardPanel::setReader(const QString& reader) {
    if (reader == m_reader)
        return;
    m_reader = reader;
    m_snapshot.reset();
    m_atr.clear();
    m_retried = false;
    m_issuance->setCard(reader, std::nullopt);
    m_purse->setCard(reader, QString());
    if (m_apps)
        m_apps->setCard(reader, QString());
    const auto state = reader.isEmpty() ? std::nullopt : m_readers->reader(reader);
    m_seen = state;
    if (state && state->cardPresent) {
        m_atr = state->atr;
        startRead(true);
    } else {
        showNoCard();
    }
}

void CardPanel::refresh() {
    if (m_reader.isEmpty())
        return;
    const auto state = m_readers->reader(m_reader);
    if (!state || !state->cardPresent) {
        showNoCard();
        return;
    }
    startRead(page() != Page::Card);
}

void CardPanel::onReaderState(const ReaderState& state) {
    if (state.name != m_reader)
        return;
    // The card's life cycle as the reader manager asked it (after this panel's own reads too) is the reader list's
    // business: the same card in the same state is not read again for it.
    const bool sameCardState = m_seen && m_seen->sameCardState(state);
    m_seen = state;
    if (sameCardState)
        return;
    if (!state.cardPresent) {
        m_atr.clear();
        m_snapshot.reset();
        m_issuance->setCard(m_reader, std::nullopt);
        m_purse->setCard(m_reader, QString());
        if (m_apps)
            m_apps->setCard(m_reader, QString());
        if (!m_issuing)
            showNoCard();
        return;
    }
    if (state.atr == m_atr && (m_snapshot || m_reading))
        return;
    const bool sameCardNewAtr = !m_atr.isEmpty();
    if (!sameCardNewAtr)
        m_retried = false;
    m_atr = state.atr;
    if (m_issuing)
        return; // the card is read again when the issuance has finished
    // A changed ATR of a card still in the reader (life cycle byte) is a refresh, not a new card.
    startRead(!sameCardNewAtr || page() != Page::Card);
}

void CardPanel::onReaderGone(const QString& reader) {
    if (reader == m_reader)
        setReader(QString());
}

void CardPanel::startRead(bool showBusyPage) {
    const QString reader = m_reader;
    const quint64 generation = ++m_generation;
    m_reading = true;
    if (showBusyPage) {
        m_busyLabel->setText(tr("Reading the card in %1…").arg(reader));
        m_stack->setCurrentIndex(int(Page::Busy));
    }
    m_diagnostics->setReading(true);
    emit stateChanged();
    m_readers->submit(
        reader,
        [keys = m_issuanceService->issuerKeys()](CardChannel& channel) {
            // The desk's keys read the users and the menu, which the card gives no unauthenticated terminal.
            return QVariant::fromValue(CardSnapshot::read(channel, keys.get()));
        },
        this,
        [this, reader, generation, showBusyPage](const JobResult& result) {
            if (generation != m_generation || reader != m_reader)
                return; // the operator moved on; a newer read is running or the reader changed
            if (!result.ok()) {
                const auto state = m_readers->reader(reader);
                if (!m_retried && state && state->cardPresent && result.cardError != CardError::Kind::Removed) {
                    // Real readers and vpcd alike may refuse the very first transaction while the card powers
                    // up; one quiet retry spares the operator an error that would fix itself.
                    m_retried = true;
                    QTimer::singleShot(600, this, [this, reader, generation, showBusyPage] {
                        if (generation == m_generation && reader == m_reader)
                            startRead(showBusyPage);
                    });
                    return;
                }
                m_reading = false;
                m_diagnostics->setReading(m_issuing);
                m_snapshot.reset();
                m_issuance->setCard(reader, std::nullopt);
                m_noCardTitle->setText(tr("The card cannot be read"));
                m_noCardText->setText(result.error);
                m_noCardText->setToolTip(result.detail); // the PC/SC code, for a technician
                m_retry->show();
                m_stack->setCurrentIndex(int(Page::NoCard));
                emit stateChanged();
                return;
            }
            m_reading = false;
            m_diagnostics->setReading(m_issuing);
            m_snapshot = result.value.value<CardSnapshot>();
            m_diagnostics->setSnapshot(*m_snapshot);
            m_issuance->setCard(reader, m_snapshot);
            // Only an issued card has a purse (and a card number, whose last 8 bytes are the ASN).
            const QString number = m_snapshot->isCdos && m_snapshot->cardNumber.size() == 10
                                       ? QString::fromLatin1(m_snapshot->cardNumber.toHex().toUpper())
                                       : QString();
            m_purse->setCard(reader, number);
            if (m_apps)
                m_apps->setCard(reader, number);
            updateHeader();
            m_stack->setCurrentIndex(int(Page::Card));
            // A newly inserted blank card is there to be issued, any other card to be looked at. A re-read of the
            // same card (after an issuance) leaves the operator where they are.
            if (showBusyPage) {
                const bool blank = m_snapshot->isCdos && m_snapshot->lifeCycle == cdos::LifeCycle::Blank;
                // Only to a tab the operator's roles show (MainWindow hides the others).
                if (const int tab = m_tabs->indexOf(blank ? static_cast<QWidget*>(m_issuance) : m_diagnostics);
                    m_tabs->isTabVisible(tab))
                    m_tabs->setCurrentIndex(tab);
            }
            emit stateChanged();
        });
}

void CardPanel::showNoCard() {
    ++m_generation; // drops a read still under way
    m_reading = false;
    m_retry->hide();
    m_noCardText->setToolTip(QString());
    m_lastOutcome->setVisible(!m_lastOutcome->text().isEmpty() && m_lastOutcomeReader == m_reader);
    if (m_reader.isEmpty()) {
        if (m_readers->serviceStatus() == ServiceStatus::NotRunning) {
            m_noCardTitle->setText(m_readers->serviceMessage());
            m_noCardText->setText(tr("Start the PC/SC service (pcscd); the readers appear here as soon as it runs."));
        } else {
            m_noCardTitle->setText(tr("No reader selected"));
            m_noCardText->setText(tr("Connect a card reader, or choose one in the list on the left."));
        }
    } else {
        const auto state = m_readers->reader(m_reader);
        m_noCardTitle->setText(tr("Insert a card"));
        if (state && state->mute)
            m_noCardText->setText(tr("The card in %1 does not answer. Take it out and insert it again.").arg(m_reader));
        else if (state && state->exclusive)
            m_noCardText->setText(tr("Another program is using the card in %1.").arg(m_reader));
        else
            m_noCardText->setText(
                tr("Insert a blank card to issue it, or any card to see its diagnostics, in %1.").arg(m_reader));
    }
    m_stack->setCurrentIndex(int(Page::NoCard));
    emit stateChanged();
}

void CardPanel::updateHeader() {
    if (!m_snapshot) {
        m_header->clear();
        return;
    }
    const CardSnapshot& s = *m_snapshot;
    QStringList parts{s.reader};
    if (!s.isCdos)
        parts << tr("not a CardDesk card");
    if (!s.osVersion.isEmpty())
        parts << s.osVersion;
    if (s.lifeCycle)
        parts << LifeCycleDiagram::stateName(*s.lifeCycle);
    if (!s.cardNumber.isEmpty())
        parts << tr("card %1").arg(QString::fromLatin1(s.cardNumber.toHex()).toUpper());
    m_header->setText(parts.join(QStringLiteral("  ·  ")));
}

} // namespace carddesk
