#include "download/xetestimate.h"

#include "download/xetplan.h"
#include "download/xetsession.h"
#include "util/logging.h"
#include "xet/termledger.h"

namespace Download {

XetEstimate::XetEstimate(const Net::Session *session, Xet::TermLedger *ledger, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_ledger(ledger)
{
}

void XetEstimate::estimate(const QList<FileRequest> &files)
{
    m_result = {};
    m_pending.clear();
    for (const FileRequest &file : files) {
        m_result.bytesTotal += qMax<qint64>(0, file.expectedSize);
        if (file.xetHash.isEmpty())
            m_result.bytesToFetch += qMax<qint64>(0, file.expectedSize);
        else
            m_pending << file;
    }
    next();
}

void XetEstimate::next()
{
    if (m_pending.isEmpty()) {
        Q_EMIT finished(m_result);
        return;
    }
    const FileRequest file = m_pending.takeFirst();
    Xet::XetFileInfo info;
    info.hash = file.xetHash;
    info.size = file.expectedSize;
    info.sha256 = file.expectedSha256;
    info.refreshUrl = XetSession::readTokenUrlFor(file.url);
    auto *session = new XetSession(m_session, info, file.displayName, this);
    connect(session, &XetSession::reconstructed, this, [this, session](const Xet::Reconstruction &r) {
        session->deleteLater();
        QList<std::optional<XetPlan::LocalCopy>> local;
        if (m_ledger) {
            for (const Xet::LocalTerm &term : m_ledger->findLocal(r.terms))
                local.append(term.isValid() ? std::optional(XetPlan::LocalCopy{term.path, term.offset}) : std::nullopt);
        }
        XetPlan plan;
        plan.reset(r, local);
        m_result.bytesToFetch += plan.bytesToFetch();
        m_result.bytesReused += plan.bytesLocal();
        ++m_result.xetFiles;
        next();
    });
    connect(session, &XetSession::failed, this, [this, session, file](const Net::HttpError &error) {
        session->deleteLater();
        qCInfo(lcDownload) << "no Xet estimate for" << file.displayName << ":" << error.detail;
        m_result.bytesToFetch += qMax<qint64>(0, file.expectedSize);
        next();
    });
    session->fetch();
}

}  // namespace Download
