#pragma once
// The console's replay readers (issue 14): a saved APDU trace opened as a reader beside the real ones
// ("Replay: trace.json"), so that a technician reproduces at the desk what a card did in the field. Only the file is
// read here; the replay's exchanges run on the reader manager's owner thread like any card's.
#include <QCoreApplication>
#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QWidget;

namespace carddesk {

class CardReaderManager;
class ReadersPanel;

class ReplayReaders final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayReaders)
public:
    ReplayReaders(CardReaderManager* readers, ReadersPanel* panel, QWidget* parent);

    // Where the file comes from: a file dialog unless a test sets another chooser ("" = cancelled).
    void setFileChooser(std::function<QString()> chooser) { m_chooser = std::move(chooser); }

    // Opens `path` as a replay reader and selects it; returns the translated error, empty on success.
    QString open(const QString& path);
    // Removes the replay reader `name` (no-op for any other reader).
    void close(const QString& name);
    QStringList openReaders() const { return m_open; }

    // The menu's actions: "Open trace as replay reader…" and "Close replay reader" (the selected one, else the
    // last opened; disabled while none is open).
    QAction* openAction() const { return m_openAction; }
    QAction* closeAction() const { return m_closeAction; }

private:
    void chooseAndOpen();
    void closeCurrent();
    void updateActions();

    CardReaderManager* m_readers;
    ReadersPanel* m_panel;
    QWidget* m_parent;
    std::function<QString()> m_chooser;
    QStringList m_open;
    QAction* m_openAction;
    QAction* m_closeAction;
};

} // namespace carddesk
