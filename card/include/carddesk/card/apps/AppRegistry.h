#pragma once
// The application registry (应用注册表, patent [0030]): a linear fixed EF under the MF (FID 0012), one record per
// installed application; the record layout is protocol's appdl::RegistryRecord (the console and the gateway read it
// with the same decoder). The OS writes it; UPDATE RECORD is refused (update AC never), READ RECORD is free.
// Beside it, EF 0013 keeps each AID's version floor — the highest version ever installed — across deletes, so a
// signed older version cannot come back (issue 17): records of AID length (1) | AID (16) | version (2) | 01.
#include "carddesk/card/fs/FileSystem.h"
#include "carddesk/protocol/appdl/AppRegistryRecord.h"

#include <optional>
#include <vector>

namespace cdos::card {

using AppRecord = appdl::RegistryRecord;

class AppRegistry {
public:
    static constexpr std::uint8_t kRecordLength = AppRecord::kLength;
    static constexpr std::uint8_t kSlots = AppRecord::kSlots;
    static constexpr std::uint8_t kFloorLength = 20;
    static constexpr std::uint8_t kFloorSlots = 32;

    explicit AppRegistry(FileSystem& fs) : m_fs(fs) {}
    std::optional<std::uint8_t> file() const;
    // Creates the registry EF (and the version floors' EF) when missing (inside a transaction).
    std::uint8_t ensure();
    bool complete() const; // both EFs exist
    // The version floor of `aid`: 0 when it was never installed; nullopt when it has no floor record and no record
    // is free for one (the install is refused: a floor is never dropped).
    std::optional<std::uint16_t> versionFloor(const Bytes& aid) const;
    void raiseFloor(const Bytes& aid, std::uint16_t version); // inside the install's transaction
    std::vector<AppRecord> list() const;
    std::optional<AppRecord> find(const Bytes& aid) const;
    std::optional<std::uint8_t> freeSlot() const; // nullopt: full
    void put(const AppRecord& r);
    void clear(std::uint8_t slot);

private:
    std::optional<std::uint8_t> floors() const;
    std::optional<std::uint8_t> floorRecord(const Bytes& aid, bool orFree) const;
    FileSystem& m_fs;
};

} // namespace cdos::card
