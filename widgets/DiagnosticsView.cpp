#include "DiagnosticsView.h"

#include "LifeCycleDiagram.h"

#include "carddesk/cardio/ApduDecoder.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTime>
#include <QVBoxLayout>

#include <algorithm>

namespace carddesk {

namespace {

QString hex(const QByteArray& b) {
    return b.isEmpty() ? QStringLiteral("—") : QString::fromLatin1(b.toHex(' ')).toUpper();
}

QLabel* valueLabel(QWidget* parent, const char* name, bool mono = false) {
    auto* l = new QLabel(QStringLiteral("—"), parent);
    l->setObjectName(QLatin1String(name));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    if (mono)
        l->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return l;
}

QTableWidget* table(QWidget* parent, const char* name, const QStringList& headers) {
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(QLatin1String(name));
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->setWordWrap(false);
    return t;
}

QTableWidgetItem* item(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter) {
    auto* i = new QTableWidgetItem(text);
    i->setTextAlignment(align);
    return i;
}

// The transmission protocols and historical bytes of an ATR (ISO 7816-3): "T=1", and for a CardDesk card the
// "CDOS" marker with its version. The decoder pane has the rest; this line is what a technician checks first.
QString atrStructure(const QByteArray& atr) {
    if (atr.size() < 2)
        return QStringLiteral("—");
    const auto at = [&](int i) { return i < atr.size() ? quint8(atr[i]) : quint8(0); };
    const int historicalCount = at(1) & 0x0F;
    int y = at(1) >> 4;
    int i = 2;
    QStringList protocols;
    while (i < atr.size()) {
        i += ((y & 1) ? 1 : 0) + ((y & 2) ? 1 : 0) + ((y & 4) ? 1 : 0);
        if (!(y & 8))
            break;
        const quint8 td = at(i++);
        const QString t = QStringLiteral("T=%1").arg(td & 0x0F);
        if (!protocols.contains(t))
            protocols << t;
        y = td >> 4;
    }
    if (protocols.isEmpty())
        protocols << QStringLiteral("T=0");
    const QByteArray historical = atr.mid(i, historicalCount);
    QString text = DiagnosticsView::tr("protocol %1 · historical bytes %2")
                       .arg(protocols.join(QLatin1Char('/')), QString::fromLatin1(historical.toHex(' ')).toUpper());
    if (historical.startsWith("CDOS") && historical.size() >= 6)
        text += QLatin1Char(' ') +
                DiagnosticsView::tr("(\"CDOS\" version %1.%2)").arg(quint8(historical[4])).arg(quint8(historical[5]));
    return text;
}

QString byteSize(quint32 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

DiagnosticsView::DiagnosticsView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("diagnosticsView"));

    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("diagnosticsRefreshButton"));
    m_refresh->setToolTip(tr("Read the card again (F5)"));
    connect(m_refresh, &QPushButton::clicked, this, &DiagnosticsView::refreshRequested);
    m_readAt = new QLabel(this);
    m_readAt->setObjectName(QStringLiteral("diagnosticsReadAtLabel"));
    m_readAt->setForegroundRole(QPalette::PlaceholderText);
    auto* top = new QHBoxLayout;
    top->addWidget(m_readAt, 1);
    top->addWidget(m_refresh);

    // Card identity.
    auto* cardBox = new QGroupBox(tr("Card"), this);
    cardBox->setObjectName(QStringLiteral("diagnosticsCardBox"));
    auto* form = new QFormLayout(cardBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_atr = valueLabel(cardBox, "atrValue", true);
    m_atrDecoded = valueLabel(cardBox, "atrDecodedValue");
    m_cardNumber = valueLabel(cardBox, "cardNumberValue", true);
    m_issuerSerial = valueLabel(cardBox, "issuerSerialValue", true);
    m_productSerial = valueLabel(cardBox, "productSerialValue", true);
    m_chipSerial = valueLabel(cardBox, "chipSerialValue", true);
    m_osVersion = valueLabel(cardBox, "osVersionValue");
    form->addRow(tr("ATR:"), m_atr);
    form->addRow(tr("Decoded:"), m_atrDecoded);
    form->addRow(tr("Card number:"), m_cardNumber);
    form->addRow(tr("Issuer serial:"), m_issuerSerial);
    form->addRow(tr("Product serial:"), m_productSerial);
    form->addRow(tr("Chip serial:"), m_chipSerial);
    form->addRow(tr("Operating system:"), m_osVersion);

    // Life cycle and memory.
    auto* lcBox = new QGroupBox(tr("Life cycle"), this);
    lcBox->setObjectName(QStringLiteral("diagnosticsLifeCycleBox"));
    m_lifeCycle = new LifeCycleDiagram(lcBox);
    auto* lcLayout = new QVBoxLayout(lcBox);
    lcLayout->addWidget(m_lifeCycle);

    auto* nvmBox = new QGroupBox(tr("Memory (NVM)"), this);
    nvmBox->setObjectName(QStringLiteral("diagnosticsNvmBox"));
    m_nvmBar = new QProgressBar(nvmBox);
    m_nvmBar->setObjectName(QStringLiteral("nvmBar"));
    m_nvmBar->setRange(0, 100);
    m_nvmBar->setValue(0);
    m_nvmBar->setTextVisible(true);
    m_nvmBar->setAccessibleName(tr("Memory used"));
    m_nvmDetail = valueLabel(nvmBox, "nvmDetailLabel");
    auto* nvmLayout = new QVBoxLayout(nvmBox);
    nvmLayout->addWidget(m_nvmBar);
    nvmLayout->addWidget(m_nvmDetail);

    auto* right = new QVBoxLayout;
    right->addWidget(lcBox);
    right->addWidget(nvmBox);
    right->addStretch(1);

    auto* upper = new QHBoxLayout;
    upper->addWidget(cardBox, 3);
    upper->addLayout(right, 2);

    // Users, menu and keys: one tab each, so each table gets the full width.
    m_users = table(this, "diagnosticsUsersTable", {tr("No."), tr("Name"), tr("PIN tries left"), tr("Permissions")});
    m_menu = table(this, "diagnosticsMenuTable", {tr("ID"), tr("Title"), tr("Visible"), tr("Permission needed")});
    m_keys =
        table(this, "diagnosticsKeysTable", {tr("Key ID"), tr("Usage"), tr("Type"), tr("Version"), tr("Errors left")});
    // Conditional access: the service-key versions (GET DATA C1) above every user's rights (C2).
    auto* caPage = new QWidget(this);
    caPage->setObjectName(QStringLiteral("diagnosticsCaPage"));
    m_serviceKeys = valueLabel(caPage, "diagnosticsServiceKeysLabel");
    m_rights = table(caPage, "diagnosticsRightsTable",
                     {tr("User"), tr("Right"), tr("Valid from"), tr("Valid to"), tr("State")});
    auto* caLayout = new QVBoxLayout(caPage);
    caLayout->setContentsMargins(0, 4, 0, 0);
    caLayout->addWidget(m_serviceKeys);
    caLayout->addWidget(m_rights, 1);
    auto* lists = new QTabWidget(this);
    lists->setObjectName(QStringLiteral("diagnosticsListsTabs"));
    lists->addTab(m_users, tr("&Users"));
    lists->addTab(m_menu, tr("&Menu"));
    lists->addTab(m_keys, tr("&Keys"));
    lists->addTab(caPage, tr("&Conditional access"));
    lists->setDocumentMode(true);

    m_unavailable = valueLabel(this, "diagnosticsUnavailableLabel");
    m_unavailable->setForegroundRole(QPalette::PlaceholderText);
    m_unavailable->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(upper);
    layout->addWidget(lists, 1);
    layout->addWidget(m_unavailable);
    clear();
}

void DiagnosticsView::setPermissionNamer(std::function<QStringList(quint32)> namer) {
    m_namer = std::move(namer);
}

void DiagnosticsView::setReading(bool reading) {
    setEnabled(!reading);
    if (reading)
        m_readAt->setText(tr("Reading the card…"));
}

void DiagnosticsView::focusFirstInput() {
    m_users->setFocus(Qt::ShortcutFocusReason);
}

QString DiagnosticsView::permissionText(quint32 mask) const {
    const QString hexMask = QStringLiteral("%1").arg(mask, 8, 16, QLatin1Char('0')).toUpper();
    const QStringList names = m_namer ? m_namer(mask) : QStringList();
    return names.isEmpty() ? hexMask : QStringLiteral("%1 (%2)").arg(names.join(QLatin1String(", ")), hexMask);
}

void DiagnosticsView::clear() {
    for (QLabel* l : {m_atr, m_atrDecoded, m_cardNumber, m_issuerSerial, m_productSerial, m_chipSerial, m_osVersion})
        l->setText(QStringLiteral("—"));
    m_lifeCycle->setLifeCycle(std::nullopt);
    m_nvmBar->setValue(0);
    m_nvmBar->setFormat(tr("unknown"));
    m_nvmDetail->setText(QString());
    m_users->setRowCount(0);
    m_menu->setRowCount(0);
    m_keys->setRowCount(0);
    m_rights->setRowCount(0);
    m_serviceKeys->setText(QString());
    m_unavailable->hide();
    m_readAt->setText(QString());
}

void DiagnosticsView::setSnapshot(const CardSnapshot& s) {
    m_readAt->setText(
        tr("Read from %1 at %2").arg(s.reader, QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    m_atr->setText(hex(s.atr));
    QString decoded = ApduDecoder::describeAtr(s.atr) + QLatin1Char('\n') + atrStructure(s.atr);
    // The reader keeps the ATR of the last reset: after an issuance it still says "blank" until the card is
    // reset. Say so rather than show two life cycles without explanation.
    const auto atrLifeCycle = ApduDecoder::lifeCycleFromAtr(s.atr);
    if (atrLifeCycle && s.lifeCycle && *atrLifeCycle != *s.lifeCycle)
        decoded += QLatin1Char('\n') + tr("The ATR dates from the last reset; the card now reports %1.")
                                           .arg(LifeCycleDiagram::stateName(*s.lifeCycle));
    m_atrDecoded->setText(decoded);
    m_cardNumber->setText(s.cardNumber.isEmpty() ? tr("not yet written (blank card)") : hex(s.cardNumber));
    m_issuerSerial->setText(hex(s.issuerSerial));
    m_productSerial->setText(hex(s.productSerial));
    m_chipSerial->setText(hex(s.chipSerial));
    m_osVersion->setText(s.osVersion.isEmpty() ? QStringLiteral("—") : s.osVersion);
    m_lifeCycle->setLifeCycle(s.lifeCycle);

    if (s.nvm && s.nvm->total > 0) {
        const quint32 used = s.nvm->total - std::min(s.nvm->free, s.nvm->total);
        m_nvmBar->setRange(0, int(s.nvm->total));
        m_nvmBar->setValue(int(used));
        m_nvmBar->setFormat(tr("%1 used of %2 (%p%)").arg(byteSize(used), byteSize(s.nvm->total)));
        m_nvmDetail->setText(tr("%1 free · page size %2 bytes · %Ln page write(s) since the image was made", nullptr,
                                int(s.nvm->pageWrites))
                                 .arg(byteSize(s.nvm->free))
                                 .arg(s.nvm->pageSize));
    } else {
        m_nvmBar->setRange(0, 100);
        m_nvmBar->setValue(0);
        m_nvmBar->setFormat(tr("unknown"));
        m_nvmDetail->setText(QString());
    }

    fillUsers(s);
    fillMenu(s);
    fillKeys(s);
    fillCa(s);

    m_unavailable->setVisible(!s.unavailable.isEmpty());
    m_unavailable->setText(tr("Not available: %1").arg(s.unavailable.join(QLatin1String("; "))));
}

void DiagnosticsView::fillUsers(const CardSnapshot& s) {
    m_users->setRowCount(int(s.users.size()));
    for (int r = 0; r < int(s.users.size()); ++r) {
        const cdos::UserStatus& u = s.users[std::size_t(r)];
        m_users->setItem(r, 0, item(QString::number(u.profile.number), Qt::AlignCenter));
        m_users->setItem(r, 1, item(QString::fromStdString(u.profile.name)));
        auto* tries = item(u.retriesLeft == 0 ? tr("blocked (0 of %1)").arg(u.profile.maxRetries)
                                              : tr("%1 of %2").arg(u.retriesLeft).arg(u.profile.maxRetries),
                           Qt::AlignCenter);
        if (u.retriesLeft == 0)
            tries->setForeground(QColor(0xb3, 0x26, 0x1e));
        m_users->setItem(r, 2, tries);
        m_users->setItem(r, 3, item(permissionText(u.profile.permissions)));
    }
}

void DiagnosticsView::fillMenu(const CardSnapshot& s) {
    m_menu->setRowCount(int(s.menu.size()));
    for (int r = 0; r < int(s.menu.size()); ++r) {
        const cdos::MenuEntry& m = s.menu[std::size_t(r)];
        m_menu->setItem(r, 0, item(QString::number(m.id), Qt::AlignCenter));
        m_menu->setItem(r, 1, item(QString::fromStdString(m.title)));
        m_menu->setItem(r, 2, item(m.hidden ? tr("hidden") : tr("shown"), Qt::AlignCenter));
        m_menu->setItem(r, 3, item(permissionText(m.permission)));
    }
}

void DiagnosticsView::fillKeys(const CardSnapshot& s) {
    m_keys->setRowCount(int(s.keys.size()));
    for (int r = 0; r < int(s.keys.size()); ++r) {
        const cdos::KeyInfo& k = s.keys[std::size_t(r)];
        m_keys->setItem(r, 0, item(QStringLiteral("%1").arg(k.id, 2, 16, QLatin1Char('0')).toUpper(), Qt::AlignCenter));
        m_keys->setItem(r, 1, item(ApduDecoder::keyUsageName(k.usage)));
        m_keys->setItem(r, 2, item(k.type == cdos::kKeyType3Des2 ? tr("3DES, two keys") : tr("type %1").arg(k.type)));
        m_keys->setItem(r, 3, item(QString::number(k.version), Qt::AlignCenter));
        // The card counts remaining attempts down from maxErrors; 0 means the key is locked for good.
        auto* errors = item(k.errorCounter == 0 ? tr("locked (0 of %1)").arg(k.maxErrors)
                                                : tr("%1 of %2").arg(k.errorCounter).arg(k.maxErrors),
                            Qt::AlignCenter);
        if (k.errorCounter == 0)
            errors->setForeground(QColor(0xb3, 0x26, 0x1e));
        m_keys->setItem(r, 4, errors);
    }
}

void DiagnosticsView::fillCa(const CardSnapshot& s) {
    if (!s.hasCa) {
        m_serviceKeys->setText(tr("This card has no conditional-access application."));
        m_rights->setRowCount(0);
        return;
    }
    // The key file's metadata for the slot (error counter) next to the CA application's (id, version) list.
    QStringList keys;
    for (const auto& k : s.serviceKeys) {
        const quint8 slot = cdos::ca::keySlotOf(k.id);
        const auto info =
            std::find_if(s.keys.cbegin(), s.keys.cend(), [&](const cdos::KeyInfo& i) { return i.id == slot; });
        keys << (info != s.keys.cend() ? tr("CA_SERVICE_%1 version %2 (key %3, %4 of %5 errors left)")
                                             .arg(k.id)
                                             .arg(k.version)
                                             .arg(slot, 2, 16, QLatin1Char('0'))
                                             .arg(info->errorCounter)
                                             .arg(info->maxErrors)
                                       : tr("CA_SERVICE_%1 version %2 (key %3)")
                                             .arg(k.id)
                                             .arg(k.version)
                                             .arg(slot, 2, 16, QLatin1Char('0')));
    }
    m_serviceKeys->setText(tr("Service keys: %1").arg(keys.isEmpty() ? tr("none") : keys.join(QLatin1String(" · "))));

    const QDate today = QDateTime::currentDateTimeUtc().date();
    auto userName = [&](quint8 number) {
        for (const auto& u : s.users)
            if (u.profile.number == number)
                return tr("%1 %2").arg(number).arg(QString::fromStdString(u.profile.name));
        return QString::number(number);
    };
    // By user, then in the card's order.
    std::vector<cdos::ca::Entitlement> rights = s.entitlements;
    std::stable_sort(rights.begin(), rights.end(), [](const auto& a, const auto& b) { return a.user < b.user; });
    m_rights->setRowCount(int(rights.size()));
    for (int r = 0; r < int(rights.size()); ++r) {
        const cdos::ca::Entitlement& e = rights[std::size_t(r)];
        m_rights->setItem(r, 0, item(userName(e.user)));
        m_rights->setItem(r, 1, item(ApduDecoder::rightName(e)));
        m_rights->setItem(r, 2, item(CardSnapshot::dateOf(e.start).toString(Qt::ISODate), Qt::AlignCenter));
        m_rights->setItem(r, 3, item(CardSnapshot::dateOf(e.end).toString(Qt::ISODate), Qt::AlignCenter));
        const int state = CardSnapshot::rightState(e, today);
        auto* st = item(state < 0 ? tr("expired") : state > 0 ? tr("not yet valid") : tr("valid"), Qt::AlignCenter);
        if (state < 0) {
            st->setForeground(QColor(0xb3, 0x26, 0x1e));
            for (int c = 0; c < 4; ++c)
                m_rights->item(r, c)->setForeground(QPalette().color(QPalette::PlaceholderText));
        }
        m_rights->setItem(r, 4, st);
    }
}

} // namespace carddesk
