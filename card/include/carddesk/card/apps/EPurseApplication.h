#pragma once
// The e-purse (EP) application, PBOC style (../shared/spec/epurse-pboc.md, docs/command-set.md "E-purse
// application"), bound to DF name F0 43 44 45 50 01. A purse session (INITIALIZE → DEBIT/CREDIT) lives in RAM
// only; the completing command writes balance, counter, log record and last-transaction record in the
// dispatcher's one NVM transaction, so a transaction is on the card wholly or not at all.
#include "carddesk/card/apps/PurseState.h"
#include "carddesk/card/dispatch/Application.h"
#include "carddesk/card/fs/FileSystem.h"
#include "carddesk/protocol/apdu/CardRecords.h"

namespace cdos::card {

class EPurseApplication : public Application {
public:
    // The purse's PURCHASE key (the CA application also checks the headend's VOD authorisation with it).
    static constexpr std::uint8_t kPurchaseKeyId = 0x03;
    Bytes aid() const override { return ep::kPurseAid; }
    std::optional<ResponseApdu> process(CommandContext& ctx) override;
    void selected(CommandContext&) override { endSession(); }
    void deselected() override { endSession(); }
    void reset() override { endSession(); }

    // Where the purse state lives on this card (tests set counters near their maximum through it); nullopt when
    // the card has no EP DF.
    static std::optional<std::uint32_t> stateAddress(const CardOs& os);

private:
    enum class Kind { None, Load, Purchase };
    struct Session {
        Kind kind = Kind::None;
        std::uint32_t amount = 0;
        ep::TerminalId terminal{};
        Bytes random;
        SecretBytes sessionKey; // load only: a purchase's depends on the terminal serial sent with DEBIT
        std::uint16_t counter = 0;
    };
    struct Files {
        std::uint32_t stateAddr = 0;
        FileInfo log;
        PurseParams params;
    };
    Files files(CardOs& os) const;
    void endSession();

    ResponseApdu initialize(CommandContext& ctx);
    ResponseApdu creditForLoad(CommandContext& ctx, const Session& s);
    ResponseApdu debitForPurchase(CommandContext& ctx, const Session& s);
    ResponseApdu getBalance(CommandContext& ctx);
    ResponseApdu getTransactionProve(CommandContext& ctx);
    ResponseApdu getData(CommandContext& ctx);
    ResponseApdu changePin(CommandContext& ctx);
    ResponseApdu reloadPin(CommandContext& ctx);

    Session m_session;
};

} // namespace cdos::card
