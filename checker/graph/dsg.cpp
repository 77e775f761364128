#include "graph/dsg.hpp"

#include <algorithm>
#include <range/v3/algorithm/unique.hpp>  // std::ranges::unique fails with clang 14 + libstdc++ 12

#include "support/assert.hpp"

namespace isocheck {
namespace {

/// One row's version order (D1): the initial version, then the installed
/// (final) version of every committed writer, by commit order.
struct VersionOrder {
    std::vector<TxnId> writers;     ///< position -> writer; [0] is kInitialWriter
    std::vector<Version> versions;  ///< position -> installed version
    std::vector<int> at;            ///< writer -> position, -1 for none

    /// Position of `writer`'s installed version; -1 when it installed none
    /// that counts (aborted or live writer). Intermediate versions of a writer
    /// map to its position (reads of them are Adya's G1b anyway).
    [[nodiscard]] int position(TxnId writer) const { return writer == kInitialWriter ? 0 : at[writer]; }
    [[nodiscard]] int size() const { return static_cast<int>(writers.size()); }
};

[[nodiscard]] bool isCommitted(const State& s, TxnId t) {
    return t != kInitialWriter && s.txns.at(t).status == TxnStatus::Committed;
}

/// Fills `order` (its buffers reused) for `row`; `finals` is scratch.
void versionOrder(const State& s, const Row& row, VersionOrder& order, std::vector<Version>& finals) {
    ISOCHECK_ASSERT(!row.chain.empty() && row.chain.front().id.writer == kInitialWriter);
    finals.clear();  // one per committed writer: its last version
    for (const Version& v : row.chain) {
        if (!isCommitted(s, v.id.writer)) continue;
        auto it =
            std::ranges::find(finals, v.id.writer, [](const Version& f) { return f.id.writer; });
        if (it == finals.end())
            finals.push_back(v);
        else if (it->id.seq < v.id.seq)
            *it = v;
    }
    std::ranges::sort(finals, {}, [&](const Version& v) { return s.txns[v.id.writer].commitSeq; });
    order.writers.assign(1, kInitialWriter);
    order.versions.assign(1, row.chain.front());
    order.at.assign(s.txns.size(), -1);
    for (const Version& v : finals) {
        order.at[v.id.writer] = order.size();
        order.writers.push_back(v.id.writer);
        order.versions.push_back(v);
    }
}

DepEdge itemEdge(TxnId from, TxnId to, DepType type, KeyId key) {
    return DepEdge{from, to, type, key, false, 0};
}

}  // namespace

std::vector<DepEdge> buildDependencyEdges(const History& h, const State& s, const Log& log) {
    std::vector<DepEdge> edges;
    buildDependencyEdges(h, s, log, edges);
    return edges;
}

void buildDependencyEdges(const History& h, const State& s, const Log& log, std::vector<DepEdge>& edges) {
    // Called once per complete execution: the version orders' buffers are
    // kept from one call to the next, per thread.
    thread_local std::vector<VersionOrder> orders;
    thread_local std::vector<Version> finals;
    if (orders.size() < s.rows.size()) orders.resize(s.rows.size());
    for (std::size_t k = 0; k < s.rows.size(); ++k) versionOrder(s, s.rows[k], orders[k], finals);

    edges.clear();
    // ww[x]: Ti installs a version of x and Tj installs the next (Adya 1999, direct dependencies).
    for (std::size_t k = 0; k < s.rows.size(); ++k) {
        const VersionOrder& o = orders[k];
        for (int i = 2; i < o.size(); ++i)
            edges.push_back(
                itemEdge(o.writers[i - 1], o.writers[i], DepType::WW, static_cast<KeyId>(k)));
    }

    for (const Event& ev : log.events) {
        if (!isCommitted(s, ev.txn)) continue;
        if (ev.kind == EventKind::Read) {
            // Reads of own versions give no edges; reads of versions of
            // aborted writers are G1a, not edges (D2). Likewise below.
            if (ev.version.writer == ev.txn) continue;
            const VersionOrder& o = orders.at(ev.key);
            const int p = o.position(ev.version.writer);
            if (p < 0) continue;
            // wr[x]: Tj reads a version Ti installed (Adya 1999, direct dependencies).
            if (p > 0) edges.push_back(itemEdge(o.writers[p], ev.txn, DepType::WR, ev.key));
            // rw[x]: Ti reads xk and Tj installs the version after xk (Adya 1999, direct
            // dependencies).
            if (p + 1 < o.size() && o.writers[p + 1] != ev.txn)
                edges.push_back(itemEdge(ev.txn, o.writers[p + 1], DepType::RW, ev.key));
        } else if (ev.kind == EventKind::PredicateRead) {
            const PredicateObservation& obs = log.predicateReads.at(ev.predicateRead);
            const Predicate& pred = h.predicates.at(obs.predicate);
            for (std::size_t i = 0; i < obs.vset.size(); ++i) {
                const auto k = static_cast<KeyId>(i);
                const VersionId seen = obs.vset[k];
                if (seen.writer == ev.txn) continue;
                const VersionOrder& o = orders.at(k);
                const int p = o.position(seen.writer);
                if (p < 0) continue;
                // Adya 1999, predicate dependencies: xi changes the matches when it matches and
                // the version before it does not, or the other way round.
                for (int q = 1; q < o.size(); ++q) {
                    const bool changes = satisfies(pred, o.versions[q]) !=
                                         satisfies(pred, o.versions[q - 1]);
                    if (!changes || o.writers[q] == ev.txn) continue;
                    DepEdge e{o.writers[q], ev.txn, DepType::WR, k, true, obs.predicate};
                    // pred-wr: xi is xk or before it; pred-rw: xi comes after xk
                    // (Adya's "overwrites" a predicate read).
                    if (q > p)
                        e = DepEdge{ev.txn, o.writers[q], DepType::RW, k, true, obs.predicate};
                    edges.push_back(e);
                }
            }
        }
    }
    std::ranges::sort(edges);
    edges.erase(ranges::unique(edges), edges.end());
}

}  // namespace isocheck
