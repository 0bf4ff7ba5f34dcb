#include "download/filedigest.h"

#include <openssl/evp.h>

namespace Download {

void FileDigest::Deleter::operator()(evp_md_ctx_st *ctx) const
{
    EVP_MD_CTX_free(ctx);
}

FileDigest::FileDigest(qint64 gitBlobSize)
{
    if (gitBlobSize < 0)
        return;
    m_sha1.reset(EVP_MD_CTX_new());
    // Only allocation failure can make this fail; there is no sensible recovery then.
    if (!m_sha1 || EVP_DigestInit_ex(m_sha1.get(), EVP_sha1(), nullptr) != 1)
        qFatal("OpenSSL could not initialise SHA-1");
    // git hashes the object header with its terminating NUL.
    const QByteArray header = "blob " + QByteArray::number(gitBlobSize);
    EVP_DigestUpdate(m_sha1.get(), header.constData(), size_t(header.size()) + 1);
}

FileDigest::~FileDigest() = default;

void FileDigest::addData(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    m_sha256.addData(data, size);
    if (m_sha1)
        EVP_DigestUpdate(m_sha1.get(), data, size_t(size));
}

QString FileDigest::sha256Hex()
{
    return m_sha256.hexResult();
}

QString FileDigest::gitOidHex()
{
    if (!m_sha1)
        return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_sha1.get(), digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

QString FileDigest::gitOidOf(const QByteArray &content)
{
    FileDigest digest(content.size());
    digest.addData(content.constData(), content.size());
    return digest.gitOidHex();
}

}  // namespace Download
