#include "models/postgres_ssi.hpp"

#include <vector>


namespace isocheck {
namespace {

/// The transactions that have committed.
std::uint64_t committedSet(const State& s) {
    std::uint64_t out = 0;
    for (TxnId u = 0; u < s.txns.size(); ++u)
        if (s.txns[u].status == TxnStatus::Committed) out |= bit(u);
    return out;
}

/// The certifier's view: the conflicts and doomed set, copied so that an
/// operation's conflicts can be examined before any is recorded.
struct Graph {
    const State& s;
    std::vector<std::uint64_t> out;  ///< TxnId -> rwOut
    std::uint64_t doomed = 0;
    std::uint64_t declared = 0;      ///< the transactions declared READ ONLY

    Graph(const State& st, std::uint64_t readOnly) : s(st), declared(readOnly) {
        out.reserve(s.txns.size());
        for (TxnId t = 0; t < s.txns.size(); ++t) {
            out.push_back(s.txns[t].rwOut);
            if (s.txns[t].doomed) doomed |= bit(t);
        }
    }
    [[nodiscard]] bool committed(TxnId t) const { return s.txns[t].status == TxnStatus::Committed; }
    /// A transaction declared READ ONLY is read-only from its start; PostgreSQL
    /// marks one that commits without writing read-only too.
    [[nodiscard]] bool readOnly(TxnId t) const {
        return (declared & bit(t)) != 0 || (committed(t) && s.txns[t].writes == 0);
    }
    /// The transactions committed before t's snapshot; for t's first
    /// operation, being decided, the snapshot it is about to take.
    [[nodiscard]] std::uint64_t seen(TxnId t) const {
        return s.txns[t].status == TxnStatus::NotStarted ? committedSet(s) : s.txns[t].seenCommitted;
    }
    /// Whether a committed before b did (b committed).
    [[nodiscard]] bool before(TxnId a, TxnId b) const { return (s.txns[b].committedBefore & bit(a)) != 0; }
    [[nodiscard]] bool isDoomed(TxnId t) const { return (doomed & bit(t)) != 0; }

    /// OnConflict_CheckForSerializationFailure(reader r, writer w).
    [[nodiscard]] bool fails(TxnId r, TxnId w) const {
        // R -rw-> W -rw-> T2, T2 committed first.
        for (TxnId t2 = 0; t2 < s.txns.size(); ++t2) {
            if ((out[w] & bit(t2)) == 0 || !committed(t2)) continue;
            if (committed(r) && t2 != r && !before(t2, r)) continue;
            if (committed(w) && !before(t2, w)) continue;
            if (readOnly(r) && (seen(r) & bit(t2)) == 0) continue;
            return true;
        }
        // T0 -rw-> R -rw-> W, W committed first.
        if (!committed(w) || readOnly(r)) return false;
        for (TxnId t0 = 0; t0 < s.txns.size(); ++t0) {
            if ((out[t0] & bit(r)) == 0 || isDoomed(t0)) continue;
            if (committed(t0) && t0 != w && before(t0, w)) continue;
            if (readOnly(t0) && (seen(t0) & bit(w)) == 0) continue;
            return true;
        }
        return false;
    }
};

/// Whether the conflict is one the certifier looks at: not with a doomed
/// transaction, and not one it has already.
bool considered(const Graph& g, TxnId t, const RwConflict& c) {
    const TxnId other = c.reader == t ? c.writer : c.reader;
    return c.reader != c.writer && !g.isDoomed(other) && (g.out[c.reader] & bit(c.writer)) == 0;
}

}  // namespace

namespace {

/// FlagRWConflict over t's conflicts, on g; whether t fails.
bool examine(Graph& g, TxnId t, const RwConflicts& conflicts) {
    for (const RwConflict& c : conflicts) {
        if (!considered(g, t, c)) continue;
        if (g.fails(c.reader, c.writer)) {
            if (c.writer == t || g.committed(c.writer)) return true;
            g.doomed |= bit(c.writer);
        }
        g.out[c.reader] |= bit(c.writer);
    }
    return false;
}

}  // namespace

bool postgresFails(const State& s, TxnId t, const RwConflicts& conflicts, std::uint64_t readOnly) {
    if (conflicts.empty()) return false;
    Graph g(s, readOnly);
    return examine(g, t, conflicts);
}

void postgresRecord(State& s, TxnId t, const RwConflicts& conflicts, std::uint64_t readOnly) {
    if (conflicts.empty()) return;
    Graph g(s, readOnly);
    [[maybe_unused]] const bool fails = examine(g, t, conflicts);
    for (TxnId u = 0; u < s.txns.size(); ++u) {
        s.txns[u].rwOut = g.out[u];
        s.txns[u].doomed = g.isDoomed(u);
    }
}

void postgresBegin(State& s, TxnId t) { s.txns[t].seenCommitted = committedSet(s); }

void postgresCommit(State& s, TxnId t, std::uint64_t readOnly) {
    const Graph g(s, readOnly);
    for (TxnId pivot = 0; pivot < s.txns.size(); ++pivot) {
        if ((g.out[pivot] & bit(t)) == 0 || g.committed(pivot) || g.isDoomed(pivot)) continue;
        for (TxnId in = 0; in < s.txns.size(); ++in)
            if ((g.out[in] & bit(pivot)) != 0 &&
                (in == t || (s.txns[in].live() && !g.isDoomed(in) && !g.readOnly(in)))) {
                s.txns[pivot].doomed = true;
                break;
            }
    }
    s.txns[t].committedBefore = committedSet(s);  // t itself has not committed yet
}

void postgresAbort(State& s, TxnId t) {
    s.txns[t].rwOut = 0;
    s.txns[t].doomed = false;
    for (TxnState& u : s.txns) u.rwOut &= ~bit(t);
}

}  // namespace isocheck
