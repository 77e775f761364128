#include "models/ssi.hpp"

#include "models/common.hpp"
#include "models/version_store.hpp"

namespace isocheck {
namespace {

std::uint32_t snapshotOf(const State& s, TxnId t) {
    const TxnState& ts = s.txns[t];
    return ts.status == TxnStatus::NotStarted ? s.commits : ts.snapshot;
}

/// Whether chain[i] of k is a version newer than t's snapshot written by a
/// transaction concurrent with t: committed after t began, or still live.
bool newerConcurrent(const State& s, TxnId t, const Version& v) {
    const TxnId w = v.id.writer;
    if (w == kInitialWriter || w == t) return false;
    const TxnState& ws = s.txns[w];
    if (ws.status == TxnStatus::Committed) return ws.commitSeq > snapshotOf(s, t);
    return ws.live();
}

/// Whether reader r (a SIREAD holder) is concurrent with writer t.
bool concurrentReader(const State& s, TxnId t, TxnId r) {
    if (r == t) return false;
    const TxnState& rs = s.txns[r];
    if (rs.status == TxnStatus::Committed) return rs.commitSeq > snapshotOf(s, t);
    return rs.live();
}

/// The version a write by the writer of chain[i] replaced: the nearest earlier
/// version by another transaction.
const Version& beforeImage(const std::vector<Version>& chain, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && chain[j - 1].id.writer == chain[i].id.writer) --j;
    return chain[j == 0 ? 0 : j - 1];
}

}  // namespace

void readConflicts(const State& s, TxnId t, KeyId k, std::size_t index,
                   RwConflicts& out) {
    const auto& chain = s.rows[k].chain;
    if (chain[index].id.writer == t) return;  // reading one's own write
    for (const Version& v : chain)
        if (newerConcurrent(s, t, v)) out.push_back({t, v.id.writer});
}

void predicateReadConflicts(const History& h, const State& s, TxnId t, PredicateId p,
                            const std::vector<std::size_t>& vset, RwConflicts& out) {
    const Predicate& pred = h.predicates[p];
    for (KeyId k = 0; k < vset.size(); ++k) {
        const auto& chain = s.rows[k].chain;
        if (chain[vset[k]].id.writer == t) continue;
        for (std::size_t i = 1; i < chain.size(); ++i)
            if (newerConcurrent(s, t, chain[i]) &&
                (satisfies(pred, chain[i]) || satisfies(pred, beforeImage(chain, i))))
                out.push_back({t, chain[i].id.writer});
    }
}

void writeConflicts(const History& h, const State& s, TxnId t, KeyId k, const Version& before,
                    const Version& after, RwConflicts& out) {
    const std::uint64_t readers = s.locks[k].sireads;
    for (TxnId r = 0; r < s.txns.size(); ++r)
        if ((readers & bit(r)) && concurrentReader(s, t, r)) out.push_back({r, t});
    for (const PredicateLock& m : s.predicateMarkers) {
        const Predicate& p = h.predicates[m.predicate];
        if (concurrentReader(s, t, m.txn) && (satisfies(p, before) || satisfies(p, after)))
            out.push_back({m.txn, t});
    }
}

bool conflictsAllowed(const State& s, TxnId t, const RwConflicts& conflicts, Footprint& f) {
    bool allowed = true;
    for (const RwConflict& c : conflicts) {
        f.flagWrites |= bit(c.reader) | bit(c.writer);
        // The other side would become a pivot: a committed writer that already
        // has an out-conflict, or a committed reader that already has an in-conflict.
        const TxnId otherId = c.reader == t ? c.writer : c.reader;
        const TxnState& other = s.txns[otherId];
        if (other.status != TxnStatus::Committed) continue;
        f.flagReads |= bit(otherId);
        if (c.reader == t ? other.outConflict : other.inConflict) allowed = false;
    }
    return allowed;
}

void setFlags(State& s, const RwConflicts& conflicts) {
    for (const RwConflict& c : conflicts) {
        s.txns[c.reader].outConflict = true;
        s.txns[c.writer].inConflict = true;
    }
}

}  // namespace isocheck
