#pragma once
// The headend's own TLS identity: an ECDSA P-256 key and a self-signed certificate for localhost / 127.0.0.1,
// made at first start in the data directory and reused afterwards (the gateway pins that certificate).
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace carddesk::headend {

struct TlsIdentity {
    QSslCertificate certificate;
    QSslKey key;
    // Loads dataDir/tls-cert.pem and tls-key.pem, making both first when missing. Throws std::runtime_error.
    static TlsIdentity loadOrCreate(const QString& dataDir);
};

} // namespace carddesk::headend
