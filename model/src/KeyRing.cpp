#include "carddesk/model/KeyRing.h"

#include <carddesk/protocol/crypto/SecretEnvironment.h>

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

bool KeyRing::isDevelopmentStore(const QString& path) {
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonical.isEmpty() &&
           (canonical == QFileInfo(QStringLiteral(CARDDESK_DEV_KEYSTORE)).canonicalFilePath() ||
            canonical == QFileInfo(QStringLiteral(CARDDESK_INSTALLED_KEYSTORE)).canonicalFilePath());
}

QString KeyRing::open(const QString& pathIn, const QString& passphraseIn) {
    const QString path = pathIn.isEmpty() ? defaultPath() : pathIn;
    // The published development passphrase is tried for the development key store only: any other store needs
    // its own passphrase, never a silent guess.
    if (passphraseIn.isEmpty() && !cdos::SecretEnvironment::value("CARDDESK_KEYSTORE_PASSPHRASE") &&
        !isDevelopmentStore(path))
        return tr("the key store %1 needs its passphrase (CARDDESK_KEYSTORE_PASSPHRASE, or type it)").arg(path);
    std::string passphrase = (passphraseIn.isEmpty() ? defaultPassphrase() : passphraseIn).toStdString();
    try {
        auto store = std::make_shared<cdos::KeyStore>(cdos::KeyStore::open(path.toStdString(), passphrase));
        cdos::secureZero(passphrase.data(), passphrase.size());
        set(std::move(store));
    } catch (const std::exception& e) {
        cdos::secureZero(passphrase.data(), passphrase.size());
        return tr("cannot open the key store %1: %2").arg(path, QString::fromStdString(e.what()));
    }
    return {};
}

void KeyRing::set(std::shared_ptr<const cdos::IssuerKeys> keys) {
    m_keys = std::move(keys);
    emit changed();
}

} // namespace carddesk
