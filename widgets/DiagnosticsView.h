#pragma once
// The card diagnostics tab for the field technician: ATR decoded, life cycle as a state diagram, numbers and
// serials, OS version, NVM use, users with PIN tries left, menu entries, key metadata (never key values) and the
// conditional-access rights per user with their dates (expired ones marked) and the service-key versions.
// It shows a CardSnapshot; reading one is the CardPanel's job (on the PC/SC owner thread).
#include "carddesk/cardio/CardSnapshot.h"

#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace carddesk {

class LifeCycleDiagram;

class DiagnosticsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsView)
public:
    explicit DiagnosticsView(QWidget* parent = nullptr);

    void setSnapshot(const CardSnapshot& snapshot);
    void clear();
    // Names for permission bits (from the current template); without it masks show as hex only.
    void setPermissionNamer(std::function<QStringList(quint32)> namer);
    // While a read runs the view is disabled, as Kleopatra's card view is.
    void setReading(bool reading);
    void focusFirstInput();

signals:
    void refreshRequested();

private:
    QString permissionText(quint32 mask) const;
    void fillUsers(const CardSnapshot& s);
    void fillMenu(const CardSnapshot& s);
    void fillKeys(const CardSnapshot& s);
    void fillCa(const CardSnapshot& s);

    std::function<QStringList(quint32)> m_namer;
    QPushButton* m_refresh;
    QLabel* m_readAt;
    QLabel* m_atr;
    QLabel* m_atrDecoded;
    QLabel* m_cardNumber;
    QLabel* m_issuerSerial;
    QLabel* m_productSerial;
    QLabel* m_chipSerial;
    QLabel* m_osVersion;
    LifeCycleDiagram* m_lifeCycle;
    QProgressBar* m_nvmBar;
    QLabel* m_nvmDetail;
    QTableWidget* m_users;
    QTableWidget* m_menu;
    QTableWidget* m_keys;
    QLabel* m_serviceKeys;
    QTableWidget* m_rights;
    QLabel* m_unavailable;
};

} // namespace carddesk
