#include "carddesk/protocol/apdu/Apdu.h"

namespace cdos {

Bytes CommandApdu::serialize() const {
    Bytes out{cla, ins, p1, p2};
    const bool ext = extended || data.size() > 255 || le > 256;
    if (!data.empty()) {
        if (ext) {
            out.push_back(0);
            putU16(out, static_cast<std::uint16_t>(data.size()));
        } else {
            out.push_back(static_cast<std::uint8_t>(data.size()));
        }
        append(out, data);
    }
    if (le >= 0) {
        if (ext) {
            if (data.empty())
                out.push_back(0);
            putU16(out, static_cast<std::uint16_t>(le == 65536 ? 0 : le));
        } else {
            out.push_back(static_cast<std::uint8_t>(le == 256 ? 0 : le));
        }
    }
    return out;
}

std::string CommandApdu::header() const {
    const std::uint8_t h[4] = {cla, ins, p1, p2};
    return toHex(h, 4, true);
}

std::variant<CommandApdu, ApduParseError> parseCommand(const Bytes& raw) {
    if (raw.size() < 4)
        return ApduParseError{"APDU shorter than its 4-byte header"};
    CommandApdu c;
    c.cla = raw[0];
    c.ins = raw[1];
    c.p1 = raw[2];
    c.p2 = raw[3];
    const std::size_t body = raw.size() - 4;
    const std::uint8_t* b = raw.data() + 4;
    if (body == 0)
        return c;    // case 1
    if (body == 1) { // case 2 short
        c.le = b[0] == 0 ? 256 : b[0];
        return c;
    }
    if (b[0] != 0) { // short case 3 or 4
        const std::size_t lc = b[0];
        if (body == 1 + lc) {
            c.data.assign(b + 1, b + 1 + lc);
            return c;
        }
        if (body == 2 + lc) {
            c.data.assign(b + 1, b + 1 + lc);
            c.le = b[1 + lc] == 0 ? 256 : b[1 + lc];
            return c;
        }
        return ApduParseError{"Lc does not match the data length"};
    }
    // b[0] == 0 and body >= 2: extended length
    c.extended = true;
    if (body == 3) { // case 2 extended
        const int le = getU16(b + 1);
        c.le = le == 0 ? 65536 : le;
        return c;
    }
    if (body < 3)
        return ApduParseError{"truncated extended length"};
    const std::size_t lc = getU16(b + 1);
    if (lc == 0)
        return ApduParseError{"extended Lc of zero"};
    if (body == 3 + lc) {
        c.data.assign(b + 3, b + 3 + lc);
        return c;
    }
    if (body == 5 + lc) {
        c.data.assign(b + 3, b + 3 + lc);
        const int le = getU16(b + 3 + lc);
        c.le = le == 0 ? 65536 : le;
        return c;
    }
    return ApduParseError{"extended Lc does not match the data length"};
}

ResponseApdu ResponseApdu::fromRaw(const Bytes& raw) {
    ResponseApdu r;
    if (raw.size() < 2)
        return r;
    r.data.assign(raw.begin(), raw.end() - 2);
    r.sw = getU16(raw.data() + raw.size() - 2);
    return r;
}

Bytes ResponseApdu::serialize() const {
    Bytes out = data;
    putU16(out, sw);
    return out;
}

} // namespace cdos
