#include "sidecarwriter.h"

#include "download/previewfetch.h"
#include "hub/civitaiparser.h"
#include "library/destination.h"
#include "library/storagelayout.h"
#include "plan/civitaisidecars.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace Identify {

namespace {

constexpr int kParallelPreviews = 4;

Hub::CivitaiModel modelOf(const FileIdentity &file)
{
    Hub::CivitaiModel model;
    model.id = file.modelId;
    model.name = file.modelJson.value(QLatin1String("name")).toString();
    model.type = file.modelJson.value(QLatin1String("type")).toString();
    model.nsfw = file.modelJson.value(QLatin1String("nsfw")).toBool();
    model.description = file.modelJson.value(QLatin1String("description")).toString();
    for (const QJsonValue &tag : file.modelJson.value(QLatin1String("tags")).toArray())
        model.tags << tag.toString();
    return model;
}

// Any "<stem>.preview.*" beside the file counts: a person may have picked another picture.
bool hasPreview(const QFileInfo &file)
{
    const QString stem = file.completeBaseName();
    const QStringList found =
        file.dir().entryList({stem + QStringLiteral(".preview.*")}, QDir::Files | QDir::NoDotAndDotDot);
    return !found.isEmpty();
}

}  // namespace

SidecarWriter::SidecarWriter(const Net::Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_io.setMaxThreadCount(1);
}

SidecarWriter::~SidecarWriter()
{
    m_io.waitForDone();
}

void SidecarWriter::write(const QList<FileIdentity> &files)
{
    m_written.clear();
    m_problems.clear();
    m_previews.clear();
    for (const FileIdentity &file : files) {
        if (file.hub != FileIdentity::Hub::Civitai || file.versionJson.isEmpty())
            continue;
        const QFileInfo info(file.path);
        QString why;
        const std::optional<Hub::CivitaiVersion> version = Hub::CivitaiParser::version(file.versionJson, &why, nullptr);
        if (!version) {
            m_problems
                << QCoreApplication::translate("Identify::SidecarWriter", "No sidecar for %1: %2").arg(file.path, why);
            continue;
        }
        Library::Destination d;
        d.kind = Library::Destination::Kind::PlainFile;
        d.root = info.absolutePath();
        d.relativePath = info.fileName();
        d.otherSidecars.insert(QStringLiteral(".civitai.info"),
                               Plan::CivitaiSidecars::civitaiInfo(modelOf(file), *version));
        QStringList written;
        if (!Library::StorageLayout::writeOtherSidecars(d, &why, &written))
            m_problems << why;
        m_written << written;
        const QUrl preview = Plan::CivitaiSidecars::previewUrl(*version);
        if (preview.isValid() && !hasPreview(info)) {
            const QString path = Library::StorageLayout::besidePath(
                d, QStringLiteral(".preview.") + Plan::CivitaiSidecars::previewSuffix(preview));
            m_previews << Preview{preview.toString(QUrl::FullyEncoded), path};
        }
    }
    fetchNext();
}

void SidecarWriter::fetchNext()
{
    while (m_running < kParallelPreviews && !m_previews.isEmpty()) {
        const Preview preview = m_previews.takeFirst();
        auto *fetch =
            new Download::PreviewFetch(m_session, &m_io, QUrl(preview.url, QUrl::StrictMode), preview.path, this);
        ++m_running;
        connect(fetch, &Download::PreviewFetch::finished, this, [this, fetch, preview](bool ok, const QString &why) {
            fetch->deleteLater();
            --m_running;
            if (ok)
                m_written << preview.path;
            else
                m_problems << QCoreApplication::translate("Identify::SidecarWriter", "No preview for %1: %2")
                                  .arg(preview.path, why);
            fetchNext();
        });
        fetch->start();
    }
    if (m_running == 0 && m_previews.isEmpty())
        Q_EMIT finished(m_written, m_problems);
}

}  // namespace Identify
