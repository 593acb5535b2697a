#pragma once
// Drives the issuance view of a real main window the way an operator does: by object name, with key clicks, and
// answers the key store dialog when it pops up (from a timer, as the dialog is modal). Shared by the end-to-end
// test over pcscd and the in-process one.
#include <QString>
#include <QStringList>

namespace carddesk {
class MainWindow;
}

namespace carddesk::test {

struct HolderInput {
    QString userNumber = QStringLiteral("U0001");
    QString account = QStringLiteral("6222020200112233");
    QString name = QStringLiteral("张伟");
    QString cardNumber; // empty: allocate
    QList<QPair<int, QString>> pins = {
        {1, QStringLiteral("123456")}, {2, QStringLiteral("8888")}, {3, QStringLiteral("2468")}};
};

class IssuanceDriver final {
public:
    explicit IssuanceDriver(MainWindow* window) : m_window(window) {}

    // Types the holder data and PINs; false (with a message in *error) when a field is missing.
    bool fill(const HolderInput& input, QString* error);
    // Arms a timer that fills the key store dialog with `passphrase` and presses Open once it is shown.
    void answerKeyStoreDialog(const QString& passphrase);
    // Clicks "Issue card".
    bool clickIssue(QString* error);

    bool keyStoreDialogSeen() const { return m_dialogSeen; }
    // Saves a picture of the key store dialog, filled in, before it is answered (for people reading test output).
    void setDialogScreenshot(const QString& path) { m_dialogScreenshot = path; }

private:
    MainWindow* m_window;
    bool m_dialogSeen = false;
    QString m_dialogScreenshot;
};

} // namespace carddesk::test
