#include "carddesk/card/security/LifeCycleCommands.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"

#include <algorithm>

namespace cdos::card {

namespace {

using Sm = CardOs::SmPolicy;

void requireNoParameters(const CommandApdu& c) {
    if (c.p1 != 0 || c.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (!c.data.empty())
        throw StatusError(sw::WrongLength);
}

bool cardNumberWritten(CardOs& os) {
    const auto index = os.files().child(FileSystem::kMf, fid::CardInfo);
    if (!index)
        return false;
    const FileInfo f = os.files().file(*index);
    if (f.type != FileType::Transparent || f.size < 10)
        return false;
    const Bytes number = os.files().readBinary(f, 0, 10);
    return std::any_of(number.begin(), number.end(), [](std::uint8_t b) { return b != 0; });
}

} // namespace

void LifeCycleCommands::install(CardOs& os) {
    os.registerCommand(cla::Proprietary, ins::EndPersonalisation, Sm::Required, CardOs::inUse, endPersonalisation);
    os.registerCommand(cla::Proprietary, ins::BlockCard, Sm::Required, CardOs::inUse, blockCard);
    os.registerCommand(cla::Proprietary, ins::UnblockCard, Sm::Required, CardOs::inUse | CardOs::inBlocked,
                       unblockCard);
    os.registerCommand(cla::Proprietary, ins::TerminateCard, Sm::Required, CardOs::inUse, terminateCard);
}

ResponseApdu LifeCycleCommands::endPersonalisation(CommandContext& ctx) {
    requireNoParameters(ctx.apdu);
    CardOs& os = ctx.os;
    if (os.lifeCycle() != LifeCycle::Blank || !cardNumberWritten(os))
        throw StatusError(sw::ConditionsNotSatisfied);
    os.state().setLifeCycle(LifeCycle::Personalised);
    os.state().setPersonalisationStarted(false);
    return ResponseApdu{{}, sw::Ok};
}

ResponseApdu LifeCycleCommands::blockCard(CommandContext& ctx) {
    requireNoParameters(ctx.apdu);
    if (ctx.os.lifeCycle() != LifeCycle::Personalised)
        throw StatusError(sw::ConditionsNotSatisfied);
    ctx.os.state().setLifeCycle(LifeCycle::Blocked);
    return ResponseApdu{{}, sw::Ok};
}

ResponseApdu LifeCycleCommands::unblockCard(CommandContext& ctx) {
    requireNoParameters(ctx.apdu);
    const LifeCycle lc = ctx.os.lifeCycle();
    if (lc == LifeCycle::Blank)
        throw StatusError(sw::ConditionsNotSatisfied);
    if (lc == LifeCycle::Blocked)
        ctx.os.state().setLifeCycle(LifeCycle::Personalised);
    return ResponseApdu{{}, sw::Ok};
}

ResponseApdu LifeCycleCommands::terminateCard(CommandContext& ctx) {
    requireNoParameters(ctx.apdu);
    ctx.os.state().setLifeCycle(LifeCycle::Terminated);
    ctx.os.session().verifiedUser = 0;
    return ResponseApdu{{}, sw::Ok};
}

} // namespace cdos::card
