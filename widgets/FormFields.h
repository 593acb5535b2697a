#pragma once
// Form fields as every view builds them: a named line edit with a placeholder and a clear button, and a label that
// is its buddy (so that its mnemonic focuses the field).
#include <QLabel>
#include <QLineEdit>

namespace carddesk {

inline QLineEdit* lineEdit(QWidget* parent, const char* name, const QString& placeholder) {
    auto* e = new QLineEdit(parent);
    e->setObjectName(QLatin1String(name));
    e->setPlaceholderText(placeholder);
    e->setClearButtonEnabled(true);
    return e;
}

inline QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setBuddy(buddy);
    return l;
}

} // namespace carddesk
