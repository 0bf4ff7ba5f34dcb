#include "fileidentity.h"

#include <QCoreApplication>

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
    // Singular and plural spelled out rather than "%n file(s)": the summary stays English where
    // no translator is installed (the core's tests), and a translation gets each form.
    const auto t = [](const char *text) { return QCoreApplication::translate("Identify::IdentifyReport", text); };
    const int total = int(files.size());
    const int n = requests();
    const QString ofFiles = total == 1 ? t(QT_TRANSLATE_NOOP("Identify::IdentifyReport", "identified %1 of 1 file"))
                                       : t(QT_TRANSLATE_NOOP("Identify::IdentifyReport", "identified %1 of %2 files"));
    const QString inRequests = n == 1 ? t(QT_TRANSLATE_NOOP("Identify::IdentifyReport", " in 1 request"))
                                      : t(QT_TRANSLATE_NOOP("Identify::IdentifyReport", " in %1 requests"));
    QString text = (total == 1 ? ofFiles.arg(identifiedCount()) : ofFiles.arg(identifiedCount()).arg(total)) +
                   (n == 1 ? inRequests : inRequests.arg(n)) +
                   t(QT_TRANSLATE_NOOP("Identify::IdentifyReport", "; %1 unknown")).arg(unknownCount());
    const int newer = newerCount();
    text += newer == 1 ? t(QT_TRANSLATE_NOOP("Identify::IdentifyReport", "; 1 has a newer version"))
                       : t(QT_TRANSLATE_NOOP("Identify::IdentifyReport", "; %1 have a newer version")).arg(newer);
    return text;
}

}  // namespace Identify
