#pragma once

#include <QString>

namespace Ui {

// Shows a file in the desktop's file manager with the file selected: the freedesktop
// FileManager1 ShowItems call over the session bus (Dolphin, Nautilus, Nemo, Thunar… answer
// it). Without a session bus or such a service, the nearest existing folder opens instead.
class FileRevealer
{
public:
    // true when the file manager was asked to select the file; false when the folder was
    // opened instead (or nothing could be).
    static bool reveal(const QString &path);
    // The nearest folder that exists (an unfinished file's snapshot folder may not exist yet):
    // the path itself when it is one, else a parent.
    static QString existingFolder(const QString &path);
};

}  // namespace Ui
