#pragma once

#include "download/types.h"

class QThreadPool;

namespace Net {
class Session;
}

namespace Util {
class Clock;
}

namespace Xet {
class TermLedger;
}

namespace Download {

class ConnectionLanes;
class RateController;

// What a task (and the parts it is made of) borrows from its pool. Plain pointers: the pool
// outlives its tasks.
struct TaskEnvironment
{
    const Net::Session *session = nullptr;  // the network, tokens and User-Agent
    RateController *rate = nullptr;
    QThreadPool *io = nullptr;
    // Extractions of archives, one at a time (a disk writes one big stream fastest); io when
    // null.
    QThreadPool *unpack = nullptr;
    const PoolOptions *options = nullptr;
    // Connections per host, spread over lanes (a request waiting in Qt's own queue would
    // look stalled, so no task opens more than the lanes hold).
    ConnectionLanes *lanes = nullptr;
    // What backoff, stall detection, speed, flush intervals and the split advisor measure with.
    const Util::Clock *clock = nullptr;
    // Where a file with this SHA-256 and size may already be on disk (the library index);
    // null or empty: every file is fetched.
    const ReuseLookup *reuse = nullptr;
    // Which Xet terms local files already hold (the pool's, set after tasks may exist: hence
    // the pointer to it); null or pointing to null: every chunk is fetched.
    Xet::TermLedger *const *xetLedger = nullptr;
};

}  // namespace Download
