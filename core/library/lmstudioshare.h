#pragma once

#include <QString>

namespace Library {

// Makes a Hugging Face GGUF visible to LM Studio without a second copy: a hard link at
// <models>/<ns>/<name>/<file name> (the folder layout LM Studio reads, publisher/repo/file) to
// the cache's blob; a symlink when the two are on different file systems. Only GGUF files are
// shared (what LM Studio loads). A file of that name already there is left alone: when it is
// the same file nothing is done, otherwise *error says so.
struct LmStudioShare
{
    enum class Outcome
    {
        Linked,     // a new hard link
        Symlinked,  // a new symlink (another file system)
        Already,    // LM Studio already has this file there
        Skipped,    // not a GGUF
        Failed,     // *error says why
    };

    static bool isShareable(const QString &relativePath);
    // `source`: the blob (or any path to the file); `repoId`: "ns/name"; `relativePath`: the
    // file's path in the repo (its name is used, as LM Studio keeps one folder per repo).
    static Outcome share(const QString &source, const QString &repoId, const QString &relativePath,
                         const QString &modelsDir, QString *error);
    static QString targetPath(const QString &repoId, const QString &relativePath, const QString &modelsDir);
};

}  // namespace Library
