#pragma once
// The card operating system: command dispatcher over the NVM, the file system, the key and user files and the
// card state. Every command runs in one NVM transaction, committed before the answer leaves the card, so a
// command is all or nothing. Applications and further commands are registered, not hard-wired: the dispatcher is
// given its applications from outside (ApplicationInstaller, apps/StandardApplications.h).
#include "carddesk/card/dispatch/Application.h"
#include "carddesk/card/dispatch/CardSession.h"
#include "carddesk/card/fs/FileSystem.h"
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/card/security/CardState.h"
#include "carddesk/card/security/KeyFile.h"
#include "carddesk/card/security/UserFile.h"
#include "carddesk/card/transport/VirtualCard.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace cdos::card {

struct CardOsOptions {
    // Key 00 of a new image: the manufacturer's batch key. The default is the published development BLANK_CARD key
    // of docs/keys.md (404142...4F), fit only for test cards.
    Bytes blankKey;
};

using CommandHandler = std::function<ResponseApdu(CommandContext&)>;

class CardOs;
// Gives a card OS one application: registers its commands and/or its Application (registerCommand,
// registerApplication). Runs during power-up, once the image is mounted and checked and powerOn() has run.
using ApplicationInstaller = std::function<void(CardOs&)>;

class CardOs : public VirtualCard {
public:
    enum class SmPolicy { None, Optional, Required };
    // Life cycles a command is served in; elsewhere it answers 6A81.
    static constexpr unsigned inBlank = 1u << 0, inPersonalised = 1u << 1, inBlocked = 1u << 2, inTerminated = 1u << 3;
    static constexpr unsigned inUse = inBlank | inPersonalised;

    static Bytes developmentBlankKey();

    // Power-up on an image: formats a never-used image (MF, key file with key 00 = blank key, users file), checks
    // a used one (NvmError::Corrupt when damaged), runs powerOn(), then installs `applications` in order. The OS's
    // own commands (files, security, life cycle, GET DATA) are always there; an empty list is the bare OS.
    CardOs(std::unique_ptr<Nvm> nvm, const CardOsOptions& options,
           const std::vector<ApplicationInstaller>& applications);
    // The same with the standard applications (apps/StandardApplications.h, where this constructor is defined).
    explicit CardOs(std::unique_ptr<Nvm> nvm, const CardOsOptions& options = {});
    ~CardOs() override;
    CardOs(const CardOs&) = delete;
    CardOs& operator=(const CardOs&) = delete;

    Bytes atr() const override;
    // Cold and warm reset behave alike: volatile state is lost, and a personalisation that was begun but not ended
    // is undone (the card returns to its factory state).
    void powerOn() override;
    void reset() override;
    void powerOff() override;
    // Always an R-APDU (data || SW1 SW2); never throws except the test hook's PowerCut.
    Bytes process(const Bytes& rawCapdu) override;
    ResponseApdu transmit(const CommandApdu& c) { return ResponseApdu::fromRaw(process(c.serialize())); }

    LifeCycle lifeCycle() const { return m_state.lifeCycle(); }
    Nvm& nvm() { return *m_nvm; }
    const Nvm& nvm() const { return *m_nvm; }
    FileSystem& files() { return m_fs; }
    KeyFile& keys() { return *m_keys; }
    UserFile& users() { return *m_users; }
    CardState& state() { return m_state; }
    CardSession& session() { return m_session; }
    // The user verified in this card session must hold every bit of `rights` (perm::…): 6982 when none is
    // verified, 6986 when the user lacks one (issue 11: the card, not the terminal, enforces the rights).
    void requireUserRight(std::uint32_t rights);

    // Extension points. claClass is 0x00 (ISO) or 0x80 (proprietary); the SM bit 0x04 is handled by policy.
    void registerCommand(std::uint8_t claClass, std::uint8_t ins, SmPolicy sm, unsigned allowedIn,
                         CommandHandler handler);
    void registerApplication(std::shared_ptr<Application> app);
    Application* activeApplication() const { return m_active; }

    // Helpers for handlers.
    void selectFile(std::uint8_t index, CommandContext* ctx = nullptr);
    bool accessAllowed(std::uint8_t accessCondition, const CommandContext& ctx) const;
    // 3DES-ECB decryption under the issuer maintenance key (key values and PIN blocks travel encrypted).
    Bytes decryptUnderIssuerKey(const Bytes& cryptogram) const;
    // Whole objects (records, GET DATA, FCP): Le 00 or the exact size gives the data, any other Le 6Cxx; a missing
    // Le is 6700 when required and otherwise tolerated.
    static ResponseApdu respondObject(Bytes data, int le, bool leRequired);

    // A guess at a secret guarded by a retry counter (a PIN, a MAC): one try is spent and made durable before the
    // secret is compared, and given back only on a match — Java Card's OwnerPIN discipline. A right and a wrong
    // guess make the same page writes up to the comparison, so a terminal that cuts the power there learns nothing,
    // and every guess costs a try until the card has answered it. `setTries` writes the counter (from `triesLeft`,
    // above 0); `matches` compares. On a match the try comes back at once (`restoreTo`, committed) or, without
    // `restoreTo`, with the command's own success (issuer secure messaging: the dispatcher gives key 00 its tries
    // back in the command's transaction, sparing a commit per command). What the command wrote before the guess
    // is made durable with the spent try.
    struct Guess {
        bool matched = false;
        std::uint8_t triesLeft = 0; // after the guess
    };
    Guess guardedGuess(std::uint8_t triesLeft, std::optional<std::uint8_t> restoreTo,
                       const std::function<void(std::uint8_t)>& setTries, const std::function<bool()>& matches);
    // Checks the MAC of an issuer secure-messaging command under key 00 against the session's chaining value and
    // moves the chain on (true), or ends the session and keeps the spent try (false; AuthBlocked when none is
    // left). The first MAC after a GET CHALLENGE — the only one a forger can try, a wrong one ending the chain —
    // is a guardedGuess: its try is spent and committed before the comparison. Later MACs of a proven chain spend
    // a try only when wrong. The try comes back when the command succeeds, or on its own when it is refused.
    bool issuerMacMatches(CommandContext& ctx, const Bytes& key, const Bytes& body, const std::uint8_t* givenMac);
    // Makes what the running command has written so far durable now; the command goes on in a new transaction.
    void commitNow();

private:
    struct Command {
        SmPolicy sm = SmPolicy::None;
        unsigned allowedIn = inUse;
        CommandHandler handler;
    };
    ResponseApdu dispatch(const Bytes& raw);
    std::optional<std::uint16_t> unwrapIssuerSm(CommandContext& ctx);
    ResponseApdu runInTransaction(CommandContext& ctx, const std::function<ResponseApdu()>& body);
    void mount();
    void format(const Bytes& batchKey, std::uint8_t key00Counter);
    void updateActiveApplication(CommandContext* ctx);

    std::unique_ptr<Nvm> m_nvm;
    CardState m_state;
    FileSystem m_fs;
    std::unique_ptr<KeyFile> m_keys;
    std::unique_ptr<UserFile> m_users;
    CardSession m_session;
    std::map<std::pair<std::uint8_t, std::uint8_t>, Command> m_commands;
    std::vector<std::shared_ptr<Application>> m_apps;
    Application* m_active = nullptr;
    mutable LifeCycle m_lastLifeCycle = LifeCycle::Blank;
};

} // namespace cdos::card
