#pragma once
// The exhaustive, deterministic explorer (SPEC 1.3 and section 2).
//
// From a state, every live transaction's next operation is offered to the
// model in file order: it runs, waits, or aborts the transaction. Before any
// operation is scheduled, waits-for cycles are resolved: the last-in-file
// transaction lying on a cycle is the victim and aborts at once (without a
// place in the schedule), and the rule repeats. Exploration is a depth-first
// search over these transitions; its order is fixed, so every run visits the
// same states in the same order and finds the same first witnesses.
//
// The explorer knows nothing of anomalies: it reports complete executions,
// deadlocks and aborts to an ExplorationObserver.

#include <cstdint>
#include <string>
#include <vector>

#include "explore/state.hpp"
#include "history/history.hpp"
#include "models/model.hpp"

namespace isocheck {

/// Receives what the explorer finds, in exploration order.
class ExplorationObserver {
public:
    virtual ~ExplorationObserver() = default;
    /// A complete execution: every transaction committed or aborted.
    virtual void execution(const State& leaf) = 0;
    /// A waits-for cycle exists in `at` (before the victim aborts); `waits`
    /// says, per member of the cycle, what its next operation waits for.
    virtual void deadlock(const State& at, const std::vector<TxnId>& cycle, TxnId victim,
                          const std::vector<std::string>& waits) = 0;
    /// An operation's effect was to abort its transaction; `after` includes the abort.
    virtual void abort(const State& after, TxnId t, AbortCause cause, const std::string& why) = 0;
};

struct ExploreLimits {
    std::uint64_t maxStates = 0;  ///< 0 = unbounded
};

struct ExploreSummary {
    std::uint64_t states = 0;
    std::uint64_t executions = 0;
    bool complete = true;
};

/// Why a fixed schedule cannot happen, or that it can.
struct ReplayResult {
    bool possible = true;
    std::size_t failedAt = 0;
    std::string why;
    std::uint64_t states = 1;  ///< states visited, the initial one included
    State state;  ///< the complete execution, or where it stopped
};

class Explorer {
public:
    Explorer(const History& h, const IsolationModel& m, ExplorationObserver& obs)
        : h_(h), model_(m), obs_(obs) {}

    /// Explores every schedule.
    ExploreSummary exploreAll(ExploreLimits limits);

    /// Runs `schedule` (transaction ids), then completes it as SPEC 3.1 says.
    ReplayResult replay(const std::vector<TxnId>& schedule);

private:
    struct Choice {
        TxnId txn;
        Outcome outcome;
        State next;  ///< the state after the step (when it ran or aborted)
    };

    /// Offers every live transaction's next operation; resolves deadlocks
    /// first (which changes `s`). Returns the enabled steps in file order.
    std::vector<Choice> expand(State& s);
    /// The step of t from s: runs, waits or aborts (abort applied to `next`).
    Choice offer(const State& s, TxnId t);
    void dfs(State s);

    const History& h_;
    const IsolationModel& model_;
    ExplorationObserver& obs_;
    ExploreLimits limits_;
    ExploreSummary summary_;
};

}  // namespace isocheck
