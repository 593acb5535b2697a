#pragma once
// The application registry (应用注册表, patent [0030]): a linear fixed EF under the MF (FID 0012), one record per
// installed application; the record layout is protocol's appdl::RegistryRecord (the console and the gateway read it
// with the same decoder). The OS writes it; UPDATE RECORD is refused (update AC never), READ RECORD is free.
#include "carddesk/card/FileSystem.h"
#include "carddesk/protocol/AppRegistryRecord.h"

#include <optional>
#include <vector>

namespace cdos::card {

using AppRecord = appdl::RegistryRecord;

class AppRegistry {
public:
    static constexpr std::uint8_t kRecordLength = AppRecord::kLength;
    static constexpr std::uint8_t kSlots = AppRecord::kSlots;

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
