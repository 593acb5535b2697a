// The PKCS#11 return codes by name and in words: every token error says both ("CKR_PIN_INCORRECT: wrong token PIN").
#include "carddesk/protocol/token/Pkcs11Module.h"

#include <cstdio>

namespace cdos {

namespace {

struct ReturnCode {
    CK_RV rv;
    const char* name;
    const char* words;
};

#define CARDDESK_CKR(code, words)                                                                                      \
    { code, #code, words }
const ReturnCode kCodes[] = {
    CARDDESK_CKR(CKR_OK, "done"),
    CARDDESK_CKR(CKR_CANCEL, "cancelled"),
    CARDDESK_CKR(CKR_HOST_MEMORY, "the module ran out of host memory"),
    CARDDESK_CKR(CKR_SLOT_ID_INVALID, "no such slot"),
    CARDDESK_CKR(CKR_GENERAL_ERROR, "the module failed (general error)"),
    CARDDESK_CKR(CKR_FUNCTION_FAILED, "the token could not do it"),
    CARDDESK_CKR(CKR_ARGUMENTS_BAD, "bad arguments to the module"),
    CARDDESK_CKR(CKR_CANT_LOCK, "the module cannot lock for several threads"),
    CARDDESK_CKR(CKR_ATTRIBUTE_READ_ONLY, "the attribute cannot be set"),
    CARDDESK_CKR(CKR_ATTRIBUTE_SENSITIVE, "the token refuses to show a sensitive value"),
    CARDDESK_CKR(CKR_ATTRIBUTE_TYPE_INVALID, "the object has no such attribute"),
    CARDDESK_CKR(CKR_ATTRIBUTE_VALUE_INVALID, "an attribute value is not valid"),
    CARDDESK_CKR(CKR_ACTION_PROHIBITED, "the token prohibits the action"),
    CARDDESK_CKR(CKR_DATA_INVALID, "the data is not valid for the mechanism"),
    CARDDESK_CKR(CKR_DATA_LEN_RANGE, "the data has the wrong length for the mechanism"),
    CARDDESK_CKR(CKR_DEVICE_ERROR, "the token device failed"),
    CARDDESK_CKR(CKR_DEVICE_MEMORY, "the token is out of memory"),
    CARDDESK_CKR(CKR_DEVICE_REMOVED, "the token was removed"),
    CARDDESK_CKR(CKR_ENCRYPTED_DATA_INVALID, "the encrypted data is not valid"),
    CARDDESK_CKR(CKR_ENCRYPTED_DATA_LEN_RANGE, "the encrypted data has the wrong length"),
    CARDDESK_CKR(CKR_FUNCTION_CANCELED, "the function was cancelled"),
    CARDDESK_CKR(CKR_FUNCTION_NOT_SUPPORTED, "the module does not support this function"),
    CARDDESK_CKR(CKR_KEY_HANDLE_INVALID, "the key is not in the token (any more)"),
    CARDDESK_CKR(CKR_KEY_SIZE_RANGE, "the key has the wrong size for the mechanism"),
    CARDDESK_CKR(CKR_KEY_TYPE_INCONSISTENT, "the key type does not fit the mechanism"),
    CARDDESK_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED, "the key's attributes do not allow this use"),
    CARDDESK_CKR(CKR_KEY_NOT_WRAPPABLE, "the key cannot be wrapped"),
    CARDDESK_CKR(CKR_KEY_UNEXTRACTABLE, "the key may not leave the token, not even wrapped"),
    CARDDESK_CKR(CKR_MECHANISM_INVALID, "the token does not have this mechanism"),
    CARDDESK_CKR(CKR_MECHANISM_PARAM_INVALID, "bad mechanism parameter"),
    CARDDESK_CKR(CKR_OBJECT_HANDLE_INVALID, "the object is not in the token (any more)"),
    CARDDESK_CKR(CKR_OPERATION_ACTIVE, "another operation is active in the session"),
    CARDDESK_CKR(CKR_OPERATION_NOT_INITIALIZED, "no operation is active in the session"),
    CARDDESK_CKR(CKR_PIN_INCORRECT, "wrong token PIN"),
    CARDDESK_CKR(CKR_PIN_INVALID, "the PIN has characters the token does not accept"),
    CARDDESK_CKR(CKR_PIN_LEN_RANGE, "the PIN is too long or too short for the token"),
    CARDDESK_CKR(CKR_PIN_EXPIRED, "the token PIN has expired"),
    CARDDESK_CKR(CKR_PIN_LOCKED, "the token PIN is locked (too many wrong PINs); the security officer unlocks it"),
    CARDDESK_CKR(CKR_SESSION_CLOSED, "the session was closed"),
    CARDDESK_CKR(CKR_SESSION_COUNT, "the token has no more sessions"),
    CARDDESK_CKR(CKR_SESSION_HANDLE_INVALID, "the session is not valid (any more)"),
    CARDDESK_CKR(CKR_SESSION_READ_ONLY, "the session is read-only"),
    CARDDESK_CKR(CKR_SESSION_EXISTS, "a session is open"),
    CARDDESK_CKR(CKR_SESSION_READ_ONLY_EXISTS, "a read-only session is open"),
    CARDDESK_CKR(CKR_SESSION_READ_WRITE_SO_EXISTS, "the security officer is logged in"),
    CARDDESK_CKR(CKR_SIGNATURE_INVALID, "the signature or MAC is wrong"),
    CARDDESK_CKR(CKR_SIGNATURE_LEN_RANGE, "the signature or MAC has the wrong length"),
    CARDDESK_CKR(CKR_TEMPLATE_INCOMPLETE, "the object's template is incomplete"),
    CARDDESK_CKR(CKR_TEMPLATE_INCONSISTENT, "the object's template is inconsistent"),
    CARDDESK_CKR(CKR_TOKEN_NOT_PRESENT, "no token in the slot"),
    CARDDESK_CKR(CKR_TOKEN_NOT_RECOGNIZED, "the module does not recognise the token"),
    CARDDESK_CKR(CKR_TOKEN_WRITE_PROTECTED, "the token is write-protected"),
    CARDDESK_CKR(CKR_UNWRAPPING_KEY_HANDLE_INVALID, "the unwrapping key is not in the token"),
    CARDDESK_CKR(CKR_UNWRAPPING_KEY_SIZE_RANGE, "the unwrapping key has the wrong size"),
    CARDDESK_CKR(CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT, "the unwrapping key's type does not fit"),
    CARDDESK_CKR(CKR_USER_ALREADY_LOGGED_IN, "the user is already logged in"),
    CARDDESK_CKR(CKR_USER_NOT_LOGGED_IN, "the user is not logged in to the token"),
    CARDDESK_CKR(CKR_USER_PIN_NOT_INITIALIZED, "the token's user PIN is not set (initialise the token)"),
    CARDDESK_CKR(CKR_USER_TYPE_INVALID, "no such user type"),
    CARDDESK_CKR(CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "another user is logged in to the token"),
    CARDDESK_CKR(CKR_USER_TOO_MANY_TYPES, "too many users are logged in to the token"),
    CARDDESK_CKR(CKR_WRAPPED_KEY_INVALID, "the wrapped key is not valid"),
    CARDDESK_CKR(CKR_WRAPPED_KEY_LEN_RANGE, "the wrapped key has the wrong length"),
    CARDDESK_CKR(CKR_WRAPPING_KEY_HANDLE_INVALID, "the wrapping key is not in the token"),
    CARDDESK_CKR(CKR_WRAPPING_KEY_SIZE_RANGE, "the wrapping key has the wrong size"),
    CARDDESK_CKR(CKR_WRAPPING_KEY_TYPE_INCONSISTENT, "the wrapping key's type does not fit the mechanism"),
    CARDDESK_CKR(CKR_RANDOM_SEED_NOT_SUPPORTED, "the token's generator cannot be seeded"),
    CARDDESK_CKR(CKR_RANDOM_NO_RNG, "the token has no random generator"),
    CARDDESK_CKR(CKR_BUFFER_TOO_SMALL, "the output buffer is too small"),
    CARDDESK_CKR(CKR_INFORMATION_SENSITIVE, "the token refuses to show sensitive information"),
    CARDDESK_CKR(CKR_CRYPTOKI_NOT_INITIALIZED, "the module is not initialised"),
    CARDDESK_CKR(CKR_CRYPTOKI_ALREADY_INITIALIZED, "the module is already initialised in this process"),
    CARDDESK_CKR(CKR_MUTEX_BAD, "bad mutex"),
    CARDDESK_CKR(CKR_MUTEX_NOT_LOCKED, "mutex not locked"),
    CARDDESK_CKR(CKR_LIBRARY_LOAD_FAILED, "the module could not load a library it needs"),
    CARDDESK_CKR(CKR_PIN_TOO_WEAK, "the PIN is too weak for the token"),
    CARDDESK_CKR(CKR_FUNCTION_REJECTED, "the token rejected the function"),
};
#undef CARDDESK_CKR

const ReturnCode* find(CK_RV rv) {
    for (const ReturnCode& c : kCodes)
        if (c.rv == rv)
            return &c;
    return nullptr;
}

} // namespace

std::string pkcs11ReturnName(CK_RV rv) {
    if (const ReturnCode* c = find(rv))
        return c->name;
    char hex[32];
    std::snprintf(hex, sizeof hex, "CKR_0x%08lX", static_cast<unsigned long>(rv));
    return hex;
}

std::string pkcs11ReturnWords(CK_RV rv) {
    if (const ReturnCode* c = find(rv))
        return c->words;
    return rv >= CKR_VENDOR_DEFINED ? "a vendor-defined error of the module" : "an error the standard does not name";
}

Pkcs11Error::Pkcs11Error(CK_RV rv, const std::string& context)
    : KeyStoreError(pkcs11ReturnName(rv) + ": " + pkcs11ReturnWords(rv) +
                    (context.empty() ? "" : " (" + context + ")")),
      m_rv(rv) {}

} // namespace cdos
