#include "carddesk/protocol/proactive/Proactive.h"

#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/apdu/Tlv.h"

namespace cdos::proactive {

namespace {

struct Field {
    std::uint8_t tag;
    Bytes value;
};

// Flat BER-TLV in order (items repeat, so a map will not do), lengths in the 81 and 82 forms as tlv::put writes; the
// comprehension-required bit 80 is accepted on the tags that TS 102 223 writes without it. nullopt when a length runs
// past the end.
std::optional<std::vector<Field>> fields(const std::uint8_t* p, std::size_t size) {
    std::vector<Field> out;
    std::size_t i = 0;
    while (i < size) {
        const std::uint8_t t = p[i++];
        if (i >= size)
            return std::nullopt;
        std::size_t len = p[i++];
        if (len == 0x81) {
            if (i >= size)
                return std::nullopt;
            len = p[i++];
        } else if (len == 0x82) {
            if (i + 1 >= size)
                return std::nullopt;
            len = static_cast<std::size_t>(p[i] << 8 | p[i + 1]);
            i += 2;
        } else if (len > 0x80) {
            return std::nullopt;
        }
        if (len > size - i)
            return std::nullopt;
        out.push_back({t, Bytes(p + i, p + i + len)});
        i += len;
    }
    return out;
}

// The body of the outer template `outer`, which must be the whole buffer.
std::optional<std::vector<Field>> body(const Bytes& b, std::uint8_t outer) {
    auto top = fields(b.data(), b.size());
    if (!top || top->size() != 1 || (*top)[0].tag != outer)
        return std::nullopt;
    return fields((*top)[0].value.data(), (*top)[0].value.size());
}

std::uint8_t plain(std::uint8_t t) {
    return t | 0x80;
}

bool validUtf8(const Bytes& b) {
    std::size_t i = 0;
    while (i < b.size()) {
        const std::uint8_t c = b[i];
        const int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        if (extra < 0 || i + extra >= b.size())
            return false;
        for (int k = 1; k <= extra; ++k)
            if ((b[i + k] & 0xC0) != 0x80)
                return false;
        i += extra + 1;
    }
    return true;
}

Bytes textString(const std::string& s) {
    Bytes v{kDcsUtf8};
    v.insert(v.end(), s.begin(), s.end());
    return v;
}

std::optional<std::string> decodeText(const Bytes& v) {
    // An empty 8D (no DCS byte) is TS 102 223's "null text string": an empty answer.
    if (v.empty())
        return std::string();
    if (v[0] != kDcsUtf8)
        return std::nullopt;
    const Bytes t(v.begin() + 1, v.end());
    if (!validUtf8(t))
        return std::nullopt;
    return std::string(t.begin(), t.end());
}

bool knownType(std::uint8_t t) {
    return t == 0x21 || t == 0x23 || t == 0x24 || t == 0x25;
}

Bytes details(std::uint8_t number, CommandType type, std::uint8_t q) {
    return Bytes{number, static_cast<std::uint8_t>(type), q};
}

Bytes wrap(std::uint8_t outer, const Bytes& inner) {
    Bytes out;
    tlv::put(out, outer, inner);
    return out;
}

} // namespace

Bytes Command::encode() const {
    Bytes in;
    tlv::put(in, tag::CommandDetails, details(number, type, qualifier));
    tlv::put(in, tag::DeviceIdentities, Bytes{device::Uicc, destination});
    if (alpha)
        tlv::put(in, tag::AlphaIdentifier, Bytes(alpha->begin(), alpha->end()));
    if (text)
        tlv::put(in, tag::TextString, textString(*text));
    for (const auto& it : items) {
        Bytes v{it.id};
        v.insert(v.end(), it.text.begin(), it.text.end());
        tlv::put(in, tag::Item, v);
    }
    if (type == CommandType::GetInput)
        tlv::put(in, tag::ResponseLength, Bytes{minLength, maxLength});
    if (grant) {
        Bytes v{grant->entryId};
        putU32(v, grant->permission);
        if (grant->mac.size() == 4) {
            v.push_back(grant->user);
            append(v, grant->mac);
        }
        tlv::put(in, tag::PermissionGrant, v);
    }
    return wrap(tag::ProactiveCommand, in);
}

std::optional<Command> Command::decode(const Bytes& b) {
    const auto f = body(b, tag::ProactiveCommand);
    if (!f)
        return std::nullopt;
    Command c;
    bool haveDetails = false, haveDevices = false;
    for (const auto& [t, v] : *f) {
        switch (plain(t)) {
        case tag::CommandDetails:
            if (v.size() != 3 || !knownType(v[1]))
                return std::nullopt;
            c.number = v[0];
            c.type = static_cast<CommandType>(v[1]);
            c.qualifier = v[2];
            haveDetails = true;
            break;
        case tag::DeviceIdentities:
            if (v.size() != 2 || v[0] != device::Uicc)
                return std::nullopt;
            c.destination = v[1];
            haveDevices = true;
            break;
        case tag::AlphaIdentifier:
            if (!validUtf8(v))
                return std::nullopt;
            c.alpha = std::string(v.begin(), v.end());
            break;
        case tag::TextString:
            if (!(c.text = decodeText(v)))
                return std::nullopt;
            break;
        case tag::Item: {
            const Bytes t2 = v.empty() ? Bytes{} : Bytes(v.begin() + 1, v.end());
            if (v.empty() || !validUtf8(t2))
                return std::nullopt;
            c.items.push_back({v[0], std::string(t2.begin(), t2.end())});
            break;
        }
        case tag::ResponseLength:
            if (v.size() != 2 || v[0] > v[1])
                return std::nullopt;
            c.minLength = v[0];
            c.maxLength = v[1];
            break;
        case tag::PermissionGrant:
            if (v.size() != 5 && v.size() != 10)
                return std::nullopt;
            c.grant = PermissionGrant{v[0], getU32(v.data() + 1), 0, {}};
            if (v.size() == 10) {
                c.grant->user = v[5];
                c.grant->mac.assign(v.begin() + 6, v.end());
            }
            break;
        default:
            break; // TS 102 223: a tag without the comprehension-required bit may be skipped
        }
    }
    if (!haveDetails || !haveDevices)
        return std::nullopt;
    return c;
}

TerminalResponse::~TerminalResponse() {
    if (text && !text->empty())
        secureZero(text->data(), text->size());
}

TerminalResponse TerminalResponse::answering(const Command& c, std::uint8_t r) {
    TerminalResponse t;
    t.number = c.number;
    t.type = c.type;
    t.qualifier = c.qualifier;
    t.result = r;
    return t;
}

Bytes TerminalResponse::encode() const {
    // A TERMINAL RESPONSE has no outer template in TS 102 223: its simple TLVs are the APDU data.
    Bytes out;
    tlv::put(out, tag::CommandDetails, details(number, type, qualifier));
    tlv::put(out, tag::DeviceIdentities, Bytes{device::Terminal, device::Uicc});
    tlv::put(out, tag::Result, Bytes{result});
    if (text) {
        Bytes v = textString(*text);
        tlv::put(out, tag::TextString, v);
        secureZero(v.data(), v.size());
    }
    if (item)
        tlv::put(out, tag::ItemIdentifier, Bytes{*item});
    return out;
}

std::optional<TerminalResponse> TerminalResponse::decode(const Bytes& b) {
    const auto f = fields(b.data(), b.size());
    if (!f)
        return std::nullopt;
    TerminalResponse r;
    bool haveDetails = false, haveDevices = false, haveResult = false;
    for (const auto& [t, v] : *f) {
        switch (plain(t)) {
        case tag::CommandDetails:
            if (v.size() != 3 || !knownType(v[1]))
                return std::nullopt;
            r.number = v[0];
            r.type = static_cast<CommandType>(v[1]);
            r.qualifier = v[2];
            haveDetails = true;
            break;
        case tag::DeviceIdentities:
            if (v.size() != 2 || v[1] != device::Uicc)
                return std::nullopt;
            haveDevices = true;
            break;
        case tag::Result:
            // The general result; additional information bytes are allowed and ignored.
            if (v.empty())
                return std::nullopt;
            r.result = v[0];
            haveResult = true;
            break;
        case tag::TextString:
            if (!(r.text = decodeText(v)))
                return std::nullopt;
            break;
        case tag::ItemIdentifier:
            if (v.size() != 1)
                return std::nullopt;
            r.item = v[0];
            break;
        default:
            break;
        }
    }
    if (!haveDetails || !haveDevices || !haveResult)
        return std::nullopt;
    return r;
}

Bytes MenuSelection::encode() const {
    Bytes in;
    tlv::put(in, tag::DeviceIdentities, Bytes{device::Keypad, device::Uicc});
    tlv::put(in, tag::ItemIdentifier, Bytes{item});
    return wrap(tag::MenuSelection, in);
}

std::optional<MenuSelection> MenuSelection::decode(const Bytes& b) {
    const auto f = body(b, tag::MenuSelection);
    if (!f)
        return std::nullopt;
    std::optional<std::uint8_t> item;
    bool haveDevices = false;
    for (const auto& [t, v] : *f) {
        if (plain(t) == tag::DeviceIdentities) {
            if (v.size() != 2 || v[1] != device::Uicc)
                return std::nullopt;
            haveDevices = true;
        } else if (plain(t) == tag::ItemIdentifier) {
            if (v.size() != 1)
                return std::nullopt;
            item = v[0];
        }
    }
    if (!haveDevices || !item)
        return std::nullopt;
    return MenuSelection{*item};
}

bool cardSpeaks(const std::string& iso639) {
    return iso639 == "zh" || iso639 == "en";
}

std::optional<std::string> profileLanguage(const Bytes& data) {
    // At least one profile byte before the 4-byte TLV.
    if (data.size() < 5 || data[data.size() - 4] != kLanguageTag || data[data.size() - 3] != 2)
        return std::nullopt;
    return std::string(data.end() - 2, data.end());
}

CommandApdu terminalProfile(const Bytes& profile, const std::string& language) {
    if (language.empty())
        return CommandApdu{cla::Proprietary, ins::TerminalProfile, 0, 0, profile, -1};
    Bytes data = profile;
    data.push_back(kLanguageTag);
    data.push_back(static_cast<std::uint8_t>(language.size()));
    data.insert(data.end(), language.begin(), language.end());
    return CommandApdu{cla::Proprietary, ins::TerminalProfile, kProfileWithLanguage, 0, data, -1};
}

CommandApdu fetch(std::uint8_t length) {
    return CommandApdu{cla::Proprietary, ins::Fetch, 0, 0, {}, length == 0 ? 256 : length};
}

CommandApdu terminalResponse(const TerminalResponse& r) {
    return CommandApdu{cla::Proprietary, ins::TerminalResponse, 0, 0, r.encode(), -1};
}

CommandApdu envelope(const MenuSelection& m) {
    return CommandApdu{cla::Proprietary, ins::Envelope, 0, 0, m.encode(), -1};
}

const char* commandTypeName(CommandType t) {
    switch (t) {
    case CommandType::DisplayText:
        return "DISPLAY TEXT";
    case CommandType::GetInput:
        return "GET INPUT";
    case CommandType::SelectItem:
        return "SELECT ITEM";
    case CommandType::SetUpMenu:
        return "SET UP MENU";
    }
    return "?";
}

} // namespace cdos::proactive
