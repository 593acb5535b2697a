#include "carddesk/protocol/appdl/AppRegistryRecord.h"

#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/crypto/Crc32.h"

namespace cdos::appdl {

Bytes RegistryRecord::encode() const {
    Bytes b;
    b.push_back(0x01);
    b.push_back(static_cast<std::uint8_t>(aid.size()));
    Bytes a = aid;
    a.resize(16, 0);
    append(b, a);
    putU32(b, codeAddr);
    putU16(b, version);
    putU32(b, staticLength);
    putU16(b, dfFid);
    putU32(b, codeLength);
    putU32(b, configLength);
    putU32(b, ramBound);
    putU32(b, dfStart);
    putU32(b, dfEnd);
    putU32(b, efAddr);
    append(b, seed);
    b.resize(76, 0);
    putU32(b, crc32(b.data(), b.size()));
    return b;
}

std::optional<RegistryRecord> RegistryRecord::decode(const Bytes& raw, std::uint8_t slot) {
    if (raw.size() != kLength || raw[0] != 0x01 || raw[1] < 5 || raw[1] > 16)
        return std::nullopt;
    if (getU32(&raw[76]) != crc32(raw.data(), 76))
        return std::nullopt;
    RegistryRecord r;
    r.slot = slot;
    r.aid = Bytes(raw.begin() + 2, raw.begin() + 2 + raw[1]);
    const std::uint8_t* p = raw.data() + 18;
    r.codeAddr = getU32(p);
    r.version = getU16(p + 4);
    r.staticLength = getU32(p + 6);
    r.dfFid = getU16(p + 10);
    r.codeLength = getU32(p + 12);
    r.configLength = getU32(p + 16);
    r.ramBound = getU32(p + 20);
    r.dfStart = getU32(p + 24);
    r.dfEnd = getU32(p + 28);
    r.efAddr = getU32(p + 32);
    r.seed = Bytes(raw.begin() + 54, raw.begin() + 70);
    return r;
}

std::vector<RegistryRecord> readRegistry(const Transmit& transmit) {
    std::vector<RegistryRecord> out;
    transmit(selectFid(cdos::fid::Mf));
    if (transmit(selectFid(fid::Registry)).sw != 0x9000)
        return out;
    for (std::uint8_t n = 1; n <= RegistryRecord::kSlots; ++n) {
        const ResponseApdu r = transmit(CommandApdu{0x00, 0xB2, n, 0x04, {}, RegistryRecord::kLength});
        if (r.ok())
            if (auto rec = RegistryRecord::decode(r.data, n))
                out.push_back(std::move(*rec));
    }
    return out;
}

} // namespace cdos::appdl
