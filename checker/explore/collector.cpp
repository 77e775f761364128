#include "explore/collector.hpp"

#include <algorithm>

#include "anomaly/classify.hpp"

namespace isocheck {
namespace {

/// What makes two executions the same (SPEC 5): reads-from, version order,
/// predicate results and commit or abort of every transaction.
std::vector<std::uint32_t> signature(const State& s) {
    std::vector<std::uint32_t> sig;
    for (TxnId t = 0; t < s.txns.size(); ++t) {
        sig.push_back(0xFFFF0000u | static_cast<std::uint32_t>(s.txns[t].status));
        for (const Event& e : s.log) {
            if (e.txn != t) continue;
            sig.push_back(static_cast<std::uint32_t>(e.kind) << 16 | e.op);
            if (e.kind == EventKind::Read)
                sig.insert(sig.end(), {e.key, e.version.writer, e.version.seq});
            if (e.kind == EventKind::PredicateRead)
                for (const VersionId& v : s.predicateReads[e.predicateRead].vset)
                    sig.insert(sig.end(), {v.writer, v.seq});
        }
    }
    for (const Row& row : s.rows) {
        std::vector<std::pair<std::uint32_t, TxnId>> order;
        for (const Version& v : row.chain)
            if (v.id.writer != kInitialWriter && s.txns[v.id.writer].status == TxnStatus::Committed)
                order.emplace_back(s.txns[v.id.writer].commitSeq, v.id.writer);
        std::ranges::sort(order);
        sig.push_back(0xFFFFFFFFu);
        for (const auto& [seq, w] : order) sig.push_back(w);
    }
    return sig;
}

std::size_t scheduledSteps(const Trace& t) { return scheduleOf(t).size(); }

template <class Finding, class Key>
void keepWitness(std::vector<Finding>& list, Finding f, Key key) {
    auto it = std::ranges::find_if(list, [&](const Finding& g) { return key(g) == key(f); });
    if (it == list.end())
        list.push_back(std::move(f));
    else if (shorterWitness(f.witness, it->witness))
        *it = std::move(f);
}

}  // namespace

bool shorterWitness(const Trace& a, const Trace& b) { return scheduledSteps(a) < scheduledSteps(b); }

void Collector::execution(const State& leaf) {
    ++out_.stats.executions;
    distinct_.insert(signature(leaf));
    Classification c = classify(h_, leaf);
    for (AnomalyFinding& a : c.anomalies) {
        a.witness = leaf.log;
        keepWitness(out_.anomalies, std::move(a), [](const AnomalyFinding& f) { return f.cls; });
    }
    for (PhenomenonFinding& p : c.phenomena) {
        p.witness = leaf.log;
        keepWitness(out_.phenomena, std::move(p), [](const PhenomenonFinding& f) { return f.ph; });
    }
    std::uint64_t committed = 0;
    for (TxnId t = 0; t < leaf.txns.size(); ++t) {
        if (leaf.txns[t].status == TxnStatus::Committed) committed |= bit(t);
        if (leaf.txns[t].cause == AbortCause::User)
            keepWitness(out_.aborts, AbortFinding{AbortCause::User, t, leaf.log, "rolled back by its own abort"},
                        [](const AbortFinding& a) { return std::make_pair(a.cause, a.txn); });
    }
    FinalStateFinding f;
    f.rows = finalRows(h_, leaf);
    f.serializable = oracle_.serializable(committed, f.rows);
    f.witness = leaf.log;
    keepWitness(out_.finalStates, std::move(f), [](const FinalStateFinding& g) {
        return std::make_pair(g.rows, g.serializable);
    });
}

void Collector::deadlock(const State& at, const std::vector<TxnId>& cycle, TxnId victim,
                         const std::vector<std::string>& waits) {
    keepWitness(out_.deadlocks, DeadlockFinding{at.log, cycle, victim, waits},
                [](const DeadlockFinding& d) { return d.cycle; });

}

void Collector::abort(const State& after, TxnId t, AbortCause cause, const std::string& why) {
    if (cause == AbortCause::SnapshotTooOld) out_.snapshotTooOld = true;
    keepWitness(out_.aborts, AbortFinding{cause, t, after.log, why},
                [](const AbortFinding& a) { return std::make_pair(a.cause, a.txn); });
}

void Collector::finish() {
    out_.stats.distinctExecutions = distinct_.size();
    std::ranges::sort(out_.anomalies, {}, &AnomalyFinding::cls);
    std::ranges::sort(out_.phenomena, {}, &PhenomenonFinding::ph);
    std::ranges::sort(out_.finalStates);
    std::ranges::sort(out_.aborts, {}, [](const AbortFinding& a) { return std::make_pair(a.txn, a.cause); });
    std::ranges::sort(out_.deadlocks, {}, &DeadlockFinding::cycle);
}

}  // namespace isocheck
