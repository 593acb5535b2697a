#include "bench/CardChild.h"

#include <csignal>
#include <cstdio>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace cdbench {

void CardChild::start(const std::string& bin, const std::string& image, int port) {
    stop();
    std::vector<std::string> args{bin, "--image", image, "--port", std::to_string(port)};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&m_pid, bin.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
        m_pid = -1;
        throw std::runtime_error("cannot start " + bin);
    }
}

void CardChild::stop() {
    if (m_pid <= 0)
        return;
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
        std::fprintf(stderr, "bench: card process %d had already ended (status %d)\n", m_pid, status);
    } else {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }
    m_pid = -1;
}

} // namespace cdbench
