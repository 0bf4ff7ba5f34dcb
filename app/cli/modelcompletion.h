#pragma once

#include <QString>
#include <QStringList>

namespace App {

// The hidden `modeldock-cli __complete-models PREFIX` the shell completions
// (packaging/completions) call: the model ids in the local catalog that start with PREFIX,
// one a line. Reads catalog.sqlite read-only, never creates, migrates or syncs anything, and
// prints nothing else (no catalog yet: no lines).
QStringList completeModels(const QString &dataDir, const QString &prefix, int limit = 200);

}  // namespace App
