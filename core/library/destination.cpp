#include "library/destination.h"

namespace Library {

namespace {

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

}  // namespace

QString destinationKindName(Destination::Kind kind)
{
    switch (kind) {
    case Destination::Kind::HfCache:
        return QStringLiteral("hf-cache");
    case Destination::Kind::Library:
        return QStringLiteral("library");
    case Destination::Kind::PlainFile:
        break;
    }
    return QStringLiteral("plain-file");
}

QJsonObject Destination::toJson() const
{
    QJsonObject object{{QStringLiteral("kind"), destinationKindName(kind)},
                       {QStringLiteral("root"), root},
                       {QStringLiteral("relativePath"), relativePath}};
    // Only the fields a kind uses are written, so journal rows stay readable.
    if (!repoId.isEmpty())
        object.insert(QStringLiteral("repoId"), repoId);
    if (!revision.isEmpty())
        object.insert(QStringLiteral("revision"), revision);
    if (!commit.isEmpty())
        object.insert(QStringLiteral("commit"), commit);
    if (!blobKey.isEmpty())
        object.insert(QStringLiteral("blobKey"), blobKey);
    if (!sidecar.isEmpty())
        object.insert(QStringLiteral("sidecar"), sidecar);
    if (!otherSidecars.isEmpty())
        object.insert(QStringLiteral("otherSidecars"), otherSidecars);
    return object;
}

Destination Destination::fromJson(const QJsonObject &object)
{
    Destination d;
    const QString kindName = str(object, "kind");
    if (kindName == QLatin1String("hf-cache"))
        d.kind = Kind::HfCache;
    else if (kindName == QLatin1String("library"))
        d.kind = Kind::Library;
    else
        d.kind = Kind::PlainFile;
    d.root = str(object, "root");
    d.repoId = str(object, "repoId");
    d.revision = str(object, "revision");
    d.commit = str(object, "commit");
    d.relativePath = str(object, "relativePath");
    d.blobKey = str(object, "blobKey");
    d.sidecar = object.value(QLatin1String("sidecar")).toObject();
    d.otherSidecars = object.value(QLatin1String("otherSidecars")).toObject();
    return d;
}

QString Destination::key() const
{
    // The place the file ends up. For the HF cache two revisions of a repo that share a commit
    // share the snapshot entry, so the commit (not the ref) is part of the key.
    const QChar sep(u'\x1f');
    return destinationKindName(kind) + sep + root + sep + repoId + sep + commit + sep + relativePath;
}

}  // namespace Library
