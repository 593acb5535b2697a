#pragma once
// The card's life cycle as a small state diagram: 空白 → 已个人化 ⇄ 已锁定 → 已终止, the current state filled.
// Commercial consoles show it this way because an operator reads "where is this card, where can it go" at a glance.
#include "carddesk/protocol/apdu/CommandSet.h"

#include <QWidget>

#include <optional>

namespace carddesk {

class LifeCycleDiagram final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LifeCycleDiagram)
public:
    explicit LifeCycleDiagram(QWidget* parent = nullptr);

    void setLifeCycle(std::optional<cdos::LifeCycle> state);
    std::optional<cdos::LifeCycle> lifeCycle() const { return m_state; }

    // The translated name of a state ("已个人化"), shared with the other views so that all say the same.
    static QString stateName(cdos::LifeCycle state);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QSize boxSize() const;
    void updateAccessibleText();

    std::optional<cdos::LifeCycle> m_state;
};

} // namespace carddesk
