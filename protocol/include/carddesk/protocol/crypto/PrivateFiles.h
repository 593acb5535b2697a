#pragma once
// Every CardDesk program creates its files (key stores, card images, databases with personal data, TLS keys,
// exports) for its user alone from the first byte: 0600, never chmod'ed afterwards. Called first in each main().
#include <sys/stat.h>

namespace cdos {

inline void createFilesPrivately() {
    ::umask(077);
}

} // namespace cdos
