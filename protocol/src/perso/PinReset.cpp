#include "carddesk/protocol/perso/PinReset.h"

#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"

#include <cstdio>

namespace cdos {

UserPin::~UserPin() {
    secureZero(pin.data(), pin.size());
}

namespace {

std::string swText(std::uint16_t sw) {
    char b[8];
    std::snprintf(b, sizeof b, "%04X", sw);
    return std::string(b) + " " + statusWordMeaning(sw);
}

} // namespace

int resetPins(const IssuerKeys& keys, const Transmit& transmit, const Bytes& expectedCardNumber,
              const std::vector<UserPin>& pins, std::vector<std::uint8_t>& done) {
    int count = 0;
    auto send = [&](const CommandApdu& c, const std::string& what) {
        ++count;
        ResponseApdu r = transmit(c);
        if (!r.ok())
            throw PersonalisationError(what + " refused: " + swText(r.sw), r.sw);
        return r;
    };
    // Every PIN checked before the card is touched: a bad one must not leave the card half reset.
    for (const UserPin& p : pins)
        if (p.user < 1 || p.user > 8 || !isValidPin(p.pin))
            throw PersonalisationError("user " + std::to_string(p.user) +
                                           ": a user 1 to 8 with a PIN of 4 to 12 digits "
                                           "is needed",
                                       0);
    send(selectFid(fid::Mf), "SELECT MF");
    if (send(getData(tag::LifeCycleTag), "GET DATA life cycle").data !=
        Bytes{static_cast<std::uint8_t>(LifeCycle::Personalised)})
        throw PersonalisationError("the card is not personalised (or is blocked): its PINs cannot be reset",
                                   sw::ConditionsNotSatisfied);
    const Bytes number = send(getData(tag::CardNumber), "GET DATA card number").data;
    if (number.size() != 10 || number != expectedCardNumber)
        throw PersonalisationError("another card is in the reader than the one read before", 0);
    const Bytes asn(number.end() - 8, number.end());
    IssuerSmSession sm(keys.cardKey("ISSUER_SM", asn));
    sm.start(send(getChallenge(), "GET CHALLENGE").data);
    for (const UserPin& p : pins) {
        Bytes block = pinBlock(p.pin);
        CommandApdu c{cla::Proprietary, ins::PinUnblock, 0x00, p.user, sm.encryptSecret(block), -1};
        secureZero(block.data(), block.size());
        CommandApdu wrapped = sm.wrap(std::move(c));
        try {
            send(wrapped, "PIN UNBLOCK of user " + std::to_string(p.user));
        } catch (...) {
            secureZero(wrapped.data.data(), wrapped.data.size());
            throw;
        }
        secureZero(wrapped.data.data(), wrapped.data.size());
        done.push_back(p.user);
    }
    return count;
}

} // namespace cdos
