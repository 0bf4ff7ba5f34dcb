#include "sha256.h"

#include <QFile>
#include <QObject>

#include <openssl/evp.h>

namespace Util {

void Sha256::Deleter::operator()(evp_md_ctx_st *ctx) const
{
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    reset();
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&other) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&other) noexcept = default;

void Sha256::reset()
{
    // Only allocation failure can make these fail; there is no sensible recovery then.
    if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
        qFatal("OpenSSL could not initialise SHA-256");
}

void Sha256::addData(const char *data, qsizetype size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx.get(), data, static_cast<size_t>(size));
}

QByteArray Sha256::result()
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char *>(digest.data()), &length);
    digest.resize(static_cast<qsizetype>(length));
    reset();
    return digest;
}

QString Sha256::hexOf(const QByteArray &data)
{
    Sha256 hash;
    hash.addData(data);
    return hash.hexResult();
}

QString Sha256::hexOfFile(const QString &path, QString *errorString)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorString)
            *errorString = QObject::tr("Cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    constexpr qsizetype chunkSize = 4 * 1024 * 1024;
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    Sha256 hash;
    for (;;) {
        const qint64 got = file.read(buffer.data(), chunkSize);
        if (got < 0) {
            if (errorString)
                *errorString = QObject::tr("Cannot read %1: %2").arg(path, file.errorString());
            return {};
        }
        if (got == 0)
            break;
        hash.addData(buffer.constData(), got);
    }
    return hash.hexResult();
}

}  // namespace Util
