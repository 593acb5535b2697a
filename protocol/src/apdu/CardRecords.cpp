#include "carddesk/protocol/apdu/CardRecords.h"

#include "carddesk/protocol/apdu/Tlv.h"

namespace cdos {

bool isValidPin(const std::string& digits) {
    if (digits.size() < kMinPinDigits || digits.size() > kMaxPinDigits)
        return false;
    for (char c : digits)
        if (c < '0' || c > '9')
            return false;
    return true;
}

Bytes pinToBcd(const std::string& digits) {
    Bytes out;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
        const int hi = digits[i] - '0';
        const int lo = i + 1 < digits.size() ? digits[i + 1] - '0' : 0x0F;
        out.push_back(static_cast<std::uint8_t>((hi << 4) | lo));
    }
    return out;
}

Bytes pinBlock(const std::string& digits) {
    Bytes out{static_cast<std::uint8_t>(digits.size())};
    append(out, pinToBcd(digits));
    while (out.size() < 8)
        out.push_back(0xFF);
    return out;
}

std::optional<std::string> bcdToDigits(const std::uint8_t* p, std::size_t size) {
    std::string s;
    bool padding = false;
    for (std::size_t i = 0; i < size * 2; ++i) {
        const int n = (i % 2 == 0) ? (p[i / 2] >> 4) : (p[i / 2] & 0x0F);
        if (n == 0x0F) {
            padding = true;
            continue;
        }
        if (padding || n > 9)
            return std::nullopt;
        s.push_back(static_cast<char>('0' + n));
    }
    return s;
}

std::optional<std::string> pinFromBlock(const Bytes& block) {
    if (block.size() != 8 || block[0] < 4 || block[0] > 12)
        return std::nullopt;
    auto digits = bcdToDigits(block.data() + 1, 7);
    if (!digits || digits->size() != block[0])
        return std::nullopt;
    return digits;
}

Bytes CardInfo::encode() const {
    Bytes out = cardNumber;
    out.resize(10, 0);
    Bytes is = issuerSerial, ps = productSerial;
    is.resize(8, 0);
    ps.resize(8, 0);
    append(out, is);
    append(out, ps);
    return out;
}

std::optional<CardInfo> CardInfo::decode(const Bytes& b) {
    if (b.size() < 26)
        return std::nullopt;
    CardInfo c;
    c.cardNumber.assign(b.begin(), b.begin() + 10);
    c.issuerSerial.assign(b.begin() + 10, b.begin() + 18);
    c.productSerial.assign(b.begin() + 18, b.begin() + 26);
    return c;
}

static Bytes str(const std::string& s) {
    return Bytes(s.begin(), s.end());
}
static std::string str(const Bytes& b) {
    return std::string(b.begin(), b.end());
}

Bytes HolderData::encode() const {
    Bytes out;
    tlv::put(out, 0x01, str(userNumber));
    tlv::put(out, 0x02, str(account));
    tlv::put(out, 0x03, str(name));
    if (!language.empty())
        tlv::put(out, 0x05, str(language)); // 04 is the card random in the authentication's personal data
    return out;
}

namespace {

// Where the TLVs at the start of a file end. The unused rest of the file is zero bytes and no field has tag 00, so
// the data ends where a tag 00 would begin; a value may itself end in zero bytes (stripping every trailing zero cut
// such a value short and made the record unreadable). nullopt when a TLV runs past the end or non-zero bytes follow.
std::optional<std::size_t> tlvExtent(const Bytes& b) {
    std::size_t i = 0;
    while (i < b.size() && b[i] != 0) {
        if (b.size() - i < 2)
            return std::nullopt;
        std::size_t len = b[i + 1], head = 2;
        if (len == 0x81 && b.size() - i >= 3) {
            len = b[i + 2];
            head = 3;
        } else if (len == 0x82 && b.size() - i >= 4) {
            len = getU16(b.data() + i + 2);
            head = 4;
        } else if (len >= 0x80) {
            return std::nullopt;
        }
        if (len > b.size() - i - head)
            return std::nullopt;
        i += head + len;
    }
    for (std::size_t j = i; j < b.size(); ++j)
        if (b[j] != 0)
            return std::nullopt;
    return i;
}

} // namespace

std::optional<HolderData> HolderData::decode(const Bytes& b) {
    // The file is longer than the TLVs: the zero bytes after them are the unused rest.
    const auto end = tlvExtent(b);
    if (!end)
        return std::nullopt;
    auto m = tlv::parse(b.data(), *end);
    if (!m || !m->count(0x01) || !m->count(0x02) || !m->count(0x03))
        return std::nullopt;
    HolderData h{str(m->at(0x01)), str(m->at(0x02)), str(m->at(0x03)), {}};
    if (m->count(0x05))
        h.language = str(m->at(0x05));
    return h;
}

Bytes encodePutUser(const UserProfile& u, const Bytes& encryptedPinBlock) {
    Bytes out;
    putU32(out, u.permissions);
    out.push_back(u.maxRetries);
    out.push_back(static_cast<std::uint8_t>(u.name.size()));
    append(out, str(u.name));
    append(out, encryptedPinBlock);
    return out;
}

std::optional<PutUserData> decodePutUser(const Bytes& d) {
    if (d.size() < 6 + 8)
        return std::nullopt;
    const std::size_t nameLen = d[5];
    if (nameLen > kMaxNameBytes || d.size() != 6 + nameLen + 8 || d[4] == 0 || d[4] > 15)
        return std::nullopt;
    PutUserData out;
    out.profile.permissions = getU32(d.data());
    out.profile.maxRetries = d[4];
    out.profile.name.assign(d.begin() + 6, d.begin() + 6 + static_cast<long>(nameLen));
    out.encryptedPinBlock.assign(d.end() - 8, d.end());
    return out;
}

Bytes MenuEntry::encodeRecord() const {
    Bytes out{id};
    putU32(out, permission);
    out.push_back(hidden ? 0x01 : 0x00);
    const std::size_t n = std::min<std::size_t>(title.size(), kMenuRecordLength - 7);
    out.push_back(static_cast<std::uint8_t>(n));
    out.insert(out.end(), title.begin(), title.begin() + static_cast<long>(n));
    out.resize(kMenuRecordLength, 0);
    return out;
}

std::optional<MenuEntry> MenuEntry::decodeRecord(const std::uint8_t* p, std::size_t size) {
    if (size < 7 || p[6] > size - 7)
        return std::nullopt;
    MenuEntry e;
    e.id = p[0];
    e.permission = getU32(p + 1);
    e.hidden = (p[5] & 0x01) != 0;
    e.title.assign(reinterpret_cast<const char*>(p + 7), p[6]);
    return e;
}

Bytes PurseParams::encode() const {
    Bytes out;
    putU32(out, balanceLimit);
    putU24(out, overdraftLimit);
    out.push_back(static_cast<std::uint8_t>((loadNeedsPin ? 0x01 : 0) | (proveCounterAfter ? 0x02 : 0)));
    out.resize(16, 0);
    return out;
}

std::optional<PurseParams> PurseParams::decode(const Bytes& b) {
    if (b.size() < 7)
        return std::nullopt;
    PurseParams p{getU32(b.data()), getU24(b.data() + 4)};
    if (b.size() > 7) {
        p.loadNeedsPin = (b[7] & 0x01) != 0;
        p.proveCounterAfter = (b[7] & 0x02) != 0;
    }
    return p;
}

Bytes encodeUsers(const std::vector<UserStatus>& users) {
    Bytes out{static_cast<std::uint8_t>(users.size())};
    for (const auto& u : users) {
        out.push_back(u.profile.number);
        putU32(out, u.profile.permissions);
        out.push_back(u.retriesLeft);
        out.push_back(u.profile.maxRetries);
        out.push_back(static_cast<std::uint8_t>(u.profile.name.size()));
        append(out, str(u.profile.name));
    }
    return out;
}

std::optional<std::vector<UserStatus>> decodeUsers(const Bytes& b) {
    if (b.empty())
        return std::nullopt;
    std::vector<UserStatus> out;
    std::size_t i = 1;
    for (int k = 0; k < b[0]; ++k) {
        if (i + 8 > b.size() || i + 8 + b[i + 7] > b.size())
            return std::nullopt;
        UserStatus u;
        u.profile.number = b[i];
        u.profile.permissions = getU32(b.data() + i + 1);
        u.retriesLeft = b[i + 5];
        u.profile.maxRetries = b[i + 6];
        u.profile.name.assign(b.begin() + static_cast<long>(i + 8), b.begin() + static_cast<long>(i + 8 + b[i + 7]));
        i += 8 + b[i + 7];
        out.push_back(u);
    }
    return i == b.size() ? std::optional(out) : std::nullopt;
}

Bytes encodeMenu(const std::vector<MenuEntry>& menu) {
    Bytes out{static_cast<std::uint8_t>(menu.size())};
    for (const auto& e : menu) {
        out.push_back(e.id);
        putU32(out, e.permission);
        out.push_back(e.hidden ? 1 : 0);
        out.push_back(static_cast<std::uint8_t>(e.title.size()));
        append(out, str(e.title));
    }
    return out;
}

std::optional<std::vector<MenuEntry>> decodeMenu(const Bytes& b) {
    if (b.empty())
        return std::nullopt;
    std::vector<MenuEntry> out;
    std::size_t i = 1;
    for (int k = 0; k < b[0]; ++k) {
        if (i + 7 > b.size())
            return std::nullopt;
        auto e = MenuEntry::decodeRecord(b.data() + i, b.size() - i);
        if (!e)
            return std::nullopt;
        i += 7 + e->title.size();
        out.push_back(*e);
    }
    return i == b.size() ? std::optional(out) : std::nullopt;
}

Bytes encodeKeys(const std::vector<KeyInfo>& keys) {
    Bytes out{static_cast<std::uint8_t>(keys.size())};
    for (const auto& k : keys)
        out.insert(out.end(), {k.id, k.type, k.usage, k.version, k.errorCounter, k.maxErrors});
    return out;
}

std::optional<std::vector<KeyInfo>> decodeKeys(const Bytes& b) {
    if (b.empty() || b.size() != 1 + 6u * b[0])
        return std::nullopt;
    std::vector<KeyInfo> out;
    for (std::size_t i = 1; i < b.size(); i += 6)
        out.push_back(KeyInfo{b[i], b[i + 1], b[i + 2], b[i + 3], b[i + 4], b[i + 5]});
    return out;
}

Bytes encodeNvm(const NvmInfo& n) {
    Bytes out;
    putU32(out, n.total);
    putU32(out, n.free);
    putU16(out, n.pageSize);
    putU32(out, n.pageWrites);
    return out;
}

std::optional<NvmInfo> decodeNvm(const Bytes& b) {
    if (b.size() != 14)
        return std::nullopt;
    return NvmInfo{getU32(b.data()), getU32(b.data() + 4), getU32(b.data() + 10), getU16(b.data() + 8)};
}

Bytes Fcp::encode() const {
    Bytes body;
    Bytes f;
    putU16(f, fid);
    tlv::put(body, 0x83, f);
    Bytes d{static_cast<std::uint8_t>(type)};
    if (type == FileType::LinearFixed || type == FileType::Cyclic) {
        d.push_back(recordLength);
        d.push_back(recordCount);
    }
    tlv::put(body, 0x82, d);
    if (type == FileType::Transparent || type == FileType::Df) {
        Bytes s;
        putU16(s, size);
        tlv::put(body, 0x80, s);
    }
    if (type == FileType::Df && !aid.empty())
        tlv::put(body, 0x84, aid);
    if (type != FileType::Df && sfi)
        tlv::put(body, 0x88, Bytes{sfi});
    tlv::put(body, 0x86, Bytes{readAc, updateAc});
    if (lifeCycle)
        tlv::put(body, 0x8A, Bytes{lifeCycle});
    Bytes out;
    tlv::put(out, 0x62, body);
    return out;
}

std::optional<Fcp> Fcp::decode(const Bytes& b) {
    auto outer = tlv::parse(b);
    if (!outer || !outer->count(0x62))
        return std::nullopt;
    auto m = tlv::parse(outer->at(0x62));
    if (!m || !m->count(0x83) || !m->count(0x82) || m->at(0x83).size() != 2 || m->at(0x82).empty())
        return std::nullopt;
    Fcp f;
    f.fid = getU16(m->at(0x83).data());
    const Bytes& d = m->at(0x82);
    switch (d[0]) {
    case 0x38:
        f.type = FileType::Df;
        break;
    case 0x01:
        f.type = FileType::Transparent;
        break;
    case 0x02:
        f.type = FileType::LinearFixed;
        break;
    case 0x06:
        f.type = FileType::Cyclic;
        break;
    default:
        return std::nullopt;
    }
    if (f.type == FileType::LinearFixed || f.type == FileType::Cyclic) {
        if (d.size() != 3 || d[1] == 0 || d[2] == 0)
            return std::nullopt;
        f.recordLength = d[1];
        f.recordCount = d[2];
    } else if (d.size() != 1) {
        return std::nullopt;
    }
    if (m->count(0x80)) {
        if (m->at(0x80).size() != 2)
            return std::nullopt;
        f.size = getU16(m->at(0x80).data());
    }
    if (m->count(0x84)) {
        if (m->at(0x84).size() < 5 || m->at(0x84).size() > 16)
            return std::nullopt;
        f.aid = m->at(0x84);
    }
    if (m->count(0x88)) {
        if (m->at(0x88).size() != 1 || m->at(0x88)[0] == 0 || m->at(0x88)[0] > 30)
            return std::nullopt;
        f.sfi = m->at(0x88)[0];
    }
    if (m->count(0x86)) {
        if (m->at(0x86).size() != 2)
            return std::nullopt;
        f.readAc = m->at(0x86)[0];
        f.updateAc = m->at(0x86)[1];
    }
    if (m->count(0x8A) && m->at(0x8A).size() == 1)
        f.lifeCycle = m->at(0x8A)[0];
    return f;
}

std::vector<ByteRange> secretRanges(std::uint8_t c, std::uint8_t i, std::size_t n) {
    std::vector<ByteRange> out;
    const bool proprietary = (c & 0x80) != 0;
    if (!proprietary && i == ins::Verify && n > 0) {
        out.push_back({0, n});
    } else if (proprietary && i == ins::WriteKey && n >= 4 + 16) {
        out.push_back({4, 16});
    } else if (proprietary && i == ins::PutUser && n >= 8 + 4) {
        out.push_back({n - 12, 8});
    } else if (proprietary && i == ins::PinUnblock && n >= 12) {
        out.push_back({0, 8});
    } else if (proprietary && i == 0x5E && n > 0) {
        // E-purse CHANGE PIN (old FF new) and RELOAD PIN (new, MAC): only PINs and their MAC travel here.
        out.push_back({0, n});
    } else if (proprietary && i == 0x14 && n > 0) {
        // TERMINAL RESPONSE (docs/proactive.md): its text string may be the PIN typed in the card's PIN box.
        out.push_back({0, n});
    }
    return out;
}

std::vector<ByteRange> responseSecretRanges(std::uint8_t c, std::uint8_t i, std::size_t n) {
    // PROCESS ECM (80 3A, docs/conditional-access.md): its answer is the two control words in clear.
    if ((c & 0x80) && i == 0x3A && n > 0)
        return {{0, n}};
    return {};
}

} // namespace cdos
