#pragma once

#include "util/sha256.h"

#include <QString>

#include <memory>

struct evp_md_ctx_st;

namespace Download {

// The digests a downloaded file is checked against, computed in one streaming pass: SHA-256
// always, and for Hugging Face files kept in git rather than LFS (which list no SHA-256) the
// git blob id: SHA-1 over "blob <size>\0" followed by the content. Both through OpenSSL EVP.
//
// Not thread-safe; a task hands it to one worker job at a time.
class FileDigest
{
public:
    // gitBlobSize >= 0 also computes the git blob id of a file of that many bytes (the header
    // names the size up front, so it must be known before the first byte).
    explicit FileDigest(qint64 gitBlobSize = -1);
    ~FileDigest();
    FileDigest(const FileDigest &) = delete;
    FileDigest &operator=(const FileDigest &) = delete;

    void addData(const char *data, qsizetype size);
    bool hasGitOid() const { return m_sha1 != nullptr; }

    // Finish the digests; call once, after the last addData.
    QString sha256Hex();
    QString gitOidHex();  // empty when not computed

    static QString gitOidOf(const QByteArray &content);

private:
    struct Deleter
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    Util::Sha256 m_sha256;
    std::unique_ptr<evp_md_ctx_st, Deleter> m_sha1;
};

}  // namespace Download
