#pragma once

#include <QString>

namespace Catalog {

// A link a person pastes, read as a catalog position: the model, and the revision (a branch,
// a Civitai version id) and file it points at. Accepted:
//   ns/name
//   https://huggingface.co/ns/name[/tree/<rev>|/blob/<rev>/<path>|/resolve/<rev>/<path>]
//   (the same paths on any host: a configured endpoint or a mirror)
//   https://civitai.com/models/ID[/slug][?modelVersionId=V]   (also civitai.red)
struct ModelLink
{
    QString key;       // "ns/name" or "civitai:ID"
    QString revision;  // HF branch/tag/commit, Civitai version id; empty: none named
    QString path;      // a file in the repo; empty: none named

    // false when the text is none of the forms above.
    static bool parse(const QString &text, ModelLink *link);
};

}  // namespace Catalog
