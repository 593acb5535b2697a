#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include "carddesk/protocol/apdu/Bytes.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

namespace cdos {

namespace {

struct Store {
    std::mutex mutex;
    std::map<std::string, std::string> values;
    ~Store() {
        for (auto& [name, v] : values)
            secureZero(v.data(), v.size());
    }
};

Store& store() {
    static Store s;
    return s;
}

} // namespace

void SecretEnvironment::takeAll() {
    for (const char* name : {"CARDDESK_KEYSTORE_PASSPHRASE", "CARDDESK_TOKEN_PIN", "CARDDESK_HEADEND_ADMIN_TOKEN",
                             "CARDDESK_HEADEND_TOKEN", "CARDDESK_PIN", "CARDDESK_OPERATOR_PASSWORD",
                             "CARDDESK_SECOND_OPERATOR_PASSWORD", "CARDDESK_NEW_OPERATOR_PASSWORD"})
        take(name);
}

void SecretEnvironment::take(const char* name) {
    char* v = std::getenv(name);
    if (!v)
        return;
    const std::lock_guard lock(store().mutex);
    store().values[name] = v;
    // The value's own bytes: for a variable the process started with, they are what /proc/<pid>/environ reads.
    secureZero(v, std::strlen(v));
    ::unsetenv(name);
}

std::optional<std::string> SecretEnvironment::value(const char* name) {
    {
        const std::lock_guard lock(store().mutex);
        const auto it = store().values.find(name);
        if (it != store().values.end())
            return it->second;
    }
    if (const char* v = std::getenv(name))
        return std::string(v);
    return std::nullopt;
}

} // namespace cdos
