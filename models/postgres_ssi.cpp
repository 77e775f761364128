#include "models/postgres_ssi.hpp"

#include "models/common.hpp"

#include <algorithm>
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

// Conflicts between ended transactions and t stay as they are until t's
// operation runs (a new conflict always has a live party, and forgetting
// keeps what a check reads), and more conflicts only fail more.
bool postgresFailsInevitably(const State& s, TxnId t, const RwConflicts& conflicts, std::uint64_t readOnly) {
    Graph g(s, readOnly);
    std::uint64_t others = 0;  // live, but t
    for (TxnId u = 0; u < s.txns.size(); ++u)
        if (u != t && s.txns[u].live()) others |= bit(u);
    for (TxnId u = 0; u < s.txns.size(); ++u) g.out[u] = (others & bit(u)) != 0 ? 0 : g.out[u] & ~others;
    RwConflicts ended;
    for (const RwConflict& c : conflicts)
        if ((others & (bit(c.reader) | bit(c.writer))) == 0) ended.push_back(c);
    return !ended.empty() && examine(g, t, ended);
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

namespace {

/// Whether t has a read or a write left (anything but its end).
bool dataLeft(const History& h, const State& s, TxnId t) {
    const auto& ops = h.txns[t].ops;
    return std::any_of(ops.begin() + s.txns[t].pc, ops.end(), [](const Op& op) {
        return op.kind != OpKind::Commit && op.kind != OpKind::Abort;
    });
}

/// Whether t has an operation left that may write (anything but a plain
/// read, a predicate read and its end).
bool writesLeft(const History& h, const State& s, TxnId t) {
    const auto& ops = h.txns[t].ops;
    return std::any_of(ops.begin() + s.txns[t].pc, ops.end(), [](const Op& op) {
        return op.kind != OpKind::Read && op.kind != OpKind::PredicateRead &&
               op.kind != OpKind::Commit && op.kind != OpKind::Abort;
    });
}

/// The rows some write may insert (a new row, or one a delete removed): an
/// index-page marker (kIndexPage) conflicts with those writes.
std::uint64_t insertable(const History& h) {
    const bool deletes = std::ranges::any_of(h.txns, [](const Txn& txn) {
        return std::ranges::any_of(txn.ops, [](const Op& op) {
            return op.kind == OpKind::Delete || op.kind == OpKind::PredicateDelete ||
                   op.kind == OpKind::PredicateUpdate;
        });
    });
    std::uint64_t keys = 0;
    for (KeyId k = 0; k < h.initial.size(); ++k)
        if (deletes || !h.initial[k]) keys |= keyBit(k);
    return keys;
}

/// Whether u, live or committed, has or may still get a conflict out: some
/// transaction other than u (and t, if live), concurrent with u, has
/// written or may write a row u has read or may read (or, through an
/// index-page marker, insert one).
bool mayGainOut(const History& h, const State& s, TxnId u, TxnId t, std::uint64_t inserts) {
    if (s.txns[u].rwOut != 0) return true;
    const std::uint64_t keys = touchedKeys(h, u) | inserts;
    for (TxnId x = 0; x < s.txns.size(); ++x) {
        const TxnState& xs = s.txns[x];
        if (x == u || (x == t && xs.live())) continue;  // a live t writes nothing more
        // A live x's writes meet u's markers as writeConflicts does: a
        // committed u only where x's snapshot missed its commit.
        const bool concurrent =
            xs.live() ? concurrentReader(s, x, u)
                      : xs.status == TxnStatus::Committed && s.txns[u].status == TxnStatus::Active &&
                            (s.txns[u].seenCommitted & bit(x)) == 0;
        const bool writes = xs.writes != 0 || (xs.live() && writesLeft(h, s, x));
        if (concurrent && writes && (touchedKeys(h, x) & keys) != 0) return true;
    }
    return false;
}

/// Whether every conflict out of u, now or later, is on the one row k that
/// u's next statement after its read of k writes: u has read nothing but k
/// and has left `w k` or `u k` (unguarded), or, not started, `r k` and
/// then one of those, and then only writes and its end; no row can be
/// inserted (`inserts` empty), so u's index-page marker conflicts with
/// nothing. A conflict u -rw-> X is on k:
/// X wrote k after u's snapshot. While X is live, u's write of k waits for
/// it; once X has committed, that write fails (first-updater-wins) before
/// anything else of u's runs, and once X has aborted, the conflict is
/// gone. After u's write, u reads nothing more and holds k, so it gets no
/// conflict out. So whether such a conflict is read (to fail u's write of
/// k, or to doom u as a pivot, which fails that same statement) never
/// changes what u does.
bool outsFailFirst(const History& h, const State& s, TxnId u, std::uint64_t inserts) {
    if (inserts != 0) return false;
    // Its index-page marker meets inserts only, and there are none.
    if (std::ranges::any_of(s.predicateMarkers,
                            [u](const PredicateLock& p) { return p.txn == u && p.predicate != kIndexPage; }))
        return false;
    std::uint64_t read = markersOf(s, u).rows;
    const auto& ops = h.txns[u].ops;
    std::size_t i = s.txns[u].pc;
    if (i < ops.size() && ops[i].kind == OpKind::Read) {
        // Only as its first statement: a later read of k could fail as the
        // middle of t -> u -> X, X having committed k after u's snapshot.
        if (s.txns[u].status != TxnStatus::NotStarted) return false;
        read = keyBit(ops[i].key);
        ++i;
    }
    if (i >= ops.size() || (ops[i].kind != OpKind::Write && ops[i].kind != OpKind::Update) ||
        ops[i].guard || (read & ~keyBit(ops[i].key)) != 0)
        return false;
    return std::all_of(ops.begin() + static_cast<std::ptrdiff_t>(i) + 1, ops.end(), [](const Op& op) {
        return op.kind == OpKind::Write || op.kind == OpKind::Delete || op.ends();
    });
}

}  // namespace

// Each use of the graph names a party to a new conflict (an active
// transaction's operation and one concurrent with it), or a committing
// transaction and an active pivot: fails() reads the conflicts out of the
// writer and into the reader, and the commit order and snapshot sets of
// the parties and of those conflicts' other ends; postgresCommit() reads
// conflicts into the committer from an active pivot and into that pivot.
// A conflict with no live end and no end that can be a party again is
// never read, nor is what only such conflicts would make read.
void postgresForget(const History& h, State& s) {
    const auto n = static_cast<TxnId>(s.txns.size());
    std::uint64_t live = 0;
    bool quiet = true;  // no live transaction has a read or a write left
    for (TxnId t = 0; t < n; ++t)
        if (s.txns[t].live()) {
            live |= bit(t);
            quiet = quiet && !dataLeft(h, s, t);
        }
    if (quiet) {
        for (TxnState& t : s.txns) {
            t.rwOut = (bit(&t - s.txns.data()) & live) != 0 ? t.rwOut & live : 0;
            t.seenCommitted = t.committedBefore = 0;
        }
        dropMarkers(s, ~std::uint64_t{0});
        return;
    }
    // A committed transaction's markers and conflicts to live ones are read
    // only through a conflict out of a live one, as a live transaction's
    // are (postgresMarkersInert, where its own writes count too).
    for (TxnId x = 0; x < n; ++x)
        if (s.txns[x].status == TxnStatus::Committed && postgresMarkersInert(h, s, x)) {
            dropMarkers(s, bit(x));
            s.txns[x].rwOut &= ~live;
        }
    // Retired: ended, and concurrent with no active transaction (one not
    // started yet will see it); an aborted one is concurrent with nobody.
    std::uint64_t retired = 0;
    for (TxnId t = 0; t < n; ++t) {
        const TxnState& ts = s.txns[t];
        if (ts.live()) continue;
        bool concurrent = false;
        for (TxnId u = 0; u < n && !concurrent && ts.status == TxnStatus::Committed; ++u)
            concurrent = s.txns[u].status == TxnStatus::Active && (s.txns[u].seenCommitted & bit(t)) == 0;
        if (!concurrent) retired |= bit(t);
    }
    dropMarkers(s, retired);
    std::uint64_t linked = 0;  // ends of a conflict that is kept
    for (TxnId t = 0; t < n; ++t) {
        TxnState& ts = s.txns[t];
        if ((retired & bit(t)) != 0) ts.rwOut &= ~retired;
        for (TxnId u = 0; u < n; ++u)
            if ((ts.rwOut & bit(u)) != 0) linked |= bit(t) | bit(u);
    }
    // Unseen: committed, wrote nothing and keeps no marker, so no conflict
    // can name it; with no conflict left either, whether a live
    // transaction saw its commit decides nothing.
    std::uint64_t marking = 0;
    for (KeyId k = 0; k < s.locks.size(); ++k) marking |= s.locks[k].sireads;
    for (const PredicateLock& m : s.predicateMarkers) marking |= bit(m.txn);
    std::uint64_t unseen = 0;
    for (TxnId t = 0; t < n; ++t)
        if (s.txns[t].status == TxnStatus::Committed && s.txns[t].writes == 0 && (marking & bit(t)) == 0)
            unseen |= bit(t);
    const std::uint64_t gone = (retired | unseen) & ~linked;
    for (TxnId t = 0; t < n; ++t) {
        TxnState& ts = s.txns[t];
        if ((gone & bit(t)) != 0) {
            ts.seenCommitted = ts.committedBefore = 0;
        } else {
            ts.seenCommitted &= ~(ts.live() ? unseen & gone : gone);
            ts.committedBefore &= ~gone;
        }
    }
}

// t writes nothing more (its next step aborts it), so no conflict runs
// into it; what it can change is through conflicts out of it, to a U it
// has one to or whose write of a row t marked will make one. Such a
// conflict is read only where U has a conflict out too: a write of U's
// that fails at once (OnConflict_CheckForSerializationFailure: U's
// conflict out to a transaction that committed first), a read of U's that
// fails as the middle of t -> U -> W, or U doomed as a pivot at a commit.
// So when no such U has or can get a conflict out, or each of its
// conflicts out would fail its next write anyway (outsFailFirst), t's
// abort now or later leaves every decision the same.
bool postgresMarkersInert(const History& h, const State& s, TxnId t) {
    std::uint64_t marked = markersOf(s, t).rows;
    const std::uint64_t inserts = insertable(h);
    for (const PredicateLock& m : s.predicateMarkers)
        if (m.txn == t) marked |= m.predicate == kIndexPage ? inserts : ~std::uint64_t{0};
    for (TxnId u = 0; u < s.txns.size(); ++u) {
        if (u == t || !s.txns[u].live()) continue;
        const bool edge = (s.txns[t].rwOut & bit(u)) != 0 ||
                          (writesLeft(h, s, u) && (touchedKeys(h, u) & marked) != 0);
        if (edge && mayGainOut(h, s, u, t, inserts) && !outsFailFirst(h, s, u, inserts)) return false;
    }
    return true;
}

// t holds only markers and has reads left, then an operation that fails
// inevitably (Explorer::readsToAbort). A read of k records t -rw-> W for
// each W with a version of k that t's snapshot does not see; the certifier
// fails it, or dooms a live W, only through a conflict out of W (R -rw-> W
// -rw-> T2, T2 committed first) or one into t (T0 -rw-> t -rw-> W, W
// committed first). None runs into t: it has written nothing and writes
// nothing more. So when no W that has written, or may write, one of the
// rows, unless t saw its commit, has or can get a conflict out (as in
// postgresMarkersInert), every read runs whenever it runs, reads the same
// version from t's snapshot and fails or dooms nobody; what it leaves is
// t's markers and conflicts out to those W, which readsToAbort asks
// postgresMarkersInert about after the reads, and t's abort then clears.
bool postgresReadsInert(const History& h, const State& s, TxnId t, std::uint64_t rows) {
    const TxnState& ts = s.txns[t];
    if (ts.status != TxnStatus::Active || ts.doomed) return false;
    const std::uint64_t inserts = insertable(h);
    for (TxnId w = 0; w < s.txns.size(); ++w) {
        const TxnState& ws = s.txns[w];
        if ((ws.rwOut & bit(t)) != 0) return false;  // a conflict into t
        if (w == t) continue;
        // The writers readConflicts would name: of a version t does not see.
        bool writes = ws.live() && writesLeft(h, s, w) && (touchedKeys(h, w) & rows) != 0;
        for (KeyId k = 0; k < s.rows.size() && !writes; ++k)
            if ((rows & keyBit(k)) != 0)
                writes = std::ranges::any_of(s.rows[k].chain, [&](const Version& v) {
                    return v.id.writer == w && newerConcurrent(s, t, v);
                });
        if (writes && mayGainOut(h, s, w, t, inserts)) return false;
    }
    return true;
}

void postgresAbort(State& s, TxnId t) {
    s.txns[t].rwOut = 0;
    s.txns[t].doomed = false;
    for (TxnState& u : s.txns) u.rwOut &= ~bit(t);
}

}  // namespace isocheck
