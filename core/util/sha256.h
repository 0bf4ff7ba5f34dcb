#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

struct evp_md_ctx_st;

namespace Util {

// Streaming SHA-256 over OpenSSL's EVP API. QCryptographicHash hashes about 10x slower on
// these machines and would cap every verified download, so all hashing goes through here.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&other) noexcept;
    Sha256 &operator=(Sha256 &&other) noexcept;
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(const char *data, qsizetype size);
    void addData(const QByteArray &data) { addData(data.constData(), data.size()); }

    // Finishes the digest; the object starts over afterwards.
    QByteArray result();
    QString hexResult() { return QString::fromLatin1(result().toHex()); }

    // Starts a fresh digest, discarding what was added.
    void reset();

    static QString hexOf(const QByteArray &data);

    // Hashes a whole file in large chunks. Returns an empty string and sets *errorString on failure.
    static QString hexOfFile(const QString &path, QString *errorString = nullptr);

private:
    struct Deleter
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Deleter> m_ctx;
};

}  // namespace Util
