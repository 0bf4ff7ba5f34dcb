#pragma once

#include <chrono>

namespace Net {

// Exponential backoff with full jitter: attempt 1 waits up to `base`, each further attempt
// doubles the ceiling up to `cap`. A server-given delay (Retry-After, RateLimit) wins when it
// is longer.
class Backoff
{
public:
    Backoff(std::chrono::milliseconds base = std::chrono::seconds(1),
            std::chrono::milliseconds cap = std::chrono::seconds(30));

    std::chrono::milliseconds delayFor(int attempt,
                                       std::chrono::milliseconds serverDelay = std::chrono::milliseconds(-1)) const;

    std::chrono::milliseconds base() const { return m_base; }
    std::chrono::milliseconds cap() const { return m_cap; }

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
};

}  // namespace Net
