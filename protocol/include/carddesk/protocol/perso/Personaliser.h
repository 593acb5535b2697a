#pragma once
// Personalisation of a blank CardDesk COS card and its read-back: the APDU sequence of docs/command-set.md,
// written once for the console, the CLI, the benchmarks and the card's own tearing tests.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/crypto/KeyStore.h"

#include <functional>
#include <stdexcept>

namespace cdos {

// How a card key comes from its key store entry.
enum class KeyDerivation {
    Diversified, // diversify(master, ASN): a different key on every card
    Shared,      // the store's key as is, the same on every card; the store must mark it shared (docs/keys.md)
};

struct KeySpec {
    std::uint8_t id = 0;
    KeyUsage usage = KeyUsage::IssuerMaintenance;
    std::string master; // key store name
    std::uint8_t maxErrors = 15;
    KeyDerivation derivation = KeyDerivation::Diversified;
};

struct UserSpec {
    UserProfile profile;
    std::string pin; // digits; wiped with the profile
    ~UserSpec() {
        if (!pin.empty())
            secureZero(pin.data(), pin.size());
    }
    UserSpec() = default;
    UserSpec(const UserSpec&) = default;
    UserSpec& operator=(const UserSpec&) = default;
};

// The conditional-access part (docs/conditional-access.md "Issuance"): the CA DF and its state EF, the shared
// service keys CA_SERVICE_<id> (their store versions) and the initial rights with absolute dates. Written before
// END PERSONALISATION, so an interrupted issuance leaves a blank card. Empty: no CA application on the card.
struct CaProfile {
    std::vector<std::uint8_t> serviceKeys; // ids 1..8: key store name CA_SERVICE_<id>, slot ca::keySlotOf(id)
    std::vector<ca::Entitlement> rights;   // user 1..8 of the profile, start..end YYYYMMDD inclusive
    bool empty() const { return serviceKeys.empty() && rights.empty(); }
};

struct CardProfile {
    CardInfo info;
    HolderData holder;
    std::vector<UserSpec> users;
    std::vector<MenuEntry> menu;
    PurseParams purse;
    std::vector<KeySpec> keys;
    CaProfile ca;
    // Application download (docs/app-download.md), still before END PERSONALISATION so that no interruption leaves
    // a personalised card without them: the card makes its own key pair, and gets the certification authority's
    // public key (SubjectPublicKeyInfo; empty: not written).
    bool generateAppKeyPair = false;
    Bytes appCaPublicKey;
    // Keys 00..06 of docs/command-set.md with their master names; 01 is the shared TRANSPORT key and 02 is
    // diversify(CARD_AUTH, ASN), as the three-party authentication needs (docs/authentication.md).
    static std::vector<KeySpec> standardKeys();
};

// Everything wrong with a profile, in words; empty when it can be issued.
std::vector<std::string> validateProfile(const CardProfile& p);

struct PersonalisationError : std::runtime_error {
    PersonalisationError(const std::string& what, std::uint16_t statusWord)
        : std::runtime_error(what), sw(statusWord) {}
    std::uint16_t sw;
};

class Personaliser {
public:
    Personaliser(const IssuerKeys& keys, Transmit transmit) : m_keys(keys), m_transmit(std::move(transmit)) {}
    // Called before each step: (step index from 0, total steps, short English description).
    std::function<void(int, int, const std::string&)> progress;

    // Throws PersonalisationError (refused command, with its status word) or KeyStoreError.
    void personalise(const CardProfile& profile);
    // Reads the card back; returns the differences in words, empty when the card matches the profile.
    std::vector<std::string> verify(const CardProfile& profile);
    int apduCount() const { return m_count; }
    // The public key the card generated (SubjectPublicKeyInfo), when the profile asked for a key pair.
    const Bytes& cardPublicKey() const { return m_cardPublicKey; }

private:
    ResponseApdu send(const CommandApdu& c, const std::string& what, bool mustSucceed = true);
    const IssuerKeys& m_keys;
    Transmit m_transmit;
    int m_count = 0;
    Bytes m_cardPublicKey;
};

// Issuer path after issuance: loads the key store's CA_SERVICE_<id> (its store version) into its slot of a
// personalised card under issuer secure messaging (card key diversified from the card number read from the card).
// A version older than the card's is refused (PersonalisationError, sw 0); the same version writes nothing.
// Throws PersonalisationError / KeyStoreError. Never handles the value outside the encrypted WRITE KEY.
struct ServiceKeyUpdate {
    std::uint8_t id = 0;
    std::uint8_t previousVersion = 0; // 0: the card had no key in that slot
    std::uint8_t version = 0;         // now on the card
    bool written = false;
    int apduCount = 0;
};
ServiceKeyUpdate updateServiceKey(const IssuerKeys& keys, const Transmit& transmit, std::uint8_t serviceKeyId);

// Small builders used by the personaliser and by the console's diagnostics.
CommandApdu selectFid(std::uint16_t fid);
CommandApdu selectAid(const Bytes& aid);
CommandApdu getData(std::uint16_t tag);
CommandApdu getChallenge();
CommandApdu verifyPin(std::uint8_t user, const std::string& digits);

} // namespace cdos
