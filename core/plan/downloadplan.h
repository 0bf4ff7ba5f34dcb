#pragma once

#include "download/types.h"
#include "net/httperror.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Plan {

// What the planner worked out: one group of files for the pool, plus what it refused.
// A plan with an error has no files; a plan with refusals still downloads everything else.
struct DownloadPlan
{
    QString name;  // group name: "cortexso/llama3.2@1b-gguf-q4-km"
    QList<Download::FileRequest> files;
    QStringList refused;   // one sentence per file or repo left out
    QStringList notes;     // what the user should know: which of a version's files was taken
    Net::HttpError error;  // the whole request failed

    bool ok() const { return !error.isError(); }
    qint64 knownBytes() const
    {
        qint64 total = 0;
        for (const Download::FileRequest &file : files)
            total += qMax<qint64>(0, file.expectedSize);
        return total;
    }
};

}  // namespace Plan
