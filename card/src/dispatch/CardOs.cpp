#include "carddesk/card/dispatch/CardOs.h"

#include "carddesk/card/dispatch/GetDataCommand.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/card/fs/FileCommands.h"
#include "carddesk/card/security/LifeCycleCommands.h"
#include "carddesk/card/security/SecurityCommands.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/crypto/Crypto.h"

namespace cdos::card {

namespace {
constexpr std::uint16_t kKeyFileFid = 0x0001;
constexpr std::uint8_t kBatchKeyVersion = 1;
constexpr std::uint8_t kBatchKeyMaxErrors = 15;

ResponseApdu status(std::uint16_t sw) {
    return ResponseApdu{{}, sw};
}

unsigned lifeCycleBit(LifeCycle lc) {
    return 1u << static_cast<unsigned>(lc);
}

std::uint32_t roundUp(std::uint32_t v, std::uint32_t a) {
    return (v + a - 1) / a * a;
}
} // namespace

Bytes CardOs::developmentBlankKey() {
    return *fromHex("404142434445464748494A4B4C4D4E4F");
}

// OS area after the NVM's own header and journal: card state (one page), file table, then the MF's region.
CardOs::CardOs(std::unique_ptr<Nvm> nvm, const CardOsOptions& options,
               const std::vector<ApplicationInstaller>& applications)
    : m_nvm(std::move(nvm)), m_state(*m_nvm, m_nvm->userStart()),
      m_fs(*m_nvm, m_nvm->userStart() + m_nvm->pageSize(),
           m_nvm->userStart() + m_nvm->pageSize() + roundUp(FileSystem::tableBytes(), m_nvm->pageSize()),
           m_nvm->size()) {
    FileCommands::install(*this);
    SecurityCommands::install(*this);
    LifeCycleCommands::install(*this);
    GetDataCommand::install(*this);
    if (m_state.blankImage()) {
        const Bytes key = options.blankKey.empty() ? developmentBlankKey() : options.blankKey;
        if (key.size() != 16)
            throw NvmError(NvmError::Kind::Usage, "the blank-card key must be 16 bytes");
        format(key, kBatchKeyMaxErrors);
    } else {
        m_state.validate();
        m_fs.validate();
        mount();
    }
    powerOn();
    // After mount: application download registers the installed applications it finds in the registry.
    for (const auto& install : applications)
        install(*this);
}

CardOs::~CardOs() = default;

void CardOs::mount() {
    const auto keys = m_fs.child(FileSystem::kMf, kKeyFileFid);
    const auto users = m_fs.child(FileSystem::kMf, fid::Users);
    if (!keys || !users || !m_fs.file(*keys).internal || !m_fs.file(*users).internal ||
        m_fs.file(*keys).bodySize < KeyFile::bodySize() || m_fs.file(*users).bodySize < UserFile::bodySize())
        throw NvmError(NvmError::Kind::Corrupt,
                       "card image " + m_nvm->path() + " is damaged: the key file or the users file is missing");
    m_keys = std::make_unique<KeyFile>(*m_nvm, m_fs.file(*keys).bodyAddr);
    m_users = std::make_unique<UserFile>(*m_nvm, m_fs.file(*users).bodyAddr, m_nvm->chipSerial());
}

// The factory state, in one transaction: MF, the internal key file (key 00 = batch key) and users file, card
// state blank. Everything else in the OS area is erased, so an undone personalisation leaves no data behind.
void CardOs::format(const Bytes& batchKey, std::uint8_t key00Counter) {
    m_nvm->begin();
    try {
        m_state.format(batchKey);
        m_fs.format();
        const Fcp keyFile{
            kKeyFileFid, FileType::Transparent, KeyFile::bodySize(), 0, 0, 0, {}, ac::Never, ac::Never, 0};
        const Fcp userFile{fid::Users, FileType::Transparent, UserFile::bodySize(), 0, 0, 0, {}, ac::Never, ac::Never,
                           0};
        m_fs.create(FileSystem::kMf, keyFile, true);
        m_fs.create(FileSystem::kMf, userFile, true);
        mount();
        m_keys->put(KeyInfo{0x00, kKeyType3Des2, static_cast<std::uint8_t>(KeyUsage::IssuerMaintenance),
                            kBatchKeyVersion, key00Counter, kBatchKeyMaxErrors},
                    batchKey);
        m_nvm->commit();
    } catch (...) {
        if (!m_nvm->powerLost())
            m_nvm->rollback();
        throw;
    }
}

Bytes CardOs::atr() const {
    try {
        m_lastLifeCycle = m_state.lifeCycle();
    } catch (const NvmError&) {
        // An image that failed still gives an ATR: vpcd polls it and pcscd must never wait for the card.
    }
    return buildAtr(m_lastLifeCycle);
}

void CardOs::powerOn() {
    m_session.clear();
    m_active = nullptr;
    for (auto& app : m_apps)
        app->reset();
    if (m_state.lifeCycle() == LifeCycle::Blank && m_state.personalisationStarted()) {
        // An issuance that did not reach END PERSONALISATION is undone, so that it can simply be started again.
        // Key 00 goes back to the batch key but keeps its error counter: power cycles never give MAC tries back.
        const auto key00 = m_keys->find(0);
        format(m_state.batchKey().bytes(), key00 ? key00->info.errorCounter : kBatchKeyMaxErrors);
    }
}

void CardOs::requireUserRight(std::uint32_t rights) {
    const std::uint8_t number = m_session.verifiedUser;
    if (number == 0)
        throw StatusError(sw::SecurityNotSatisfied);
    const auto user = m_users->find(number);
    if (!user)
        throw StatusError(sw::SecurityNotSatisfied);
    if ((user->profile.permissions & rights) != rights)
        throw StatusError(sw::NotPermitted);
}

void CardOs::reset() {
    powerOn();
}

void CardOs::powerOff() {
    m_session.clear();
    m_active = nullptr;
    for (auto& app : m_apps)
        app->reset();
}

void CardOs::registerCommand(std::uint8_t claClass, std::uint8_t ins, SmPolicy sm, unsigned allowedIn,
                             CommandHandler handler) {
    m_commands[{static_cast<std::uint8_t>(claClass & 0x80), ins}] = Command{sm, allowedIn, std::move(handler)};
}

void CardOs::registerApplication(std::shared_ptr<Application> app) {
    m_apps.push_back(std::move(app));
}

Bytes CardOs::process(const Bytes& raw) {
    ResponseApdu r;
    try {
        r = dispatch(raw);
    } catch (const PowerCut&) {
        throw; // the card has no power: nothing can answer
    } catch (const StatusError& e) {
        r = status(e.sw);
    } catch (const NvmError& e) {
        r = status(e.kind == NvmError::Kind::TooLarge ? sw::NotEnoughMemory : sw::MemoryFailure);
    } catch (...) {
        r = status(sw::InternalError);
    }
    if (!m_nvm->powerLost() && m_nvm->inTransaction())
        m_nvm->rollback();
    if (r.sw != sw::Ok)
        r.data.clear(); // data only travels with 9000
    return r.serialize();
}

ResponseApdu CardOs::dispatch(const Bytes& raw) {
    auto parsed = parseCommand(raw);
    if (std::holds_alternative<ApduParseError>(parsed))
        return status(sw::WrongLength);
    // A selection can point at a file whose creation was rolled back: fall back to the MF rather than fail.
    if (!m_fs.exists(m_session.currentDf) || !m_fs.file(m_session.currentDf).isDf()) {
        m_session.currentDf = FileSystem::kMf;
        m_session.currentEf.reset();
        updateActiveApplication(nullptr);
    }
    if (m_session.currentEf && !m_fs.exists(*m_session.currentEf))
        m_session.currentEf.reset();
    CommandContext ctx{*this, std::get<CommandApdu>(parsed)};
    const std::uint8_t cla = ctx.apdu.cla;
    if (cla != cla::Iso && cla != cla::IsoSm && cla != cla::Proprietary && cla != cla::ProprietarySm)
        return status(sw::ClaNotSupported);
    const LifeCycle lc = m_state.lifeCycle();

    // An application selected through its DF sees the command first (only while the card is in use). A refusal it
    // throws (StatusError) is its answer too.
    if (m_active && (lifeCycleBit(lc) & inUse)) {
        bool handled = true;
        ResponseApdu r = runInTransaction(ctx, [&] {
            auto answer = m_active->process(ctx);
            handled = answer.has_value();
            return answer ? *answer : status(sw::InsNotSupported);
        });
        if (handled)
            return r;
        ctx.keepChanges = false; // not the application's command: start clean
    }

    const auto it = m_commands.find({static_cast<std::uint8_t>(cla & 0x80), ctx.apdu.ins});
    if (it == m_commands.end()) {
        const bool otherClass = m_commands.count({static_cast<std::uint8_t>((cla & 0x80) ^ 0x80), ctx.apdu.ins});
        return status(otherClass ? sw::ClaNotSupported : sw::InsNotSupported);
    }
    const Command& cmd = it->second;
    if (!(cmd.allowedIn & lifeCycleBit(lc)))
        return status(sw::FunctionNotSupported);
    const bool sm = (cla & 0x04) != 0;
    if (sm && cmd.sm == SmPolicy::None)
        return status(sw::ClaNotSupported);
    if (!sm && cmd.sm == SmPolicy::Required)
        return status(sw::SecurityNotSatisfied);
    if (sm) {
        if (auto refused = unwrapIssuerSm(ctx))
            return status(*refused);
    }
    return runInTransaction(ctx, [&] { return cmd.handler(ctx); });
}

ResponseApdu CardOs::runInTransaction(CommandContext& ctx, const std::function<ResponseApdu()>& body) {
    m_nvm->begin();
    ResponseApdu r;
    try {
        r = body();
    } catch (const StatusError& e) {
        r = status(e.sw);
    }
    // The try spent on an issuer MAC (guardedGuess) and any earlier bad ones come back once the MAC proved right:
    // with the command's changes, or on their own when the authentic command is refused.
    const auto giveIssuerKeyTriesBack = [&] {
        const auto key = m_keys->find(0);
        if (ctx.issuerSm && key && key->info.errorCounter < key->info.maxErrors)
            m_keys->setErrorCounter(0, key->info.maxErrors);
    };
    if (r.sw != sw::Ok && !ctx.keepChanges) {
        m_nvm->rollback();
        if (ctx.issuerSm) {
            m_nvm->begin();
            giveIssuerKeyTriesBack();
            m_nvm->commit();
        }
        return r;
    }
    // Any change to a blank card starts a personalisation, undone at the next reset unless it is ended.
    if (r.sw == sw::Ok && m_state.lifeCycle() == LifeCycle::Blank && !m_state.personalisationStarted() &&
        m_nvm->dirty())
        m_state.setPersonalisationStarted(true);
    giveIssuerKeyTriesBack();
    m_nvm->commit();
    return r;
}

void CardOs::commitNow() {
    if (!m_nvm->inTransaction())
        return;
    m_nvm->commit();
    m_nvm->begin();
}

CardOs::Guess CardOs::guardedGuess(std::uint8_t triesLeft, std::optional<std::uint8_t> restoreTo,
                                   const std::function<void(std::uint8_t)>& setTries,
                                   const std::function<bool()>& matches) {
    if (triesLeft == 0)
        throw StatusError(sw::AuthBlocked);
    const bool own = !m_nvm->inTransaction();
    if (own)
        m_nvm->begin();
    const auto spent = static_cast<std::uint8_t>(triesLeft - 1);
    setTries(spent);
    commitNow();
    Guess g{matches(), spent};
    if (g.matched && restoreTo) {
        setTries(*restoreTo);
        g.triesLeft = *restoreTo;
        commitNow(); // given back even if the command then fails
    }
    if (own)
        m_nvm->commit();
    return g;
}

bool CardOs::issuerMacMatches(CommandContext& ctx, const Bytes& key, const Bytes& body, const std::uint8_t* givenMac) {
    const CommandApdu& c = ctx.apdu;
    const auto info = m_keys->find(0);
    if (!info)
        throw StatusError(sw::AuthBlocked);
    const Bytes mac = smMac(key, m_session.icv, smMacInput(c.cla, c.ins, c.p1, c.p2, body));
    const auto setTries = [this](std::uint8_t n) { m_keys->setErrorCounter(0, n); };
    const auto matches = [&] { return constantTimeEqual(mac.data(), givenMac, 4); };
    bool matched = false;
    if (info->info.errorCounter == 0) {
        // Tries spent: one MAC check per power-on from here (issue 17). Locking key 00 for good let any terminal
        // take the issuer's maintenance away with 15 bad MACs; one check per power cycle keeps a MAC search at
        // 2^31 power cycles on average, and the issuer's right MAC gives the tries back (runInTransaction).
        if (m_session.spentKeyGuessUsed)
            throw StatusError(sw::AuthBlocked);
        m_session.spentKeyGuessUsed = true; // RAM, set before the comparison: a cut cannot save the guess
        m_session.icvFresh = false;
        matched = matches();
    } else if (m_session.icvFresh) {
        m_session.icvFresh = false;
        matched = guardedGuess(info->info.errorCounter, std::nullopt, setTries, matches).matched;
    } else if (!(matched = matches())) {
        const bool own = !m_nvm->inTransaction();
        if (own)
            m_nvm->begin();
        setTries(static_cast<std::uint8_t>(info->info.errorCounter - 1));
        if (own)
            m_nvm->commit();
    }
    if (!matched) {
        m_session.icv.clear();
        return false;
    }
    m_session.icv = mac;
    ctx.issuerSm = true;
    return true;
}

// Issuer secure messaging (docs/command-set.md): MAC over header || Lc || data with the chaining value as IV.
// A bad MAC changes nothing but the key's error counter, and ends the session.
std::optional<std::uint16_t> CardOs::unwrapIssuerSm(CommandContext& ctx) {
    const auto key = m_keys->find(0);
    if (!key)
        return sw::DataNotFound;
    if (key->info.errorCounter == 0 && m_session.spentKeyGuessUsed)
        return sw::AuthBlocked;
    CommandApdu& c = ctx.apdu;
    if (c.data.size() < 4)
        return sw::WrongLength;
    if (m_session.icv.empty())
        return sw::SmIncorrect; // no GET CHALLENGE: nothing was checked, so no try is spent
    const Bytes body(c.data.begin(), c.data.end() - 4);
    if (!issuerMacMatches(ctx, key->value.bytes(), body, c.data.data() + body.size()))
        return sw::SmIncorrect;
    c.data = body;
    ctx.issuerSm = true;
    return std::nullopt;
}

Bytes CardOs::decryptUnderIssuerKey(const Bytes& cryptogram) const {
    const auto key = m_keys->find(0);
    if (!key || cryptogram.empty() || cryptogram.size() % 8 != 0)
        throw StatusError(sw::IncorrectData);
    // 3DES-CBC with a zero IV: the cryptogram a PKCS#11 token makes with C_WrapKey (docs/command-set.md); for the
    // one-block PIN blocks it is the same as ECB.
    return crypto::des3CbcDecrypt(key->value.bytes(), Bytes(8, 0), cryptogram);
}

bool CardOs::accessAllowed(std::uint8_t condition, const CommandContext& ctx) const {
    switch (condition) {
    case ac::Always:
        return true;
    case ac::UserPin:
        return m_session.verifiedUser != 0 || ctx.issuerSm; // the issuer may maintain any file
    case ac::IssuerSm:
        return ctx.issuerSm;
    default:
        return false;
    }
}

void CardOs::selectFile(std::uint8_t index, CommandContext* ctx) {
    const FileInfo f = m_fs.file(index);
    if (f.isDf()) {
        m_session.currentDf = index;
        m_session.currentEf.reset();
    } else {
        m_session.currentDf = f.parent;
        m_session.currentEf = index;
    }
    updateActiveApplication(ctx);
}

// The active application is the one whose DF name is on the path from the current DF up to the MF.
void CardOs::updateActiveApplication(CommandContext* ctx) {
    Application* found = nullptr;
    std::uint8_t df = m_session.currentDf;
    for (int depth = 0; depth < FileSystem::kMaxFiles && !found && m_fs.exists(df); ++depth) {
        const FileInfo f = m_fs.file(df);
        for (const auto& app : m_apps)
            if (!f.aid.empty() && app->aid() == f.aid)
                found = app.get();
        if (df == FileSystem::kMf)
            break;
        df = f.parent;
    }
    if (found == m_active)
        return;
    if (m_active)
        m_active->deselected();
    m_active = found;
    if (m_active && ctx)
        m_active->selected(*ctx);
}

ResponseApdu CardOs::respondObject(Bytes data, int le, bool leRequired) {
    if (le < 0) {
        if (leRequired)
            return status(sw::WrongLength);
        return ResponseApdu{std::move(data), sw::Ok};
    }
    // Le 00 means "all": objects longer than 256 bytes (a full menu) still come whole, as T=1 through PC/SC allows.
    if (le == 256 || le == 65536 || static_cast<std::size_t>(le) == data.size())
        return ResponseApdu{std::move(data), sw::Ok};
    return status(sw::wrongLe(data.size() <= 255 ? static_cast<std::uint8_t>(data.size()) : 0));
}

} // namespace cdos::card
