#pragma once

#include <QString>

namespace Library {

// What the name of an archive entry becomes on disk, or why it may not be written at all.
// Archive names are untrusted input, like hub names (SafePath), with two differences: an
// entry that would leave the folder is refused, while a name that is merely awkward is
// repaired, so a pack made on another system still extracts. Lexical only (no file system
// access); ExtractionFolder enforces the same on disk.
class ArchiveEntryName
{
public:
    // The relative path to write ("textures/a.png"), or an empty string and *why when the
    // entry may not be written. '\\' counts as a separator (packs made on Windows use it);
    // "." and empty segments are dropped, so "./a//b" is "a/b". A name that is only "." or
    // "./" (the folder itself, common first entry of a tar) gives an empty path and no *why.
    // Refused: "..", absolute paths ("/x", "C:/x"), a path longer than kMaxPathBytes.
    static QString sanitize(const QString &raw, QString *why);

    // One segment made safe to create on Linux and cheap to carry to Windows or exFAT:
    // control characters and <>:"|?* become '_', trailing dots and spaces become '_', device
    // names (CON, NUL, COM1…) get a leading '_', and a name over SafePath::kMaxSegmentBytes
    // is shortened to fit, keeping its extension and a hash of the whole name so two long
    // names that share a beginning stay apart.
    static QString sanitizeSegment(const QString &segment);

    // The target to store for a symbolic link at `linkPath` (already sanitized): relative,
    // its segments sanitized like names (so it still finds the renamed file), and staying
    // inside the folder when read from the link's own folder. Empty and *why otherwise.
    // Chains of links are checked once all are written (ExtractionFolder::removeEscapingLinks).
    static QString symlinkTarget(const QString &linkPath, const QString &rawTarget, QString *why);

    static constexpr int kMaxPathBytes = 4000;  // below PATH_MAX once the folder is prefixed
};

}  // namespace Library
