#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkReply;
class QThreadPool;

namespace Net {
class Session;
}

namespace Download {

// The preview image of a library file: one small GET once the file itself is in place, then
// the bytes written beside it (temp + rename, on the pool's I/O threads). Best effort by
// design: whatever goes wrong (the image host answers 404, sends too much, redirects where we
// do not follow, the disk refuses) ends in finished(false, why) and the file stays verified.
//
// Goes through the session's manager without credentials: previews are public and tokens
// never go to image hosts. Redirects follow the usual rules (http/https, no downgrade, at
// most 5 hops); the body is capped at kMaxBytes; the transfer times out after 20 s of silence.
// Lives on the pool's thread; abort() (or destruction) drops the reply and any late result.
class PreviewFetch : public QObject
{
    Q_OBJECT
public:
    PreviewFetch(const Net::Session *session, QThreadPool *io, QUrl url, QString path, QObject *parent = nullptr);
    ~PreviewFetch() override;

    void start();
    void abort();

    static constexpr qint64 kMaxBytes = 16LL * 1024 * 1024;

Q_SIGNALS:
    // Emitted once, unless aborted. `why` names the failure for the log.
    void finished(bool ok, const QString &why);

private:
    void get(const QUrl &url, int hops);
    void onReply(QNetworkReply *reply, int hops);
    void write(const QByteArray &bytes);
    void done(bool ok, const QString &why);

    const Net::Session *m_session;
    QThreadPool *m_io;
    QUrl m_url;
    QString m_path;
    QPointer<QNetworkReply> m_reply;
    bool m_finished = false;
};

}  // namespace Download
