#pragma once
// Input at the desk, or its absence: idle() once no key, mouse button, wheel or touch has reached the application
// for the interval (the console's session lock). An interval of 0 switches the watch off.
#include <QObject>

class QTimer;

namespace carddesk {

class IdleWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleWatcher)
public:
    explicit IdleWatcher(QObject* parent = nullptr);
    ~IdleWatcher() override;

    void setInterval(int milliseconds); // 0: off
    int interval() const { return m_interval; }
    void restart();

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer* m_timer;
    int m_interval = 0;
};

} // namespace carddesk
