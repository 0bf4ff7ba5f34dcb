#pragma once

#include <QByteArray>

#include <chrono>

namespace Hub {

// The RateLimit header (draft-ietf-httpapi-ratelimit-headers), which Hugging Face sends on
// every answer, not only on 429: a list of policies, each `"name";r=<remaining>;t=<seconds
// until the window resets>`. Duplicate headers arrive joined by commas and are one list.
class RateLimit
{
public:
    // How long to wait before the next request because some policy has nothing left (r=0):
    // its reset time plus a second of slack for clocks that round. -1 when every policy
    // still allows requests, or there is no usable header.
    static std::chrono::milliseconds quotaResetIn(const QByteArray &header);
};

}  // namespace Hub
