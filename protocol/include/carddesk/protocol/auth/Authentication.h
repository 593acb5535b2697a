#pragma once
// Three-party authentication card <-> gateway <-> headend (patent CN102075524 [0010], docs/authentication.md):
// the cryptography of both roles and the APDUs, written once for the card, the headend and the gateway.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/crypto/DesKey.h"

#include <optional>

namespace cdos::auth {

namespace ins {
inline constexpr std::uint8_t AuthInit = 0x30;     // 80 30: random -> E_tpk(card number)
inline constexpr std::uint8_t Authenticate = 0x32; // 80 32: random2 -> E_apk(personal data)
inline constexpr std::uint8_t AuthResult = 0x34;   // 80 34: E_apk(card number) -> 9000
} // namespace ins

// Key ids in the card's key file (docs/command-set.md, "Keys").
inline constexpr std::uint8_t kTransportKeyId = 0x01;
inline constexpr std::uint8_t kCardAuthKeyId = 0x02;
inline constexpr std::size_t kRandomSize = 8;
inline constexpr std::size_t kCardNumberCryptogramSize = 16; // pad80(10 bytes) = 2 blocks
inline constexpr std::size_t kCardRandomSize = 8;
inline constexpr std::size_t kAuthResultCryptogramSize = 24; // pad80(card number 10 + card random 8) = 3 blocks

// Process key (both steps): 3DES-ECB(key, R) || 3DES-ECB(key, NOT R) — a double-length 3DES key from an 8-byte
// random, the same construction as the card-key diversification, so the host can ask its key store for it.
SecretBytes processKey(const Bytes& key16, const Bytes& random8);
// The card authentication key the host derives: diversify(CARD_AUTH master, ASN), ASN = last 8 bytes of the card
// number. Its master is never written to a card (key 01, the shared transport key, only conceals the card number),
// so no key a card holds derives another card's keys (docs/authentication.md).
SecretBytes cardAuthKeyFromMaster(const Bytes& cardAuthMaster16, const Bytes& cardNumber10);

// 3DES-CBC, zero IV, ISO 9797-1 padding method 2. Decrypt returns nullopt for a bad length or padding.
Bytes seal(const Bytes& processKey16, const Bytes& plain);
std::optional<Bytes> open(const Bytes& processKey16, const Bytes& cryptogram);

// Card number: 10 bytes -> 16-byte cryptogram; the inverse checks the length.
Bytes encryptCardNumber(const Bytes& processKey16, const Bytes& cardNumber10);
std::optional<Bytes> decryptCardNumber(const Bytes& processKey16, const Bytes& cryptogram);
// Personal data: TLV 04 with the card's own 8-byte random RC, then the TLV of HolderData::encode() (user number,
// account, name). RC is the card's challenge to the host, which step 6 must give back (a recorded step 6 cannot be
// replayed to the card).
struct PersonalData {
    HolderData holder;
    Bytes cardRandom;
};
Bytes encryptPersonalData(const Bytes& processKey16, const HolderData& holder, const Bytes& cardRandom8);
std::optional<PersonalData> decryptPersonalData(const Bytes& processKey16, const Bytes& cryptogram);
// Step 6: E_APK(card number || card random) -> 24 bytes; the inverse checks both lengths.
Bytes encryptAuthResult(const Bytes& processKey16, const Bytes& cardNumber10, const Bytes& cardRandom8);
std::optional<std::pair<Bytes, Bytes>> decryptAuthResult(const Bytes& processKey16, const Bytes& cryptogram);

// APDUs (gateway side).
// After step 6 both sides hold the session key SK = diversify(APK, RC); the card signs its permission grants with it
// (docs/authentication.md, "After authentication"). The headend keeps R2 and RC, never a key, and derives SK again.
SecretBytes sessionKey(const Bytes& authProcessKey16, const Bytes& cardRandom8);
// Retail MAC (first 4 bytes) under SK over "GRNT" || card number (10) || user || entry id || permission (4).
Bytes grantMac(const Bytes& sessionKey16, const Bytes& cardNumber10, std::uint8_t user, std::uint8_t entryId,
               std::uint32_t permission);

// The same over key objects, for the headend whose keys live in a token: every key stays where its master is.
std::unique_ptr<DesKey> processKey(const DesKey& key, const Bytes& random8);
std::unique_ptr<DesKey> sessionKey(const DesKey& authProcessKey, const Bytes& cardRandom8);
Bytes seal(const DesKey& processKey, const Bytes& plain);
std::optional<Bytes> open(const DesKey& processKey, const Bytes& cryptogram);
Bytes encryptCardNumber(const DesKey& processKey, const Bytes& cardNumber10);
std::optional<Bytes> decryptCardNumber(const DesKey& processKey, const Bytes& cryptogram);
Bytes encryptPersonalData(const DesKey& processKey, const HolderData& holder, const Bytes& cardRandom8);
std::optional<PersonalData> decryptPersonalData(const DesKey& processKey, const Bytes& cryptogram);
Bytes encryptAuthResult(const DesKey& processKey, const Bytes& cardNumber10, const Bytes& cardRandom8);
std::optional<std::pair<Bytes, Bytes>> decryptAuthResult(const DesKey& processKey, const Bytes& cryptogram);
Bytes grantMac(const DesKey& sessionKey, const Bytes& cardNumber10, std::uint8_t user, std::uint8_t entryId,
               std::uint32_t permission);

CommandApdu authInit(const Bytes& random8);
CommandApdu authenticate(const Bytes& random8);
CommandApdu authResult(const Bytes& authResultCryptogram);

} // namespace cdos::auth
