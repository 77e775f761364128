#include "run/collector.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include "anomaly/classify.hpp"
#include "anomaly/probes.hpp"
#include "execution/fingerprint.hpp"

namespace isocheck {
namespace {

/// What makes two executions the same (SPEC 5): reads-from, version order,
/// predicate results and commit or abort of every transaction.
std::pair<std::uint64_t, std::uint64_t> signature(const State& s, const Log& log) {
    Fingerprint f;
    for (TxnId t = 0; t < s.txns.size(); ++t) {
        f.add(0xFFFF0000u | static_cast<std::uint32_t>(s.txns[t].status));
        for (const Event& e : log.events) {
            if (e.txn != t) continue;
            f.add(static_cast<std::uint32_t>(e.kind) << 16 | e.op);
            if (e.kind == EventKind::Read) {
                f.add(e.key);
                f.add(std::uint64_t{e.version.writer} << 16 | e.version.seq);
            }
            if (e.kind == EventKind::PredicateRead)
                for (const VersionId& v : log.predicateReads[e.predicateRead].vset)
                    f.add(std::uint64_t{v.writer} << 16 | v.seq);
        }
    }
    for (const Row& row : s.rows) {
        f.add(0xFFFFFFFFu);
        // Committed versions come first, in commit order (State's canonical order).
        for (const Version& v : row.chain)
            if (v.id.writer != kInitialWriter && s.txns[v.id.writer].status == TxnStatus::Committed)
                f.add(v.id.writer);
    }
    return {f.a, f.b};
}

// Keys by value where they are small, by reference where they are not: a
// key is built for every finding kept, at every execution.
auto keyOf(const AnomalyFinding& f) { return f.cls; }
auto keyOf(const PhenomenonFinding& f) { return f.ph; }
auto keyOf(const AbortFinding& f) { return std::make_pair(f.cause, f.txn); }
const std::vector<TxnId>& keyOf(const DeadlockFinding& f) { return f.cycle; }
auto keyOf(const FinalStateFinding& f) { return std::tie(f.rows, f.serializable); }
auto keyOf(const InvariantFinding& f) { return f.invariant; }
const std::string& keyOf(const ProbeFinding& f) { return f.probe; }

/// Keeps `f` as the finding for its key unless a better witness is kept.
/// `make` builds the finding (its text, its trace) only when it is kept.
template <class Finding, class Key, class Make>
void keepWitness(std::vector<Finding>& list, const Key& key, const Trace& witness, Make make) {
    auto it = std::ranges::find_if(list, [&](const Finding& g) { return keyOf(g) == key; });
    if (it == list.end()) list.push_back(make());
    else if (betterWitness(witness, it->witness)) *it = make();
}

template <class Finding>
void mergeList(std::vector<Finding>& into, std::vector<Finding>&& from) {
    for (Finding& f : from) {
        auto it = std::ranges::find_if(into, [&](const Finding& g) { return keyOf(g) == keyOf(f); });
        if (it == into.end()) into.push_back(std::move(f));
        else if (betterWitness(f.witness, it->witness)) *it = std::move(f);
    }
}

}  // namespace

bool betterWitness(const Trace& a, const Trace& b) {
    // scheduleOf(a) before scheduleOf(b) by (length, lexicographic), without
    // building either: walk both traces' scheduled steps side by side.
    struct Steps {
        const Trace& trace;
        std::size_t i = 0;
        const Event* prev = nullptr;
        std::optional<TxnId> next() {  // as scheduleOf counts them
            while (i < trace.size()) {
                const Event& e = trace[i++];
                if (!e.scheduled) continue;
                const bool sameOp = prev != nullptr && prev->txn == e.txn && prev->op == e.op;
                prev = &e;
                if (!sameOp) return e.txn;
            }
            return std::nullopt;
        }
        std::size_t count() {
            std::size_t n = 0;
            while (next()) ++n;
            return n;
        }
    };
    const std::size_t na = Steps{a}.count(), nb = Steps{b}.count();
    if (na != nb) return na < nb;
    Steps sa{a}, sb{b};
    for (;;) {
        const auto x = sa.next(), y = sb.next();
        if (!x || !y) return false;
        if (*x != *y) return *x < *y;
    }
}

void Collector::execution(const State& leaf, const Log& log) {
    signatures_.add(signature(leaf, log));
    const Trace& trace = log.events;
    // The graph's findings stay in the cache; only a kept one is copied.
    ClassificationParts c = classifyParts(h_, leaf, log, graphs_);
    const auto witnessed = [&trace](auto finding) {
        finding.witness = trace;
        return finding;
    };
    for (const CycleWitness& w : c.graph->cycles)
        keepWitness(found_.anomalies, w.cls, trace, [&] { return witnessed(cycleFinding(h_, w)); });
    for (AnomalyFinding& a : c.reads)
        keepWitness(found_.anomalies, a.cls, trace, [&] { return witnessed(std::move(a)); });
    for (const ShapeWitness& w : c.graph->shapes)
        keepWitness(found_.phenomena, w.ph, trace, [&] { return witnessed(shapeFinding(h_, w)); });
    for (PhenomenonFinding& p : c.phenomena) {
        // A finding may bring its own witness: an equivalent order (P1).
        const bool own = !p.witness.empty();
        keepWitness(found_.phenomena, p.ph, own ? p.witness : trace,
                    [&] { return own ? std::move(p) : witnessed(std::move(p)); });
    }
    for (const std::string& probe : h_.probes) {
        const bool otv = probe == kOtherProbes[0];
        if (!otv && probe != kOtherProbes[1]) continue;  // a class or phenomenon: found above
        if (auto detail = otv ? observedTransactionVanishes(h_, leaf, log) : predicateManyPreceders(h_, leaf, log))
            keepWitness(found_.probes, probe, trace, [&] { return ProbeFinding{probe, trace, std::move(*detail)}; });
    }
    std::uint64_t committed = 0;
    for (TxnId t = 0; t < leaf.txns.size(); ++t) {
        if (leaf.txns[t].status == TxnStatus::Committed) committed |= bit(t);
        if (leaf.txns[t].cause == AbortCause::User)
            keepWitness(found_.aborts, std::make_pair(AbortCause::User, t), trace, [&] {
                return AbortFinding{AbortCause::User, t, trace, "rolled back by its own abort"};
            });
    }
    FinalStateFinding f;
    f.rows = finalRows(h_, leaf);
    f.serializable = oracle_.serializable(committed, f.rows);
    f.violates = violatedInvariants(h_, f.rows);
    for (const std::size_t i : f.violates)
        keepWitness(found_.invariantViolations, i, trace,
                    [&] { return InvariantFinding{i, f.rows, trace}; });
    // Final states are many (204 on transfer-6): found through an index.
    if (const auto at = finalAt_.find(std::tie(f.rows, f.serializable)); at == finalAt_.end()) {
        finalAt_.emplace(std::pair{f.rows, f.serializable}, found_.finalStates.size());
        f.witness = trace;
        found_.finalStates.push_back(std::move(f));
    } else if (FinalStateFinding& kept = found_.finalStates[at->second]; betterWitness(trace, kept.witness)) {
        f.witness = trace;
        kept = std::move(f);
    }
}

void Collector::deadlock(const Log& log, std::span<const TxnId> cycle, TxnId victim,
                         const std::function<std::vector<Wait>()>& waits) {
    const std::vector<TxnId> key(cycle.begin(), cycle.end());
    keepWitness(found_.deadlocks, key, log.events,
                [&] { return DeadlockFinding{log.events, key, victim, waits()}; });
}

void Collector::abort(const Log& log, TxnId t, AbortCause cause,
                      const std::function<std::string()>& why) {
    if (cause == AbortCause::SnapshotTooOld) found_.snapshotTooOld = true;
    keepWitness(found_.aborts, std::make_pair(cause, t), log.events,
                [&] { return AbortFinding{cause, t, log.events, why()}; });
}

void Collector::merge(Collector&& other) {
    mergeList(found_.anomalies, std::move(other.found_.anomalies));
    mergeList(found_.phenomena, std::move(other.found_.phenomena));
    mergeList(found_.deadlocks, std::move(other.found_.deadlocks));
    mergeList(found_.aborts, std::move(other.found_.aborts));
    mergeList(found_.finalStates, std::move(other.found_.finalStates));
    finalAt_.clear();
    for (std::size_t i = 0; i < found_.finalStates.size(); ++i)
        finalAt_.emplace(std::pair{found_.finalStates[i].rows, found_.finalStates[i].serializable}, i);
    mergeList(found_.invariantViolations, std::move(other.found_.invariantViolations));
    mergeList(found_.probes, std::move(other.found_.probes));
    found_.snapshotTooOld = found_.snapshotTooOld || other.found_.snapshotTooOld;
    signatures_.absorb(std::move(other.signatures_));
}

void Collector::finish(ModelResult& out, unsigned threads) {
    out.anomalies = std::move(found_.anomalies);
    out.phenomena = std::move(found_.phenomena);
    out.deadlocks = std::move(found_.deadlocks);
    out.aborts = std::move(found_.aborts);
    out.finalStates = std::move(found_.finalStates);
    finalAt_.clear();
    out.invariantViolations = std::move(found_.invariantViolations);
    out.probes = std::move(found_.probes);
    out.snapshotTooOld = out.snapshotTooOld || found_.snapshotTooOld;
    out.stats.distinctExecutions = signatures_.distinct(threads);
    std::ranges::sort(out.anomalies, {}, &AnomalyFinding::cls);
    std::ranges::sort(out.phenomena, {}, &PhenomenonFinding::ph);
    std::ranges::sort(out.finalStates);
    std::ranges::sort(out.invariantViolations, {}, &InvariantFinding::invariant);
    std::ranges::sort(out.aborts, {}, [](const AbortFinding& a) { return std::make_pair(a.txn, a.cause); });
    std::ranges::sort(out.deadlocks, {}, &DeadlockFinding::cycle);
    std::ranges::sort(out.probes, {}, &ProbeFinding::probe);  // "OTV" < "PMP", kOtherProbes order
}

}  // namespace isocheck
