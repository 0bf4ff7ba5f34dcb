#pragma once

#include "config/runtimeconfig.h"
#include "download/types.h"
#include "library/librarylayout.h"

namespace Settings {

class SettingsCenter;

// The bridge between the run's configuration (environment, command line) and the stored
// settings, shared by both composition roots so the CLI and the desktop app resolve the
// same values the same way: flag > environment > stored setting > default.

// The setting a runtime field corresponds to ("network.hfEndpoint" for HfEndpoint).
const char *settingKey(Config::RuntimeConfig::Field field);

// Pins on `settings` every field the environment or the command line set for this run.
// Returns one sentence (naming the variable or option and the rule) per value that is
// invalid and therefore not pinned.
QStringList pinRuntime(SettingsCenter *settings, const Config::RuntimeConfig &runtime);

// A folder setting as a path to use: "~" expanded to the home folder, made absolute.
QString folderSetting(const SettingsCenter &settings, const char *key);
// `runtime` with endpoints, folders and tokens replaced by the effective settings.
Config::RuntimeConfig resolvedRuntime(const SettingsCenter &settings, Config::RuntimeConfig runtime);

// The library layout in effect: library.layout (pinned or stored) with library.typeFolders.
Library::LibraryLayout libraryLayout(const SettingsCenter &settings);

// `base` with the pool's tunables taken from the settings.
Download::PoolOptions poolOptions(const SettingsCenter &settings, Download::PoolOptions base = {});

}  // namespace Settings
