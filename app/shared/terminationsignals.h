#pragma once

#include <QObject>

#include <chrono>
#include <functional>

namespace App {

// Turns SIGINT and SIGTERM into a call of onSignal(signal) on the thread of `context`, through
// a self-pipe (the handler itself only writes one byte). A second signal ends the process at
// once with 128 + signal; so does the first one when `deadline` is positive and the process is
// still running that long after it. Downloads are safe either way: the journal only ever counts
// bytes that are already synced to disk, so the next run resumes from them.
void handleTerminationSignals(QObject *context, std::function<void(int)> handler,
                              std::chrono::milliseconds deadline = std::chrono::milliseconds(0));

}  // namespace App
