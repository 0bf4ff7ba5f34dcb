#include "xet/xetlogging.h"

Q_LOGGING_CATEGORY(lcXet, "modeldock.xet", QtWarningMsg)
