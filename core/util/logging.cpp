#include "logging.h"

Q_LOGGING_CATEGORY(lcApp, "modeldock.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "modeldock.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDownload, "modeldock.download", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "modeldock.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "modeldock.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "modeldock.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLibrary, "modeldock.library", QtInfoMsg)
