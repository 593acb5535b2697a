#pragma once
// One record of the application registry (应用注册表, patent [0030]; docs/app-download.md): a linear fixed EF under
// the MF (FID 0012) of 8 records of 80 bytes, one per installed application, written by the card OS and readable by
// anyone. Layout (big-endian):
//   0 in use (01) | 1 AID length | 2..17 AID | 18 code address ("address in data memory") | 22 version |
//   24 static data length | 28 FCI: DF FID(2) code length(4) config length(4) RAM bound(4) |
//   42 DF start | 46 DF end | 50 EF address (static data area) | 54..69 random seed | 70..75 zero | 76 CRC-32
// The card, the console and the gateway all read it through this one decoder.
#include "carddesk/protocol/perso/Personaliser.h"

#include <optional>
#include <vector>

namespace cdos::appdl {

struct RegistryRecord {
    static constexpr std::uint8_t kLength = 80;
    static constexpr std::uint8_t kSlots = 8;

    std::uint8_t slot = 0; // record number 1..kSlots
    Bytes aid;
    std::uint32_t codeAddr = 0;
    std::uint16_t version = 0;
    std::uint32_t staticLength = 0;
    std::uint16_t dfFid = 0;
    std::uint32_t codeLength = 0, configLength = 0, ramBound = 0;
    std::uint32_t dfStart = 0, dfEnd = 0, efAddr = 0; // DF end exclusive
    Bytes seed;                                       // binds delete certificates; not a secret

    Bytes encode() const;
    // nullopt: a free record, or a damaged one (CRC).
    static std::optional<RegistryRecord> decode(const Bytes& raw, std::uint8_t slot);
};

// The registry of the card behind `transmit` (SELECT MF, SELECT 0012, READ RECORD 1..8); a card without the EF
// (nothing ever installed) has an empty registry. Leaves the MF's registry EF selected.
std::vector<RegistryRecord> readRegistry(const Transmit& transmit);

} // namespace cdos::appdl
