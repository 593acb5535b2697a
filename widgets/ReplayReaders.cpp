#include "ReplayReaders.h"

#include "ReadersPanel.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/cardio/TraceReplayCard.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QStandardPaths>
#include <QWidget>

namespace carddesk {

ReplayReaders::ReplayReaders(CardReaderManager* readers, ReadersPanel* panel, QWidget* parent)
    : QObject(parent), m_readers(readers), m_panel(panel), m_parent(parent) {
    m_openAction = new QAction(tr("Open trace as &replay reader…"), this);
    m_openAction->setObjectName(QStringLiteral("openReplayReaderAction"));
    m_openAction->setToolTip(tr("A saved APDU trace (JSON) as a card that answers as the recorded one did"));
    connect(m_openAction, &QAction::triggered, this, &ReplayReaders::chooseAndOpen);
    m_closeAction = new QAction(tr("&Close replay reader"), this);
    m_closeAction->setObjectName(QStringLiteral("closeReplayReaderAction"));
    connect(m_closeAction, &QAction::triggered, this, &ReplayReaders::closeCurrent);
    m_chooser = [this] {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        return QFileDialog::getOpenFileName(m_parent, tr("Open trace as replay reader"), dir,
                                            tr("Saved APDU trace (*.json);;All files (*)"));
    };
    updateActions();
}

QString ReplayReaders::open(const QString& path) {
    const QString name = TraceReplayCard::readerNameFor(path);
    if (m_open.contains(name))
        close(name); // opened again: the file may have changed, and the replay starts over
    QString error;
    if (TraceReplayCard::attach(*m_readers, path, &error).isEmpty())
        return error;
    m_open.append(name);
    m_panel->selectReader(name);
    updateActions();
    return {};
}

void ReplayReaders::close(const QString& name) {
    if (!m_open.removeOne(name))
        return;
    m_readers->removeLocalReader(name);
    updateActions();
}

void ReplayReaders::chooseAndOpen() {
    const QString path = m_chooser();
    if (path.isEmpty())
        return;
    if (const QString error = open(path); !error.isEmpty())
        QMessageBox::critical(m_parent, tr("Open trace as replay reader"),
                              tr("The trace could not be opened as a replay reader: %1").arg(error));
}

void ReplayReaders::closeCurrent() {
    const QString current = m_panel->currentReader();
    close(m_open.contains(current) ? current : (m_open.isEmpty() ? QString() : m_open.last()));
}

void ReplayReaders::updateActions() {
    m_closeAction->setEnabled(!m_open.isEmpty());
}

} // namespace carddesk
