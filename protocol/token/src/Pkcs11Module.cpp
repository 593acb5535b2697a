#include "carddesk/protocol/token/Pkcs11Module.h"

#include "carddesk/protocol/crypto/Crypto.h"

#include <dlfcn.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace cdos {

namespace {

std::string fixedText(const unsigned char* text, std::size_t size) {
    std::string s(reinterpret_cast<const char*>(text), size);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.pop_back();
    return s;
}

// Codes after which a session is no use any more: it leaves the pool.
bool sessionGone(CK_RV rv) {
    return rv == CKR_SESSION_HANDLE_INVALID || rv == CKR_SESSION_CLOSED || rv == CKR_DEVICE_REMOVED ||
           rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_CRYPTOKI_NOT_INITIALIZED;
}

constexpr int kPinVerifierIterations = 20000;

} // namespace

// The loaded library: one per canonical path and process, because C_Initialize and C_Finalize act on the whole
// process. Its modules (one per token slot) are kept here too, so that a second open of a token shares the first.
class Pkcs11Library {
public:
    static std::shared_ptr<Pkcs11Library> load(const std::string& path);
    ~Pkcs11Library();

    CK_FUNCTION_LIST* fn = nullptr;
    std::string path;
    std::map<CK_SLOT_ID, std::weak_ptr<Pkcs11Module>> modules; // guarded by modulesMutex
    std::mutex modulesMutex;

    std::vector<std::pair<CK_SLOT_ID, std::string>> tokens() const;

private:
    void* m_handle = nullptr;
    bool m_finalize = false;
};

namespace {
std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
std::map<std::string, std::weak_ptr<Pkcs11Library>>& registry() {
    static std::map<std::string, std::weak_ptr<Pkcs11Library>> r;
    return r;
}
} // namespace

std::shared_ptr<Pkcs11Library> Pkcs11Library::load(const std::string& modulePath) {
    std::error_code ec;
    const std::filesystem::path canonical = std::filesystem::canonical(modulePath, ec);
    if (ec)
        throw KeyStoreError("PKCS#11 module " + modulePath + " not found (" + ec.message() + ")");
    std::lock_guard lock(registryMutex());
    if (auto alive = registry()[canonical.string()].lock())
        return alive;

    auto* lib = new Pkcs11Library;
    lib->path = canonical.string();
    // RTLD_NODELETE: a module's libraries may leave handlers behind (OpenSSL's) that outlive C_Finalize.
    lib->m_handle = dlopen(lib->path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib->m_handle) {
        const char* why = dlerror();
        delete lib;
        throw KeyStoreError("cannot load PKCS#11 module " + modulePath + ": " + (why ? why : "dlopen failed"));
    }
    auto getList = reinterpret_cast<CK_C_GetFunctionList>(dlsym(lib->m_handle, "C_GetFunctionList"));
    CK_RV rv = getList ? getList(&lib->fn) : CKR_FUNCTION_NOT_SUPPORTED;
    if (rv != CKR_OK || !lib->fn) {
        delete lib;
        throw KeyStoreError(modulePath + " is not a PKCS#11 module (no C_GetFunctionList)");
    }
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    rv = lib->fn->C_Initialize(&args);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        delete lib;
        throw Pkcs11Error(rv, "C_Initialize of " + modulePath);
    }
    // Initialised by someone else in this process: theirs to finalise.
    lib->m_finalize = rv == CKR_OK;
    // Deleted under the registry's lock, so that a new load of the same path waits for C_Finalize.
    std::shared_ptr<Pkcs11Library> shared(lib, [](Pkcs11Library* p) {
        std::lock_guard deleting(registryMutex());
        delete p;
    });
    registry()[lib->path] = shared;
    return shared;
}

Pkcs11Library::~Pkcs11Library() {
    if (fn && m_finalize)
        fn->C_Finalize(nullptr);
    if (m_handle)
        dlclose(m_handle);
}

std::vector<std::pair<CK_SLOT_ID, std::string>> Pkcs11Library::tokens() const {
    CK_ULONG count = 0;
    CK_RV rv = fn->C_GetSlotList(CK_TRUE, nullptr, &count);
    if (rv != CKR_OK)
        throw Pkcs11Error(rv, "C_GetSlotList of " + path);
    std::vector<CK_SLOT_ID> slots(count);
    rv = fn->C_GetSlotList(CK_TRUE, slots.data(), &count);
    if (rv != CKR_OK)
        throw Pkcs11Error(rv, "C_GetSlotList of " + path);
    slots.resize(count);
    std::vector<std::pair<CK_SLOT_ID, std::string>> out;
    for (CK_SLOT_ID slot : slots) {
        CK_TOKEN_INFO info{};
        if (fn->C_GetTokenInfo(slot, &info) != CKR_OK)
            continue;
        // Slots whose token is not initialised (SoftHSM's spare slot) have no label to find.
        if (!(info.flags & CKF_TOKEN_INITIALIZED))
            continue;
        out.emplace_back(slot, fixedText(info.label, sizeof info.label));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------

Pkcs11Session::Pkcs11Session(Pkcs11Session&& other) noexcept
    : m_module(other.m_module), m_handle(other.m_handle), m_broken(other.m_broken) {
    other.m_module = nullptr;
}

Pkcs11Session::~Pkcs11Session() {
    if (m_module)
        m_module->giveBack(m_handle, m_broken);
}

CK_FUNCTION_LIST& Pkcs11Session::fn() const {
    return m_module->fn();
}

void Pkcs11Session::check(CK_RV rv, const std::string& context) {
    if (rv == CKR_OK)
        return;
    if (sessionGone(rv))
        m_broken = true;
    throw Pkcs11Error(rv, context);
}

// ---------------------------------------------------------------------------------------------------------------

Pkcs11Module::Pkcs11Module(PrivateTag, std::shared_ptr<Pkcs11Library> library, CK_SLOT_ID slot)
    : m_library(std::move(library)), m_slot(slot) {
    CK_TOKEN_INFO info{};
    const CK_RV rv = fn().C_GetTokenInfo(slot, &info);
    if (rv != CKR_OK)
        throw Pkcs11Error(rv, "C_GetTokenInfo");
    m_label = fixedText(info.label, sizeof info.label);
    m_manufacturer = fixedText(info.manufacturerID, sizeof info.manufacturerID);
    m_model = fixedText(info.model, sizeof info.model);
    if (info.ulMaxSessionCount != CK_EFFECTIVELY_INFINITE && info.ulMaxSessionCount != CK_UNAVAILABLE_INFORMATION)
        m_maxSessions = std::clamp<std::size_t>(info.ulMaxSessionCount, 1, m_maxSessions);
}

Pkcs11Module::~Pkcs11Module() {
    // Every lent session has come back: each lender holds this module. Closing the last session logs out.
    for (CK_SESSION_HANDLE h : m_idle)
        fn().C_CloseSession(h);
}

CK_FUNCTION_LIST& Pkcs11Module::fn() const {
    return *m_library->fn;
}

const std::string& Pkcs11Module::modulePath() const {
    return m_library->path;
}

std::vector<std::string> Pkcs11Module::tokenLabels(const std::string& modulePath) {
    const auto library = Pkcs11Library::load(modulePath);
    std::vector<std::string> labels;
    for (const auto& [slot, label] : library->tokens())
        labels.push_back(label);
    return labels;
}

std::shared_ptr<Pkcs11Module> Pkcs11Module::open(const std::string& modulePath, const std::string& tokenLabel,
                                                 const std::string& pin) {
    const auto library = Pkcs11Library::load(modulePath);
    const auto tokens = library->tokens();
    const auto it = std::find_if(tokens.begin(), tokens.end(), [&](const auto& t) { return t.second == tokenLabel; });
    if (it == tokens.end()) {
        std::string present;
        for (const auto& t : tokens)
            present += (present.empty() ? "\"" : ", \"") + t.second + "\"";
        throw KeyStoreError("no token labelled \"" + tokenLabel + "\" in PKCS#11 module " + modulePath +
                            "; tokens present: " + (present.empty() ? "none" : present));
    }
    const CK_SLOT_ID slot = it->first;

    std::unique_lock lock(library->modulesMutex);
    if (auto alive = library->modules[slot].lock()) {
        // The token is logged in already (PKCS#11 logs in an application, not a session): the PIN is compared
        // with the one that did, so that a wrong PIN is refused here too.
        const SecretBytes v(crypto::pbkdf2Sha256(pin, alive->m_pinSalt.bytes(), kPinVerifierIterations, 32));
        if (!constantTimeEqual(v.bytes(), alive->m_pinVerifier.bytes()))
            throw Pkcs11Error(CKR_PIN_INCORRECT, "logging in to token \"" + tokenLabel + "\"");
        return alive;
    }
    // Destroyed under the library's lock, so that a new open of the slot waits until the old sessions are closed
    // (and the token logged out) rather than finding it logged in without a PIN to compare with.
    Pkcs11Library* lib = library.get();
    std::shared_ptr<Pkcs11Module> module(new Pkcs11Module(PrivateTag{}, library, slot),
                                         [keep = library, lib](Pkcs11Module* p) {
                                             std::lock_guard deleting(lib->modulesMutex);
                                             delete p;
                                         });
    try {
        module->login(pin);
    } catch (...) {
        lock.unlock(); // the deleter takes the lock
        module.reset();
        throw;
    }
    library->modules[slot] = module;
    return module;
}

void Pkcs11Module::login(const std::string& pin) {
    Pkcs11Session s = session();
    CK_TOKEN_INFO info{};
    s.check(fn().C_GetTokenInfo(m_slot, &info), "C_GetTokenInfo");
    const std::string context = "logging in to token \"" + m_label + "\"";
    CK_RV rv;
    if (pin.empty() && (info.flags & CKF_PROTECTED_AUTHENTICATION_PATH)) {
        rv = fn().C_Login(s.handle(), CKU_USER, nullptr, 0); // the PIN pad of the reader
    } else {
        SecretBytes copy(Bytes(pin.begin(), pin.end()));
        rv = fn().C_Login(s.handle(), CKU_USER, const_cast<CK_UTF8CHAR*>(copy.bytes().data()), copy.size());
    }
    if (rv == CKR_USER_ALREADY_LOGGED_IN)
        throw KeyStoreError("token \"" + m_label +
                            "\" is logged in by another part of this process: the PIN cannot be checked");
    s.check(rv, context);
    m_pinSalt = SecretBytes(crypto::randomBytes(16));
    m_pinVerifier = SecretBytes(crypto::pbkdf2Sha256(pin, m_pinSalt.bytes(), kPinVerifierIterations, 32));
}

Pkcs11Session Pkcs11Module::session() const {
    std::unique_lock lock(m_mutex);
    m_returned.wait(lock, [&] { return !m_idle.empty() || m_open < m_maxSessions; });
    if (!m_idle.empty()) {
        const CK_SESSION_HANDLE h = m_idle.back();
        m_idle.pop_back();
        return Pkcs11Session(*this, h);
    }
    ++m_open; // reserved while the session opens outside the lock
    lock.unlock();
    CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = fn().C_OpenSession(m_slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &h);
    if (rv != CKR_OK) {
        lock.lock();
        --m_open;
        m_returned.notify_one();
        throw Pkcs11Error(rv, "C_OpenSession on token \"" + m_label + "\"");
    }
    return Pkcs11Session(*this, h);
}

void Pkcs11Module::giveBack(CK_SESSION_HANDLE handle, bool broken) const {
    if (broken)
        fn().C_CloseSession(handle);
    std::lock_guard lock(m_mutex);
    if (broken)
        --m_open;
    else
        m_idle.push_back(handle);
    m_returned.notify_one();
}

std::size_t Pkcs11Module::openSessions() const {
    std::lock_guard lock(m_mutex);
    return m_open;
}

std::vector<CK_OBJECT_HANDLE> Pkcs11Module::findObjects(std::vector<CK_ATTRIBUTE> matching) const {
    Pkcs11Session s = session();
    s.check(fn().C_FindObjectsInit(s.handle(), matching.data(), matching.size()), "C_FindObjectsInit");
    std::vector<CK_OBJECT_HANDLE> out;
    CK_RV rv = CKR_OK;
    for (;;) {
        CK_OBJECT_HANDLE batch[64];
        CK_ULONG got = 0;
        rv = fn().C_FindObjects(s.handle(), batch, 64, &got);
        if (rv != CKR_OK || got == 0)
            break;
        out.insert(out.end(), batch, batch + got);
    }
    const CK_RV final = fn().C_FindObjectsFinal(s.handle());
    s.check(rv, "C_FindObjects");
    s.check(final, "C_FindObjectsFinal");
    return out;
}

namespace {
// 0: the value; otherwise the refusal.
CK_RV readAttribute(Pkcs11Session& s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, Bytes& out) {
    CK_ATTRIBUTE a{type, nullptr, 0};
    CK_RV rv = s.fn().C_GetAttributeValue(s.handle(), object, &a, 1);
    if (rv == CKR_OK && a.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        rv = CKR_ATTRIBUTE_SENSITIVE;
    if (rv != CKR_OK)
        return rv;
    out.assign(a.ulValueLen, 0);
    a.pValue = out.data();
    rv = s.fn().C_GetAttributeValue(s.handle(), object, &a, 1);
    if (rv == CKR_OK)
        out.resize(a.ulValueLen);
    return rv;
}
} // namespace

std::optional<Bytes> Pkcs11Module::attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
    Pkcs11Session s = session();
    Bytes out;
    const CK_RV rv = readAttribute(s, object, type, out);
    if (rv == CKR_ATTRIBUTE_SENSITIVE || rv == CKR_ATTRIBUTE_TYPE_INVALID)
        return std::nullopt;
    s.check(rv, "C_GetAttributeValue");
    return out;
}

Bytes Pkcs11Module::attributeOrThrow(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
    Pkcs11Session s = session();
    Bytes out;
    s.check(readAttribute(s, object, type, out), "C_GetAttributeValue");
    return out;
}

std::optional<bool> Pkcs11Module::boolAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
    const auto v = attribute(object, type);
    if (!v || v->size() != sizeof(CK_BBOOL))
        return std::nullopt;
    return (*v)[0] != CK_FALSE;
}

std::optional<CK_ULONG> Pkcs11Module::ulongAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
    const auto v = attribute(object, type);
    if (!v || v->size() != sizeof(CK_ULONG))
        return std::nullopt;
    CK_ULONG out = 0;
    std::copy(v->begin(), v->end(), reinterpret_cast<std::uint8_t*>(&out));
    return out;
}

std::string Pkcs11Module::textAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
    const auto v = attribute(object, type);
    return v ? std::string(v->begin(), v->end()) : std::string();
}

void Pkcs11Module::destroyObject(CK_OBJECT_HANDLE object, bool quiet) const {
    try {
        Pkcs11Session s = session();
        s.check(fn().C_DestroyObject(s.handle(), object), "C_DestroyObject");
    } catch (...) {
        if (!quiet)
            throw;
    }
}

std::optional<bool> Pkcs11Module::wrapsDes3InToken() const {
    const int v = m_des3Wrap.load();
    return v < 0 ? std::nullopt : std::optional<bool>(v == 1);
}

void Pkcs11Module::learnDes3Wrap(bool inToken) const {
    m_des3Wrap = inToken ? 1 : 0;
}

} // namespace cdos
