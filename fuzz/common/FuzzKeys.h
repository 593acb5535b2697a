#pragma once
// The fixed CA service key of the ECM / TS targets and their seeds: id 1, version 1 (a test value, on no card).
#include "carddesk/protocol/apdu/Bytes.h"

namespace cdfuzz {

inline const cdos::SecretBytes& fuzzServiceKey() {
    static const cdos::SecretBytes key(
        cdos::Bytes{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF});
    return key;
}

} // namespace cdfuzz
