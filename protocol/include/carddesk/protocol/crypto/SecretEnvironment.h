#pragma once
// Secrets handed to a CardDesk program through its environment (development runs, service managers without
// credentials): taken out of the environment first thing in main(). qunsetenv alone leaves the bytes in the
// environment block the kernel shows in /proc/<pid>/environ (issue 17); take() overwrites them, unsets the
// variable, and keeps the value in this process only, where value() finds it. Children do not inherit them.
#include <optional>
#include <string>

namespace cdos {

class SecretEnvironment {
public:
    // CARDDESK_KEYSTORE_PASSPHRASE, CARDDESK_TOKEN_PIN, CARDDESK_HEADEND_ADMIN_TOKEN, CARDDESK_HEADEND_TOKEN (an
    // operator's headend credential), CARDDESK_PIN and the operators' passwords (CARDDESK_OPERATOR_PASSWORD,
    // CARDDESK_SECOND_OPERATOR_PASSWORD, CARDDESK_NEW_OPERATOR_PASSWORD).
    static void takeAll();
    static void take(const char* name);
    // The taken value, or (never taken) the environment's; nullopt when neither has it.
    static std::optional<std::string> value(const char* name);
};

} // namespace cdos
