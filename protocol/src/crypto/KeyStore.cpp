#include "carddesk/protocol/crypto/KeyStore.h"

#include <algorithm>

#include "carddesk/protocol/crypto/Crypto.h"

#include <fstream>
#include <sstream>

namespace cdos {

namespace {
constexpr const char* kMagic = "CARDDESK-KEYSTORE 1";
const Bytes kCheckPlain{'c', 'a', 'r', 'd', 'd', 'e', 's', 'k'};

// The "shared" mark is bound into the associated data so that it cannot be added to a sealed key without the
// passphrase; unmarked keys keep the old associated data, so stores written before the mark still open.
Bytes aadFor(const std::string& name, std::uint8_t version, bool shared) {
    Bytes aad(name.begin(), name.end());
    aad.push_back(version);
    if (shared)
        for (char c : std::string(" shared"))
            aad.push_back(static_cast<std::uint8_t>(c));
    return aad;
}

Bytes hexOrThrow(const std::string& s, int line) {
    auto b = fromHex(s);
    if (!b)
        throw KeyStoreError("key store damaged: bad hex on line " + std::to_string(line));
    return *b;
}
} // namespace

KeyStore KeyStore::open(const std::string& path, const std::string& passphrase) {
    std::ifstream in(path);
    if (!in)
        throw KeyStoreError("cannot open key store " + path);
    std::string line;
    if (!std::getline(in, line) || line != kMagic)
        throw KeyStoreError(path + " is not a CardDesk key store");
    KeyStore ks;
    ks.m_path = path;
    SecretBytes kek;
    int lineNo = 1;
    bool checked = false;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream ls(line);
        std::string kind;
        ls >> kind;
        if (kind == "kdf") {
            std::string algo, salt;
            int iterations = 0;
            ls >> algo >> iterations >> salt;
            if (algo != "pbkdf2-sha256" || iterations <= 0)
                throw KeyStoreError("key store damaged: unsupported kdf on line " + std::to_string(lineNo));
            // A store sealed with few iterations falls to a passphrase search: refused, not opened.
            if (iterations < KeyStore::kMinIterations)
                throw KeyStoreError("key store refused: its passphrase is stretched with " +
                                    std::to_string(iterations) + " PBKDF2 iterations, fewer than " +
                                    std::to_string(KeyStore::kMinIterations) + "; re-create it with carddesk-keystore");
            if (iterations > KeyStore::kMaxIterations)
                throw KeyStoreError("key store refused: it asks for " + std::to_string(iterations) +
                                    " PBKDF2 iterations, more than " + std::to_string(KeyStore::kMaxIterations) +
                                    " (damaged, or not made by carddesk-keystore)");
            kek = SecretBytes(crypto::pbkdf2Sha256(passphrase, hexOrThrow(salt, lineNo), iterations, 32));
        } else if (kind == "check") {
            std::string nonce, sealed;
            ls >> nonce >> sealed;
            if (kek.empty())
                throw KeyStoreError("key store damaged: check before kdf");
            try {
                crypto::aesGcmDecrypt(kek.bytes(), hexOrThrow(nonce, lineNo), {}, hexOrThrow(sealed, lineNo));
            } catch (const crypto::CryptoError&) {
                throw KeyStoreError("wrong key store passphrase");
            }
            checked = true;
        } else if (kind == "key") {
            std::string name, nonce, sealed, kcv, mark;
            int version = -1;
            ls >> name >> version >> nonce >> sealed >> kcv >> mark;
            if (!checked || name.empty() || version < 0 || version > 255 || !(mark.empty() || mark == "shared"))
                throw KeyStoreError("key store damaged on line " + std::to_string(lineNo));
            Entry e;
            e.version = static_cast<std::uint8_t>(version);
            e.shared = mark == "shared";
            try {
                e.key =
                    SecretBytes(crypto::aesGcmDecrypt(kek.bytes(), hexOrThrow(nonce, lineNo),
                                                      aadFor(name, e.version, e.shared), hexOrThrow(sealed, lineNo)));
            } catch (const crypto::CryptoError&) {
                throw KeyStoreError("key store damaged: key " + name + " does not authenticate");
            }
            e.kcv = hexOrThrow(kcv, lineNo);
            if (e.key.size() != 16 || crypto::keyCheckValue(e.key.bytes()) != e.kcv)
                throw KeyStoreError("key store damaged: check value of " + name + " does not match");
            ks.m_keys[name] = std::move(e);
        } else {
            throw KeyStoreError("key store damaged: unknown line " + std::to_string(lineNo));
        }
    }
    if (!checked)
        throw KeyStoreError("key store damaged: no passphrase check line");
    return ks;
}

void KeyStore::create(const std::string& path, const std::string& passphrase,
                      const std::map<std::string, std::pair<std::uint8_t, Bytes>>& keys, int iterations,
                      const std::set<std::string>& shared) {
    if (iterations < kMinIterations)
        throw KeyStoreError("a key store needs at least " + std::to_string(kMinIterations) + " PBKDF2 iterations");
    if (iterations > kMaxIterations)
        throw KeyStoreError("a key store takes at most " + std::to_string(kMaxIterations) + " PBKDF2 iterations");
    for (const auto& name : shared)
        if (!keys.count(name))
            throw KeyStoreError("shared key " + name + " is not among the keys");
    const Bytes salt = crypto::randomBytes(16);
    SecretBytes kek(crypto::pbkdf2Sha256(passphrase, salt, iterations, 32));
    std::ostringstream out;
    out << kMagic << "\n";
    out << "# Master keys sealed with AES-256-GCM; the sealing key is PBKDF2-SHA256 of the passphrase.\n";
    out << "kdf pbkdf2-sha256 " << iterations << " " << toHex(salt) << "\n";
    Bytes nonce = crypto::randomBytes(12);
    out << "check " << toHex(nonce) << " " << toHex(crypto::aesGcmEncrypt(kek.bytes(), nonce, {}, kCheckPlain)) << "\n";
    for (const auto& [name, vk] : keys) {
        if (vk.second.size() != 16)
            throw KeyStoreError("key " + name + " is not 16 bytes");
        const bool isShared = shared.count(name) != 0;
        nonce = crypto::randomBytes(12);
        out << "key " << name << " " << int(vk.first) << " " << toHex(nonce) << " "
            << toHex(crypto::aesGcmEncrypt(kek.bytes(), nonce, aadFor(name, vk.first, isShared), vk.second)) << " "
            << toHex(crypto::keyCheckValue(vk.second)) << (isShared ? " shared" : "") << "\n";
    }
    std::ofstream f(path, std::ios::trunc);
    if (!f || !(f << out.str()))
        throw KeyStoreError("cannot write key store " + path);
}

ClearKeys KeyStore::readClearKeys(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw KeyStoreError("cannot read " + path);
    ClearKeys out;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream ls(line);
        std::string name, hex, mark, extra;
        int version = -1;
        ls >> name >> version >> hex >> mark >> extra;
        auto key = fromHex(hex);
        // The message names the line, never its content: the line holds a clear key.
        if (name.empty() || version < 0 || version > 255 || !key || key->size() != 16 ||
            !(mark.empty() || mark == "shared") || !extra.empty())
            throw KeyStoreError(path + ":" + std::to_string(n) + ": expected NAME VERSION 32-hex-digits [shared]");
        out.keys[name] = {static_cast<std::uint8_t>(version), *key};
        if (mark == "shared")
            out.shared.insert(name);
    }
    return out;
}

std::vector<std::string> KeyStore::names() const {
    std::vector<std::string> out;
    for (const auto& [n, e] : m_keys)
        out.push_back(n);
    return out;
}

const KeyStore::Entry& KeyStore::entry(const std::string& name) const {
    auto it = m_keys.find(name);
    if (it == m_keys.end())
        throw KeyStoreError("the key store has no key " + name);
    return it->second;
}

std::string KeyStore::kcvHex(const std::string& name) const {
    return toHex(entry(name).kcv);
}

bool IssuerKeys::contains(const std::string& name) const {
    const std::vector<std::string> all = names();
    return std::find(all.begin(), all.end(), name) != all.end();
}

std::unique_ptr<DesKey> KeyStore::cardKey(const std::string& name, const Bytes& asn) const {
    return HostKey(entry(name).key).diversify(asn);
}

std::unique_ptr<DesKey> KeyStore::blankCardKey() const {
    return std::make_unique<HostKey>(entry(kBlankCardKeyName).key);
}

std::unique_ptr<DesKey> KeyStore::sharedKey(const std::string& name) const {
    const Entry& e = entry(name);
    if (!e.shared)
        throw KeyStoreError("key " + name +
                            " is not marked shared in the key store; only its per-card keys are given out");
    return std::make_unique<HostKey>(e.key);
}

std::uint8_t KeyStore::version(const std::string& name) const {
    return entry(name).version;
}

} // namespace cdos
