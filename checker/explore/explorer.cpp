#include "explore/explorer.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "execution/fingerprint.hpp"
#include "models/common.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

/// Nodes lying on a cycle of the waits-for graph `waits` (bit sets).
std::uint64_t nodesOnCycles(std::span<const std::uint64_t> waits) {
    // Only the first waits.size() words are used, each written before it is
    // read: no need to clear all kMaxTxns of them on every call.
    std::array<std::uint64_t, kMaxTxns> reachStore;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    const std::span<std::uint64_t> reach(reachStore.data(), waits.size());
    std::ranges::copy(waits, reach.begin());
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t t = 0; t < reach.size(); ++t) {
            std::uint64_t r = reach[t];
            for (std::uint64_t rest = reach[t]; rest != 0; rest &= rest - 1)
                r |= reach[static_cast<std::size_t>(std::countr_zero(rest))];
            if (r != reach[t]) reach[t] = r, changed = true;
        }
    }
    std::uint64_t on = 0;
    for (std::size_t t = 0; t < reach.size(); ++t)
        if (reach[t] & bit(static_cast<TxnId>(t))) on |= bit(static_cast<TxnId>(t));
    return on;
}

/// The shortest waits-for cycle through `victim`, starting at it; among
/// equally short ones, the one through the lowest transaction ids.
std::vector<TxnId> cycleThrough(std::span<const std::uint64_t> waits, TxnId victim) {
    std::vector<int> parent(waits.size(), -1);
    std::deque<TxnId> queue{victim};
    while (!queue.empty()) {
        const TxnId u = queue.front();
        queue.pop_front();
        for (TxnId v = 0; v < waits.size(); ++v) {
            if (!(waits[u] & bit(v))) continue;
            if (v == victim) {
                std::vector<TxnId> cycle{u};
                while (cycle.back() != victim) cycle.push_back(static_cast<TxnId>(parent[cycle.back()]));
                std::ranges::reverse(cycle);
                return cycle;
            }
            if (parent[v] == -1) parent[v] = u, queue.push_back(v);
        }
    }
    ISOCHECK_ASSERT(false);  // victim lies on a cycle
}

std::string endedWhy(const History& h, const State& s, TxnId t) {
    const TxnState& ts = s.txns[t];
    std::string why = h.txns[t].name + " has already ended (";
    if (ts.status == TxnStatus::Committed) return why + "committed)";
    switch (ts.cause) {
        case AbortCause::Deadlock: return why + "deadlock victim)";
        case AbortCause::Serialization: return why + "serialization failure)";
        case AbortCause::SnapshotTooOld: return why + "snapshot too old)";
        default: return why + "aborted)";
    }
}

/// A step explored from an ancestor that need not be explored again while
/// the steps taken since commute with it.
struct SleepEntry {
    TxnId txn;
    Footprint footprint;
};

using Decisions = std::vector<Decision>;  ///< TxnId -> the decision on its next operation

/// How often a worker publishes its counts and looks for a stop request.
constexpr std::uint64_t kFlushEvery = 256;
/// Nodes this shallow may be handed to idle workers.
constexpr std::size_t kShareDepth = 32;
/// Reduction::Cached: the subtrees a large tree is cut into, at least.
constexpr std::size_t kSubtrees = 64;

/// Reduction::Cached: the subtrees a large tree is cut into, at most.
constexpr std::size_t kMaxSubtrees = 1024;
/// Reduction::Cached: the heaviest subtree is split while it is estimated to
/// carry more than 1 / kHeaviestShare of the work.
constexpr double kHeaviestShare = 16;

/// The natural logarithm of the number of interleavings of what the live
/// transactions of `s` have left: the multinomial coefficient (R; r1, ...,
/// rn), R = r1 + ... + rn. A measure of a subtree's work, for dividing it.
double logInterleavings(const History& h, const State& s) {
    double left = 0;
    double out = 0;
    for (TxnId t = 0; t < s.txns.size(); ++t) {
        if (!s.txns[t].live()) continue;
        const double r = static_cast<double>(h.txns[t].ops.size() - s.txns[t].pc);
        left += r;
        out -= std::lgamma(r + 1);
    }
    return out + std::lgamma(left + 1);
}

/// Reports nothing: for the levels above a shard's part, in other parts.
struct Discard final : ExplorationObserver {
    void execution(const State&, const Log&) override {}
    void deadlock(const Log&, std::span<const TxnId>, TxnId,
                  const std::function<std::vector<Wait>()>&) override {}
    void abort(const Log&, TxnId, AbortCause, const std::function<std::string()>&) override {}
};

/// Whether the state cache (Reduction::Cached) keeps a state: not, this one,
/// or this one and every one below it.
enum class Cache : std::uint8_t { No, Here, FromHere };

/// The state cache's key: the configuration, and per transaction a
/// fingerprint of everything it observed (its events, in order), so that
/// two paths meet only where every transaction observed the same.
Fingerprint cacheKey(const State& s, const Log& log, std::vector<Fingerprint>& perTxn) {
    perTxn.assign(s.txns.size(), Fingerprint{});
    for (std::size_t i = 0; i < log.events.size(); ++i) {
        const Event& e = log.events[i];
        addEvent(perTxn[e.txn], e, log);
        // Whether a read may have been dirty is decided by the path, not the
        // state (Log::readsBeforeCommit): paths meet only where it agrees.
        if (e.kind == EventKind::Read) perTxn[e.txn].add(log.readsBeforeCommit(i, e.version));
        if (e.kind == EventKind::PredicateRead)
            for (const KeyId k : log.predicateReads[e.predicateRead].returned)
                perTxn[e.txn].add(log.readsBeforeCommit(i, log.predicateReads[e.predicateRead].vset[k]));
    }
    Fingerprint key;
    addState(key, s);
    for (const Fingerprint& f : perTxn) key.add(f);
    return key;
}

/// Records the deadlocks and aborts of a few steps, to compare two orders.
struct Recorder final : ExplorationObserver {
    std::vector<std::vector<TxnId>> deadlocks;
    std::vector<std::pair<AbortCause, TxnId>> aborts;
    void execution(const State&, const Log&) override {}
    void deadlock(const Log&, std::span<const TxnId> cycle, TxnId,
                  const std::function<std::vector<Wait>()>&) override {
        deadlocks.emplace_back(cycle.begin(), cycle.end());
    }
    void abort(const Log&, TxnId t, AbortCause cause, const std::function<std::string()>&) override {
        aborts.emplace_back(cause, t);
    }
    void sort() {
        std::ranges::sort(deadlocks);
        std::ranges::sort(aborts);
    }
    bool operator==(const Recorder& o) const { return deadlocks == o.deadlocks && aborts == o.aborts; }
};

}  // namespace

/// commuteAt()'s two orders: their states, logs, deadlocks and aborts, kept
/// by each worker so that trying both orders allocates nothing once warm.
struct Explorer::CommuteScratch {
    std::array<State, 2> states;
    std::array<Log, 2> logs;
    std::array<Recorder, 2> recorders;
    Decisions current, next;
};

struct Explorer::Node {
    State state;
    Log log;
    std::vector<SleepEntry> sleep;
    Decisions decisions;
    std::size_t depth = 0;
};

/// One exploration: the shared queue of subtrees, counts and the stop flag.
struct Explorer::Run {
    Run(const Explorer& e, ExploreLimits l) : ex(e), limits(l) {}

    const Explorer& ex;
    ExploreLimits limits;
    bool share = false;  ///< hand subtrees to idle workers
    /// Reduction::Cached, one worker with one cache: past this many states,
    /// every step not yet taken is queued as a subtree instead (cutting),
    /// for all workers to explore, each with a cache of its own.
    std::optional<std::uint64_t> wholeTreeBound;
    bool cutting = false;
    /// Reduction::Cached with a cut: the states the one worker visited
    /// before it, read by every worker after it (specs/exploration.md 3).
    const std::unordered_set<Fingerprint, FingerprintHash>* firstCache = nullptr;

    std::atomic<std::uint64_t> states{0};
    std::atomic<std::uint64_t> executions{0};
    std::atomic<StopReason> stop{StopReason::None};

    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Node> queue;
    std::atomic<std::size_t> queued{0};
    unsigned busy = 0;
    unsigned idle = 0;

    /// Runs every worker until the queue is empty and nobody is working.
    ExploreSummary drive(std::span<ExplorationObserver* const> observers);

    /// A worker's scratch for one depth of its search, reused so that
    /// copying a state into it allocates nothing once warm.
    struct Frame {
        State state;
        Decisions decisions;
        std::vector<SleepEntry> sleep;
        std::vector<SleepEntry> explored;
    };

    struct Worker {
        Run& run;
        ExplorationObserver& obs;
        std::vector<Frame> frames;     ///< by depth
        Scratch scratch{};             ///< doomed()'s
        CommuteScratch commute{};      ///< commuteAt()'s
        std::uint64_t states = 0;      ///< not yet published
        std::uint64_t executions = 0;  ///< not yet published
        /// Reduction::Cached: the states of the current subtree.
        std::unordered_set<Fingerprint, FingerprintHash> seenStates{};
        std::vector<Fingerprint> perTxn{};  ///< cacheKey's scratch

        /// Counts a visited state; false when the run must stop.
        bool enter();
        void flush();
        void settle(State& s, Log& log, Decisions& decisions, bool& resolved,
                    const Reuse* reuse = nullptr) {
            run.ex.settle(s, log, decisions, resolved, obs, reuse);
        }
        void visit(State& s, Log& log, const std::vector<SleepEntry>& sleep,
                   Decisions& decisions, std::size_t depth, Cache cache = Cache::No);
        void work();
        /// Visits `n` at `depth` in a run that hands every child out (share,
        /// one idle worker) and returns the children, each a subtree with its
        /// sleep set and log; none when `n` was a leaf or was explored whole.
        std::vector<Node> children(Node& n, std::size_t depth);
    };

    void requestStop(StopReason why) {
        StopReason none = StopReason::None;
        stop.compare_exchange_strong(none, why);
    }
    [[nodiscard]] bool stopping() {
        if (limits.control != nullptr && limits.control->stopRequested())
            requestStop(limits.control->stop.load());
        return stop.load(std::memory_order_relaxed) != StopReason::None;
    }
    void push(Node&& n) {
        {
            const std::lock_guard lock(mutex);
            queue.push_back(std::move(n));
            queued.store(queue.size(), std::memory_order_relaxed);
        }
        wake.notify_one();
    }
    /// Whether a worker at `depth` should hand its children out.
    [[nodiscard]] bool hungry(std::size_t depth) const {
        return share && depth < kShareDepth && queued.load(std::memory_order_relaxed) < 2 &&
               idleWorkers.load(std::memory_order_relaxed) > 0;
    }
    std::atomic<unsigned> idleWorkers{0};
};

void Explorer::Run::Worker::flush() {
    run.states += states;
    run.executions += executions;
    if (run.limits.control != nullptr) {
        run.limits.control->states += states;
        run.limits.control->executions += executions;
    }
    states = executions = 0;
}

bool Explorer::Run::Worker::enter() {
    if (run.wholeTreeBound && run.states.load(std::memory_order_relaxed) + states > *run.wholeTreeBound)
        run.cutting = true;
    if (run.limits.maxStates != 0 &&
        run.states.load(std::memory_order_relaxed) + states >= run.limits.maxStates) {
        run.requestStop(StopReason::MaxStates);
        return false;
    }
    if (++states % kFlushEvery == 0) {
        flush();
        if (run.stopping()) return false;
    }
    return run.stop.load(std::memory_order_relaxed) == StopReason::None;
}

// Decides every live transaction's next operation and resolves waits-for
// cycles: the victim, by the model's rule (SPEC 2: the last-in-file
// transaction on a cycle), aborts at once and the rule repeats.
void Explorer::settle(State& s, Log& log, std::vector<Decision>& decisions, bool& resolved,
                      ExplorationObserver& obs, const Reuse* reuse, std::uint64_t sent,
                      TxnId closer) const {
    const History& h = h_;
    const IsolationModel& model = model_;
    decisions.resize(s.txns.size());
    std::array<std::uint64_t, kMaxTxns> waitStore;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    const std::span<std::uint64_t> waits(waitStore.data(), s.txns.size());
    for (;;) {
        std::ranges::fill(waits, 0);
        bool anyWaits = false;
        for (TxnId t = 0; t < s.txns.size(); ++t) {
            if (!s.txns[t].live()) continue;
            // A decision the step commutes with stands (its footprint says
            // what it depends on); the first round after a step only.
            const Decision* before = reuse != nullptr ? &(*reuse->parent)[t] : nullptr;
            if (before != nullptr && t != reuse->stepped && before->enabled() &&
                !before->footprint.conflictsWith(reuse->footprint)) {
                decisions[t] = *before;
                continue;
            }
            decisions[t] = model.decide(h, s, t, false);
            if (decisions[t].kind == Decision::Kind::Waits && (sent & bit(t)) != 0)
                waits[t] = decisions[t].waitsFor, anyWaits = true;
        }
        if (!anyWaits) return;
        const std::uint64_t onCycle = nodesOnCycles(waits);
        if (onCycle == 0) return;
        resolved = true;
        reuse = nullptr;
        const TxnId victim = model.deadlockVictim(s, onCycle, closer, waits);
        const std::vector<TxnId> cycle = cycleThrough(waits, victim);
        obs.deadlock(log, cycle, victim, [&] {
            std::vector<Wait> reasons;
            for (TxnId t : cycle) {
                Decision d = model.decide(h, s, t, true);
                reasons.push_back(Wait{t, s.txns[t].pc, d.waitsFor, std::move(d.why)});
            }
            return reasons;
        });
        model.abort(h, s, log, victim, AbortCause::Deadlock, false);
        obs.abort(log, victim, AbortCause::Deadlock, [&] {
            return h.txns[victim].name + " is the deadlock victim (" + std::string(model.victimRule()) + ")";
        });
    }
}

namespace {

/// Whether the two logs record, per transaction, the same observations.
bool sameObservations(const Log& a, const Log& b, std::size_t txns) {
    if (a.events.size() != b.events.size()) return false;
    for (TxnId t = 0; t < txns; ++t) {
        auto ia = a.events.begin();
        auto ib = b.events.begin();
        for (;;) {
            ia = std::find_if(ia, a.events.end(), [t](const Event& e) { return e.txn == t; });
            ib = std::find_if(ib, b.events.end(), [t](const Event& e) { return e.txn == t; });
            if (ia == a.events.end() || ib == b.events.end()) {
                if ((ia == a.events.end()) != (ib == b.events.end())) return false;
                break;
            }
            Event ea = *ia, eb = *ib;
            if (ea.kind == EventKind::PredicateRead) {
                if (eb.kind != EventKind::PredicateRead ||
                    a.predicateReads[ea.predicateRead] != b.predicateReads[eb.predicateRead])
                    return false;
                ea.predicateRead = eb.predicateRead = 0;
            }
            if (ea != eb) return false;
            ++ia, ++ib;
        }
    }
    return true;
}

}  // namespace

// The exact test behind a conservative footprint (specs/exploration.md):
// from s, taking a then b and b then a reach the same state, each operation
// observing the same, with the same deadlocks and aborts on the way.
bool Explorer::commuteAt(const State& s, const std::vector<Decision>& decisions, TxnId a, TxnId b,
                         CommuteScratch& scratch) const {
    // `s` is settled and `decisions` are its own: the first step of each
    // order starts from them instead of deciding every transaction again.
    // Each step keeps the decisions it commutes with, as visit() does.
    const auto twoSteps = [&](TxnId first, TxnId second, State& st, Log& log, Recorder& rec) {
        st = s;
        log.truncate({});
        rec.deadlocks.clear();
        rec.aborts.clear();
        const Decisions* before = &decisions;
        std::array<Decisions*, 2> after{&scratch.current, &scratch.next};
        bool resolved = false;
        for (TxnId t : {first, second}) {
            const Decision& d = (*before)[t];
            if (!st.txns[t].live() || !d.enabled()) return false;
            if (d.kind == Decision::Kind::Runs) {
                model_.apply(h_, st, log, t);
            } else {
                model_.abort(h_, st, log, t, d.cause, true);
                rec.abort(log, t, d.cause, {});
            }
            const Reuse reuse{before, t, d.footprint};
            settle(st, log, *after[0], resolved, rec, &reuse);
            before = after[0];
            std::swap(after[0], after[1]);
        }
        rec.sort();
        return true;
    };
    State& sa = scratch.states[0];
    State& sb = scratch.states[1];
    Log& la = scratch.logs[0];
    Log& lb = scratch.logs[1];
    Recorder& ra = scratch.recorders[0];
    Recorder& rb = scratch.recorders[1];
    return twoSteps(a, b, sa, la, ra) && twoSteps(b, a, sb, lb, rb) &&
           (sa.allEnded() && sb.allEnded() ? endsAlike(sa, sb) : alike(sa, sb)) && ra == rb &&
           sameObservations(la, lb, s.txns.size());
}

void Explorer::Run::Worker::visit(State& s, Log& log, const std::vector<SleepEntry>& sleep,
                                  Decisions& decisions,
                                  std::size_t depth, Cache cache) {
    if (!enter()) return;
    const History& h = run.ex.h_;
    const IsolationModel& model = run.ex.model_;
    // State caching (Godefroid 1996, 6.2, with sleep sets): the state and
    // what each transaction observed so far decide everything reported from
    // here on, and everything reported from the first visit is covered
    // (specs/exploration.md 2.4), so a second visit explores nothing.
    if (run.ex.reduction_ == Reduction::Cached && (cache != Cache::No || model.meetsAnywhere())) {
        const Fingerprint key = cacheKey(s, log, perTxn);
        if ((run.firstCache != nullptr && run.firstCache->contains(key)) || !seenStates.insert(key).second) {
            if (s.allEnded()) ++executions;  // an execution reached again: counted, already reported
            return;
        }
    }
    if (s.allEnded()) {
        ++executions;
        obs.execution(s, log);
        return;
    }
    const bool reduce = run.ex.reduction_ != Reduction::None;
    const bool handOut = run.hungry(depth);
    // An inevitable abort of a transaction that holds nothing changes nothing
    // any other step observes, and no other step can change it: every
    // execution from here is equivalent to one where it comes first, so it
    // alone is explored (specs/exploration.md, "inevitable aborts"); so are
    // the unseen steps that lead such a transaction to it.
    std::optional<TxnId> forced;
    if (reduce)
        for (TxnId t = 0; t < s.txns.size() && !forced; ++t)
            if (s.txns[t].live() && run.ex.doomed(s, t, decisions[t], scratch)) forced = t;
    // Otherwise a persistent set: the steps of transactions outside it
    // cannot interfere with it (specs/exploration.md 2.6).
    const std::uint64_t persistent =
        run.ex.persistentSets_ && !forced ? run.ex.persistentSet(s, decisions) : ~std::uint64_t{0};
    // Depth only grows by scheduled steps, at most one per operation.
    if (frames.size() < depth + 2) frames.resize(std::max(depth + 2, run.ex.maxDepth_ + 2));
    std::vector<SleepEntry>& explored = frames[depth].explored;
    explored.clear();
    // Whether a sleeping transaction's step would close a waits-for cycle
    // here: asked once per state, when first needed.
    std::uint64_t cycleAsked = 0;
    std::uint64_t cycleCloses = 0;
    const auto closesCycle = [&](TxnId u) {
        if ((cycleAsked & bit(u)) == 0) {
            cycleAsked |= bit(u);
            if (run.ex.closesCycle(s, decisions, u, scratch)) cycleCloses |= bit(u);
        }
        return (cycleCloses & bit(u)) != 0;
    };
    for (TxnId t = 0; t < s.txns.size(); ++t) {
        const Decision& d = decisions[t];
        if (!s.txns[t].live() || !d.enabled() || (forced && t != *forced) || (persistent & bit(t)) == 0)
            continue;
        if (std::ranges::any_of(sleep, [t](const SleepEntry& e) { return e.txn == t; })) continue;
        const Log::Mark mark = log.mark();
        Frame& child = frames[depth + 1];
        child.state = s;
        if (d.kind == Decision::Kind::Runs) {
            model.apply(h, child.state, log, t);
        } else {
            model.abort(h, child.state, log, t, d.cause, true);
            obs.abort(log, t, d.cause, [&] { return model.decide(h, s, t, true).why; });
        }
        bool resolved = false;
        const Reuse reuse{&decisions, t, d.footprint};
        settle(child.state, log, child.decisions, resolved, reduce ? &reuse : nullptr);
        Footprint footprint = d.footprint;
        footprint.global = footprint.global || resolved;
        if (run.ex.recordSteps_)
            log.addStep(mark, t, child.state.txns[t].status == TxnStatus::Committed, footprint);
        child.sleep.clear();
        if (reduce) {
            // A step stays asleep while the step taken commutes with it: by
            // footprints, or, where a footprint over-approximates (one side
            // resolved a deadlock, or SSI's conflict tracking), by trying
            // both orders. A step asleep since an ancestor carries the
            // footprints it had there and at every state since (a commuting
            // step can change what it would touch); whether it would close a
            // waits-for cycle may have changed on the way, so where that
            // decides, it is asked here (specs/exploration.md 2.3).
            for (const std::vector<SleepEntry>* list :
                 {&sleep, static_cast<const std::vector<SleepEntry>*>(&explored)})
                for (const SleepEntry& e : *list) {
                    if (e.txn == t || !child.state.txns[e.txn].live()) continue;
                    const bool inherited = list == &sleep;
                    const bool overApproximated =
                        e.footprint.global || footprint.global || e.footprint.coarse || footprint.coarse;
                    const bool byFootprint = !e.footprint.conflictsWith(footprint);
                    const bool tryBoth =
                        byFootprint ? inherited && closesCycle(e.txn) : overApproximated;
                    if (tryBoth ? run.ex.commuteAt(s, decisions, e.txn, t, commute) : byFootprint) {
                        // Under SSI, a writer's commit makes its flags tested.
                        SleepEntry kept = e;
                        kept.footprint |= child.decisions[e.txn].footprint;
                        child.sleep.push_back(kept);
                    }
                }
        }
        if (handOut || run.cutting) {
            run.push(Node{child.state, log, child.sleep, child.decisions, depth + 1});
        } else {
            // Paths that do not commute meet again right after deadlocks
            // resolved in another order and some time after a writer's own
            // abort undid what a reader waited out; under SSI, anywhere
            // (IsolationModel::meetsAnywhere, specs/exploration.md 2.4).
            const AbortCause cause = child.state.txns[t].cause;
            const bool meets = cause == AbortCause::User;
            const Cache next = cache == Cache::FromHere || meets
                                   ? Cache::FromHere
                               : resolved ? Cache::Here
                                          : Cache::No;
            visit(child.state, log, child.sleep, child.decisions, depth + 1, next);
        }
        log.truncate(mark);
        if (reduce) explored.push_back({t, footprint});
        if (run.stop.load(std::memory_order_relaxed) != StopReason::None) return;
    }
}

void Explorer::Run::Worker::work() {
    for (;;) {
        Node node;
        {
            std::unique_lock lock(run.mutex);
            ++run.idle;
            run.idleWorkers = run.idle;
            run.wake.wait(lock, [&] { return !run.queue.empty() || run.busy == 0; });
            --run.idle;
            run.idleWorkers = run.idle;
            if (run.queue.empty()) break;  // nothing queued and nobody working: done
            node = std::move(run.queue.front());
            run.queue.pop_front();
            run.queued.store(run.queue.size(), std::memory_order_relaxed);
            ++run.busy;
        }
        if (run.stop.load(std::memory_order_relaxed) == StopReason::None) {
            seenStates.clear();  // each subtree its own cache
            visit(node.state, node.log, node.sleep, node.decisions, node.depth);
        }
        {
            const std::lock_guard lock(run.mutex);
            --run.busy;
            if (run.stop.load(std::memory_order_relaxed) != StopReason::None) run.queue.clear();
        }
        run.wake.notify_all();
    }
    flush();
    run.wake.notify_all();
}

std::vector<Explorer::Node> Explorer::Run::Worker::children(Node& n, std::size_t depth) {
    run.queue.clear();
    run.queued = 0;
    seenStates.clear();
    visit(n.state, n.log, n.sleep, n.decisions, depth);
    std::vector<Node> out(std::make_move_iterator(run.queue.begin()),
                          std::make_move_iterator(run.queue.end()));
    run.queue.clear();
    return out;
}

ExploreSummary Explorer::Run::drive(std::span<ExplorationObserver* const> observers) {
    std::vector<Worker> workers;
    for (ExplorationObserver* o : observers) workers.push_back(Worker{*this, *o, {}});
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 1; i < workers.size(); ++i)
            threads.emplace_back([&workers, i] { workers[i].work(); });
        workers[0].work();
    }
    ExploreSummary out;
    out.states = states;
    out.executions = executions;
    out.stopReason = stop;
    out.complete = out.stopReason == StopReason::None;
    return out;
}

Explorer::Explorer(const History& h, const IsolationModel& m, Reduction r)
    : h_(h), model_(m), reduction_(r), recordSteps_(r != Reduction::None && m.readsLatest()) {
    for (const Txn& t : h.txns) maxDepth_ += t.ops.size();
    if (r != Reduction::Cached) return;
    // Persistent sets look up every transaction's future at its position.
    for (TxnId t = 0; t < h.txns.size(); ++t) {
        futureAt_.push_back(futures_.size());
        for (std::size_t pc = 0; pc < h.txns[t].ops.size(); ++pc)
            for (const bool started : {false, true}) futures_.push_back(m.future(h, t, pc, started));
    }
    // A model that bounds no future (every one global) gets no persistent
    // sets: each would hold every live transaction.
    persistentSets_ = !std::ranges::all_of(futures_, &Footprint::global);
}

const Footprint& Explorer::futureOf(const State& s, TxnId t) const {
    const TxnState& ts = s.txns[t];
    return futures_[futureAt_[t] + 2 * std::size_t{ts.pc} + (ts.status == TxnStatus::NotStarted ? 0 : 1)];
}

// Where others see t's uncommitted writes only as waits (writesUnseen), a
// transaction whose next step is its abort, or, holding nothing, whose last
// two operations are an unguarded `w` and an unguarded abort, never waits
// again while it holds a lock, so it lies on no waits-for cycle; what it
// holds until its abort only delays others, and the abort undoes it. An
// execution that runs it later is the same execution with others' steps
// run after it instead (specs/exploration.md 2.2). A `w` writes its value
// whatever others did; a `d` need not (InnoDB's of a row another deleted
// takes a gap lock and reads the row's absence), nor does a `u` read it.
bool Explorer::abortsUnseen(const State& s, TxnId t, const Decision& d) const {
    if (d.kind == Decision::Kind::Aborts) return d.cause == AbortCause::User;
    if (d.kind != Decision::Kind::Runs || !holdsNothing(s, t)) return false;
    const auto& ops = h_.txns[t].ops;
    const std::size_t pc = s.txns[t].pc;
    return pc + 2 == ops.size() && ops[pc].kind == OpKind::Write &&
           !ops[pc].guard && ops[pc + 1].kind == OpKind::Abort && !ops[pc + 1].guard;
}

// t holds locks and uncommitted versions only, of rows that no other live
// transaction can touch any more (IsolationModel::future): nobody can wait
// for t, so it lies on no waits-for cycle, and nobody can observe what its
// abort undoes; it has no SSI marker or conflict that a writer could meet or
// a check could read (specs/exploration.md 2.2).
bool Explorer::holdsOnlyUntouched(const State& s, TxnId t) const {
    if (futures_.empty()) return false;
    const Footprint held = endFootprint(s, t, false);
    if (held.reads != 0 || held.writes != 0 || s.txns[t].rwOut != 0) return false;
    for (TxnId u = 0; u < s.txns.size(); ++u) {
        if (u == t) continue;
        if ((s.txns[u].rwOut & bit(t)) != 0) return false;
        if (!s.txns[u].live()) continue;
        const Footprint& f = futureOf(s, u);
        const std::uint64_t touched = f.reads | f.readsCommitted | f.readsLatest | f.writes | f.writesPending;
        // A future that is global and names no row bounds nothing (the default).
        if ((touched & held.writesPending) != 0 || (f.global && touched == 0)) return false;
    }
    return true;
}

bool Explorer::doomed(State& s, TxnId t, const Decision& d, Scratch& scratch) const {
    if (d.kind == Decision::Kind::Aborts && d.inevitable && holdsOnlyUntouched(s, t)) return true;
    const auto verdict = [](const Decision& next) -> std::optional<bool> {
        if (next.kind == Decision::Kind::Aborts) return next.inevitable;
        if (next.kind != Decision::Kind::Runs || next.footprint != Footprint{}) return false;
        return std::nullopt;  // an unseen step: look past it
    };
    if (model_.writesUnseen() && abortsUnseen(s, t, d)) return true;
    if (!holdsNothing(s, t)) {
        // SSI: read markers that can no longer change a decision are
        // unseen too (IsolationModel::markersInert).
        if (!holdsOnlyMarkers(s, t)) return false;
        if (d.kind == Decision::Kind::Aborts) return d.inevitable && model_.markersInert(h_, s, t);
        return readsToAbort(s, t, d, scratch);
    }
    if (const auto v = verdict(d)) return *v;
    // A read or a skip with an empty footprint changes only its own
    // transaction's state and the log (models/model.hpp; tests/
    // test_reduction.cpp checks it): take such steps on s itself, then put t
    // back as it was. Any other step (a private write under
    // first-committer-wins, a user abort) leaves t holding something or
    // ended: not doomed.
    const auto readsOrSkips = [&] {
        const OpKind k = h_.txns[t].ops[s.txns[t].pc].kind;
        return k == OpKind::Read || k == OpKind::PredicateRead || skipsNext(h_, s.txns[t], t);
    };
    if (!readsOrSkips()) return false;
    scratch.txn = s.txns[t];
    bool out = false;
    for (;;) {
        scratch.log.truncate({});
        model_.apply(h_, s, scratch.log, t);
        if (!s.txns[t].live() || !holdsNothing(s, t)) break;
        if (const auto v = verdict(model_.decide(h_, s, t, false))) {
            out = *v;
            break;
        }
        if (!readsOrSkips()) break;
    }
    s.txns[t] = scratch.txn;
    return out;
}

// SSI: t holds only markers and its next operations are reads, then an
// abort. The reads never wait, read t's snapshot, cannot fail whenever they
// run (IsolationModel::readsInert), and set on the writers of newer
// versions the flags that those writers' writes would set meeting t's
// markers anyway while t is live; so when the abort after them is
// inevitable and t's markers, theirs included, are inert by then, every
// execution from s is equivalent in its findings to one in which the reads
// and the abort come first (specs/exploration.md 2.2). Taken on a copy.
bool Explorer::readsToAbort(const State& s, TxnId t, const Decision& d, Scratch& scratch) const {
    if (d.kind != Decision::Kind::Runs) return false;
    const std::vector<Op>& ops = h_.txns[t].ops;
    std::uint64_t rows = 0;
    std::size_t pc = s.txns[t].pc;
    for (; pc < ops.size() && ops[pc].kind == OpKind::Read; ++pc) rows |= keyBit(ops[pc].key);
    if (rows == 0 || !model_.readsInert(h_, s, t, rows)) return false;
    scratch.state = s;
    for (std::size_t i = s.txns[t].pc; i < pc; ++i) {
        if (model_.decide(h_, scratch.state, t, false).kind != Decision::Kind::Runs) return false;
        scratch.log.truncate({});
        model_.apply(h_, scratch.state, scratch.log, t);
    }
    const Decision last = model_.decide(h_, scratch.state, t, false);
    return last.kind == Decision::Kind::Aborts && last.inevitable && holdsOnlyMarkers(scratch.state, t) &&
           model_.markersInert(h_, scratch.state, t);
}

// A persistent set (Godefroid 1996, chapter 4), as a stubborn-set closure:
// from a seed, add every transaction whose future (IsolationModel::future)
// may conflict with the next step of an enabled member, and the holders a
// waiting member waits for (so that no step outside the set can let it
// run). No sequence of steps outside the set then fails to commute with a
// step in it, so every execution from s is equivalent to one that starts
// with a step of the set. The seeds are the enabled transactions in file
// order, and the set is closed downwards in that order, which keeps the
// lexicographically smallest interleaving of every class (the witnesses of
// sleep sets alone; specs/exploration.md 2.6). A function of the state
// alone, as the state cache needs.
std::uint64_t Explorer::persistentSet(const State& s, std::span<const Decision> decisions) const {
    const auto n = static_cast<TxnId>(s.txns.size());
    std::uint64_t live = 0;
    std::uint64_t enabled = 0;
    for (TxnId t = 0; t < n; ++t) {
        if (!s.txns[t].live()) continue;
        live |= bit(t);
        if (decisions[t].enabled()) enabled |= bit(t);
    }
    if ((enabled & (enabled - 1)) == 0) return live;  // one step at most: nothing to choose
    // The first enabled transactions in file order, with what they need,
    // up to the first such set that holds no later enabled transaction.
    std::uint64_t set = 0;
    std::uint64_t closed = 0;  // members whose needs are in the set
    for (std::uint64_t seeds = enabled; seeds != 0; seeds &= seeds - 1) {
        const std::uint64_t seed = seeds & -seeds;
        set |= seed;
        for (std::uint64_t open = set & ~closed; open != 0; open = set & ~closed) {
            const auto u = static_cast<TxnId>(std::countr_zero(open));
            closed |= bit(u);
            if ((enabled & bit(u)) == 0) {
                set |= decisions[u].waitsFor & live;
                continue;
            }
            Footprint next = decisions[u].footprint;
            next.global = next.global || futureOf(s, u).global;  // it may close a waits-for cycle
            for (std::uint64_t rest = live & ~set; rest != 0; rest &= rest - 1) {
                const auto v = static_cast<TxnId>(std::countr_zero(rest));
                if (futureOf(s, v).conflictsWith(next)) set |= bit(v);
            }
            if (set == live) return live;
        }
        if ((set & enabled & ~(seed | (seed - 1))) == 0) return set;
    }
    return live;
}

bool Explorer::closesCycle(const State& s, std::span<const Decision> decisions, TxnId u,
                           Scratch& scratch) const {
    // A transaction whose future is bounded can close no cycle (its `global`
    // part says where one may: IsolationModel::future).
    if (!futures_.empty() && !futureOf(s, u).global) return false;
    scratch.state = s;
    scratch.log.truncate({});
    const Decision& d = decisions[u];
    if (d.kind == Decision::Kind::Runs) model_.apply(h_, scratch.state, scratch.log, u);
    else model_.abort(h_, scratch.state, scratch.log, u, d.cause, true);
    bool resolved = false;
    Discard discard;
    settle(scratch.state, scratch.log, scratch.decisions, resolved, discard);
    return resolved;
}

ExploreSummary Explorer::exploreAll(std::span<ExplorationObserver* const> observers,
                                    ExploreLimits limits) {
    return exploreShard(observers, limits, 0, 1);
}

ExploreSummary Explorer::exploreShard(std::span<ExplorationObserver* const> observers,
                                      ExploreLimits limits, unsigned index, unsigned count) {
    ISOCHECK_ASSERT(!observers.empty() && index < count);
    Run run{*this, limits};
    // With a cache, subtrees are fixed in advance, never handed out.
    run.share = observers.size() > 1 && reduction_ != Reduction::Cached;
    Node root{State::initial(h_), {}, {}, {}, 0};
    if (count == 1 && reduction_ == Reduction::Cached) {
        // One worker explores the tree with one cache; past the bound it
        // queues every step not yet taken, and all workers explore those
        // subtrees, each with a cache of its own. Where the cut falls depends
        // on the history and model alone, so the counts do not depend on the
        // workers (specs/exploration.md 3).
        Run whole{*this, limits};
        whole.wholeTreeBound = limits.wholeTreeStates;
        Run::Worker w{whole, *observers[0], {}};
        bool resolved = false;
        w.settle(root.state, root.log, root.decisions, resolved);
        w.visit(root.state, root.log, root.sleep, root.decisions, 0);
        w.flush();
        ExploreSummary out{whole.states, whole.executions, whole.stop == StopReason::None,
                           whole.stop.load()};
        if (!out.complete || whole.queue.empty()) return out;
        // The steps left near the root carry most of the tree. Split the
        // heaviest subtree (by its interleavings left) one level, again and
        // again, until there are enough subtrees and none carries more than
        // its share; then queue them heaviest first (Graham's longest-
        // processing-time-first rule), so that light ones fill the end and
        // the workers finish together.
        struct Task {
            double weight;
            Node node;
        };
        const auto add = [&](auto first, auto last) {
            std::vector<Task> added;
            for (auto it = first; it != last; ++it) {
                const double weight = logInterleavings(h_, it->state);
                added.push_back({weight, std::move(*it)});
            }
            return added;
        };
        std::vector<Task> tasks = add(whole.queue.begin(), whole.queue.end());
        // What the one worker visited before the cut stays known to all:
        // fixed before any subtree starts, so read without locks, and the
        // same whichever worker explores which subtree.
        const std::unordered_set<Fingerprint, FingerprintHash> firstCache = std::move(w.seenStates);
        run.firstCache = &firstCache;
        Run top{*this, {}};
        top.firstCache = &firstCache;
        top.share = true;  // every child of a split subtree goes to the queue
        top.idleWorkers = 1;
        Run::Worker splitter{top, *observers[0], {}};
        const auto unbalanced = [&] {
            if (tasks.size() < kSubtrees) return true;
            if (tasks.size() >= kMaxSubtrees) return false;
            const double heaviest = std::ranges::max(tasks, {}, &Task::weight).weight;
            double total = 0;  // in units of the heaviest
            for (const Task& t : tasks) total += std::exp(t.weight - heaviest);
            return total < kHeaviestShare;
        };
        while (unbalanced()) {
            const auto at = std::ranges::max_element(tasks, {}, &Task::weight);
            Node n = std::move(at->node);
            const auto pos = tasks.erase(at);
            std::vector<Node> split = splitter.children(n, n.depth);
            if (split.empty() && tasks.empty()) break;
            std::vector<Task> added = add(split.begin(), split.end());
            tasks.insert(pos, std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
            if (n.depth >= kShareDepth) break;  // explored, not split: deep enough
        }
        splitter.flush();
        out.states += top.states;
        out.executions += top.executions;
        if (limits.maxStates != 0) run.limits.maxStates = std::max<std::uint64_t>(1, limits.maxStates - out.states);
        std::ranges::stable_sort(tasks, std::ranges::greater{}, &Task::weight);
        for (Task& t : tasks) run.push(std::move(t.node));
        const ExploreSummary rest = run.drive(observers);
        out.states += rest.states;
        out.executions += rest.executions;
        out.complete = rest.complete;
        out.stopReason = rest.stopReason;
        return out;
    }
    if (count == 1) {
        // A fresh state has no waits, so settling it finds no deadlock.
        Run::Worker w{run, *observers[0], {}};
        bool resolved = false;
        w.settle(root.state, root.log, root.decisions, resolved);
        run.push(std::move(root));
        return run.drive(observers);
    }
    // --shard: expand the top of the tree breadth first, one level at a time,
    // until a level has enough nodes to deal round-robin; part 0 also reports
    // the levels above (their states, executions and findings).
    Discard discard;
    Run top{*this, {}};
    top.share = true;  // every child of an expanded level goes to the queue
    top.idleWorkers = 1;
    Run::Worker expander{top, index == 0 ? *observers[0] : discard, {}};
    bool resolved = false;
    expander.settle(root.state, root.log, root.decisions, resolved);
    std::vector<Node> level;
    level.push_back(std::move(root));
    const std::size_t wanted = 16 * std::size_t{count};
    while (level.size() < wanted) {
        std::vector<Node> next;
        for (Node& n : level) {
            std::vector<Node> split = expander.children(n, 0);
            next.insert(next.end(), std::make_move_iterator(split.begin()),
                        std::make_move_iterator(split.end()));
        }
        if (next.empty()) {
            level.clear();
            break;
        }
        level = std::move(next);
    }
    expander.flush();
    for (std::size_t i = index; i < level.size(); i += count) run.push(std::move(level[i]));
    ExploreSummary out = run.drive(observers);
    if (index == 0) out.states += top.states, out.executions += top.executions;
    return out;
}

ReplayResult Explorer::replay(const std::vector<TxnId>& schedule, ExplorationObserver& obs,
                             bool transcript) {
    ReplayResult r{true, 0, {}, 1, State::initial(h_), {}, {}, {}};
    State& s = r.state;
    Decisions decisions;
    bool resolved = false;
    // A transcript's steps sent but waiting, in the order sent, with their
    // index; while it is being sent, only they wait on a waits-for cycle.
    std::vector<std::pair<TxnId, std::size_t>> pending;
    bool sending = transcript;
    const auto settleHere = [&](TxnId closer) {
        std::uint64_t sent = ~std::uint64_t{0};
        if (sending) {
            sent = 0;
            for (const auto& p : pending) sent |= bit(p.first);
        }
        settle(s, r.log, decisions, resolved, obs, nullptr, sent, closer);
    };
    settleHere(kNoTxn);
    // Returns whether the step failed (aborted its transaction).
    auto take = [&](TxnId t) {
        const Decision d = decisions[t];
        const bool fails = d.kind != Decision::Kind::Runs;
        if (!fails) {
            model_.apply(h_, s, r.log, t);
        } else {
            const State before = s;
            model_.abort(h_, s, r.log, t, d.cause, true);
            obs.abort(r.log, t, d.cause, [&] { return model_.decide(h_, before, t, true).why; });
        }
        ++r.states;
        settleHere(kNoTxn);
        return fails;
    };
    const auto isPending = [&](TxnId t) {
        return std::ranges::find(pending, t, &std::pair<TxnId, std::size_t>::first) != pending.end();
    };
    // `now`: the step being sent. Released by it, a pending step sent by an
    // earlier one waited; its own (a deadlock it closed, resolved at once)
    // did not wait in any way a session shows. Of several released at once,
    // the first to have returned on the server goes first
    // (History::releaseOrder), else the first sent.
    const auto rank = [&](std::size_t i) {
        return static_cast<std::size_t>(std::ranges::find(h_.releaseOrder, i) - h_.releaseOrder.begin());
    };
    const auto release = [&](std::size_t now) {
        for (;;) {
            auto next = pending.end();
            for (auto it = pending.begin(); it != pending.end(); ++it)
                if ((!s.txns[it->first].live() || decisions[it->first].enabled()) &&
                    (next == pending.end() || rank(it->second) < rank(next->second)))
                    next = it;
            if (next == pending.end()) {
                // Those still waiting go on as far as they can (a scan
                // locks the rows it comes to), which may close a cycle.
                bool moved = false;
                for (const auto& p : pending)
                    if (s.txns[p.first].live() && model_.progress(h_, s, r.log, p.first)) {
                        settleHere(p.first);
                        moved = true;
                    }
                if (!moved) return;
                continue;
            }
            const auto [t, i] = *next;
            pending.erase(next);
            // Released: it takes effect now; or a deadlock made its transaction the victim.
            const bool fails = !s.txns[t].live() || take(t);
            r.outcomes[i] = i == now ? (fails ? StepOutcome::Fails : StepOutcome::Runs)
                                     : (fails ? StepOutcome::WaitsThenFails : StepOutcome::Waits);
        }
    };
    // Step i cannot happen because t's next operation waits.
    const auto waits = [&](std::size_t i, TxnId t, std::string_view more) {
        Decision d = model_.decide(h_, s, t, true);
        r.possible = false, r.failedAt = i, r.why = d.why + std::string(more);
        r.wait = Wait{t, s.txns[t].pc, d.waitsFor, std::move(d.why)};
    };
    for (std::size_t i = 0; i < schedule.size(); ++i) {
        const TxnId t = schedule[i];
        if (isPending(t)) {  // its session is blocked: nothing can be sent
            waits(i, t, "; its session cannot send another statement until then");
            return r;
        }
        if (!s.txns[t].live()) {
            r.possible = false, r.failedAt = i, r.why = endedWhy(h_, s, t);
            return r;
        }
        if (transcript) {
            r.outcomes.push_back(StepOutcome::Waits);
            if (decisions[t].enabled()) {
                r.outcomes[i] = take(t) ? StepOutcome::Fails : StepOutcome::Runs;
            } else {
                pending.emplace_back(t, i);
                // Sent: its transaction starts, its requests queue, and it
                // may close a waits-for cycle.
                model_.sendWaiting(h_, s, r.log, t);
                settleHere(t);
            }
            release(i);
            continue;
        }
        if (!decisions[t].enabled()) {
            waits(i, t, "");
            return r;
        }
        take(t);
    }
    // SPEC 3.1: the remaining operations run one transaction after another in
    // file order; when that one has to wait, the first that can step goes.
    // A transcript's pending steps go first, as soon as they are released;
    // from here every transaction's next operation counts as sent.
    if (sending) {
        sending = false;
        settleHere(kNoTxn);
    }
    for (;;) {
        release(schedule.size());
        std::optional<TxnId> next;
        for (TxnId t = 0; t < s.txns.size() && !next; ++t)
            if (s.txns[t].live() && decisions[t].enabled() && !isPending(t)) next = t;
        if (!next) break;
        take(*next);
    }
    ISOCHECK_ASSERT(std::ranges::none_of(s.txns, [](const TxnState& t) { return t.live(); }));
    obs.execution(s, r.log);
    return r;
}

}  // namespace isocheck
