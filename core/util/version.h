#pragma once

#include <QString>

namespace Util {

inline QString applicationVersion()
{
    return QStringLiteral(MODELDOCK_VERSION);
}

}  // namespace Util
