#include "carddesk/model/KeyRing.h"

#include <carddesk/protocol/crypto/SecretEnvironment.h>
#include <carddesk/protocol/token/KeySource.h>

#include <QFile>
#include <QFileInfo>

namespace carddesk {

KeyRing::KeyRing(QObject* parent) : QObject(parent) {}

QString KeyRing::defaultPath() {
    const QString env = qEnvironmentVariable("CARDDESK_KEYSTORE");
    if (!env.isEmpty())
        return env;
    const QString dev = QStringLiteral(CARDDESK_DEV_KEYSTORE);
    if (QFile::exists(dev))
        return dev;
    return QStringLiteral(CARDDESK_INSTALLED_KEYSTORE);
}

QString KeyRing::defaultPassphrase() {
    if (const auto given = cdos::SecretEnvironment::value("CARDDESK_KEYSTORE_PASSPHRASE"))
        return QString::fromStdString(*given);
    return QStringLiteral("carddesk-development");
}

bool KeyRing::isToken(const QString& source) {
    return cdos::isPkcs11Uri(source.toStdString());
}

bool KeyRing::isDevelopmentStore(const QString& path) {
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonical.isEmpty() &&
           (canonical == QFileInfo(QStringLiteral(CARDDESK_DEV_KEYSTORE)).canonicalFilePath() ||
            canonical == QFileInfo(QStringLiteral(CARDDESK_INSTALLED_KEYSTORE)).canonicalFilePath());
}

QString KeyRing::open(const QString& pathIn, const QString& passphraseIn) {
    const QString path = pathIn.isEmpty() ? defaultPath() : pathIn;
    const bool token = isToken(path);
    if (m_productionMode && !token)
        return tr("production mode takes the issuer's keys from a PKCS#11 token only; %1 is a key file").arg(path);
    std::string secret;
    if (!passphraseIn.isEmpty()) {
        secret = passphraseIn.toStdString();
    } else if (token) {
        const auto pin = cdos::SecretEnvironment::value("CARDDESK_TOKEN_PIN");
        if (!pin)
            return tr("the token %1 needs its user PIN (CARDDESK_TOKEN_PIN, or type it)").arg(path);
        secret = *pin;
    } else {
        // The published development passphrase is tried for the development key store only: any other store needs
        // its own passphrase, never a silent guess.
        if (!cdos::SecretEnvironment::value("CARDDESK_KEYSTORE_PASSPHRASE") && !isDevelopmentStore(path))
            return tr("the key store %1 needs its passphrase (CARDDESK_KEYSTORE_PASSPHRASE, or type it)").arg(path);
        secret = defaultPassphrase().toStdString();
    }
    try {
        std::shared_ptr<const cdos::IssuerKeys> keys = cdos::openIssuerKeys(path.toStdString(), secret);
        cdos::secureZero(secret.data(), secret.size());
        if (m_productionMode) {
            const std::vector<std::string> development = cdos::developmentKeysIn(*keys);
            if (!development.empty())
                return tr("production mode refuses the published development keys: %1")
                    .arg(QString::fromStdString(development.front()));
        }
        set(std::move(keys));
    } catch (const std::exception& e) {
        cdos::secureZero(secret.data(), secret.size());
        return (token ? tr("cannot open the token %1: %2") : tr("cannot open the key store %1: %2"))
            .arg(path, QString::fromStdString(e.what()));
    }
    return {};
}

void KeyRing::setProductionMode(bool on) {
    m_productionMode = on;
    // A ring opened before the switch is judged by the same rule now.
    if (on && m_keys && !cdos::developmentKeysIn(*m_keys).empty())
        set(nullptr);
}

QString KeyRing::description() const {
    return m_keys ? QString::fromStdString(m_keys->description()) : QString();
}

void KeyRing::set(std::shared_ptr<const cdos::IssuerKeys> keys) {
    m_keys = std::move(keys);
    emit changed();
}

} // namespace carddesk
