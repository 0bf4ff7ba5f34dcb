#pragma once

#include "fileinsight.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace Net {
class Session;
}

namespace Insight {

// Reads the header of one model file on a hub with HTTP Range requests, never the weights: the
// first 2 MiB, and when the header goes on (a GGUF with a large vocabulary) the rest up to
// 8 MiB from where the first read ended, at the host the first read was redirected to. A
// server that ignores Range is read only up to what is needed, then the transfer is dropped.
// Redirects are followed by hand, so a token reaches only its hub (Net::Session::get).
class HeaderFetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kFirstRead = 2 * 1024 * 1024;
    static constexpr qint64 kMaxRead = 8 * 1024 * 1024;

    HeaderFetcher(const Net::Session *session, QObject *parent = nullptr);
    ~HeaderFetcher() override;

    // `size` is the file's size when known (-1 otherwise); the format comes from the name.
    void fetch(const QUrl &url, const QString &fileName, qint64 size);
    void abort();

    static FileInsight::Format formatOf(const QString &fileName);

Q_SIGNALS:
    // Exactly once per fetch: a valid insight, or an invalid one and a sentence saying why.
    void finished(const Insight::FileInsight &insight, const QString &error);

private:
    void get(const QUrl &url, int hops);
    void onReply(QNetworkReply *reply, int hops);
    void onData(QNetworkReply *reply);
    void parse();
    void done(const FileInsight &insight, const QString &error);

    const Net::Session *m_session;
    QPointer<QNetworkReply> m_reply;
    FileInsight::Format m_format = FileInsight::Format::Unknown;
    QString m_fileName;
    qint64 m_size = -1;
    QUrl m_dataUrl;        // where the bytes came from (after redirects): the second read goes there
    QByteArray m_bytes;    // the file's first bytes read so far
    qint64 m_wantEnd = 0;  // the current read asks for [m_bytes.size(), m_wantEnd)
    int m_reads = 0;
    bool m_finished = true;
};

}  // namespace Insight
