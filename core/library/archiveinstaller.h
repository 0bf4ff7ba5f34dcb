#pragma once

#include "library/archiveextractor.h"
#include "library/destination.h"

#include <atomic>

namespace Library {

// What becomes of a verified archive in the library once StorageLayout::commit put it in
// place: its contents are extracted beside it, into a folder named after it
// ("Wildcards/pack.zip" → "Wildcards/pack/"); the sidecar records that folder and what was
// left out; the archive stays or goes as the user chose (library.keepArchives). It goes only
// when there is a sidecar to remember the extraction by, so StorageLayout::isPresent still
// knows the download is done.
//
// The folder is never someone else's: a folder of that name that the sidecar does not name
// (the user's own, another archive's) stays untouched and the contents go to "pack-2",
// "pack-3"…; the folder of an earlier extraction of this very archive is replaced in one
// rename. Runs on a worker thread (file system and values only).
class ArchiveInstaller
{
public:
    struct Options
    {
        bool keepArchive = true;
        ArchiveLimits limits;
    };
    struct Outcome
    {
        bool ok = false;
        bool diskFull = false;
        QString folder;    // the extracted folder (ok), or empty
        QString sentence;  // the summary, or what went wrong and what to do, naming the archive
        ArchiveExtractor::Result result;
    };

    static Outcome install(const Destination &destination, const Options &options,
                           const std::atomic_bool *cancel = nullptr);
};

}  // namespace Library
