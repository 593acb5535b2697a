#pragma once
// Conditional-access service keys from a text file of "NAME VERSION HEX" lines (the format of
// resources/keystores/development-keys.txt). Values are never printed; errors name the file and line only.
#include "carddesk/protocol/apdu/Bytes.h"

#include <stdexcept>
#include <string>

namespace cdos {

struct ServiceKey {
    std::string name;
    std::uint8_t id = 0; // CA_SERVICE_<id>: the id the ECM carries
    std::uint8_t version = 0;
    SecretBytes key;
};

class ServiceKeyFile {
public:
    // Loads key `name` (e.g. CA_SERVICE_1). Throws std::runtime_error on a missing file, key or bad line.
    static ServiceKey load(const std::string& path, const std::string& name);
};

} // namespace cdos
