#include "carddesk/model/PinGenerator.h"

#include <carddesk/protocol/apdu/CardRecords.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>

namespace carddesk {

namespace {

// Whether every digit follows the one before by `step` (mod 10: 1 ascending, 9 descending).
bool isRun(std::string_view pin, int step) {
    for (std::size_t i = 1; i < pin.size(); ++i)
        if ((pin[i] - pin[i - 1] + 10) % 10 != step)
            return false;
    return true;
}

bool hasPeriod(std::string_view pin, std::size_t period) {
    if (pin.size() % period != 0)
        return false;
    for (std::size_t i = period; i < pin.size(); ++i)
        if (pin[i] != pin[i - period])
            return false;
    return true;
}

// Fills `pin` with uniform digits: a byte below 250 (25 whole tens) gives its last digit, a byte above is drawn
// again, so no digit is more likely than another.
void drawDigits(std::string& pin) {
    std::array<unsigned char, 32> buffer{};
    std::size_t used = buffer.size();
    for (char& digit : pin) {
        for (;;) {
            if (used == buffer.size()) {
                if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
                    OPENSSL_cleanse(buffer.data(), buffer.size());
                    throw PinGeneratorError("the random number generator failed (OpenSSL RAND_bytes)");
                }
                used = 0;
            }
            const unsigned char b = buffer[used++];
            if (b < 250) {
                digit = static_cast<char>('0' + b % 10);
                break;
            }
        }
    }
    OPENSSL_cleanse(buffer.data(), buffer.size());
}

} // namespace

int PinGenerator::minLength() {
    return static_cast<int>(cdos::kMinPinDigits);
}

int PinGenerator::maxLength() {
    return static_cast<int>(cdos::kMaxPinDigits);
}

std::string PinGenerator::generate(int length) {
    if (length < minLength() || length > maxLength())
        throw PinGeneratorError("a PIN of " + std::to_string(length) + " digits: the card takes " +
                                std::to_string(minLength()) + " to " + std::to_string(maxLength()) + " digits");
    std::string pin(static_cast<std::size_t>(length), '0');
    // At most 3.2% of 4-digit PINs are weak (fewer for longer ones): a thousand weak draws in a row means a broken
    // generator, not bad luck.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        try {
            drawDigits(pin);
        } catch (...) {
            OPENSSL_cleanse(pin.data(), pin.size());
            throw;
        }
        if (!isWeak(pin))
            return pin;
    }
    OPENSSL_cleanse(pin.data(), pin.size());
    throw PinGeneratorError("the random number generator gave only weak PINs");
}

bool PinGenerator::isWeak(std::string_view pin) {
    for (std::size_t period = 1; period <= pin.size() / 2; ++period)
        if (hasPeriod(pin, period))
            return true;
    if (pin.size() >= 2 && (isRun(pin, 1) || isRun(pin, 9)))
        return true;
    return pin.size() == 4 && (pin.starts_with("19") || pin.starts_with("20"));
}

} // namespace carddesk
