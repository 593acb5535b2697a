#include "carddesk/card/fs/FileCommands.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"

namespace cdos::card {

namespace {

using Sm = CardOs::SmPolicy;

ResponseApdu ok(Bytes data = {}) {
    return ResponseApdu{std::move(data), sw::Ok};
}

// BINARY addressing: P1 bit 8 set = SFI in bits 1-5 and offset in P2, otherwise a 15-bit offset in the current EF.
FileInfo binaryTarget(CommandContext& ctx, std::uint32_t& offset) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    std::uint8_t index = 0;
    if (c.p1 & 0x80) {
        if (c.p1 & 0x60)
            throw StatusError(sw::IncorrectP1P2);
        const auto found = os.files().childBySfi(os.session().currentDf, c.p1 & 0x1F);
        if (!found)
            throw StatusError(sw::FileNotFound);
        index = *found;
        os.selectFile(index, &ctx); // ISO: an SFI reference selects the file
        offset = c.p2;
    } else {
        if (!os.session().currentEf)
            throw StatusError(sw::FileNotFound);
        index = *os.session().currentEf;
        offset = (std::uint32_t(c.p1 & 0x7F) << 8) | c.p2;
    }
    const FileInfo f = os.files().file(index);
    if (f.internal)
        throw StatusError(sw::SecurityNotSatisfied);
    if (f.type != FileType::Transparent)
        throw StatusError(sw::IncompatibleFile);
    return f;
}

// Record addressing: P2 = (SFI << 3) | 04, or 04 for the current EF; APPEND may also use (SFI << 3) | 00.
FileInfo recordTarget(CommandContext& ctx, bool append) {
    CardOs& os = ctx.os;
    const std::uint8_t mode = ctx.apdu.p2 & 0x07, sfi = ctx.apdu.p2 >> 3;
    if (mode != 0x04 && !(append && mode == 0x00))
        throw StatusError(sw::IncorrectP1P2);
    if (sfi == 31)
        throw StatusError(sw::IncorrectP1P2);
    std::optional<std::uint8_t> index =
        sfi ? os.files().childBySfi(os.session().currentDf, sfi) : os.session().currentEf;
    if (!index)
        throw StatusError(sw::FileNotFound);
    if (sfi)
        os.selectFile(*index, &ctx);
    const FileInfo f = os.files().file(*index);
    if (f.internal)
        throw StatusError(sw::SecurityNotSatisfied);
    if (!f.isRecordFile())
        throw StatusError(sw::IncompatibleFile);
    return f;
}

void requireAccess(CommandContext& ctx, std::uint8_t condition) {
    if (!ctx.os.accessAllowed(condition, ctx))
        throw StatusError(sw::SecurityNotSatisfied);
}

} // namespace

void FileCommands::install(CardOs& os) {
    const unsigned use = CardOs::inUse;
    os.registerCommand(cla::Iso, ins::Select, Sm::None, use | CardOs::inBlocked, select);
    os.registerCommand(cla::Iso, ins::ReadBinary, Sm::Optional, use, readBinary);
    os.registerCommand(cla::Iso, ins::UpdateBinary, Sm::Optional, use, updateBinary);
    os.registerCommand(cla::Iso, ins::ReadRecord, Sm::Optional, use, readRecord);
    os.registerCommand(cla::Iso, ins::UpdateRecord, Sm::Optional, use, updateRecord);
    os.registerCommand(cla::Iso, ins::AppendRecord, Sm::Optional, use, appendRecord);
    os.registerCommand(cla::Proprietary, ins::CreateFile, Sm::Required, use, createFile);
}

ResponseApdu FileCommands::select(CommandContext& ctx) {
    CardOs& os = ctx.os;
    FileSystem& fs = os.files();
    const CommandApdu& c = ctx.apdu;
    if (c.p2 != 0x00 && c.p2 != 0x04 && c.p2 != 0x0C)
        throw StatusError(sw::IncorrectP1P2);
    std::optional<std::uint8_t> target;
    if (c.p1 == 0x00) {
        if (c.data.empty()) {
            target = FileSystem::kMf;
        } else if (c.data.size() != 2) {
            throw StatusError(sw::WrongLength);
        } else {
            // Search order: MF, children of the current DF, the current DF, its parent, the parent's children.
            const std::uint16_t want = getU16(c.data.data());
            const std::uint8_t df = os.session().currentDf;
            const FileInfo current = fs.file(df);
            if (want == fid::Mf)
                target = FileSystem::kMf;
            else if (auto child = fs.child(df, want))
                target = child;
            else if (current.fid == want)
                target = df;
            else if (df != FileSystem::kMf && fs.file(current.parent).fid == want)
                target = current.parent;
            else if (df != FileSystem::kMf)
                target = fs.child(current.parent, want);
        }
    } else if (c.p1 == 0x04) {
        if (c.data.empty())
            target = FileSystem::kMf;
        else if (c.data.size() < 5 || c.data.size() > 16)
            throw StatusError(sw::WrongLength);
        else
            target = fs.dfByAid(c.data);
    } else {
        throw StatusError(sw::IncorrectP1P2);
    }
    if (!target)
        throw StatusError(sw::FileNotFound);
    os.selectFile(*target, &ctx);
    if (c.p2 == 0x0C)
        return ok();
    return CardOs::respondObject(fs.file(*target).fcp().encode(), c.le, false);
}

ResponseApdu FileCommands::readBinary(CommandContext& ctx) {
    std::uint32_t offset = 0;
    const FileInfo f = binaryTarget(ctx, offset);
    requireAccess(ctx, f.readAc);
    const CommandApdu& c = ctx.apdu;
    if (!c.data.empty() || c.le < 0)
        throw StatusError(sw::WrongLength);
    if (offset >= f.size)
        throw StatusError(sw::WrongOffset);
    const std::uint32_t available = f.size - offset;
    std::uint32_t n = 0;
    if (c.le == 256 || c.le == 65536)
        n = std::min<std::uint32_t>(available, static_cast<std::uint32_t>(c.le));
    else if (static_cast<std::uint32_t>(c.le) <= available)
        n = static_cast<std::uint32_t>(c.le);
    else
        throw StatusError(sw::wrongLe(available <= 255 ? static_cast<std::uint8_t>(available) : 0));
    return ok(ctx.os.files().readBinary(f, offset, n));
}

ResponseApdu FileCommands::updateBinary(CommandContext& ctx) {
    std::uint32_t offset = 0;
    const FileInfo f = binaryTarget(ctx, offset);
    requireAccess(ctx, f.updateAc);
    if (ctx.apdu.data.empty())
        throw StatusError(sw::WrongLength);
    ctx.os.files().updateBinary(f, offset, ctx.apdu.data);
    return ok();
}

ResponseApdu FileCommands::readRecord(CommandContext& ctx) {
    const FileInfo f = recordTarget(ctx, false);
    requireAccess(ctx, f.readAc);
    if (!ctx.apdu.data.empty())
        throw StatusError(sw::WrongLength);
    if (ctx.apdu.le < 0)
        throw StatusError(sw::WrongLength);
    return CardOs::respondObject(ctx.os.files().readRecord(f, ctx.apdu.p1), ctx.apdu.le, true);
}

ResponseApdu FileCommands::updateRecord(CommandContext& ctx) {
    const FileInfo f = recordTarget(ctx, false);
    requireAccess(ctx, f.updateAc);
    ctx.os.files().updateRecord(f, ctx.apdu.p1, ctx.apdu.data);
    return ok();
}

ResponseApdu FileCommands::appendRecord(CommandContext& ctx) {
    if (ctx.apdu.p1 != 0x00)
        throw StatusError(sw::IncorrectP1P2);
    const FileInfo f = recordTarget(ctx, true);
    requireAccess(ctx, f.updateAc);
    ctx.os.files().appendRecord(f, ctx.apdu.data);
    return ok();
}

// The new file goes into the current DF and becomes the current file (a new DF becomes the current DF, so the
// files created next go into it).
ResponseApdu FileCommands::createFile(CommandContext& ctx) {
    CardOs& os = ctx.os;
    if (ctx.apdu.p1 != 0 || ctx.apdu.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (os.lifeCycle() != LifeCycle::Blank)
        throw StatusError(sw::ConditionsNotSatisfied);
    const auto fcp = Fcp::decode(ctx.apdu.data);
    if (!fcp)
        throw StatusError(sw::IncorrectData);
    const std::uint8_t index = os.files().create(os.session().currentDf, *fcp);
    os.selectFile(index, &ctx);
    return ok();
}

} // namespace cdos::card
