#pragma once

#include <QLoggingCategory>

// The desktop front end's own category; core subsystems log through theirs (util/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcUi)
