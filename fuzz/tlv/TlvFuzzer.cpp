// libFuzzer target: the byte-level parsers every card answer and command goes through: BER-TLV, the strict TLV of
// application download, the proactive commands / responses / envelopes, C-APDUs, the card records and GET DATA
// objects, the e-purse answers and the CA objects. The first byte picks the parser; a parser that accepts its input
// must accept its own re-encoding of it and give the same bytes again (round trip).
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/apdu/Tlv.h"
#include "carddesk/protocol/appdl/AppTlv.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/epurse/EPurse.h"
#include "carddesk/protocol/proactive/Proactive.h"
#include "common/FuzzFiles.h"

namespace {

using cdfuzz::invariantBroken;
using cdos::Bytes;

// decode(encode(decode(b))) must succeed and encode to the same bytes.
template <typename T, typename Decode> void roundTrip(const Bytes& b, Decode decode, const char* what) {
    const std::optional<T> first = decode(b);
    if (!first)
        return;
    const Bytes once = first->encode();
    const std::optional<T> second = decode(once);
    if (!second)
        invariantBroken(std::string(what) + ": its own encoding does not decode");
    if (second->encode() != once)
        invariantBroken(std::string(what) + ": the round trip changes the encoding");
}

void apdu(const Bytes& b) {
    const auto parsed = cdos::parseCommand(b);
    const auto* c = std::get_if<cdos::CommandApdu>(&parsed);
    if (!c)
        return;
    const Bytes again = c->serialize();
    const auto reparsed = cdos::parseCommand(again);
    const auto* c2 = std::get_if<cdos::CommandApdu>(&reparsed);
    if (!c2 || c2->serialize() != again || c2->data != c->data || c2->le != c->le)
        invariantBroken("C-APDU: the round trip changes the command");
    (void)c->header();
    (void)cdos::secretRanges(c->cla, c->ins, c->data.size());
    (void)cdos::responseSecretRanges(c->cla, c->ins, c->data.size());
}

void records(const Bytes& b) {
    roundTrip<cdos::CardInfo>(b, cdos::CardInfo::decode, "card info");
    roundTrip<cdos::HolderData>(b, cdos::HolderData::decode, "holder data");
    roundTrip<cdos::PurseParams>(b, cdos::PurseParams::decode, "purse parameters");
    roundTrip<cdos::Fcp>(b, cdos::Fcp::decode, "FCP");
    if (const auto u = cdos::decodePutUser(b))
        (void)cdos::encodePutUser(u->profile, u->encryptedPinBlock);
    if (const auto m = cdos::MenuEntry::decodeRecord(b.data(), b.size()))
        (void)m->encodeRecord();
    if (const auto users = cdos::decodeUsers(b))
        (void)cdos::encodeUsers(*users);
    if (const auto menu = cdos::decodeMenu(b))
        (void)cdos::encodeMenu(*menu);
    if (const auto keys = cdos::decodeKeys(b))
        (void)cdos::encodeKeys(*keys);
    if (const auto nvm = cdos::decodeNvm(b))
        (void)cdos::encodeNvm(*nvm);
    (void)cdos::bcdToDigits(b.data(), b.size());
    if (b.size() == 8)
        (void)cdos::pinFromBlock(b);
}

void purse(const Bytes& b) {
    roundTrip<cdos::ep::InitLoadResponse>(b, cdos::ep::InitLoadResponse::decode, "INITIALIZE FOR LOAD answer");
    roundTrip<cdos::ep::InitPurchaseResponse>(b, cdos::ep::InitPurchaseResponse::decode,
                                              "INITIALIZE FOR PURCHASE answer");
    roundTrip<cdos::ep::LogRecord>(b, cdos::ep::LogRecord::decode, "log record");
    roundTrip<cdos::ep::LastTransaction>(b, cdos::ep::LastTransaction::decode, "last transaction");
}

void ca(const Bytes& b) {
    for (const auto& e : cdos::ca::decodeEntitlements(b))
        (void)e.encode();
    (void)cdos::ca::decodeServiceKeys(b);
}

void proactive(const Bytes& b, std::uint8_t which) {
    namespace pa = cdos::proactive;
    switch (which % 4) {
    case 0:
        roundTrip<pa::Command>(b, pa::Command::decode, "proactive command");
        break;
    case 1:
        roundTrip<pa::TerminalResponse>(b, pa::TerminalResponse::decode, "TERMINAL RESPONSE");
        break;
    case 2:
        roundTrip<pa::MenuSelection>(b, pa::MenuSelection::decode, "ENVELOPE menu selection");
        break;
    default:
        if (const auto lang = pa::profileLanguage(b))
            (void)pa::cardSpeaks(*lang);
        break;
    }
}

void strictTlv(const Bytes& b) {
    try {
        const auto fields = cdos::appdl::AppTlv::parse(b, {0x4F, 0x80, 0x91});
        (void)cdos::appdl::AppTlv::field(fields, 0x4F, 5, 16);
        (void)cdos::appdl::AppTlv::u8(fields, 0x80);
        (void)cdos::appdl::AppTlv::group(fields, 0x91);
    } catch (const cdos::appdl::FormatError&) {
    }
    try {
        (void)cdos::appdl::AppTlv::parse(b, {});
    } catch (const cdos::appdl::FormatError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::uint8_t selector = data[0];
    const Bytes b(data + 1, data + size);
    switch (selector % 8) {
    case 0:
        if (const auto fields = cdos::tlv::parse(b)) {
            Bytes again;
            for (const auto& [tag, value] : *fields)
                cdos::tlv::put(again, tag, value);
            if (cdos::tlv::parse(again) != fields)
                invariantBroken("BER-TLV: the round trip changes the fields");
        }
        break;
    case 1:
        strictTlv(b);
        break;
    case 2:
        proactive(b, static_cast<std::uint8_t>(selector >> 3));
        break;
    case 3:
        apdu(b);
        (void)cdos::ResponseApdu::fromRaw(b).serialize();
        break;
    case 4:
        records(b);
        break;
    case 5:
        purse(b);
        break;
    case 6:
        ca(b);
        break;
    default:
        (void)cdos::fromHex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
        (void)cdos::toHex(b, true);
        break;
    }
    return 0;
}
