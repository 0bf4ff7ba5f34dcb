#include "downloadtarget.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Plan {

namespace {
bool parseId(const QString &text, qint64 *value)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    // Civitai ids are positive 32-bit integers (the API refuses anything else with 400).
    if (!ok || id <= 0 || id > 2147483647 || text.startsWith(QLatin1Char('+')))
        return false;
    *value = id;
    return true;
}
}  // namespace

bool DownloadTarget::parse(const QString &input, DownloadTarget *target, QString *error)
{
    const QString text = input.trimmed();
    auto refuse = [&](const QString &why) {
        if (error)
            *error = QCoreApplication::translate("Plan::DownloadTarget", "\"%1\" is not something to download: %2.")
                         .arg(input, why);
        return false;
    };
    DownloadTarget t;
    static const QRegularExpression repoRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"));

    if (text.startsWith(QLatin1String("civitai:"))) {
        t.kind = Kind::Civitai;
        const QString rest = text.mid(8);
        const qsizetype at = rest.indexOf(QLatin1Char('@'));
        if (!parseId(at < 0 ? rest : rest.left(at), &t.modelId))
            return refuse(QCoreApplication::translate(
                "Plan::DownloadTarget", "expected civitai:MODEL_ID or civitai:MODEL_ID@VERSION_ID with numeric ids"));
        if (at >= 0 && !parseId(rest.mid(at + 1), &t.versionId))
            return refuse(
                QCoreApplication::translate("Plan::DownloadTarget", "the version after '@' must be a numeric id"));
    } else if (text.startsWith(QLatin1String("collection:"))) {
        t.kind = Kind::HfCollection;
        t.collectionSlug = text.mid(11);
        if (!repoRe.match(t.collectionSlug).hasMatch())
            return refuse(QCoreApplication::translate("Plan::DownloadTarget", "expected collection:NAMESPACE/SLUG"));
    } else {
        t.kind = Kind::HfRepo;
        const qsizetype at = text.indexOf(QLatin1Char('@'));
        t.repoId = at < 0 ? text : text.left(at);
        t.revision = at < 0 ? QStringLiteral("main") : text.mid(at + 1);
        if (!repoRe.match(t.repoId).hasMatch() || t.repoId.contains(QLatin1String("..")))
            return refuse(QCoreApplication::translate(
                "Plan::DownloadTarget",
                "expected NAMESPACE/NAME[@REVISION], civitai:MODEL_ID or collection:NAMESPACE/SLUG"));
        static const QRegularExpression revisionRe(QStringLiteral("^[A-Za-z0-9._/-]+$"));
        if (t.revision.isEmpty() || !revisionRe.match(t.revision).hasMatch() ||
            t.revision.contains(QLatin1String("..")) || t.revision.startsWith(QLatin1Char('/')) ||
            t.revision.endsWith(QLatin1Char('/')) || t.revision.contains(QLatin1String("//")))
            return refuse(QCoreApplication::translate("Plan::DownloadTarget",
                                                      "the revision after '@' must be a branch, tag or commit name"));
    }
    *target = t;
    return true;
}

QString DownloadTarget::displayName() const
{
    switch (kind) {
    case Kind::HfRepo:
        return revision == QLatin1String("main") ? repoId : repoId + QLatin1Char('@') + revision;
    case Kind::Civitai:
        return versionId ? QStringLiteral("civitai:%1@%2").arg(modelId).arg(versionId)
                         : QStringLiteral("civitai:%1").arg(modelId);
    case Kind::HfCollection:
        return QStringLiteral("collection:") + collectionSlug;
    }
    return {};
}

}  // namespace Plan
