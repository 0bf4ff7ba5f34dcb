#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Config {

struct RuntimeConfig;

// Moves what ModelDock 0.1 kept in ~/.local/share/ModelDock/ModelDock (data and settings
// together) and ~/.cache/ModelDock/ModelDock into the XDG folders of RuntimeConfig: settings
// into configDir, the rest into dataDir, previews into cacheDir, and the window's geometry
// (QSettings' ~/.config/ModelDock/ModelDock.conf) to configDir/window-state.ini.
//
// Every step is a rename, so each file is either in its old place or its new one; a run that
// was interrupted is finished by the next one, and a run with nothing left to move does
// nothing. A name present in both places is never overwritten: the new one stays in force
// and the old one is kept in "<old folder>.not-migrated", which the note names. Runs only
// for the default folders: a data folder given by MODELDOCK_DATA_DIR or --data-dir has no
// old layout to inherit.
class FolderMigration
{
public:
    struct Paths
    {
        QString oldData;       // ~/.local/share/ModelDock/ModelDock
        QString oldCache;      // ~/.cache/ModelDock/ModelDock
        QString oldViewState;  // ~/.config/ModelDock/ModelDock.conf (window geometry, QSettings)
        QString configDir;
        QString dataDir;
        QString cacheDir;
    };

    // The paths for `config`, or empty ones when it does not use the default folders.
    static Paths pathsFor(const RuntimeConfig &config,
                          const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // One sentence per thing done or left for the user (for the activity log); empty when
    // there was nothing to move.
    static QStringList run(const Paths &paths);

    // The files of the old data folder that belong in the config folder.
    static QStringList configFileNames();
};

}  // namespace Config
