#include "TlsIdentity.h"

#include <QDir>
#include <QFile>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace carddesk::headend {

namespace {

template <typename T, void (*F)(T*)> struct Free {
    void operator()(T* p) const { F(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Free<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Free<BIO, BIO_free_all>>;

QByteArray bioText(BIO* b) {
    char* p = nullptr;
    const long n = BIO_get_mem_data(b, &p);
    return QByteArray(p, static_cast<qsizetype>(n));
}

void addExtension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext || !X509_add_ext(cert, ext, -1))
        throw std::runtime_error("cannot add a certificate extension");
    X509_EXTENSION_free(ext);
}

void create(const QString& certPath, const QString& keyPath) {
    PKey key(EVP_EC_gen("P-256"));
    if (!key)
        throw std::runtime_error("cannot generate the TLS key");
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(QDateTime::currentSecsSinceEpoch()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 825);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("CardDesk"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);
    addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    addExtension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
    if (!X509_sign(cert.get(), key.get(), EVP_sha256()))
        throw std::runtime_error("cannot sign the TLS certificate");

    Bio keyBio(BIO_new(BIO_s_mem())), certBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) ||
        !PEM_write_bio_X509(certBio.get(), cert.get()))
        throw std::runtime_error("cannot encode the TLS identity");
    // The key file is written owner-only before any byte of the key goes in.
    QFile k(keyPath);
    if (!k.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
        !k.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || k.write(bioText(keyBio.get())) < 0)
        throw std::runtime_error("cannot write " + keyPath.toStdString());
    k.close();
    QFile c(certPath);
    if (!c.open(QIODevice::WriteOnly | QIODevice::NewOnly) || c.write(bioText(certBio.get())) < 0)
        throw std::runtime_error("cannot write " + certPath.toStdString());
}

} // namespace

TlsIdentity TlsIdentity::loadOrCreate(const QString& dataDir) {
    const QString certPath = QDir(dataDir).filePath(QStringLiteral("tls-cert.pem"));
    const QString keyPath = QDir(dataDir).filePath(QStringLiteral("tls-key.pem"));
    if (!QFile::exists(certPath) && !QFile::exists(keyPath))
        create(certPath, keyPath);
    QFile c(certPath), k(keyPath);
    if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read the TLS identity in " + dataDir.toStdString() +
                                 " (both tls-cert.pem and tls-key.pem are needed)");
    TlsIdentity id{QSslCertificate(c.readAll(), QSsl::Pem), QSslKey(k.readAll(), QSsl::Ec, QSsl::Pem)};
    if (id.certificate.isNull() || id.key.isNull())
        throw std::runtime_error("the TLS identity in " + dataDir.toStdString() + " is damaged");
    return id;
}

} // namespace carddesk::headend
