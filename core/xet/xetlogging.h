#pragma once

#include <QLoggingCategory>

// The Xet subsystem's category ("modeldock.xet"). Declared here rather than in util/logging.h
// so the Xet folder stays self-contained while the download task adopts it; enable with
// QT_LOGGING_RULES="modeldock.xet.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcXet)
