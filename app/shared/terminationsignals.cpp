#include "terminationsignals.h"

#include <QSocketNotifier>

#include <atomic>
#include <csignal>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace App {

namespace {

int g_pipe[2] = {-1, -1};
std::atomic_int g_signals{0};

void onSignal(int signal)
{
    if (g_signals.fetch_add(1) > 0)
        ::_exit(128 + signal);  // asked twice: the user means now
    const char byte = char(signal);
    [[maybe_unused]] const auto written = ::write(g_pipe[0], &byte, 1);
}

}  // namespace

void handleTerminationSignals(QObject *context, std::function<void(int)> handler, std::chrono::milliseconds deadline)
{
    if (g_pipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [handler = std::move(handler), deadline] {
        char byte = 0;
        if (::read(g_pipe[1], &byte, 1) != 1)
            return;
        const int signal = static_cast<unsigned char>(byte);
        if (deadline.count() > 0) {
            // However long the orderly shutdown would take (a worker hashing a large file),
            // the process is gone by then.
            std::thread([deadline, signal] {
                std::this_thread::sleep_for(deadline);
                ::_exit(128 + signal);
            }).detach();
        }
        handler(signal);
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

}  // namespace App
