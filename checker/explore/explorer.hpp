#pragma once
// The exhaustive, deterministic explorer (SPEC 1.3 and section 2).
//
// From a state, every live transaction's next operation is offered to the
// model (IsolationModel::decide): it runs, waits, or aborts the transaction.
// After every step, waits-for cycles are resolved: the last-in-file
// transaction lying on a cycle is the victim and aborts at once (without a
// place in the schedule), and the rule repeats. Exploration is a depth-first
// search over these steps, children in file order.
//
// Reduction (specs/exploration.md): with sleep sets (Godefroid 1996), a step
// already explored from a state stays asleep in its later siblings' subtrees
// for as long as the steps taken there commute with it (their footprints do
// not conflict), so each class of interleavings that differ only in the order
// of commuting steps is explored once. `Reduction::None` explores every
// interleaving, for tests and comparisons. `Reduction::Cached` adds state
// caching: a state reached again, by a path on which every transaction
// observed the same, is not explored again, except for the steps that were
// asleep at its first visit and are awake now; and persistent sets: from a
// state, only the steps of a set of transactions that no other
// transaction's remaining steps can interfere with (IsolationModel::future).
//
// The explorer knows nothing of anomalies: it reports complete executions,
// deadlocks and aborts to an ExplorationObserver. With several workers each
// has its own observer; the tree they explore, and so every count, is the
// same whatever the number of workers.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "execution/control.hpp"
#include "execution/state.hpp"
#include "history/history.hpp"
#include "models/model.hpp"

namespace isocheck {

enum class Reduction : std::uint8_t {
    None,       ///< every interleaving (for tests and comparisons)
    SleepSets,  ///< one interleaving per class of commuting steps
    /// Sleep sets, persistent sets (Godefroid 1996, chapter 4), and a state
    /// reached again with the same observations is not explored again
    /// (chapter 6): the default.
    Cached,
};

/// Receives what the explorer finds. Text is produced only on demand.
class ExplorationObserver {
public:
    virtual ~ExplorationObserver() = default;
    /// A complete execution: every transaction committed or aborted.
    virtual void execution(const State& leaf, const Log& log) = 0;
    /// A waits-for cycle exists after `log` (before the victim aborts);
    /// `waits()` says, per member of the cycle, what its next operation waits for.
    virtual void deadlock(const Log& log, std::span<const TxnId> cycle, TxnId victim,
                          const std::function<std::vector<Wait>()>& waits) = 0;
    /// An operation's effect was to abort t; `log` includes the abort.
    virtual void abort(const Log& log, TxnId t, AbortCause cause,
                       const std::function<std::string()>& why) = 0;
};

/// Reduction::Cached: one worker explores the tree with one cache; past this
/// many states, what it has not explored yet is cut into subtrees for all
/// workers, each explored with a cache of its own.
inline constexpr std::uint64_t kWholeTreeStates = 25'000;

struct ExploreLimits {
    std::uint64_t maxStates = 0;     ///< 0 = unbounded (per model, over all workers)
    RunControl* control = nullptr;   ///< stop requests and live counters; may be null
    std::uint64_t wholeTreeStates = kWholeTreeStates;  ///< tests lower it to cut small trees (0: at the root)
};

struct ExploreSummary {
    std::uint64_t states = 0;
    std::uint64_t executions = 0;
    bool complete = true;
    StopReason stopReason = StopReason::None;
};

/// Why a fixed schedule cannot happen, or that it can.
struct ReplayResult {
    bool possible = true;
    std::size_t failedAt = 0;
    std::string why;
    std::uint64_t states = 1;  ///< states visited, the initial one included
    State state;               ///< the complete execution, or where it stopped
    Log log;
    Wait wait{};               ///< when the failed step waits: on whom (waitsFor 0 when it had ended)
    std::vector<StepOutcome> outcomes;  ///< a transcript's: one per step taken
};

class Explorer {
public:
    Explorer(const History& h, const IsolationModel& m, Reduction r = Reduction::SleepSets);

    /// Explores every schedule with `observers.size()` workers (at least one);
    /// each worker reports to its own observer.
    ExploreSummary exploreAll(std::span<ExplorationObserver* const> observers,
                              ExploreLimits limits);

    /// The same, restricted to part `index` of `count` (--shard): a fixed,
    /// disjoint division of the tree that does not depend on the workers.
    ExploreSummary exploreShard(std::span<ExplorationObserver* const> observers,
                                ExploreLimits limits, unsigned index, unsigned count);

    /// Runs `schedule` (transaction ids), then completes it as SPEC 3.1 says.
    /// As a `transcript` (specs/format.md), a step that has to wait is sent
    /// all the same and stays pending, its transaction blocked, until a
    /// later step releases it; then it takes effect at once, pending steps
    /// in the order they were sent.
    ReplayResult replay(const std::vector<TxnId>& schedule, ExplorationObserver& obs,
                        bool transcript = false);

    struct Node;  ///< a state to expand, with its sleep set (explorer.cpp)

private:
    struct Run;
    /// Decides every live transaction's next operation into `decisions` and
    /// aborts deadlock victims until no waits-for cycle is left; `resolved`
    /// is set when one was.
    /// The decisions before a step, which settle() may keep for the steps
    /// that commute with it.
    struct Reuse {
        const std::vector<Decision>* parent;
        TxnId stepped;
        Footprint footprint;
    };
    /// `sent`: the transactions whose next operation counts as sent, the
    /// only ones that wait on a waits-for cycle (a transcript's pending
    /// steps); every transaction otherwise. `closer`: the transaction whose
    /// statement a transcript just sent, which closes any cycle found
    /// (IsolationModel::deadlockVictim); kNoTxn elsewhere. Exploration
    /// sends no statement before it takes effect, so there no request
    /// closes a cycle: the waits it finds are those of operations not yet
    /// sent, any of which an engine could receive last.
    void settle(State& s, Log& log, std::vector<Decision>& decisions, bool& resolved,
                ExplorationObserver& obs, const Reuse* reuse = nullptr,
                std::uint64_t sent = ~std::uint64_t{0}, TxnId closer = kNoTxn) const;
    /// Whether t, holding no lock, version or marker, can only abort, and
    /// unseen: its decision `d` is an inevitable abort, or its next steps
    /// until one are taken alone, depending on nothing others change and
    /// changing nothing they observe (empty footprints). Every execution
    /// from `s` is then equivalent to one where t's steps come first.
    /// Those steps are taken on `s` itself, which is then put back as it was;
    /// `scratch` keeps t's state and their log meanwhile, reused.
    struct Scratch {
        TxnState txn;
        Log log;
        State state;                   ///< closesCycle()'s
        std::vector<Decision> decisions;  ///< closesCycle()'s
    };
    [[nodiscard]] bool doomed(State& s, TxnId t, const Decision& d, Scratch& scratch) const;
    /// doomed()'s case for a transaction holding locks and versions that no
    /// other live transaction's future touches (needs the futures).
    [[nodiscard]] bool holdsOnlyUntouched(const State& s, TxnId t) const;
    /// doomed()'s case for models whose uncommitted writes only make others
    /// wait: t's next step is its abort, or its last write before one.
    [[nodiscard]] bool abortsUnseen(const State& s, TxnId t, const Decision& d) const;
    /// doomed()'s case under SSI: t holds only markers, and reads that
    /// nothing can change lead it to an inevitable abort.
    [[nodiscard]] bool readsToAbort(const State& s, TxnId t, const Decision& d, Scratch& scratch) const;
    /// Whether u's step, enabled at the settled state s whose decisions are
    /// `decisions`, would close a waits-for cycle (a deadlock resolved right
    /// after it); taken on a copy in `scratch`.
    [[nodiscard]] bool closesCycle(const State& s, std::span<const Decision> decisions, TxnId u,
                                   Scratch& scratch) const;
    /// A persistent set at the settled state s, as a bit set of
    /// transactions: only its enabled members' steps need be explored.
    [[nodiscard]] std::uint64_t persistentSet(const State& s, std::span<const Decision> decisions) const;
    /// IsolationModel::future of t where it stands in s, from the table.
    [[nodiscard]] const Footprint& futureOf(const State& s, TxnId t) const;
    /// Whether a then b and b then a, both enabled at the settled state s
    /// whose decisions are `decisions`, commute exactly.
    struct CommuteScratch;  ///< commuteAt()'s states and logs, reused (explorer.cpp)
    [[nodiscard]] bool commuteAt(const State& s, const std::vector<Decision>& decisions, TxnId a, TxnId b,
                                 CommuteScratch& scratch) const;

    const History& h_;
    const IsolationModel& model_;
    Reduction reduction_;
    /// Log::steps, for P1 on happens-before: only where a read commutes with
    /// its writer's commit (IsolationModel::readsLatest) and the reduction
    /// takes one order of them.
    bool recordSteps_ = false;
    std::size_t maxDepth_ = 0;  ///< operations in all: the deepest a search goes
    /// Reduction::Cached: IsolationModel::future per transaction, position
    /// and whether it started (futures_[futureAt_[t] + 2 pc + started]);
    /// empty under the other reductions.
    std::vector<Footprint> futures_;
    std::vector<std::size_t> futureAt_;
    /// Reduction::Cached and some future is bounded (not every one global).
    bool persistentSets_ = false;
};

}  // namespace isocheck
