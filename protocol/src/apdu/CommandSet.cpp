#include "carddesk/protocol/apdu/CommandSet.h"

namespace cdos {

std::string statusWordMeaning(std::uint16_t s) {
    if ((s & 0xFFF0) == 0x63C0)
        return "wrong PIN, " + std::to_string(s & 0x0F) + " tries left";
    if ((s & 0xFF00) == 0x6C00)
        return "wrong Le, " + std::to_string(s & 0xFF) + " bytes available";
    if ((s & 0xFF00) == 0x6100)
        return std::to_string(s & 0xFF) + " more bytes available";
    if ((s & 0xFF00) == 0x9100)
        return "proactive command of " + std::to_string(s & 0xFF) + " bytes pending (FETCH)";
    switch (s) {
    case 0x9000:
        return "success";
    case 0x6700:
        return "wrong length";
    case 0x6981:
        return "command incompatible with file structure";
    case 0x6982:
        return "security status not satisfied";
    case 0x6983:
        return "authentication method blocked";
    case 0x6985:
        return "conditions of use not satisfied";
    case 0x6986:
        return "the user does not hold the right for this";
    case 0x6988:
        return "secure messaging data incorrect (MAC)";
    case 0x6A80:
        return "incorrect data";
    case 0x6A81:
        return "function not supported (card blocked or terminated)";
    case 0x6A82:
        return "file or application not found";
    case 0x6A83:
        return "record not found";
    case 0x6A84:
        return "not enough memory";
    case 0x6A86:
        return "incorrect P1-P2";
    case 0x6A88:
        return "referenced data not found";
    case 0x6A89:
        return "file already exists";
    case 0x6B00:
        return "wrong offset";
    case 0x6D00:
        return "instruction not supported";
    case 0x6E00:
        return "class not supported";
    case 0x6581:
        return "memory failure";
    case 0x6F00:
        return "internal error";
    case 0x9302:
        return "MAC invalid";
    case 0x9303:
        return "application permanently locked";
    case 0x9401:
        return "insufficient balance";
    case 0x9402:
        return "counter at maximum";
    case 0x9403:
        return "key index not supported";
    case 0x9406:
        return "requested MAC not available";
    default:
        return "unknown status";
    }
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

} // namespace cdos
