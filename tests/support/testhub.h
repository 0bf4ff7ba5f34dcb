#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

// Runs the local test hub (tests/hub/testhub.py) as a child process for one test and talks
// to its admin API. Real HTTP, real sockets: nothing here mocks the network.
class TestHub
{
public:
    TestHub() = default;
    ~TestHub();
    TestHub(const TestHub &) = delete;
    TestHub &operator=(const TestHub &) = delete;

    // Starts the hub with extra arguments (e.g. {"--catalog", "generated", "--models", "500"}).
    // Returns false with errorString() on failure.
    bool start(const QStringList &extraArguments = {});
    void stop();
    QString errorString() const { return m_error; }

    QUrl hfUrl() const { return m_hf; }
    QUrl civitaiUrl() const { return m_civitai; }
    QUrl storageUrl() const { return m_storage; }
    // Xet's CAS and xorb storage origins; empty when the hub has no Xet library.
    QUrl casUrl() const { return m_cas; }
    QUrl xorbsUrl() const { return m_xorbs; }

    // Admin API (see tests/hub/README.md). Each call blocks until the hub answers.
    int addScenario(const QJsonObject &scenario);  // returns the scenario id, -1 on error
    bool removeScenario(int id);
    bool reset();                                     // clears the request log and scenarios
    QJsonArray requests(const QString &origin = {});  // the request log
    QJsonObject mutateCatalog(int add, int change, int remove);
    // A new commit on one branch of a repo (POST /_admin/catalog/push).
    QJsonObject pushBranch(const QString &repo, const QString &branch);
    QJsonObject fileInfo(const QString &repo, const QString &path, const QString &revision = QStringLiteral("main"));
    // A new commit of a Xet-backed file (POST /_admin/xet/update): change "header" (metadata
    // only) or "tensors" (`fraction` of them); the answer names the new commit, sha256, xetHash.
    QJsonObject xetUpdate(const QString &repo, const QString &path, const QString &change, double fraction = 0.5);

    // Plain HTTP helper for tests: GET an absolute URL, returning status and body.
    struct Response
    {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    Response get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // The bytes of a Civitai version's primary file (its download, redirect followed) and the
    // version object (GET /api/v1/model-versions/{id}); empty on failure.
    QByteArray civitaiFile(qint64 versionId);
    QJsonObject civitaiVersion(qint64 versionId);

private:
    Response send(const QByteArray &verb, const QUrl &url, const QByteArray &body);

    QProcess m_process;
    QUrl m_hf;
    QUrl m_civitai;
    QUrl m_storage;
    QUrl m_cas;
    QUrl m_xorbs;
    QString m_error;
};
