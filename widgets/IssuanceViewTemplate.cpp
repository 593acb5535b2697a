// The template side of the issuance view (part of IssuanceView): loading a card template into the form and the
// conditional-access rights it will write.
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

bool IssuanceView::loadTemplate(const QString& path) {
    m_templatePath->setText(path);
    m_options.templatePath = path;
    try {
        m_template = CardTemplate::load(path);
    } catch (const TemplateError& e) {
        m_template.reset();
        m_templateSummary->setText(tr("This template cannot be used:\n%1").arg(e.errors.join(QLatin1Char('\n'))));
        m_templateSummary->setStyleSheet(QStringLiteral("color: #b3261e;"));
        m_pins->setTemplate(CardTemplate{});
        m_contents->clear();
        m_entitlements->clear();
        emit templateChanged();
        updateIssueState();
        return false;
    }
    m_templateSummary->setStyleSheet(QString());
    QString summary = m_template->name;
    if (m_template->locked)
        summary += QLatin1Char(' ') + tr("(locked)");
    if (!m_template->description.isEmpty())
        summary += QStringLiteral(" — ") + m_template->description;
    summary += QLatin1Char('\n') + tr("%n key(s)", nullptr, int(m_template->keys.size())) + QStringLiteral(" · ") +
               tr("%n menu entry(s)", nullptr, int(m_template->menu.size())) + QStringLiteral(" · ") +
               tr("%n user(s)", nullptr, int(m_template->users.size())) + QStringLiteral(" · ") +
               tr("card numbers %1…").arg(m_template->cardNumberPrefix);
    m_templateSummary->setText(summary);
    m_pins->setTemplate(*m_template);

    QStringList menu;
    for (const TemplateMenuEntry& e : m_template->menu)
        menu << (e.hidden ? tr("%1 (hidden)").arg(e.title) : e.title);
    QStringList keys;
    for (const TemplateKey& k : m_template->keys)
        keys << k.master;
    const QLocale locale;
    m_contents->setText(tr("Initial menu: %1").arg(menu.join(tr(", "))) + QLatin1Char('\n') +
                        tr("E-purse: balance limit %1 yuan, overdraft limit %2 yuan")
                            .arg(locale.toString(m_template->balanceLimit / 100.0, 'f', 2),
                                 locale.toString(m_template->overdraftLimit / 100.0, 'f', 2)) +
                        QLatin1Char('\n') +
                        tr("Keys, diversified for this card from the key store: %1").arg(keys.join(tr(", "))));
    m_entitlements->setText(entitlementsText(QDateTime::currentDateTimeUtc().date()));
    m_entitlements->setVisible(!m_entitlements->text().isEmpty());
    // The PIN fields are made after the rest of the form; put them where they are read: after the key store
    // button, before "Issue card".
    if (QWidget* first = m_pins->firstFocusWidget())
        setTabOrder(m_keyStoreButton, first);
    if (QWidget* last = m_pins->lastFocusWidget())
        setTabOrder(last, m_generatePins);
    setTabOrder(m_generatePins, m_mailerFolder);
    setTabOrder(m_mailerFolder, m_mailerBrowse);
    setTabOrder(m_mailerBrowse, m_address);
    setTabOrder(m_address, m_issue);
    emit templateChanged();
    updateIssueState();
    return true;
}

QString IssuanceView::entitlementsText(const QDate& issuedOn) const {
    if (!m_template || (m_template->serviceKeys.isEmpty() && m_template->entitlements.isEmpty()))
        return {};
    const CardTemplate& t = *m_template;
    QStringList lines;
    lines << tr("Conditional access: service keys %1")
                 .arg(t.serviceKeys.isEmpty() ? tr("none") : t.serviceKeys.join(tr(", ")));
    auto what = [&](const TemplateEntitlement& e) {
        switch (e.kind) {
        case cdos::ca::RightKind::Package: {
            const QString name = t.packageName(e.id);
            return name.isEmpty() ? tr("package %1").arg(e.id) : tr("%1 (package %2)").arg(name).arg(e.id);
        }
        case cdos::ca::RightKind::Channel:
            return tr("channel %1").arg(e.id);
        case cdos::ca::RightKind::Vod:
            return tr("VOD programme %1").arg(e.id);
        }
        return QString::number(e.id);
    };
    for (const TemplateUser& u : t.users) {
        QStringList rights;
        for (const TemplateEntitlement& e : t.entitlements)
            if (e.user == u.number)
                rights << tr("%1 %2 to %3")
                              .arg(what(e), e.firstDay(issuedOn).toString(Qt::ISODate),
                                   e.lastDay(issuedOn).toString(Qt::ISODate));
        lines << tr("User %1 %2: %3")
                     .arg(u.number)
                     .arg(u.name, rights.isEmpty() ? tr("no rights") : rights.join(tr("; ")));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace carddesk
