#pragma once
// Asks for the issuer key store: its file and its passphrase. The passphrase is shown masked, never logged, and
// handed to the caller only; the dialog keeps no copy once it is closed.
#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace carddesk {

class KeyStoreDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyStoreDialog)
public:
    // Returns an empty string when the store opens, otherwise the reason in words (wrong passphrase...). The
    // dialog stays open on an error so the operator can correct the passphrase.
    using Opener = std::function<QString(const QString& path, const QString& passphrase)>;

    explicit KeyStoreDialog(Opener opener, QWidget* parent = nullptr);
    ~KeyStoreDialog() override;

    void setPath(const QString& path);
    void setPassphrase(const QString& passphrase);
    QString path() const;

    // The development store and its passphrase (docs/keys.md); shown as a hint, never as a default secret.
    static QString developmentStoreHint();

public slots:
    void accept() override;

private:
    void browse();
    void updateButtons();

    Opener m_opener;
    QLineEdit* m_path = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace carddesk
