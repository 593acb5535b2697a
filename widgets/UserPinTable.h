#pragma once
// The template's users, one row each, with a masked PIN field per user (QLineEdit::Password, digits only).
// PINs are read once when the issuance starts and cleared after a success; nothing here logs or stores them.
#include <QWidget>

#include <string>
#include <vector>

class QGridLayout;
class QLabel;
class QLineEdit;

namespace carddesk {

class CardTemplate;

class UserPinTable final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserPinTable)
public:
    explicit UserPinTable(QWidget* parent = nullptr);

    // Rebuilds the rows from the template's users; PINs typed so far are dropped.
    void setTemplate(const CardTemplate& tmpl);
    void clearPins();

    struct Entry {
        int number = 0;
        std::string pin; // digits as typed; the caller moves it into the holder file
    };
    // The users whose PIN field is filled, in template order.
    std::vector<Entry> entries() const;
    int userCount() const { return int(m_pins.size()); }
    QLineEdit* pinEdit(int userNumber) const;

    // The first and last PIN fields in the tab order (for chaining the groups before and after the table).
    QWidget* firstFocusWidget() const;
    QWidget* lastFocusWidget() const;

signals:
    void pinsChanged();

private:
    void clearRows();

    QGridLayout* m_grid;
    QLabel* m_empty;
    std::vector<std::pair<int, QLineEdit*>> m_pins;
    std::vector<QWidget*> m_rowWidgets;
};

} // namespace carddesk
