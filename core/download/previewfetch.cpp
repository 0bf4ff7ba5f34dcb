#include "download/previewfetch.h"

#include "library/durablefiles.h"
#include "net/httperror.h"
#include "net/requestfactory.h"
#include "net/session.h"
#include "util/futurewatch.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QThreadPool>
#include <QtConcurrent>

namespace Download {

PreviewFetch::PreviewFetch(const Net::Session *session, QThreadPool *io, QUrl url, QString path, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_io(io)
    , m_url(std::move(url))
    , m_path(std::move(path))
{
}

PreviewFetch::~PreviewFetch()
{
    abort();
}

void PreviewFetch::start()
{
    if (!m_session || !m_url.isValid() || m_path.isEmpty()) {
        done(false, QCoreApplication::translate("Download::PreviewFetch", "nothing to fetch"));
        return;
    }
    get(m_url, 0);
}

void PreviewFetch::abort()
{
    m_finished = true;  // nothing more is said, whatever arrives
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void PreviewFetch::get(const QUrl &url, int hops)
{
    // A file request: our User-Agent, manual redirects, a transfer timeout; sent through the
    // manager itself, so no Authorization header goes with it.
    QNetworkReply *reply = m_session->network()->get(m_session->fileRequest(url, 20000));
    m_reply = reply;
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64 total) {
        if (received > kMaxBytes || total > kMaxBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, hops] { onReply(reply, hops); });
}

void PreviewFetch::onReply(QNetworkReply *reply, int hops)
{
    reply->deleteLater();
    if (m_finished)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400) {
        const QUrl to = reply->url().resolved(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
        const QString refusal = Net::redirectRefusal(reply->url(), to, hops, 5);
        if (!refusal.isEmpty()) {
            done(false, refusal);
            return;
        }
        get(to, hops + 1);
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        done(false, reply->error() == QNetworkReply::OperationCanceledError
                        ? QCoreApplication::translate("Download::PreviewFetch", "larger than %1 bytes").arg(kMaxBytes)
                        : QStringLiteral("HTTP %1: %2").arg(status).arg(reply->errorString()));
        return;
    }
    const QByteArray bytes = reply->readAll();
    if (bytes.isEmpty()) {
        done(false, QCoreApplication::translate("Download::PreviewFetch", "the image host sent no bytes"));
        return;
    }
    write(bytes);
}

void PreviewFetch::write(const QByteArray &bytes)
{
    // Temp + fsync + rename off the pool's thread: a reader sees no preview or a whole one.
    const QString path = m_path;
    QFuture<QString> written = QtConcurrent::run(m_io ? m_io : QThreadPool::globalInstance(), [path, bytes] {
        QString error;
        Library::DurableFiles::writeAtomically(path, bytes, &error);
        return error;
    });
    Util::whenFinished(this, written, [this](const QString &error) { done(error.isEmpty(), error); });
}

void PreviewFetch::done(bool ok, const QString &why)
{
    if (m_finished)
        return;
    m_finished = true;
    if (ok)
        qCDebug(lcDownload) << "preview saved" << m_path;
    else
        qCInfo(lcDownload) << "no preview for" << m_path << "from" << Net::redactedUrl(m_url) << ":" << why;
    Q_EMIT finished(ok, why);
}

}  // namespace Download
