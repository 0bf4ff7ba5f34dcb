#include "plan/lmstudiosharing.h"

#include "download/downloadpool.h"
#include "library/lmstudioshare.h"
#include "library/storagelayout.h"
#include "util/logging.h"

#include <QDir>

namespace Plan {

LmStudioSharing::LmStudioSharing(Download::DownloadPool *pool, std::function<bool()> enabled, QString modelsDir,
                                 QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_enabled(std::move(enabled))
    , m_modelsDir(std::move(modelsDir))
{
    connect(m_pool, &Download::DownloadPool::taskFinished, this, &LmStudioSharing::onFinished);
}

void LmStudioSharing::onFinished(Download::TaskId id)
{
    if (m_pool->task(id).state != Download::TaskState::Completed || !m_enabled || !m_enabled())
        return;
    const Download::FileRequest request = m_pool->request(id);
    const Library::Destination &d = request.destination;
    if (d.kind != Library::Destination::Kind::HfCache || !Library::LmStudioShare::isShareable(d.relativePath))
        return;
    QString error;
    const auto outcome = Library::LmStudioShare::share(Library::StorageLayout::hfBlobPath(d), d.repoId, d.relativePath,
                                                       m_modelsDir, &error);
    const QString target =
        QDir::toNativeSeparators(Library::LmStudioShare::targetPath(d.repoId, d.relativePath, m_modelsDir));
    switch (outcome) {
    case Library::LmStudioShare::Outcome::Linked:
    case Library::LmStudioShare::Outcome::Symlinked:
        Q_EMIT shared(tr("Shared with LM Studio: %1").arg(target), true);
        break;
    case Library::LmStudioShare::Outcome::Failed:
        qCWarning(lcLibrary) << "LM Studio:" << error;
        Q_EMIT shared(error, false);
        break;
    case Library::LmStudioShare::Outcome::Already:
    case Library::LmStudioShare::Outcome::Skipped:
        break;
    }
}

}  // namespace Plan
