#pragma once

#include "download/types.h"
#include "hub/civitaitypes.h"
#include "hub/hftypes.h"
#include "library/librarylayout.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QUrl>

namespace Plan {

// Turns hub listings into FileRequests. Functions over Hub value types, kept apart from the
// asynchronous planner so every naming and URL rule can be tested without a network. The one
// thing they look at on disk: whether a library file name is already another model's.
// Each builder refuses a file whose name is unsafe (Library::StorageLayout::validate) with a
// sentence in *error rather than dropping it silently.
class RequestBuilder
{
public:
    // <endpoint>/<repo>/resolve/<commit>/<path>, each path segment percent-encoded. Pinning
    // the commit (not the branch) means every file of one plan comes from the same snapshot.
    static QUrl hfResolveUrl(const QUrl &endpoint, const QString &repoId, const QString &commit, const QString &path);

    // One file of a repository tree at `commit`, stored in the HF cache under `cacheRoot`, with
    // refs/<revision> pointing at the commit. LFS files are verified by SHA-256 and stored
    // under it; small git files are verified by their git blob id and stored under it.
    static bool hfFile(const QUrl &endpoint, const QString &cacheRoot, const QString &repoId, const QString &revision,
                       const QString &commit, const Hub::HfTreeEntry &entry, Download::FileRequest *request,
                       QString *error);

    // The primary file of `version` into <libraryRoot>/<the layout's folder for the model's
    // type>/, with its sidecars: ModelDock's, "<stem>.civitai.info", A1111's "<stem>.json" when
    // the layout is A1111's, and the version's first image as "<stem>.preview.<ext>" (fetched
    // after the file, see FileRequest::previewUrl). `usedNames` holds the library-relative paths already planned,
    // so versions that share a file name get distinct ones; a name another model's file (or
    // the user's own) already has in the library gets the version id too ("x-v123.safetensors",
    // with "renamedFrom" in the sidecar). Appends to *requests.
    // `fileName` takes that file of the version instead of its primary one (a version may
    // carry several model files: fp16, fp8, GGUF quants).
    static bool civitaiVersion(const QUrl &civitaiEndpoint, const QString &libraryRoot,
                               const Library::LibraryLayout &layout, const Hub::CivitaiModel &model,
                               const Hub::CivitaiVersion &version, QSet<QString> *usedNames,
                               QList<Download::FileRequest> *requests, QString *error, const QString &fileName = {});

    // Whether a Civitai file is a pack to extract (FileRequest::archive): typed Archive or
    // Training Data (or Model / Pruned Model, as older packs are) and named like an archive
    // (".zip", ".7z", ".tar.gz"…).
    static bool isCivitaiArchive(const Hub::CivitaiFile &file);

    // sizeKB is a float; Civitai computes it as bytes / 1024, which a double holds exactly,
    // so a whole number of bytes means the size is exact. Anything else: -1 (unknown).
    static qint64 exactCivitaiSize(double sizeKB);
};

}  // namespace Plan
