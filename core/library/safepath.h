#pragma once

#include <QString>

namespace Library {

// Checks names that come from a hub before they become paths on disk. Tree listings, Civitai
// file names and revisions are untrusted input: a name such as "../../.bashrc" or
// "/etc/passwd" must never leave the folder it is meant for. Everything here is lexical (no
// file system access), so it is cheap and safe to call from any thread.
class SafePath
{
public:
    // A relative path of one or more '/'-separated segments, each a safe file name.
    // On failure returns false and sets *error to a sentence naming the path.
    static bool checkRelativePath(const QString &path, QString *error);

    // One path segment: not empty, not "." or "..", no '/', '\\', NUL or control
    // characters, at most 255 bytes in UTF-8 (the limit of common Linux file systems).
    static bool checkSegment(const QString &segment, QString *why);

    // A name as a sentence can quote it: control characters escaped as \x07, at most 120
    // characters. Untrusted names would otherwise garble the message that names them.
    static QString printable(const QString &name);

    static constexpr int kMaxSegmentBytes = 255;
};

}  // namespace Library
