#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/apdu/TranslationMark.h"

namespace cdos {

namespace {

// One table for every host: the console and the gateway translate it (TranslationMark.h) instead of keeping copies.
struct FixedMeaning {
    std::uint16_t sw;
    const char* text;
};

constexpr FixedMeaning kFixedMeanings[] = {
    {0x9000, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "success")},
    {0x6700, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "wrong length")},
    {0x6981, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "command incompatible with file structure")},
    {0x6982, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "security status not satisfied")},
    {0x6983, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "authentication method blocked")},
    {0x6985, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "conditions of use not satisfied")},
    {0x6986, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "the user does not hold the right for this")},
    {0x6988, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "secure messaging data incorrect (MAC)")},
    {0x6A80, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "incorrect data")},
    {0x6A81, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "function not supported (card blocked or terminated)")},
    {0x6A82, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "file or application not found")},
    {0x6A83, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "record not found")},
    {0x6A84, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "not enough memory")},
    {0x6A86, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "incorrect P1-P2")},
    {0x6A88, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "referenced data not found")},
    {0x6A89, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "file already exists")},
    {0x6B00, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "wrong offset")},
    {0x6D00, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "instruction not supported")},
    {0x6E00, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "class not supported")},
    {0x6581, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "memory failure")},
    {0x6F00, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "internal error")},
    {0x9302, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "MAC invalid")},
    {0x9303, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "application permanently locked")},
    {0x9401, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "insufficient balance")},
    {0x9402, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "counter at maximum")},
    {0x9403, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "key index not supported")},
    {0x9406, CDOS_TRANSLATE_NOOP("cdos::StatusWords", "requested MAC not available")},
};

} // namespace

const char* fixedStatusWordMeaning(std::uint16_t sw) {
    for (const auto& m : kFixedMeanings)
        if (m.sw == sw)
            return m.text;
    return nullptr;
}

std::string statusWordMeaning(std::uint16_t s) {
    if ((s & 0xFFF0) == 0x63C0)
        return "wrong PIN, " + std::to_string(s & 0x0F) + " tries left";
    if ((s & 0xFF00) == 0x6C00)
        return "wrong Le, " + std::to_string(s & 0xFF) + " bytes available";
    if ((s & 0xFF00) == 0x6100)
        return std::to_string(s & 0xFF) + " more bytes available";
    if ((s & 0xFF00) == 0x9100)
        return "proactive command of " + std::to_string(s & 0xFF) + " bytes pending (FETCH)";
    const char* fixed = fixedStatusWordMeaning(s);
    return fixed ? fixed : "unknown status";
}

std::string commandName(std::uint8_t c, std::uint8_t i) {
    const bool proprietary = (c & 0x80) != 0;
    if (!proprietary) {
        switch (i) {
        case ins::Select:
            return "SELECT";
        case ins::ReadBinary:
            return "READ BINARY";
        case ins::UpdateBinary:
            return "UPDATE BINARY";
        case ins::ReadRecord:
            return "READ RECORD";
        case ins::UpdateRecord:
            return "UPDATE RECORD";
        case ins::AppendRecord:
            return "APPEND RECORD";
        case ins::GetChallenge:
            return "GET CHALLENGE";
        case ins::Verify:
            return "VERIFY";
        default:
            return "";
        }
    }
    switch (i) {
    case ins::GetData:
        return "GET DATA";
    case ins::CreateFile:
        return "CREATE FILE";
    case ins::WriteKey:
        return "WRITE KEY";
    case ins::PutUser:
        return "PUT USER";
    case ins::PinUnblock:
        return "PIN UNBLOCK";
    case ins::EndPersonalisation:
        return "END PERSONALISATION";
    case ins::BlockCard:
        return "BLOCK CARD";
    case ins::UnblockCard:
        return "UNBLOCK CARD";
    case ins::TerminateCard:
        return "TERMINATE CARD";
    // E-purse application (docs/command-set.md); INITIALIZE's P1 says load or purchase, the name covers both.
    case 0x50:
        return "INITIALIZE (E-PURSE)";
    case 0x52:
        return "CREDIT FOR LOAD";
    case 0x54:
        return "DEBIT FOR PURCHASE";
    case 0x5A:
        return "GET TRANSACTION PROVE";
    case 0x5C:
        return "GET BALANCE";
    case 0x5E:
        return "CHANGE/RELOAD PIN";
    // Application download (docs/app-download.md): the card's key pair and the CA key, at issuance.
    case 0x46:
        return "CARD KEY PAIR";
    case 0xD8:
        return "WRITE CA KEY";
    // Three-party authentication (docs/authentication.md).
    case 0x30:
        return "AUTH INIT";
    case 0x32:
        return "AUTHENTICATE";
    case 0x34:
        return "AUTH RESULT";
    // Proactive user dialogue (docs/proactive.md).
    case 0x10:
        return "TERMINAL PROFILE";
    case 0x12:
        return "FETCH";
    case 0x14:
        return "TERMINAL RESPONSE";
    case 0xC2:
        return "ENVELOPE";
    // Application download (docs/app-download.md).
    case 0xE6:
        return "INSTALL APPLICATION";
    case 0xE4:
        return "DELETE APPLICATION";
    default:
        return "";
    }
}

std::string lifeCycleName(LifeCycle lc) {
    switch (lc) {
    case LifeCycle::Blank:
        return "blank";
    case LifeCycle::Personalised:
        return "personalised";
    case LifeCycle::Blocked:
        return "blocked";
    case LifeCycle::Terminated:
        return "terminated";
    }
    return "unknown";
}

std::string keyUsageName(KeyUsage u) {
    switch (u) {
    case KeyUsage::IssuerMaintenance:
        return "issuer maintenance";
    case KeyUsage::Transport:
        return "transport";
    case KeyUsage::CardAuthentication:
        return "card authentication";
    case KeyUsage::Purchase:
        return "purchase";
    case KeyUsage::Load:
        return "load";
    case KeyUsage::Tac:
        return "TAC";
    case KeyUsage::CaService:
        return "CA service";
    case KeyUsage::PinUnblock:
        return "PIN unblock";
    }
    return "unknown";
}

Bytes buildAtr(LifeCycle lc) {
    Bytes hist{'C', 'D', 'O', 'S', kOsMajor, kOsMinor, static_cast<std::uint8_t>(lc), 0x00};
    Bytes atr{0x3B, static_cast<std::uint8_t>(0x80 | hist.size()), 0x01};
    append(atr, hist);
    std::uint8_t tck = 0;
    for (std::size_t i = 1; i < atr.size(); ++i)
        tck ^= atr[i];
    atr.push_back(tck);
    return atr;
}

CommandApdu hopperEject(bool reject) {
    return CommandApdu{hopper::Cla, hopper::Eject, reject ? hopper::EjectReject : hopper::EjectDone, 0x00, {}, -1};
}

CommandApdu hopperStatus() {
    return CommandApdu{hopper::Cla, hopper::Status, 0x00, 0x00, {}, 256};
}

} // namespace cdos
