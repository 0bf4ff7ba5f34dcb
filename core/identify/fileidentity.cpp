#include "fileidentity.h"

namespace Identify {

QString hubName(FileIdentity::Hub hub)
{
    switch (hub) {
    case FileIdentity::Hub::Civitai:
        return QStringLiteral("civitai");
    case FileIdentity::Hub::HuggingFace:
        return QStringLiteral("hf");
    case FileIdentity::Hub::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString FileIdentity::describe() const
{
    if (!identified())
        return QStringLiteral("unknown");
    const QString model = hub == Hub::Civitai ? QStringLiteral("%1 (%2)").arg(modelName, modelKey) : modelKey;
    // A Hugging Face cache blob the catalog does not list: the repo, no branch.
    if (versionName.isEmpty())
        return QStringLiteral("%1 %2").arg(hubName(hub), model);
    return QStringLiteral("%1 %2 / %3").arg(hubName(hub), model, versionName);
}

int IdentifyReport::identifiedCount() const
{
    int n = 0;
    for (const FileIdentity &file : files)
        n += file.identified() ? 1 : 0;
    return n;
}

int IdentifyReport::unknownCount() const
{
    return int(files.size()) - identifiedCount();
}

int IdentifyReport::newerCount() const
{
    int n = 0;
    for (const FileIdentity &file : files)
        n += file.hasNewer() ? 1 : 0;
    return n;
}

QString IdentifyReport::summary() const
{
    const int total = int(files.size());
    const int n = requests();
    QString text = QStringLiteral("identified %1 of %2 file%3 in %4 request%5; %6 unknown")
                       .arg(identifiedCount())
                       .arg(total)
                       .arg(total == 1 ? QString() : QStringLiteral("s"))
                       .arg(n)
                       .arg(n == 1 ? QString() : QStringLiteral("s"))
                       .arg(unknownCount());
    const int newer = newerCount();
    text +=
        newer == 1 ? QStringLiteral("; 1 has a newer version") : QStringLiteral("; %1 have a newer version").arg(newer);
    return text;
}

}  // namespace Identify
