#pragma once

#include "hubresult.h"
#include "net/retrybudget.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace Hub {

// Runs one hub call (model info, a tree, refs, a collection, a Civitai model or version) and
// runs it again while it fails for a passing reason (429, 5xx, a dropped connection), within
// the policy's attempts and total wait, honouring the hub's Retry-After / RateLimit. Before
// each new attempt `notice` receives the sentence that says so ("… Retrying in 3 s."); when
// the budget is spent the callback receives the last error, its sentence saying why it
// stopped. The callback runs exactly once, unless `context` (never null) is destroyed first.
template <typename T>
void callWithRetry(const Net::RetryPolicy &policy, QObject *context,
                   std::function<void(std::function<void(const Result<T> &)>)> call,
                   std::function<void(const Result<T> &)> callback, std::function<void(const QString &)> notice = {})
{
    struct State
    {
        Net::RetryBudget budget;
        std::function<void()> attempt;
    };
    auto state = std::make_shared<State>(State{Net::RetryBudget(policy), {}});
    QPointer<QObject> alive(context);
    std::weak_ptr<State> weak = state;
    state->attempt = [weak, alive, call, callback, notice] {
        const std::shared_ptr<State> self = weak.lock();
        if (!self)
            return;
        call([self, alive, callback, notice](const Result<T> &result) {
            if (!alive) {
                self->attempt = nullptr;  // whoever asked is gone
                return;
            }
            if (result.ok() || !result.error.isRetryable()) {
                self->attempt = nullptr;  // breaks the self-reference
                callback(result);
                return;
            }
            const Net::RetryBudget::Decision decision = self->budget.afterFailure(result.error);
            if (!decision.retry) {
                Result<T> last = result;
                last.error.message = decision.message;
                self->attempt = nullptr;
                callback(last);
                return;
            }
            if (notice)
                notice(decision.message);
            QTimer::singleShot(decision.delay, alive.data(), [self] {
                if (self->attempt)
                    self->attempt();
            });
        });
    };
    state->attempt();
}

}  // namespace Hub
