#include "logging.h"

Q_LOGGING_CATEGORY(lcApp, "modeldock.app", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNet, "modeldock.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDownload, "modeldock.download", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSync, "modeldock.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDb, "modeldock.db", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSettings, "modeldock.settings", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLibrary, "modeldock.library", QtWarningMsg)
