#pragma once
// The card OS under fuzzing (fuzz/card): an issued card (the real Personaliser, development keys, e-purse, CA
// rights, application-download key pair) kept as an image in memory; each input starts from that image and is a
// sequence of operations, mostly raw APDUs for the dispatcher, some made by the harness with keys a hostile
// subscriber does not have (issuer secure messaging, the right PIN, a purse terminal, an ECM) so that the commands
// behind them are reached too. After every exchange the invariants are checked (docs/fuzzing.md):
//   - the NVM is not left in a transaction, every answer has a status word, the image reopens (journal consistent),
//     also after a power cut at any page write;
//   - the purse balance moves only with a log record and a last-transaction record that explain it;
//   - a PIN try counter never goes up without the right PIN, a wrong PIN costs exactly one try, a blocked PIN or a
//     wrong one is never accepted.
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/epurse/PurseTerminal.h"
#include "carddesk/protocol/perso/Personaliser.h"
#include "common/FuzzFiles.h"
#include "common/FuzzInput.h"

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace cdfuzz {

class CardHarness {
public:
    CardHarness();
    void run(const std::uint8_t* data, std::size_t size);

private:
    enum class Origin { Subscriber, Harness, IssuerSm };
    struct Snapshot {
        std::array<int, 9> tries{}; // by user number 1..8; -1: no such user
        bool purse = false;
        std::uint32_t balance = 0;
        std::uint16_t online = 0, offline = 0;
        cdos::Bytes last;
        std::uint8_t logUsed = 0;
        cdos::Bytes newestLog;
    };
    struct CutHandled {};

    void issueTemplate();
    void powerUp();
    void reopen();
    cdos::Bytes exchange(const cdos::Bytes& raw, Origin origin);
    cdos::ResponseApdu transmit(const cdos::CommandApdu& c, Origin origin);
    Snapshot snapshot();
    void checkPurse(const Snapshot& before, const Snapshot& after) const;
    void checkPins(const Snapshot& before, const Snapshot& after, const cdos::Bytes& raw, std::uint16_t sw,
                   bool purseSelected);
    void step(FuzzInput& in);
    void issuerCommand(const cdos::Bytes& plain);
    void purseOperation(FuzzInput& in);
    void ecm(FuzzInput& in);

    ScratchDir m_dir;
    std::string m_image;
    std::vector<std::uint8_t> m_template;
    std::unique_ptr<cdos::KeyStore> m_keys;
    cdos::CardProfile m_profile;
    std::unique_ptr<cdos::card::CardOs> m_os;
    std::array<std::optional<std::string>, 9> m_pins; // the PINs the harness knows; nullopt: changed by the issuer
    std::unique_ptr<cdos::IssuerSmSession> m_sm;
    std::uint32_t m_writesAtOpen = 0;
    bool m_imageChanged = true;
};

} // namespace cdfuzz
