#include "carddesk/protocol/ca/ServiceKeyFile.h"

#include <fstream>
#include <sstream>

namespace cdos {

ServiceKey ServiceKeyFile::load(const std::string& path, const std::string& name) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open service key file " + path);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        std::istringstream fields(line);
        std::string keyName, version, hex;
        if (!(fields >> keyName) || keyName[0] == '#' || keyName != name)
            continue;
        fields >> version >> hex;
        auto value = fromHex(hex);
        int v = 0;
        try {
            v = std::stoi(version);
        } catch (const std::exception&) {
            v = -1;
        }
        if (!value || value->size() != 16 || v < 0 || v > 255)
            throw std::runtime_error(path + ":" + std::to_string(lineNo) + ": malformed service key line");
        ServiceKey k;
        k.name = name;
        const auto underscore = name.rfind('_');
        k.id =
            underscore == std::string::npos ? 1 : static_cast<std::uint8_t>(std::atoi(name.c_str() + underscore + 1));
        k.version = static_cast<std::uint8_t>(v);
        k.key = SecretBytes(std::move(*value));
        secureZero(hex.data(), hex.size());
        secureZero(line.data(), line.size());
        return k;
    }
    throw std::runtime_error("service key " + name + " not in " + path);
}

} // namespace cdos
