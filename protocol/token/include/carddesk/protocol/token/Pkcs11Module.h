#pragma once
// A PKCS#11 module opened on one token (docs/keys.md, "Keys in a PKCS#11 token"): the library loaded by path with
// dlopen (never linked), C_Initialize with CKF_OS_LOCKING_OK once per process and path, the slot found by its token
// label, the user logged in, and a pool of sessions that several threads use at once (one operation per session at
// a time). Pool sessions stay open for the module's life: the session objects made in them (a card's diversified
// keys) live as long as the sessions do, and the login lasts while any session is open.
#include "carddesk/protocol/apdu/Bytes.h"
#include "carddesk/protocol/crypto/KeyStore.h"

#include <p11-kit/pkcs11.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cdos {

// Debian's SoftHSM2: the default module and the one every test uses.
inline constexpr const char* kSoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";

// "CKR_PIN_INCORRECT" for CKR_PIN_INCORRECT; "CKR_0x…" for a code the standard does not name.
std::string pkcs11ReturnName(CK_RV rv);
// The code in words ("wrong token PIN").
std::string pkcs11ReturnWords(CK_RV rv);

// A refused PKCS#11 call: "CKR_PIN_INCORRECT: wrong token PIN (logging in to token "CardDesk development")".
// A KeyStoreError, so that a caller of IssuerKeys catches one kind of error from either holder.
class Pkcs11Error : public KeyStoreError {
public:
    Pkcs11Error(CK_RV rv, const std::string& context);
    CK_RV rv() const { return m_rv; }

private:
    CK_RV m_rv;
};

class Pkcs11Module;
class Pkcs11Library;

// One session of the pool, lent to one thread for one operation (RAII: back to the pool when it dies).
class Pkcs11Session {
public:
    Pkcs11Session(Pkcs11Session&& other) noexcept;
    Pkcs11Session& operator=(Pkcs11Session&&) = delete;
    Pkcs11Session(const Pkcs11Session&) = delete;
    ~Pkcs11Session();

    CK_SESSION_HANDLE handle() const { return m_handle; }
    CK_FUNCTION_LIST& fn() const;
    // Throws Pkcs11Error for rv != CKR_OK; a code that means the session is gone (closed, device removed) keeps it
    // out of the pool.
    void check(CK_RV rv, const std::string& context);

private:
    friend class Pkcs11Module;
    Pkcs11Session(const Pkcs11Module& module, CK_SESSION_HANDLE handle) : m_module(&module), m_handle(handle) {}
    const Pkcs11Module* m_module;
    CK_SESSION_HANDLE m_handle;
    bool m_broken = false;
};

class Pkcs11Module : public std::enable_shared_from_this<Pkcs11Module> {
public:
    // Loads `modulePath`, finds the token labelled `tokenLabel` and logs the user in with `pin` (from a prompt, the
    // environment or a file: never logged, the copies made here are wiped). A second open of the same token in the
    // process shares the first one's sessions, after the PIN is compared with the one that logged in.
    // Throws Pkcs11Error ("CKR_PIN_INCORRECT: wrong token PIN …") or KeyStoreError (module missing; no token of
    // that label — the message lists the labels present).
    static std::shared_ptr<Pkcs11Module> open(const std::string& modulePath, const std::string& tokenLabel,
                                              const std::string& pin);
    // The labels of the tokens present in the module's slots.
    static std::vector<std::string> tokenLabels(const std::string& modulePath);

    ~Pkcs11Module();
    Pkcs11Module(const Pkcs11Module&) = delete;
    Pkcs11Module& operator=(const Pkcs11Module&) = delete;

    CK_FUNCTION_LIST& fn() const;
    CK_SLOT_ID slot() const { return m_slot; }
    const std::string& modulePath() const;
    const std::string& tokenLabel() const { return m_label; }
    const std::string& manufacturer() const { return m_manufacturer; }
    const std::string& model() const { return m_model; }

    // A session of the pool for one operation; waits while every session is lent and the pool is full.
    Pkcs11Session session() const;
    std::size_t openSessions() const;

    // Object helpers over a pool session.
    std::vector<CK_OBJECT_HANDLE> findObjects(std::vector<CK_ATTRIBUTE> matching) const;
    // The attribute's value; nullopt when the object has no such attribute or refuses to show it (sensitive).
    std::optional<Bytes> attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
    // The attribute's value or the token's refusal as Pkcs11Error (CKR_ATTRIBUTE_SENSITIVE for a master's value).
    Bytes attributeOrThrow(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
    std::optional<bool> boolAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
    std::optional<CK_ULONG> ulongAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
    std::string textAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const;
    // Destroys an object; a failure is ignored when `quiet` (destructors).
    void destroyObject(CK_OBJECT_HANDLE object, bool quiet = false) const;

    // Whether C_WrapKey takes CKM_DES3_CBC: learned on the first wrap (a mechanism list may claim it without
    // C_WrapKey accepting it — SoftHSM 2.6 does). nullopt before the first wrap.
    std::optional<bool> wrapsDes3InToken() const;
    void learnDes3Wrap(bool inToken) const;
    // Without DES3-CBC wrap, TokenKey::wrappedUnder reveals the key for the one step ("WRITE KEY cryptogram") and
    // encrypts it under the wrapping key in the token (docs/keys.md). A production setting may refuse that: then
    // wrappedUnder throws instead. Allowed by default.
    void allowHostWrapFallback(bool allowed) { m_hostWrapFallback = allowed; }
    bool hostWrapFallbackAllowed() const { return m_hostWrapFallback; }

private:
    struct PrivateTag {};

public:
    Pkcs11Module(PrivateTag, std::shared_ptr<Pkcs11Library> library, CK_SLOT_ID slot);

private:
    friend class Pkcs11Session;
    void giveBack(CK_SESSION_HANDLE handle, bool broken) const;
    void login(const std::string& pin);

    std::shared_ptr<Pkcs11Library> m_library;
    CK_SLOT_ID m_slot;
    std::string m_label, m_manufacturer, m_model;
    std::size_t m_maxSessions = 8;
    SecretBytes m_pinSalt, m_pinVerifier;    // PBKDF2 of the PIN that logged in: a second open is compared with it
    mutable std::atomic<int> m_des3Wrap{-1}; // -1 unknown, 0 no, 1 yes
    std::atomic<bool> m_hostWrapFallback{true};

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_returned;
    mutable std::vector<CK_SESSION_HANDLE> m_idle;
    mutable std::size_t m_open = 0;
};

} // namespace cdos
