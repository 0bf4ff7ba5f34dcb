#pragma once

#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace Util {

// Runs handler(result) on the context's thread when the future finishes; never after the
// context is gone (the watcher is its child). Used instead of QFuture::then(context, …):
// on Qt 6.4 a continuation attached while the worker is finishing can be lost, which left a
// reader waiting forever.
template <typename T, typename Handler> void whenFinished(QObject *context, QFuture<T> future, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, handler = std::move(handler)]() mutable {
                         watcher->deleteLater();
                         handler(watcher->result());
                     });
    watcher->setFuture(std::move(future));
}

}  // namespace Util
