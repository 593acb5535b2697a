#pragma once
// Blocking wait for a card job's future for the CLI and tests: runs a local event loop meanwhile, so that queued
// signals (progress, finished) keep being delivered on the waiting thread.
#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>

namespace carddesk {

template <typename T> T waitForFuture(QFuture<T> future) {
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    return future.result();
}

} // namespace carddesk
