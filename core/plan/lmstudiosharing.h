#pragma once

#include "download/types.h"

#include <QObject>
#include <QString>

#include <functional>

namespace Download {
class DownloadPool;
}

namespace Plan {

// Setting library.shareWithLmStudio: each Hugging Face GGUF the pool finishes is linked into
// LM Studio's models folder (Library::LmStudioShare), whoever asked for it. `enabled` is read
// at each finished file, so the setting applies live.
class LmStudioSharing : public QObject
{
    Q_OBJECT
public:
    LmStudioSharing(Download::DownloadPool *pool, std::function<bool()> enabled, QString modelsDir,
                    QObject *parent = nullptr);

Q_SIGNALS:
    // A sentence for the activity log or the terminal: what was linked where, or why not.
    void shared(const QString &sentence, bool ok);

private:
    void onFinished(Download::TaskId id);

    Download::DownloadPool *m_pool;
    std::function<bool()> m_enabled;
    QString m_modelsDir;
};

}  // namespace Plan
