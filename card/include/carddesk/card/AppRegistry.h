#pragma once
// The application registry (应用注册表, patent [0030]): a linear fixed EF under the MF (FID 0012) of fixed-length
// records, one per installed application. Layout (80 bytes, big-endian):
//   0 in use (01) | 1 AID length | 2..17 AID | 18 code address ("address in data memory") | 22 version |
//   24 static data length | 28 FCI: DF FID(2) code length(4) config length(4) RAM bound(4) |
//   42 DF start | 46 DF end | 50 EF address (static data area) | 54..69 random seed | 70..75 zero | 76 CRC-32
// The OS writes it; UPDATE RECORD is refused (update AC never), READ RECORD is free.
#include "carddesk/card/FileSystem.h"

#include <optional>
#include <vector>

namespace cdos::card {

struct AppRecord {
    std::uint8_t slot = 0; // record number 1..kSlots
    Bytes aid;
    std::uint32_t codeAddr = 0;
    std::uint16_t version = 0;
    std::uint32_t staticLength = 0;
    std::uint16_t dfFid = 0;
    std::uint32_t codeLength = 0, configLength = 0, ramBound = 0;
    std::uint32_t dfStart = 0, dfEnd = 0, efAddr = 0;
    Bytes seed;

    Bytes encode() const;
    static std::optional<AppRecord> decode(const Bytes& raw, std::uint8_t slot); // nullopt: free or damaged
};

class AppRegistry {
public:
    static constexpr std::uint8_t kRecordLength = 80;
    static constexpr std::uint8_t kSlots = 8;

    explicit AppRegistry(FileSystem& fs) : m_fs(fs) {}
    std::optional<std::uint8_t> file() const;
    // Creates the EF when missing (inside a transaction).
    std::uint8_t ensure();
    std::vector<AppRecord> list() const;
    std::optional<AppRecord> find(const Bytes& aid) const;
    std::optional<std::uint8_t> freeSlot() const; // nullopt: full
    void put(const AppRecord& r);
    void clear(std::uint8_t slot);

private:
    FileSystem& m_fs;
};

} // namespace cdos::card
