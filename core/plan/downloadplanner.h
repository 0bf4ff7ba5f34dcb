#pragma once

#include "downloadplan.h"
#include "downloadtarget.h"
#include "library/librarylayout.h"
#include "net/retrybudget.h"

#include <QObject>
#include <QStringList>

#include <functional>

namespace Hub {
class CivitaiClient;
class HuggingFaceClient;
}  // namespace Hub

namespace Plan {

// Turns what the user asked for (a DownloadTarget) into one group of FileRequests, asking the
// hubs what files exist: for a Hugging Face repo the commit its revision points at and the
// recursive tree at that commit; for Civitai the model and its versions; for a collection,
// every model repo in it. Hostile or unusable entries are refused one by one with a sentence;
// only a failure of the request as a whole (repo missing, gated, malformed answer) fails the
// plan. Asynchronous, on the caller's thread; several plans may run at once.
class DownloadPlanner : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString hfCacheDir;             // root of the HF cache layout (…/hub)
        QString libraryDir;             // root of the Civitai library
        Library::LibraryLayout layout;  // where each Civitai type goes in it, and which sidecars
        QStringList includes;           // globs over repo paths (HF only)
        QStringList excludes;
        bool allVersions = false;  // Civitai: every version instead of the latest
        QStringList civitaiFiles;  // Civitai: these files of each version (by name) instead of its primary one
        // HF_HUB_OFFLINE: no request at all. A Hugging Face repo is planned from the cache
        // (refs/<revision> and its snapshot); anything else is refused with a sentence.
        bool offline = false;
    };
    using Callback = std::function<void(const DownloadPlan &)>;

    DownloadPlanner(Hub::HuggingFaceClient *huggingFace, Hub::CivitaiClient *civitai, QObject *parent = nullptr);

    // The callback runs exactly once, unless `context` is destroyed first.
    void plan(const DownloadTarget &target, const Options &options, QObject *context, Callback callback);

    // Metadata requests (model info, tree, collection, Civitai model) that fail for a passing
    // reason (429, 5xx, a dropped connection) are asked again within this budget.
    void setRetryPolicy(const Net::RetryPolicy &policy) { m_retry = policy; }

Q_SIGNALS:
    // A metadata request failed and will be asked again: the sentence ends "Retrying in N s.".
    void retrying(const QString &sentence);

private:
    struct RepoFiles;
    using RepoCallback = std::function<void(const RepoFiles &)>;

    void planHfRepo(const QString &repoId, const QString &revision, const Options &options, QObject *context,
                    RepoCallback callback);
    // The offline plan of a repo: the snapshot the cache's ref names, as it is on disk.
    static RepoFiles planHfRepoFromCache(const QUrl &endpoint, const QString &repoId, const QString &revision,
                                         const Options &options);
    void planCollection(const DownloadTarget &target, const Options &options, QObject *context, Callback callback);
    void planCivitai(const DownloadTarget &target, const Options &options, QObject *context, Callback callback);

    std::function<void(const QString &)> notice();  // emits retrying() while the planner lives

    Hub::HuggingFaceClient *m_huggingFace;
    Hub::CivitaiClient *m_civitai;
    Net::RetryPolicy m_retry;
};

}  // namespace Plan
