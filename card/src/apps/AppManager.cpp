#include "carddesk/card/apps/AppManager.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/appdl/AppCertificate.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <algorithm>

namespace cdos::card {

using appdl::AppCrypto;
using appdl::AppKey;
using appdl::AppTlv;
using appdl::DeleteCertificate;
using appdl::FormatError;
using appdl::InstallCertificate;
using appdl::InstallUnit;
using appdl::kLastBlock;
using appdl::SignedObject;
namespace alg = appdl::alg;
namespace limits = appdl::limits;
namespace tag = appdl::tag;
namespace asw = appdl::sw;

namespace {
// Clears the volatile install buffer at power-on and reset. Its empty AID never matches a DF, so it is never
// selected.
class BufferReset : public Application {
public:
    explicit BufferReset(AppManager& m) : m_m(m) {}
    Bytes aid() const override { return {}; }
    std::optional<ResponseApdu> process(CommandContext&) override { return std::nullopt; }
    void reset() override { m_m.dropBuffer(); }

private:
    AppManager& m_m;
};

constexpr std::uint16_t kCardKeySize = 1400; // 2-byte length + PKCS#8 of an RSA-2048 key (about 1220 bytes)
constexpr std::uint16_t kCaKeySize = 512;    // 2-byte length + SubjectPublicKeyInfo

std::uint32_t align8(std::uint32_t v) {
    return (v + 7) / 8 * 8;
}

bool inGroup(const std::vector<Bytes>& group, const Bytes& serial) {
    return std::find(group.begin(), group.end(), serial) != group.end();
}

void require(bool ok, std::uint16_t sw) {
    if (!ok)
        throw StatusError(sw);
}
} // namespace

std::shared_ptr<AppManager> AppManager::install(CardOs& os) {
    auto m = std::make_shared<AppManager>(os);
    os.registerCommand(0x80, appdl::ins::CardKey, CardOs::SmPolicy::Optional, CardOs::inUse,
                       [m](CommandContext& c) { return m->cardKey(c); });
    os.registerCommand(0x80, appdl::ins::WriteCaKey, CardOs::SmPolicy::Required, CardOs::inUse,
                       [m](CommandContext& c) { return m->writeCaKey(c); });
    os.registerCommand(0x80, appdl::ins::Install, CardOs::SmPolicy::None, CardOs::inPersonalised,
                       [m](CommandContext& c) { return m->block(c); });
    os.registerCommand(0x80, appdl::ins::Delete, CardOs::SmPolicy::None, CardOs::inPersonalised,
                       [m](CommandContext& c) { return m->block(c); });
    os.registerApplication(std::make_shared<BufferReset>(*m));
    for (const auto& r : AppRegistry(os.files()).list())
        m->registerVm(r.aid);
    m->scrubFreeSpace();
    return m;
}

AppManager::AppManager(CardOs& os) : m_os(os) {}

void AppManager::dropBuffer() {
    secureZero(m_buffer.data(), m_buffer.size());
    m_buffer.clear();
    m_nextBlock = 0;
    m_bufferIns = 0;
}

void AppManager::registerVm(const Bytes& aid) {
    if (m_vms.count(aid))
        return; // kept across delete and reinstall: it reads its registry record at every selection
    auto vm = std::make_shared<VmApplication>(m_os, aid);
    m_vms[aid] = vm;
    m_os.registerApplication(vm);
}

std::uint32_t AppManager::scrubFreeSpace() {
    FileSystem& fs = m_os.files();
    const FileInfo mf = fs.file(FileSystem::kMf);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> used;
    for (auto i : fs.children(FileSystem::kMf))
        used.emplace_back(fs.file(i).bodyAddr, fs.file(i).end());
    std::sort(used.begin(), used.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> dirty;
    std::uint32_t pos = mf.bodyAddr;
    auto check = [&](std::uint32_t from, std::uint32_t to) {
        if (to <= from)
            return;
        const Bytes b = m_os.nvm().read(from, to - from);
        if (std::any_of(b.begin(), b.end(), [](std::uint8_t x) { return x != 0; }))
            dirty.emplace_back(from, to);
    };
    for (const auto& [s, e] : used) {
        check(pos, s);
        pos = std::max(pos, e);
    }
    check(pos, mf.end());
    std::uint32_t erased = 0;
    if (dirty.empty())
        return 0;
    m_os.nvm().begin();
    for (const auto& [s, e] : dirty) {
        m_os.nvm().fill(s, e - s, 0);
        erased += e - s;
    }
    m_os.nvm().commit();
    return erased;
}

AppManager::Identity AppManager::identity() const {
    const auto f = m_os.files().child(FileSystem::kMf, cdos::fid::CardInfo);
    require(f.has_value(), sw::ConditionsNotSatisfied);
    const auto info = CardInfo::decode(m_os.files().readBinary(m_os.files().file(*f), 0, 26));
    require(info.has_value(), sw::ConditionsNotSatisfied);
    return Identity{info->cardNumber, info->issuerSerial, info->productSerial};
}

Bytes AppManager::readKeyFile(std::uint16_t fid) const {
    const auto f = m_os.files().child(FileSystem::kMf, fid);
    if (!f)
        return {};
    const FileInfo info = m_os.files().file(*f);
    const Bytes head = m_os.files().readBinary(info, 0, 2);
    const std::uint16_t n = getU16(head.data());
    if (n == 0 || n + 2u > info.size)
        return {};
    return m_os.files().readBinary(info, 2, n);
}

void AppManager::writeKeyFile(std::uint16_t fid, std::uint16_t size, const Bytes& value) {
    FileSystem& fs = m_os.files();
    auto f = fs.child(FileSystem::kMf, fid);
    if (!f)
        f = fs.create(FileSystem::kMf, Fcp{fid, FileType::Transparent, size, 0, 0, 0, {}, ac::Never, ac::Never, 0},
                      true);
    Bytes body;
    putU16(body, static_cast<std::uint16_t>(value.size()));
    append(body, value);
    body.resize(size, 0); // a shorter key leaves nothing of the previous one behind
    fs.updateBinary(fs.file(*f), 0, body);
    secureZero(body.data(), body.size());
}

std::optional<AppKey> AppManager::caKey() const {
    const Bytes der = readKeyFile(appdl::fid::CaPublicKey);
    if (der.empty())
        return std::nullopt;
    try {
        return AppKey::fromPublicDer(der);
    } catch (const crypto::CryptoError&) {
        return std::nullopt;
    }
}

std::optional<AppKey> AppManager::cardPrivateKey() const {
    SecretBytes der(readKeyFile(appdl::fid::CardKeyPair));
    if (der.empty())
        return std::nullopt;
    try {
        return AppKey::fromPrivateDer(der.bytes());
    } catch (const crypto::CryptoError&) {
        return std::nullopt;
    }
}

// 84 46 80 00: generate the card's RSA-2048 key pair in the card (issuer SM) and answer the public key;
// 80 46 00 00: answer the public key.
ResponseApdu AppManager::cardKey(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    require(c.p2 == 0 && (c.p1 == 0x00 || c.p1 == 0x80), sw::IncorrectP1P2);
    if (c.p1 == 0x80) {
        require(ctx.issuerSm, sw::SecurityNotSatisfied);
        require(c.data.empty(), sw::WrongLength);
        const AppKey pair = AppKey::generateRsa2048();
        writeKeyFile(appdl::fid::CardKeyPair, kCardKeySize, pair.privateDer().bytes());
        return ResponseApdu{pair.publicDer(), sw::Ok};
    }
    const auto key = cardPrivateKey();
    require(key.has_value(), asw::NoCardKey);
    return ResponseApdu{key->publicDer(), sw::Ok};
}

// 84 D8 00 00 SPKI: the certification authority's public key (RSA-2048 or P-256), written at issuance.
ResponseApdu AppManager::writeCaKey(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    require(c.p1 == 0 && c.p2 == 0, sw::IncorrectP1P2);
    require(c.data.size() + 2 <= kCaKeySize, sw::WrongLength);
    try {
        AppKey::fromPublicDer(c.data);
    } catch (const crypto::CryptoError&) {
        throw StatusError(sw::IncorrectData);
    }
    writeKeyFile(appdl::fid::CaPublicKey, kCaKeySize, c.data);
    return ResponseApdu{{}, sw::Ok};
}

// INSTALL and DELETE arrive in numbered blocks (P2 = 0, 1, ...; P1 80 on the last). The buffer is RAM: nothing is
// written before the last block has been checked.
ResponseApdu AppManager::block(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    if (c.ins == appdl::ins::Install && c.p1 == appdl::kCheckOnly)
        return checkRoom(c.data);
    if ((c.p1 & ~kLastBlock) != 0) {
        dropBuffer();
        throw StatusError(asw::BlockSequence);
    }
    if (c.p2 == 0) {
        dropBuffer();
        m_bufferIns = c.ins;
    } else if (m_bufferIns != c.ins || c.p2 != (m_nextBlock & 0xFF)) {
        dropBuffer();
        throw StatusError(asw::BlockSequence);
    }
    if (m_buffer.size() + c.data.size() > limits::kMaxMessage) {
        dropBuffer();
        throw StatusError(asw::MessageTooLong);
    }
    append(m_buffer, c.data);
    ++m_nextBlock;
    if (!(c.p1 & kLastBlock))
        return ResponseApdu{{}, sw::Ok};
    const Bytes message = m_buffer;
    dropBuffer();
    return c.ins == appdl::ins::Install ? installApplication(ctx, message) : deleteApplication(ctx, message);
}

// Patent step C ([0036]): before downloading, the terminal asks whether the application can go on this card.
// Data 4F AID, 81 DF size (code + configuration + data, 4), 82 RAM (4). Writes nothing.
ResponseApdu AppManager::checkRoom(const Bytes& data) {
    Bytes aid;
    std::uint32_t nvmSize = 0, ramSize = 0;
    try {
        const auto f = AppTlv::parse(data, {tag::Aid, tag::NvmSize, tag::RamSize});
        aid = AppTlv::field(f, tag::Aid, 5, 16);
        nvmSize = AppTlv::u32(f, tag::NvmSize);
        ramSize = AppTlv::u32(f, tag::RamSize);
    } catch (const FormatError&) {
        throw StatusError(asw::Malformed);
    }
    FileSystem& fs = m_os.files();
    AppRegistry registry(fs);
    require(!registry.find(aid) && !fs.dfByAid(aid), asw::AlreadyInstalled);
    const auto slot = registry.freeSlot();
    require(slot.has_value(), asw::RegistryFull);
    require(ramSize > 0 && ramSize <= kMaxAppRam, asw::RamTooSmall);
    require(nvmSize > 0 && nvmSize <= 0xFF00, asw::NvmTooSmall);
    const Fcp dfFcp{static_cast<std::uint16_t>(appdl::fid::FirstAppDf + *slot - 1),
                    FileType::Df,
                    static_cast<std::uint16_t>(nvmSize),
                    0,
                    0,
                    0,
                    aid,
                    ac::Always,
                    ac::Never,
                    0};
    try {
        registry.ensure();
        fs.create(FileSystem::kMf, dfFcp);
    } catch (const StatusError& e) {
        throw StatusError(e.sw == sw::NotEnoughMemory ? asw::NvmTooSmall : e.sw);
    }
    m_os.nvm().rollback(); // a dry run
    m_os.nvm().begin();
    return ResponseApdu{{}, sw::Ok};
}

// Checks 1-6 of docs/app-download.md, each refusal with its own status word, before anything is written.
ResponseApdu AppManager::installApplication(CommandContext&, const Bytes& message) {
    InstallCertificate cert;
    InstallUnit unit;
    SignedObject signedCert;
    try {
        const auto parts = AppTlv::parse(message, {tag::InstallCertificate, tag::InstallUnit});
        signedCert = SignedObject::split(parts.at(tag::InstallCertificate));
        cert = InstallCertificate::decode(parts.at(tag::InstallCertificate));
        unit = InstallUnit::decode(parts.at(tag::InstallUnit));
    } catch (const FormatError&) {
        throw StatusError(asw::Malformed);
    }
    const Identity card = identity();

    // 1. The certificate is the CA's.
    const auto ca = caKey();
    require(ca.has_value(), asw::NoCaKey);
    require(alg::signatureSupported(cert.signatureAlg), asw::SignatureAlg);
    require(AppCrypto::verify(*ca, cert.signatureAlg, signedCert.body, cert.signature), asw::CertSignature);

    // 2. Unit, card and certificate agree.
    require(unit.aid == cert.aid, asw::AidMismatch);
    require(unit.cardNumber == card.cardNumber && cert.cardNumber == card.cardNumber, asw::CardNumberMismatch);
    require(unit.issuerSerial == card.issuerSerial && inGroup(cert.issuerGroup, card.issuerSerial),
            asw::IssuerNotInGroup);
    require(unit.productSerial == card.productSerial && inGroup(cert.productGroup, card.productSerial),
            asw::ProductNotInGroup);
    require(unit.signatureAlg == cert.signatureAlg, asw::SignatureAlg);
    require(alg::hashSupported(cert.hashAlg) && unit.hashAlg == cert.hashAlg, asw::HashAlg);
    require(alg::cipherSupported(unit.cipherAlg), asw::CipherAlg);

    // 3. Not installed yet; the registry, NVM and RAM have room. The plaintext is at most the ciphertext less the
    // IV, so the DF is sized before anything is decrypted.
    FileSystem& fs = m_os.files();
    AppRegistry registry(fs);
    require(!registry.find(unit.aid) && !fs.dfByAid(unit.aid), asw::AlreadyInstalled);
    const auto slot = registry.freeSlot();
    require(slot.has_value(), asw::RegistryFull);
    // A version this card once had newer is never installed again (a signed old version with a known flaw).
    const auto floor = registry.versionFloor(unit.aid);
    require(floor.has_value(), asw::RegistryFull);
    require(unit.version >= *floor, asw::OlderVersion);
    require(unit.ramSize > 0 && unit.ramSize <= kMaxAppRam, asw::RamTooSmall);
    const std::uint64_t need = std::uint64_t(align8(static_cast<std::uint32_t>(unit.code.size() - 16))) +
                               align8(static_cast<std::uint32_t>(unit.config.size() - 16)) + unit.nvmSize;
    require(need <= 0xFF00, asw::NvmTooSmall); // a DF's size is 16 bits
    const std::uint16_t dfFid = static_cast<std::uint16_t>(appdl::fid::FirstAppDf + *slot - 1);
    const Fcp dfFcp{dfFid, FileType::Df, static_cast<std::uint16_t>(need), 0, 0, 0, unit.aid, ac::Always, ac::Never, 0};
    Nvm& nvm = m_os.nvm();
    const bool registryMissing = !registry.complete();
    std::uint32_t dfStart = 0, dfEnd = 0;
    try {
        // A dry run of the allocation (with the registry EF the install would create), undone at once.
        registry.ensure();
        const FileInfo df = fs.file(fs.create(FileSystem::kMf, dfFcp));
        dfStart = df.bodyAddr;
        dfEnd = df.end();
    } catch (const StatusError& e) {
        nvm.rollback();
        nvm.begin();
        throw StatusError(e.sw == sw::NotEnoughMemory ? asw::NvmTooSmall : e.sw);
    }
    nvm.rollback();
    nvm.begin();

    // 4. Only this card's private key opens the key transport units.
    const auto cardKey = cardPrivateKey();
    require(cardKey.has_value(), asw::NoCardKey);
    const auto providerKey = AppCrypto::unwrapKey(*cardKey, unit.providerKtu);
    const auto issuerKey = AppCrypto::unwrapKey(*cardKey, unit.issuerKtu);
    require(providerKey && issuerKey, asw::KeyTransport);
    auto code = AppCrypto::decrypt(*providerKey, unit.code);
    auto config = AppCrypto::decrypt(*issuerKey, unit.config);
    require(code && config, asw::KeyTransport);

    // 5. Both signatures cover one whole — AID, version, sizes, code and configuration (InstallUnit::signedContent):
    // nothing of the unit can be changed, and no code can be paired with another application's configuration.
    AppKey providerPub, issuerPub;
    try {
        providerPub = AppKey::fromPublicDer(cert.providerPublicKey);
        issuerPub = AppKey::fromPublicDer(cert.issuerPublicKey);
    } catch (const crypto::CryptoError&) {
        throw StatusError(asw::CertKey);
    }
    require(AppCrypto::keyFits(providerPub, cert.signatureAlg) && AppCrypto::keyFits(issuerPub, cert.signatureAlg),
            asw::CertKey);
    const SecretBytes content(unit.signedContent(*code, *config)); // the plain code: wiped however this ends
    require(AppCrypto::verify(providerPub, cert.signatureAlg, content.bytes(), unit.codeSignature), asw::CodeSignature);
    require(AppCrypto::verify(issuerPub, cert.signatureAlg, content.bytes(), unit.configSignature),
            asw::ConfigSignature);

    // 6. Write. One journal transaction holds about 7 KB of changed bytes, less than a 16 KB application, so the
    // DF body is staged first, in chunks, into free space no file covers: a cut there leaves the card as it was
    // (the bytes are unreferenced and erased at the next power-up). The last transaction creates the DF entry over
    // the staged body and adds the registry record: the install becomes visible atomically, or not at all.
    const std::uint32_t codeAddr = dfStart;
    const std::uint32_t configAddr = codeAddr + static_cast<std::uint32_t>(code->size());
    const std::uint32_t efAddr =
        dfStart + align8(static_cast<std::uint32_t>(code->size())) + align8(static_cast<std::uint32_t>(config->size()));
    Bytes body(efAddr - dfStart, 0);
    std::copy(code->begin(), code->end(), body.begin());
    std::copy(config->begin(), config->end(), body.begin() + (configAddr - dfStart));
    if (registryMissing) {
        registry.ensure();
        nvm.commit(); // an empty registry is harmless; the DF's place is computed with it present
        nvm.begin();
    }
    nvm.rollback();
    for (std::uint32_t off = 0; off < body.size(); off += kStageChunk) {
        const std::uint32_t n = std::min<std::uint32_t>(kStageChunk, static_cast<std::uint32_t>(body.size()) - off);
        nvm.begin();
        nvm.write(dfStart + off, body.data() + off, n);
        nvm.commit();
    }
    nvm.begin();
    nvm.fill(efAddr, dfEnd - efAddr, 0);
    nvm.commit();
    secureZero(body.data(), body.size());
    secureZero(code->data(), code->size());
    nvm.begin();
    const FileInfo df = fs.file(fs.create(FileSystem::kMf, dfFcp));
    require(df.bodyAddr == dfStart && df.end() == dfEnd, sw::InternalError);
    AppRecord rec;
    rec.slot = *slot;
    rec.aid = unit.aid;
    rec.codeAddr = codeAddr;
    rec.version = unit.version;
    rec.staticLength = dfEnd - efAddr;
    rec.dfFid = dfFid;
    rec.codeLength = static_cast<std::uint32_t>(code->size());
    rec.configLength = static_cast<std::uint32_t>(config->size());
    rec.ramBound = unit.ramSize;
    rec.dfStart = dfStart;
    rec.dfEnd = dfEnd;
    rec.efAddr = efAddr;
    rec.seed = crypto::randomBytes(16); // binds delete certificates to this installation
    registry.put(rec);
    registry.raiseFloor(unit.aid, unit.version);
    registerVm(unit.aid);
    Bytes answer = rec.seed;
    answer.push_back(rec.slot);
    return ResponseApdu{answer, sw::Ok};
}

// The delete certificate: CA signature, card number, issuer and product groups, then the application and the
// random seed of its current installation. DF and registry record go in one transaction.
ResponseApdu AppManager::deleteApplication(CommandContext&, const Bytes& message) {
    DeleteCertificate cert;
    SignedObject signedCert;
    try {
        const auto parts = AppTlv::parse(message, {tag::DeleteCertificate});
        signedCert = SignedObject::split(parts.at(tag::DeleteCertificate));
        cert = DeleteCertificate::decode(parts.at(tag::DeleteCertificate));
    } catch (const FormatError&) {
        throw StatusError(asw::Malformed);
    }
    const Identity card = identity();
    const auto ca = caKey();
    require(ca.has_value(), asw::NoCaKey);
    require(alg::signatureSupported(cert.signatureAlg), asw::SignatureAlg);
    require(AppCrypto::verify(*ca, cert.signatureAlg, signedCert.body, cert.signature), asw::CertSignature);
    require(cert.cardNumber == card.cardNumber, asw::CardNumberMismatch);
    require(inGroup(cert.issuerGroup, card.issuerSerial), asw::IssuerNotInGroup);
    require(inGroup(cert.productGroup, card.productSerial), asw::ProductNotInGroup);
    FileSystem& fs = m_os.files();
    AppRegistry registry(fs);
    const auto rec = registry.find(cert.aid);
    require(rec.has_value(), asw::NotInstalled);
    require(constantTimeEqual(rec->seed, cert.randomSeed), asw::SeedMismatch);
    if (const auto df = fs.dfByAid(cert.aid))
        fs.remove(*df);
    registry.clear(rec->slot);
    return ResponseApdu{{}, sw::Ok};
}

} // namespace cdos::card
