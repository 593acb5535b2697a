#pragma once
// Initial PINs for generated issuance (issue 14, docs/issuance.md "PIN mailers"): uniform random digits from
// OpenSSL's CSPRNG, weak PINs drawn again. A generated PIN goes to the card and into the PIN mailer only; it is never
// stored, logged or shown.
//
// Weak PINs (isWeak), every rule a pattern that people guess first:
//   1. repetition: the PIN is one group of 1 to length/2 digits repeated, which covers all digits the same (0000,
//      777777) and repeated pairs and triples (1212, 121212, 123123, 12341234);
//   2. runs: every digit one more (0123, 345678) or one less (9876, 543210) than the one before, wrapping from 9 to
//      0 and back as on a keypad row (7890, 890123, 1098);
//   3. years, for 4 digits only: 1900 to 2099 (birth years are the most common 4-digit choice).
// Rejection keeps the digits uniform over the PINs that remain (not over all PINs: years remove a few 1s and 2s from
// the first two positions).
#include <stdexcept>
#include <string>
#include <string_view>

namespace carddesk {

// A length outside the card's PIN lengths (cdos::kMinPinDigits..kMaxPinDigits), or the CSPRNG failing.
struct PinGeneratorError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class PinGenerator {
public:
    // `length` decimal digits, not weak. Throws PinGeneratorError. The PIN is the caller's to wipe
    // (OPENSSL_cleanse or cdos::secureZero) once written to the card and the mailer.
    static std::string generate(int length);
    // Whether `pin` follows one of the rules above; expects decimal digits (any other string is judged by the same
    // patterns).
    static bool isWeak(std::string_view pin);
    static int minLength();
    static int maxLength();
};

} // namespace carddesk
