#pragma once
// A card program (carddesk-card or carddesk-echo-card) started for a benchmark in a vpcd port, stopped by PID.
#include <string>
#include <sys/types.h>

namespace cdbench {

class CardChild {
public:
    CardChild() = default;
    CardChild(const std::string& bin, const std::string& image, int port) { start(bin, image, port); }
    ~CardChild() { stop(); }
    CardChild(const CardChild&) = delete;
    CardChild& operator=(const CardChild&) = delete;

    // `bin --image IMAGE --port PORT`; throws std::runtime_error when it cannot be started.
    void start(const std::string& bin, const std::string& image, int port);
    // SIGTERM and wait; a card that had already ended (a crash) is said on stderr.
    void stop();

private:
    pid_t m_pid = -1;
};

} // namespace cdbench
