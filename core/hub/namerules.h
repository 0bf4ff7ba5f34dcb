#pragma once

#include <QString>

namespace Hub {

// What a name from a hub must look like before ModelDock stores it or builds a path or URL
// from it. Hubs are trusted for data, never for paths: a repo id or file name that could
// escape a folder, hide control characters or overflow a path is rejected at parse time.
class NameRules
{
public:
    static constexpr qint64 kMaxFileSize = 4LL * 1024 * 1024 * 1024 * 1024;  // 4 TiB
    static constexpr qint64 kMaxCount = 1LL << 50;                           // counters

    // "namespace/name", each part [A-Za-z0-9._-], not "." or "..", at most 96 characters each.
    static bool isRepoId(const QString &id);
    // A relative path inside a repo: "/"-separated parts, none empty, ".", ".." or hidden
    // control characters, no backslash, at most 1024 characters.
    static bool isRelativePath(const QString &path);
    // A single file name (no separators) as Civitai sends it.
    static bool isFileName(const QString &name);
    static bool isSha256(const QString &hex);  // 64 hex digits, any case
    static bool isGitOid(const QString &hex);  // 40 hex digits
    static bool isSize(qint64 size) { return size >= 0 && size <= kMaxFileSize; }
    // Quotes a hostile name so a message can show it without control characters.
    static QString printable(const QString &text, int maxLength = 80);
};

}  // namespace Hub
