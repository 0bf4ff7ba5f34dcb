#include "headerfetcher.h"

#include "ggufheader.h"
#include "net/httperror.h"
#include "net/requestfactory.h"
#include "net/session.h"
#include "safetensorsheader.h"

#include <QNetworkReply>
#include <QRegularExpression>

namespace Insight {

namespace {

// "bytes 0-2097151/1235814432" → 0; -1 when absent or malformed.
qint64 rangeStart(const QByteArray &contentRange)
{
    static const QRegularExpression re(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+|\\*)$"));
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(contentRange.trimmed()));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

}  // namespace

HeaderFetcher::HeaderFetcher(const Net::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

HeaderFetcher::~HeaderFetcher()
{
    // Quietly: a read in flight ends without finished(), whose receivers may be going too.
    blockSignals(true);
    abort();
}

FileInsight::Format HeaderFetcher::formatOf(const QString &fileName)
{
    if (fileName.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
        return FileInsight::Format::Gguf;
    if (fileName.endsWith(QLatin1String(".safetensors"), Qt::CaseInsensitive))
        return FileInsight::Format::Safetensors;
    return FileInsight::Format::Unknown;
}

void HeaderFetcher::fetch(const QUrl &url, const QString &fileName, qint64 size)
{
    abort();
    m_finished = false;
    m_format = formatOf(fileName);
    m_fileName = fileName;
    m_size = size;
    m_bytes.clear();
    m_reads = 0;
    m_dataUrl = QUrl();
    if (m_format == FileInsight::Format::Unknown) {
        done({}, tr("%1 is neither a GGUF nor a safetensors file; only their headers are read.").arg(fileName));
        return;
    }
    m_wantEnd = size > 0 ? qMin(size, kFirstRead) : kFirstRead;
    m_reads = 1;
    get(url, 0);
}

void HeaderFetcher::abort()
{
    m_finished = true;
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void HeaderFetcher::get(const QUrl &url, int hops)
{
    QNetworkRequest request = m_session->fileRequest(url, 30000);
    request.setRawHeader("Range",
                         "bytes=" + QByteArray::number(m_bytes.size()) + '-' + QByteArray::number(m_wantEnd - 1));
    QNetworkReply *reply = m_session->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onData(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply, hops] { onReply(reply, hops); });
}

void HeaderFetcher::onData(QNetworkReply *reply)
{
    if (m_finished || reply != m_reply)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return;  // a redirect or an error: onReply says what it is
    if (reply->property("md_offsetChecked").isNull()) {
        reply->setProperty("md_offsetChecked", true);
        // A 200 is the whole file from its first byte: skip what is already here.
        const qint64 start = status == 206 ? rangeStart(reply->rawHeader("Content-Range")) : 0;
        if (start < 0 || start > m_bytes.size()) {
            done({},
                 tr("The server answered the header read of %1 with a range it was not asked for.").arg(m_fileName));
            return;
        }
        reply->setProperty("md_skip", m_bytes.size() - start);
        m_dataUrl = reply->url();
    }
    qint64 skip = reply->property("md_skip").toLongLong();
    QByteArray chunk = reply->read(qMax<qint64>(0, m_wantEnd - m_bytes.size() + skip));
    if (skip > 0) {
        const qint64 drop = qMin<qint64>(skip, chunk.size());
        chunk.remove(0, drop);
        reply->setProperty("md_skip", skip - drop);
    }
    m_bytes += chunk;
    if (m_bytes.size() >= m_wantEnd && status == 200) {
        // Range ignored: what was asked for is here; the rest of the file is not wanted.
        m_reply = nullptr;
        reply->abort();
        reply->deleteLater();
        parse();
    }
}

void HeaderFetcher::onReply(QNetworkReply *reply, int hops)
{
    reply->deleteLater();
    if (m_finished || reply != m_reply)
        return;
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400) {
        const QUrl to = reply->url().resolved(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
        const QString refusal = Net::redirectRefusal(reply->url(), to, hops, 5);
        if (!refusal.isEmpty()) {
            done({}, tr("The header read of %1 was redirected somewhere ModelDock will not follow: %2")
                         .arg(m_fileName, refusal));
            return;
        }
        get(to, hops + 1);
        return;
    }
    if (reply->error() != QNetworkReply::NoError || (status != 200 && status != 206)) {
        const Net::ResponseInfo info = Net::ResponseInfo::fromReply(reply);
        done({}, m_session->errorFromResponse(info, tr("the header of %1").arg(m_fileName)).message);
        return;
    }
    onData(reply);
    if (!m_finished)
        parse();
}

void HeaderFetcher::parse()
{
    FileInsight insight;
    QString why;  // empty and no insight: the header goes on past what was read
    if (m_format == FileInsight::Format::Gguf) {
        const GgufHeader header = GgufHeader::parse(m_bytes, m_size);
        if (header.isComplete())
            insight = FileInsight::fromGguf(header);
        else if (header.status != GgufHeader::Status::NeedMoreBytes)
            why = header.errorString;
    } else {
        const SafetensorsHeader header = SafetensorsHeader::parse(m_bytes, m_size);
        if (header.isComplete())
            insight = FileInsight::fromSafetensors(header);
        else if (header.status != SafetensorsHeader::Status::NeedMoreBytes)
            why = header.errorString;
    }
    if (insight.isValid()) {
        insight.requests = m_reads;
        insight.bytesRead = m_bytes.size();
        done(insight, {});
        return;
    }
    if (!why.isEmpty()) {
        done({}, why);
        return;
    }
    const bool fileEnded = m_size > 0 && m_bytes.size() >= m_size;
    if (m_reads >= 2 || m_bytes.size() >= kMaxRead || fileEnded || m_bytes.size() < m_wantEnd) {
        done({}, tr("The header of %1 is longer than the %2 MiB ModelDock reads to describe a file.")
                     .arg(m_fileName)
                     .arg(kMaxRead >> 20));
        return;
    }
    // The second and last read: up to the cap, from the host that served the first.
    m_wantEnd = m_size > 0 ? qMin(m_size, kMaxRead) : kMaxRead;
    ++m_reads;
    get(m_dataUrl, 0);
}

void HeaderFetcher::done(const FileInsight &insight, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(insight, error);
}

}  // namespace Insight
