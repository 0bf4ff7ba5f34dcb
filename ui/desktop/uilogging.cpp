#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "modeldock.ui", QtWarningMsg)
