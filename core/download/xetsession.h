#pragma once

#include "net/httperror.h"
#include "xet/reconstruction.h"
#include "xet/xetfileinfo.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Net {
class Session;
}

namespace Util {
class Clock;
}

namespace Download {

// The two small JSON exchanges a Xet download starts with, for one file: a read token from the
// hub (its refresh route, with the hub's credentials, as every hub API call), then the file's
// reconstruction from the CAS the token names (with the token, never the hub's). The token is
// kept and fetched again when it is about to expire or the CAS refuses it; a CAS without the
// v2 route (404, 501) is asked the v1 way. Redirects are not followed: neither exchange has any.
//
// Lives on the pool's thread; owned by a DownloadTask. After abort() it emits nothing.
class XetSession : public QObject
{
    Q_OBJECT
public:
    XetSession(const Net::Session *session, const Xet::XetFileInfo &file, QString subject, QObject *parent = nullptr);
    ~XetSession() override;

    // The refresh route huggingface_hub builds when a hub names none (no Link rel="xet-auth"),
    // from a resolve URL {endpoint}/{namespace}/{name}/resolve/{revision}/…; empty for others.
    static QUrl readTokenUrlFor(const QUrl &resolveUrl);

    const Xet::XetFileInfo &file() const { return m_file; }
    // Asks for the reconstruction of the whole file, or of its bytes [rangeStart, rangeEnd)
    // (a term cut off by a crash: the CAS answers with the terms from the chunk holding
    // rangeStart on), a token first when needed. Fresh xorb URLs each time: the signed ones
    // expire, and a 403 from storage means asking again.
    void fetch(qint64 rangeStart = -1, qint64 rangeEnd = -1);
    void abort();
    bool busy() const { return !m_reply.isNull(); }

Q_SIGNALS:
    // rangeStart and rangeEnd as asked (-1: the whole file).
    void reconstructed(const Xet::Reconstruction &reconstruction, qint64 rangeStart, qint64 rangeEnd);
    // Anything that makes Xet unusable for this file: the task falls back to the plain route.
    void failed(const Net::HttpError &error);

private:
    enum class Step
    {
        Token,
        ReconstructionV2,
        ReconstructionV1
    };
    void send(Step step);
    void onFinished();
    void fail(const QString &detail, const Net::HttpError &cause = {});

    const Net::Session *m_session;
    Xet::XetFileInfo m_file;
    QString m_subject;
    Xet::ReadToken m_token;
    Step m_step = Step::Token;
    bool m_refreshedAfter401 = false;
    bool m_v1Only = false;  // this CAS has no v2 route
    qint64 m_rangeStart = -1;
    qint64 m_rangeEnd = -1;
    QPointer<QNetworkReply> m_reply;
};

}  // namespace Download
