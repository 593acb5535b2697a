#pragma once
// The card's conditional-access (CA) application: constants, records and terminal/issuer-side command builders
// (docs/command-set.md "Conditional-access application", docs/conditional-access.md "The card"). Header-only so
// that card, gateway and tests share one definition without touching the protocol library's build.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/crypto/DesKey.h"

#include <optional>
#include <string>
#include <vector>

namespace cdos::ca {

inline const Bytes kCaAid{0xF0, 0x43, 0x44, 0x45, 0x43, 0x41}; // "CDECA"
inline constexpr std::uint16_t kCaDfFid = 0xCA00;
inline constexpr std::uint16_t kCaStateFid = 0xCA01; // transparent, never readable or writable by file commands
inline constexpr std::uint16_t kCaDfSize = 1024;
inline constexpr std::uint16_t kCaStateSize = 640;

namespace ins {
inline constexpr std::uint8_t ProcessEcm = 0x3A;       // 80 3A
inline constexpr std::uint8_t EditMenu = 0x3D;         // 80 3D
inline constexpr std::uint8_t WriteEntitlement = 0x3E; // 84 3E (issuer SM)
inline constexpr std::uint8_t OpenVodRight = 0x3F;     // 80 3F
} // namespace ins

namespace sw {
inline constexpr std::uint16_t NotEntitled = 0x6985;   // no right for this user: the terminal shows the menu again
inline constexpr std::uint16_t EcmUnknownKey = 0x6A88; // no service key with the ECM's id and version
inline constexpr std::uint16_t EcmBadMac = 0x9302;     // ECM MAC wrong
inline constexpr std::uint16_t EcmReplay = 0x9410;     // crypto period older than the last accepted one
inline constexpr std::uint16_t NoPurchase = 0x9411;    // OPEN VOD RIGHT without a matching e-purse purchase
} // namespace sw

// GET DATA (80 CA 00 P2) in the CA DF.
inline constexpr std::uint8_t kTagServiceKeys = 0xC1;  // n × (id, version)
inline constexpr std::uint8_t kTagEntitlements = 0xC2; // n × Entitlement (12 bytes)

enum class RightKind : std::uint8_t { Package = 1, Channel = 2, Vod = 3 };

// Dates are binary YYYYMMDD (20261126); a right holds from start to end inclusive.
struct Entitlement {
    std::uint8_t user = 0; // 1..8; 0 = free slot
    RightKind kind = RightKind::Package;
    std::uint16_t id = 0; // package id, programme id (channel) or VOD programme id
    std::uint32_t start = 0, end = 0;
    static constexpr std::size_t kSize = 12;
    bool covers(std::uint32_t date) const { return start <= date && date <= end; }
    Bytes encode() const {
        Bytes b{user, static_cast<std::uint8_t>(kind)};
        putU16(b, id);
        putU32(b, start);
        putU32(b, end);
        return b;
    }
    static Entitlement decode(const std::uint8_t* p) {
        return Entitlement{p[0], static_cast<RightKind>(p[1]), getU16(p + 2), getU32(p + 4), getU32(p + 8)};
    }
    bool operator==(const Entitlement&) const = default;
};

inline std::vector<Entitlement> decodeEntitlements(const Bytes& b) {
    std::vector<Entitlement> out;
    for (std::size_t at = 0; at + Entitlement::kSize <= b.size(); at += Entitlement::kSize)
        out.push_back(Entitlement::decode(b.data() + at));
    return out;
}

// Service key CA_SERVICE_n (n = the ECM's key id, 1..8) lives in key file slot 10 + n - 1 (docs/command-set.md).
inline std::uint8_t keySlotOf(std::uint8_t serviceKeyId) {
    return static_cast<std::uint8_t>(kFirstCaServiceKeyId + serviceKeyId - 1);
}

// --- command builders (plain; issuer commands are wrapped with IssuerSmSession::wrap) ---
inline CommandApdu processEcm(std::uint32_t date, const Bytes& ecmPayload) {
    CommandApdu c{cla::Proprietary, ins::ProcessEcm, 0x00, 0x00, {}, 256};
    putU32(c.data, date);
    append(c.data, ecmPayload);
    return c;
}
// WRITE ENTITLEMENT: end 0 deletes the right.
inline CommandApdu writeEntitlement(const Entitlement& e) {
    CommandApdu c{cla::Proprietary, ins::WriteEntitlement, 0x00, 0x00, e.encode(), -1};
    return c;
}
// Several rights in one WRITE ENTITLEMENT, written all or none (issuance); at most kRightsPerCommand so that the
// command with its MAC stays a short APDU.
inline constexpr std::size_t kRightsPerCommand = 20;
inline CommandApdu writeEntitlements(const std::vector<Entitlement>& rights) {
    CommandApdu c{cla::Proprietary, ins::WriteEntitlement, 0x00, 0x00, {}, -1};
    for (const auto& e : rights)
        append(c.data, e.encode());
    return c;
}
// The headend's authorisation of one VOD right (docs/conditional-access.md "VOD rights"): the left 4 bytes of the
// ISO 9797-1 algorithm 3 MAC (zero IV) under the card's PURCHASE sub-key — which only the card and the headend
// hold — over "VODR" ‖ card number(10) ‖ programme(2) ‖ price(4) ‖ valid days(2) ‖ the purchase's offline
// counter(2). What the terminal cannot choose: the programme, the days and the purchase the right is for.
inline Bytes vodRightMac(const DesKey& purchaseSubKey, const Bytes& cardNumber, std::uint16_t programme,
                         std::uint32_t price, std::uint16_t validDays, std::uint16_t purchaseCounter) {
    Bytes input{'V', 'O', 'D', 'R'};
    append(input, cardNumber);
    putU16(input, programme);
    putU32(input, price);
    putU16(input, validDays);
    putU16(input, purchaseCounter);
    Bytes mac = retailMac(purchaseSubKey, Bytes(8, 0), input);
    mac.resize(4);
    return mac;
}
inline Bytes vodRightMac(const Bytes& purchaseSubKey16, const Bytes& cardNumber, std::uint16_t programme,
                         std::uint32_t price, std::uint16_t validDays, std::uint16_t purchaseCounter) {
    return vodRightMac(HostKey(purchaseSubKey16), cardNumber, programme, price, validDays, purchaseCounter);
}
// OPEN VOD RIGHT: programme(2) price(4) valid days(2) MAC(4) (vodRightMac, from the headend's purchase answer).
inline CommandApdu openVodRight(std::uint16_t programme, std::uint32_t price, std::uint16_t validDays,
                                const Bytes& headendMac) {
    CommandApdu c{cla::Proprietary, ins::OpenVodRight, 0x00, 0x00, {}, -1};
    putU16(c.data, programme);
    putU32(c.data, price);
    putU16(c.data, validDays);
    append(c.data, headendMac);
    return c;
}
// WRITE KEY of service key CA_SERVICE_<id> into its slot (issuer path: wrap with IssuerSmSession::wrap). The value
// travels 3DES-encrypted under the card's maintenance key (IssuerSmSession::encryptSecret), never in clear.
inline CommandApdu writeServiceKey(std::uint8_t serviceKeyId, std::uint8_t version, const Bytes& encryptedValue,
                                   std::uint8_t maxErrors = 15) {
    CommandApdu c{cla::Proprietary, cdos::ins::WriteKey, 0x00, keySlotOf(serviceKeyId), {}, -1};
    c.data = {kKeyType3Des2, static_cast<std::uint8_t>(KeyUsage::CaService), version, maxErrors};
    append(c.data, encryptedValue);
    return c;
}
// The key store name of service key <id>: CA_SERVICE_<id>; the id of a name (0 when it is not one).
inline std::string serviceKeyName(std::uint8_t serviceKeyId) {
    return "CA_SERVICE_" + std::to_string(serviceKeyId);
}
inline std::uint8_t serviceKeyIdOf(const std::string& name) {
    const std::string prefix = "CA_SERVICE_";
    if (name.size() != prefix.size() + 1 || name.compare(0, prefix.size(), prefix) != 0)
        return 0;
    const char d = name.back();
    return d >= '1' && d <= '8' ? static_cast<std::uint8_t>(d - '0') : 0;
}
// GET DATA C1: n × (service key id, version).
struct ServiceKeyVersion {
    std::uint8_t id = 0;
    std::uint8_t version = 0;
    bool operator==(const ServiceKeyVersion&) const = default;
};
inline std::optional<std::vector<ServiceKeyVersion>> decodeServiceKeys(const Bytes& b) {
    if (b.size() % 2 != 0)
        return std::nullopt;
    std::vector<ServiceKeyVersion> out;
    for (std::size_t i = 0; i < b.size(); i += 2)
        out.push_back({b[i], b[i + 1]});
    return out;
}
inline const char* rightKindName(RightKind k) {
    switch (k) {
    case RightKind::Package:
        return "package";
    case RightKind::Channel:
        return "channel";
    case RightKind::Vod:
        return "vod";
    }
    return "unknown";
}

inline CommandApdu getCaData(std::uint8_t tag) {
    return CommandApdu{cla::Proprietary, cdos::ins::GetData, 0x00, tag, {}, 256};
}

// MENU EDIT: a list of operations applied together, in one NVM transaction.
enum class MenuOp : std::uint8_t { Hide = 1, Show = 2, Delete = 3, Add = 4 };
struct MenuEdit {
    MenuOp op = MenuOp::Hide;
    std::uint8_t entryId = 0;
    std::uint32_t permission = 0; // Add only
    std::string title;            // Add only
};
inline CommandApdu editMenu(const std::vector<MenuEdit>& edits) {
    CommandApdu c{cla::Proprietary, ins::EditMenu, 0x00, 0x00, {}, -1};
    for (const auto& e : edits) {
        c.data.push_back(static_cast<std::uint8_t>(e.op));
        c.data.push_back(e.entryId);
        if (e.op == MenuOp::Add) {
            putU32(c.data, e.permission);
            c.data.push_back(static_cast<std::uint8_t>(e.title.size()));
            c.data.insert(c.data.end(), e.title.begin(), e.title.end());
        }
    }
    return c;
}

} // namespace cdos::ca
