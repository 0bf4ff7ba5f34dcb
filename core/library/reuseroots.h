#pragma once

#include "library/libraryindex.h"

#include <QProcessEnvironment>

namespace Library {

// The folders the library index reads: the Hugging Face cache and the library folder (ours and
// every tool's), the model folders of other apps where they are found on their own — LM Studio
// (~/.lmstudio/models, or where ~/.lmstudio-home-pointer says; the older
// ~/.cache/lm-studio/models), Ollama ($OLLAMA_MODELS, ~/.ollama/models, the Linux service's
// /usr/share/ollama/.ollama/models), llama.cpp's own cache ($LLAMA_CACHE, ~/.cache/llama.cpp)
// — and the folders a person added (setting library.reuseFolders, CLI --reuse-from).
// Folders that do not exist are left out; a folder inside another is read once.
// withApps false: only the cache, the library and the extra folders.
QList<IndexRoot> indexRoots(const QString &hfCache, const QString &libraryDir, const QStringList &extraFolders,
                            bool withApps = true,
                            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

// Only the other apps' folders found on their own (for Settings to show).
QList<IndexRoot> appRoots(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

// LM Studio's models folder: <home>/models, the home being ~/.lmstudio or where
// ~/.lmstudio-home-pointer says (LM Studio 0.3 writes it when the home was moved).
QString lmStudioModelsDir(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

}  // namespace Library
