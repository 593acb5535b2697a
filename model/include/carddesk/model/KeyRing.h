#pragma once
// The desk's one holder of the issuer's keys: opened once (a key store file today, a token behind the same
// interface later) and shared by every service of a console session, so that unlocking it in one view unlocks it
// for all and nothing keeps a second copy. Keys leave it only as cdos::IssuerKeys operations.
#include <carddesk/protocol/crypto/KeyStore.h>

#include <QObject>
#include <QString>

#include <memory>

namespace carddesk {

class KeyRing final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyRing)
public:
    explicit KeyRing(QObject* parent = nullptr);

    // $CARDDESK_KEYSTORE — a key file or a PKCS#11 URI (pkcs11:token=LABEL, docs/keys.md) — else the development
    // store (resources/keystores/development.cdks).
    static QString defaultPath();
    // $CARDDESK_KEYSTORE_PASSPHRASE, else the development passphrase.
    static QString defaultPassphrase();
    // A PKCS#11 URI rather than a file: its secret is the token's user PIN ($CARDDESK_TOKEN_PIN, or typed).
    static bool isToken(const QString& source);
    // The shipped development key store (source tree or installed copy), whose passphrase is published.
    static bool isDevelopmentStore(const QString& path);

    // Opens a key store file or a token; empty arguments mean the defaults above. Returns the reason in words
    // ("wrong passphrase", "CKR_PIN_INCORRECT"...) or an empty string; a failure keeps what was open.
    QString open(const QString& path = {}, const QString& passphrase = {});
    // Production mode (the desk's setting): only a token, and none of the published development keys in it.
    void setProductionMode(bool on);
    bool productionMode() const { return m_productionMode; }
    // The holder open ("PKCS#11 token CardDesk development (SoftHSM ...)", "key file ..."), empty when closed.
    QString description() const;
    // Another key holder (an HSM connector, or a test double); null closes the ring.
    void set(std::shared_ptr<const cdos::IssuerKeys> keys);
    std::shared_ptr<const cdos::IssuerKeys> keys() const { return m_keys; }
    bool isOpen() const { return m_keys != nullptr; }

signals:
    void changed();

private:
    std::shared_ptr<const cdos::IssuerKeys> m_keys;
    bool m_productionMode = false;
};

} // namespace carddesk
