#include "testhub.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

TestHub::~TestHub()
{
    stop();
}

bool TestHub::start(const QStringList &extraArguments)
{
    QStringList arguments{QStringLiteral(MODELDOCK_TESTHUB_SCRIPT), QStringLiteral("--exit-on-stdin-eof")};
    // The hub's Xet (chunking, hashing, LZ4) is a C library the build makes; without it the
    // Xet-backed files are served as plain LFS files.
    if (QFileInfo::exists(QStringLiteral(MODELDOCK_TESTHUB_XET_NATIVE)))
        arguments << QStringLiteral("--xet-native") << QStringLiteral(MODELDOCK_TESTHUB_XET_NATIVE);
    arguments << extraArguments;
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(QStringLiteral("python3"), arguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("python3 did not start: ") + m_process.errorString();
        return false;
    }
    // The hub prints one JSON line with its origins once every socket listens.
    QElapsedTimer timer;
    timer.start();
    while (!m_process.canReadLine()) {
        if (timer.elapsed() > 30000 || m_process.state() != QProcess::Running) {
            m_error = QStringLiteral("the test hub did not report its addresses");
            stop();
            return false;
        }
        m_process.waitForReadyRead(200);
    }
    const QJsonObject origins = QJsonDocument::fromJson(m_process.readLine()).object();
    m_hf = QUrl(origins.value(QLatin1String("hf")).toString());
    m_civitai = QUrl(origins.value(QLatin1String("civitai")).toString());
    m_cas = QUrl(origins.value(QLatin1String("cas")).toString());
    m_xorbs = QUrl(origins.value(QLatin1String("xorbs")).toString());
    m_storage = QUrl(origins.value(QLatin1String("storage")).toString());
    if (!m_hf.isValid() || m_hf.isEmpty()) {
        m_error = QStringLiteral("the test hub printed no usable address");
        stop();
        return false;
    }
    return true;
}

void TestHub::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.closeWriteChannel();  // --exit-on-stdin-eof
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

TestHub::Response TestHub::send(const QByteArray &verb, const QUrl &url, const QByteArray &body)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30000);
    QNetworkReply *reply = manager.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return response;
}

TestHub::Response TestHub::get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30000);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return response;
}

QByteArray TestHub::civitaiFile(qint64 versionId)
{
    QUrl url = m_civitai;
    url.setPath(QStringLiteral("/api/download/models/%1").arg(versionId));
    const Response redirect = get(url);
    for (const auto &[name, value] : redirect.headers) {
        if (name.compare("Location", Qt::CaseInsensitive) == 0) {
            const Response file = get(QUrl::fromEncoded(value));
            return file.status == 200 ? file.body : QByteArray();
        }
    }
    return {};
}

QJsonObject TestHub::civitaiVersion(qint64 versionId)
{
    QUrl url = m_civitai;
    url.setPath(QStringLiteral("/api/v1/model-versions/%1").arg(versionId));
    return QJsonDocument::fromJson(get(url).body).object();
}

static QUrl adminUrl(const QUrl &hf, const QString &path)
{
    QUrl url = hf;
    url.setPath(QStringLiteral("/_admin/") + path);
    return url;
}

int TestHub::addScenario(const QJsonObject &scenario)
{
    const Response r = send("POST", adminUrl(m_hf, QStringLiteral("scenario")),
                            QJsonDocument(scenario).toJson(QJsonDocument::Compact));
    if (r.status != 200)
        return -1;
    return QJsonDocument::fromJson(r.body).object().value(QLatin1String("id")).toInt(-1);
}

bool TestHub::removeScenario(int id)
{
    return send("DELETE", adminUrl(m_hf, QStringLiteral("scenario/%1").arg(id)), {}).status == 200;
}

bool TestHub::reset()
{
    return send("POST", adminUrl(m_hf, QStringLiteral("reset")), "{}").status == 200;
}

QJsonArray TestHub::requests(const QString &origin)
{
    QUrl url = adminUrl(m_hf, QStringLiteral("requests"));
    if (!origin.isEmpty())
        url.setQuery(QStringLiteral("origin=") + origin);
    return QJsonDocument::fromJson(send("GET", url, {}).body).array();
}

QJsonObject TestHub::mutateCatalog(int add, int change, int remove)
{
    const QJsonObject body{
        {QStringLiteral("add"), add}, {QStringLiteral("change"), change}, {QStringLiteral("remove"), remove}};
    return QJsonDocument::fromJson(send("POST", adminUrl(m_hf, QStringLiteral("catalog/mutate")),
                                        QJsonDocument(body).toJson(QJsonDocument::Compact))
                                       .body)
        .object();
}

QJsonObject TestHub::pushBranch(const QString &repo, const QString &branch)
{
    const QJsonObject body{{QStringLiteral("repo"), repo}, {QStringLiteral("branch"), branch}};
    return QJsonDocument::fromJson(send("POST", adminUrl(m_hf, QStringLiteral("catalog/push")),
                                        QJsonDocument(body).toJson(QJsonDocument::Compact))
                                       .body)
        .object();
}

QJsonObject TestHub::xetUpdate(const QString &repo, const QString &path, const QString &change, double fraction)
{
    const QJsonObject body{{QStringLiteral("repo"), repo},
                           {QStringLiteral("path"), path},
                           {QStringLiteral("change"), change},
                           {QStringLiteral("fraction"), fraction}};
    return QJsonDocument::fromJson(send("POST", adminUrl(m_hf, QStringLiteral("xet/update")),
                                        QJsonDocument(body).toJson(QJsonDocument::Compact))
                                       .body)
        .object();
}

QJsonObject TestHub::fileInfo(const QString &repo, const QString &path, const QString &revision)
{
    QUrl url = adminUrl(m_hf, QStringLiteral("file"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("repo"), repo);
    query.addQueryItem(QStringLiteral("path"), path);
    query.addQueryItem(QStringLiteral("revision"), revision);
    url.setQuery(query);
    return QJsonDocument::fromJson(send("GET", url, {}).body).object();
}
