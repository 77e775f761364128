#include "models/ssi.hpp"

#include <algorithm>
#include <bit>

#include "models/common.hpp"
#include "models/version_store.hpp"

namespace isocheck {
namespace {

std::uint32_t snapshotOf(const State& s, TxnId t) {
    const TxnState& ts = s.txns[t];
    return ts.status == TxnStatus::NotStarted ? s.commits : ts.snapshot;
}

/// The version a write by the writer of chain[i] replaced: the nearest earlier
/// version by another transaction.
const Version& beforeImage(const std::vector<Version>& chain, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && chain[j - 1].id.writer == chain[i].id.writer) --j;
    return chain[j == 0 ? 0 : j - 1];
}

}  // namespace

bool newerConcurrent(const State& s, TxnId t, const Version& v) {
    const TxnId w = v.id.writer;
    if (w == kInitialWriter || w == t) return false;
    const TxnState& ws = s.txns[w];
    if (ws.status == TxnStatus::Committed) return ws.commitSeq > snapshotOf(s, t);
    return ws.live();
}

bool concurrentReader(const State& s, TxnId t, TxnId r) {
    if (r == t) return false;
    const TxnState& rs = s.txns[r];
    if (rs.status == TxnStatus::Committed) return rs.commitSeq > snapshotOf(s, t);
    return rs.live();
}

void readConflicts(const State& s, TxnId t, KeyId k, std::size_t index,
                   RwConflicts& out) {
    const auto& chain = s.rows[k].chain;
    if (chain[index].id.writer == t) return;  // reading one's own write
    for (const Version& v : chain)
        if (newerConcurrent(s, t, v)) out.push_back({t, v.id.writer});
}

void predicateReadConflicts(const History& h, const State& s, TxnId t, PredicateId p,
                            const std::vector<std::size_t>& vset, bool wholeRelation,
                            RwConflicts& out) {
    const Predicate& pred = h.predicates[p];
    for (KeyId k = 0; k < vset.size(); ++k) {
        const auto& chain = s.rows[k].chain;
        if (chain[vset[k]].id.writer == t) continue;
        for (std::size_t i = 1; i < chain.size(); ++i)
            if (newerConcurrent(s, t, chain[i]) &&
                (wholeRelation || satisfies(pred, chain[i]) || satisfies(pred, beforeImage(chain, i))))
                out.push_back({t, chain[i].id.writer});
    }
}

void writeConflicts(const History& h, const State& s, TxnId t, KeyId k, const Version& before,
                    const Version& after, bool wholeRelation, RwConflicts& out) {
    const std::uint64_t readers = s.locks[k].sireads;
    for (TxnId r = 0; r < s.txns.size(); ++r)
        if ((readers & bit(r)) && concurrentReader(s, t, r)) out.push_back({r, t});
    for (const PredicateLock& m : s.predicateMarkers) {
        if (!concurrentReader(s, t, m.txn)) continue;
        if (m.predicate == kIndexPage ? !before.exists && after.exists
                                      : wholeRelation || satisfies(h.predicates[m.predicate], before) ||
                                            satisfies(h.predicates[m.predicate], after))
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

Markers markersOf(const State& s, TxnId t) {
    Markers m;
    for (KeyId k = 0; k < s.locks.size(); ++k)
        if ((s.locks[k].sireads & bit(t)) != 0) m.rows |= keyBit(k);
    m.predicate = std::ranges::any_of(s.predicateMarkers,
                                      [t](const PredicateLock& p) { return p.txn == t; });
    return m;
}

void dropMarkers(State& s, std::uint64_t txns) {
    for (ItemLock& l : s.locks) l.sireads &= ~txns;
    std::erase_if(s.predicateMarkers, [txns](const PredicateLock& m) { return (txns & bit(m.txn)) != 0; });
}

namespace {

bool wrote(const State& s, TxnId t, KeyId k) {
    return std::ranges::any_of(s.rows[k].chain, [t](const Version& v) { return v.id.writer == t; });
}

/// Whether a write (or update, or locking read) of k by the live u can get
/// as far as SSI's check in a conflict with `other`. Under first-updater-
/// wins it aborts first when a version of k committed after u's snapshot
/// exists (u active: that stays so), and when `other` wrote k and is
/// concurrent with u: u waits for other's row lock, and other's version,
/// once committed, is newer than u's snapshot.
bool reachesCheck(const State& s, TxnId u, KeyId k, TxnId other, bool firstUpdaterWins) {
    if (!firstUpdaterWins) return true;
    const TxnState& us = s.txns[u];
    if (us.status == TxnStatus::Active && committedAfter(s, k, us.snapshot)) return false;
    return !wrote(s, other, k);
}

/// The operations u has left, as they can test or set t's flags: `in`, by
/// writing a row t has a marker on; `out`, by reading a row t wrote or
/// running a predicate read.
struct Tests {
    bool in = false;
    bool out = false;
};

Tests testsBy(const History& h, const State& s, TxnId u, TxnId t, const Markers& m,
              bool firstUpdaterWins) {
    Tests r;
    const std::vector<Op>& ops = h.txns[u].ops;
    for (std::size_t i = s.txns[u].pc; i < ops.size(); ++i) {
        const Op& op = ops[i];
        if (op.kind == OpKind::PredicateRead) {
            r.out = true;
            continue;
        }
        if (op.ends()) continue;
        if (op.kind != OpKind::Read && !reachesCheck(s, u, op.key, t, firstUpdaterWins)) continue;
        if (op.writes() && (m.predicate || (m.rows & keyBit(op.key)) != 0)) r.in = true;
        if (op.itemReads() && wrote(s, t, op.key)) r.out = true;
    }
    return r;
}

/// Whether some operation t has left satisfies `p`.
template <class Pred>
bool anyLeft(const History& h, const State& s, TxnId t, Pred p) {
    const std::vector<Op>& ops = h.txns[t].ops;
    return std::any_of(ops.begin() + static_cast<std::ptrdiff_t>(s.txns[t].pc), ops.end(), p);
}

/// The rows t has a write (or update, or delete) of left.
std::uint64_t rowsToWrite(const History& h, const State& s, TxnId t) {
    std::uint64_t rows = 0;
    const std::vector<Op>& ops = h.txns[t].ops;
    for (std::size_t i = s.txns[t].pc; i < ops.size(); ++i)
        if (ops[i].writes()) rows |= keyBit(ops[i].key);
    return rows;
}

/// Whether the active u's next operation, an unguarded write of a row,
/// fails SSI's check, whatever comes first: it meets the marker of a
/// transaction that committed after u's snapshot with `in` set (Cahill's
/// committed pivot). Committed transactions stay concurrent with u and
/// their flags stay set, and forget() keeps both the flag and the marker
/// while that write is to come. Waiting for a row lock first changes
/// nothing: after it the write fails by first-updater-wins or this check.
bool failsAtNextWrite(const History& h, const State& s, TxnId u) {
    const TxnState& us = s.txns[u];
    if (us.status != TxnStatus::Active) return false;
    const Op& op = h.txns[u].ops[us.pc];
    if ((op.kind != OpKind::Write && op.kind != OpKind::Update && op.kind != OpKind::Delete) || op.guard)
        return false;
    const std::uint64_t readers = s.locks[op.key].sireads & ~bit(u);
    for (TxnId r = 0; r < s.txns.size(); ++r)
        if ((readers & bit(r)) != 0 && s.txns[r].status == TxnStatus::Committed && s.txns[r].inConflict &&
            concurrentReader(s, u, r))
            return true;
    return false;
}

/// The rows of which the live u has a write left that can still install a
/// version: under first-updater-wins an active transaction with a version
/// of the row committed after its snapshot aborts at that write (and that
/// stays so), and one whose next write fails SSI's check writes nothing.
std::uint64_t mayWrite(const History& h, const State& s, TxnId u, bool firstUpdaterWins) {
    std::uint64_t rows = rowsToWrite(h, s, u);
    if (!firstUpdaterWins || s.txns[u].status != TxnStatus::Active) return rows;
    if (failsAtNextWrite(h, s, u)) return 0;
    for (std::uint64_t rest = rows; rest != 0; rest &= rest - 1) {
        const auto k = static_cast<KeyId>(std::countr_zero(rest));
        if (committedAfter(s, k, s.txns[u].snapshot)) rows &= ~keyBit(k);
    }
    return rows;
}

/// mayWrite of every live transaction but t; `spared`'s writes of
/// `sparedRow` left out (commitsAfterWriting says why).
std::uint64_t othersMayWrite(const History& h, const State& s, TxnId t, bool firstUpdaterWins,
                             TxnId spared = kInitialWriter, KeyId sparedRow = 0) {
    std::uint64_t rows = 0;
    for (TxnId u = 0; u < s.txns.size(); ++u)
        if (u != t && s.txns[u].live())
            rows |= mayWrite(h, s, u, firstUpdaterWins) & (u == spared ? ~keyBit(sparedRow) : ~std::uint64_t{0});
    return rows;
}

/// The rows with a version newer than t's snapshot by a transaction
/// concurrent with t (committed after it, or live).
std::uint64_t newerRows(const State& s, TxnId t) {
    std::uint64_t rows = 0;
    for (KeyId k = 0; k < s.rows.size(); ++k)
        if (std::ranges::any_of(s.rows[k].chain, [&](const Version& v) { return newerConcurrent(s, t, v); }))
            rows |= keyBit(k);
    return rows;
}

/// Whether t has a read left that can still give it a conflict out: a
/// predicate read, or a read of a row of which a transaction concurrent
/// with t has a version newer than t's snapshot (committed after it, or
/// live) or has a write left that can still install a version (every live
/// transaction is, or will be, concurrent with a live t). A read of any
/// other row sees the newest version there will ever be, written by nobody
/// concurrent.
bool conflictingReadsLeft(const History& h, const State& s, TxnId t, std::uint64_t othersWrite) {
    const std::uint64_t newer = othersWrite | newerRows(s, t);
    return anyLeft(h, s, t, [newer](const Op& op) {
        return op.kind == OpKind::PredicateRead || (op.itemReads() && (newer & keyBit(op.key)) != 0);
    });
}

/// Under first-updater-wins, whether u's write of k meeting the marker of t
/// on k can never lead to t's `in` being tested. It sets t's `out` only if t
/// has not written k yet; when t has an unguarded write of k left, that write
/// then waits for u's row lock and fails once u has committed, so t never
/// commits (its `in` is tested at its commit, or after it) unless u aborts
/// after writing k. u does not when nothing but its commit follows that
/// write and it can never be a pivot there: its `out` is clear and stays
/// clear, with no read left that can meet a concurrent version and no other
/// live transaction able to write a row it read or will read. t's writes of
/// k are left out of that: one before u's write means no meeting at all
/// (u's write waits for t), one after it waits for u to end.
bool commitsAfterWriting(const History& h, const State& s, TxnId u, KeyId k, TxnId t) {
    const std::vector<Op>& ops = h.txns[u].ops;
    const auto pc = ops.begin() + static_cast<std::ptrdiff_t>(s.txns[u].pc);
    // A live version of k: only the commit is left. Otherwise the first
    // write of k left, then only the commit.
    const auto first = wrote(s, u, k) ? std::prev(pc)
                                      : std::find_if(pc, ops.end(), [k](const Op& op) { return op.writes() && op.key == k; });
    if (first == ops.end() || std::next(first) != std::prev(ops.end()) ||
        std::next(first)->kind != OpKind::Commit || std::next(first)->guard)
        return false;
    const std::vector<Op>& tOps = h.txns[t].ops;
    if (!std::any_of(tOps.begin() + static_cast<std::ptrdiff_t>(s.txns[t].pc), tOps.end(),
                     [k](const Op& op) { return op.writes() && op.key == k && !op.guard; }))
        return false;
    if (s.txns[u].outConflict) return false;
    const Markers m = markersOf(s, u);
    if (m.predicate) return false;
    const std::uint64_t othersWrite = othersMayWrite(h, s, u, true, t, k);
    if (conflictingReadsLeft(h, s, u, othersWrite)) return false;
    return (m.rows & othersWrite) == 0;
}

/// Whether t has a read left that can give it a conflict out that leaves it
/// able to commit. A read of k followed by an unguarded write of k cannot,
/// under first-updater-wins, when every concurrent writer of k surely
/// commits after its write (commitsAfterWriting): a conflict out on k means
/// a concurrent version of k newer than t's snapshot, committed (then t's
/// write fails) or written before t's write (which then waits for it and
/// fails once it has committed).
bool outConflictsLeft(const History& h, const State& s, TxnId t, bool firstUpdaterWins) {
    const std::uint64_t newer = othersMayWrite(h, s, t, firstUpdaterWins) | newerRows(s, t);
    const std::vector<Op>& ops = h.txns[t].ops;
    for (std::size_t i = s.txns[t].pc; i < ops.size(); ++i) {
        const Op& op = ops[i];
        if (op.kind == OpKind::PredicateRead) return true;
        if (!op.itemReads() || (newer & keyBit(op.key)) == 0) continue;
        const KeyId k = op.key;
        const bool writesAfter = std::any_of(ops.begin() + static_cast<std::ptrdiff_t>(i), ops.end(),
                                             [k](const Op& o) { return o.writes() && o.key == k && !o.guard; });
        if (!firstUpdaterWins || !writesAfter) return true;
        for (TxnId v = 0; v < s.txns.size(); ++v)
            if (v != t && s.txns[v].live() && (wrote(s, v, k) || (mayWrite(h, s, v, true) & keyBit(k)) != 0) &&
                !commitsAfterWriting(h, s, v, k, t))
                return true;
    }
    return false;
}

/// Whether the live t's `in` can never be tested, leaving `except` out of
/// account: `out` is clear and stays clear, t having no read left that can
/// meet a concurrent write (outConflictsLeft) and no other live transaction
/// a write left of a row t has a marker on, but those after which t can no
/// longer commit (commitsAfterWriting); the same writes are the only ones
/// that would test `in` once t has committed.
bool inUntestable(const History& h, const State& s, TxnId t, TxnId except, bool firstUpdaterWins) {
    if (s.txns[t].outConflict || outConflictsLeft(h, s, t, firstUpdaterWins)) return false;
    const Markers m = markersOf(s, t);
    for (TxnId u = 0; u < s.txns.size(); ++u) {
        if (u == t || u == except || !s.txns[u].live()) continue;
        const std::vector<Op>& ops = h.txns[u].ops;
        for (std::size_t i = s.txns[u].pc; i < ops.size(); ++i) {
            const Op& op = ops[i];
            if (!op.writes() || (!m.predicate && (m.rows & keyBit(op.key)) == 0)) continue;
            if (!reachesCheck(s, u, op.key, t, firstUpdaterWins)) continue;
            if (firstUpdaterWins && !m.predicate && commitsAfterWriting(h, s, u, op.key, t)) continue;
            return false;
        }
    }
    return true;
}

/// Whether the live t's `in`, clear now, can still be set: by a concurrent
/// transaction's read of a row t wrote or will write (any predicate read
/// counts, whatever it matches), or by a write left to t of a row on which a
/// transaction concurrent with t has a marker (any predicate marker counts).
bool inMayBeSet(const History& h, const State& s, TxnId t) {
    std::uint64_t rows = 0;  // written, or with a write left
    for (KeyId k = 0; k < s.rows.size(); ++k)
        if (wrote(s, t, k)) rows |= keyBit(k);
    const std::uint64_t toWrite = rowsToWrite(h, s, t);
    rows |= toWrite;
    if (rows == 0) return false;
    std::uint64_t concurrent = 0;  // readers whose markers t's writes would meet
    for (TxnId u = 0; u < s.txns.size(); ++u) {
        if (u == t) continue;
        if (s.txns[u].live() &&
            anyLeft(h, s, u, [rows](const Op& op) {
                return op.kind == OpKind::PredicateRead || (op.itemReads() && (rows & keyBit(op.key)) != 0);
            }))
            return true;
        if (toWrite != 0 && concurrentReader(s, t, u)) concurrent |= bit(u);
    }
    if (concurrent == 0) return false;
    for (KeyId k = 0; k < s.locks.size(); ++k)
        if ((toWrite & keyBit(k)) != 0 && (s.locks[k].sireads & concurrent) != 0) return true;
    return std::ranges::any_of(s.predicateMarkers,
                               [concurrent](const PredicateLock& m) { return (concurrent & bit(m.txn)) != 0; });
}

}  // namespace

// What forget() may clear. A flag is tested in two places: at its own
// transaction's commit (both set: a pivot), and, once that one has
// committed, by a concurrent transaction's conflicting operation
// (conflictsAllowed): a reader of a row it wrote tests its `out`, a writer
// of a row it read (a marker's row) tests its `in`, sets its `out` and the
// writer's `in`.
//
//  * An aborted transaction is concurrent with nobody: its flags are never
//    tested.
//  * A committed T is concurrent only with the transactions active at its
//    commit (snapshot before it): one that starts later sees it. Only their
//    operations left can test or set its flags or meet its markers
//    (testsBy). Its `out` is tested only by their reads of rows T wrote,
//    which alone can still set its `in`. Its markers matter while a write
//    left meets one and T's `in` is or may become set, or the writer's `in`
//    is clear and may still be tested; otherwise they are dropped, and its
//    `in` with them.
//  * An active T whose `in` is clear and cannot be set any more (no
//    concurrent transaction has a read left of a row T wrote or will write,
//    nor a marker on a row T will write) never becomes a pivot, and its
//    `out` is tested only by readers of its rows, who would set its `in`:
//    its `out` is tested by nobody. (T wrote nothing and has no write left
//    is one such case.)
//  * An active T with `out` clear keeps it clear when it has no read left
//    and no other transaction has a write left of a row T has a marker on;
//    then its `in` is tested neither at its commit nor after (the same
//    writes would test it). Under first-updater-wins a conflict out on a
//    row T still writes does not count when the other side surely commits:
//    T then never commits (commitsAfterWriting).
//
// None of these conditions can become false again: no transaction becomes
// concurrent with T once it committed, operations are only used up, a
// committed version stays newer than a snapshot, markers and rows stay as
// they are (a committed T and an active T with no read left take no new
// marker), and a flag that may still be tested is never cleared.
namespace {

/// One transaction's part of forget(); whether it cleared something.
bool forgetOne(const History& h, State& s, TxnId t, bool firstUpdaterWins) {
    TxnState& ts = s.txns[t];
    const auto clear = [](bool& flag, bool keep) {
        const bool cleared = flag && !keep;
        flag = flag && keep;
        return cleared;
    };
    switch (ts.status) {
        case TxnStatus::NotStarted:
            return false;
        case TxnStatus::Aborted: {
            const bool in = clear(ts.inConflict, false);
            return clear(ts.outConflict, false) || in;
        }
        case TxnStatus::Active: {
            // Only the commit left: under first-updater-wins it tests only
            // t's flags; others compare their commits with t's snapshot
            // only through t's reads and writes, of which none is left.
            const std::vector<Op>& ops = h.txns[t].ops;
            if (firstUpdaterWins && std::size_t{ts.pc} + 1 == ops.size() && ops.back().kind == OpKind::Commit &&
                ts.snapshot != kSnapshotUnused) {
                ts.snapshot = kSnapshotUnused;
                return true;
            }
            // Nobody can become the reader of a conflict with t as the
            // writer: its `in` stays clear, and its `out` is tested by nobody.
            if (!ts.inConflict && ts.outConflict && !inMayBeSet(h, s, t)) return clear(ts.outConflict, false);
            return clear(ts.inConflict, !ts.inConflict || !inUntestable(h, s, t, t, firstUpdaterWins));
        }
        case TxnStatus::Committed:
            break;
    }
    const Markers m = markersOf(s, t);
    if (!ts.inConflict && !ts.outConflict && m.rows == 0 && !m.predicate) return false;
    bool readsWrites = false;   // a read left of a row t wrote
    std::uint64_t writers = 0;  // with a write left that meets a marker
    for (TxnId u = 0; u < s.txns.size(); ++u) {
        if (s.txns[u].status != TxnStatus::Active || s.txns[u].snapshot >= ts.commitSeq) continue;
        const Tests by = testsBy(h, s, u, t, m, firstUpdaterWins);
        readsWrites = readsWrites || by.out;
        if (by.in) writers |= bit(u);
    }
    bool meetMatters = writers != 0 && (ts.inConflict || readsWrites);
    for (TxnId u = 0; u < s.txns.size() && !meetMatters; ++u)
        if ((writers & bit(u)) != 0 && !s.txns[u].inConflict &&
            !inUntestable(h, s, u, u, firstUpdaterWins))
            meetMatters = true;
    bool cleared = clear(ts.inConflict, meetMatters);
    cleared = clear(ts.outConflict, readsWrites) || cleared;
    if (!meetMatters && (m.rows != 0 || m.predicate)) {
        dropMarkers(s, bit(t));
        cleared = true;
    }
    return cleared;
}

}  // namespace

// Until nothing changes: what one transaction forgets can make another's
// untestable, and the result must not depend on when it was applied.
void forget(const History& h, State& s, bool firstUpdaterWins) {
    for (bool changed = true; changed;) {
        changed = false;
        for (TxnId t = 0; t < s.txns.size(); ++t) changed = forgetOne(h, s, t, firstUpdaterWins) || changed;
    }
}

namespace {

/// Whether the active x's plain write of j (no read, no guard) surely
/// succeeds while the active w has not yet written: it waits for nobody
/// (no live transaction but t, which holds no version, has written j or
/// has a write of it left), no version of j committed after x's snapshot
/// fails it (first-updater-wins), and no transaction that may have
/// committed by then with `in` set has a marker on j (Cahill's check on a
/// committed reader): nobody concurrent with x but t and w marks j or has
/// a read of j or a predicate read left (w commits only after its write).
bool writesSurely(const History& h, const State& s, TxnId x, KeyId j, TxnId t, TxnId w) {
    if (committedAfter(s, j, s.txns[x].snapshot)) return false;
    for (TxnId u = 0; u < s.txns.size(); ++u) {
        if (u == t || u == x) continue;
        const TxnState& us = s.txns[u];
        if (us.live() && (wrote(s, u, j) || (rowsToWrite(h, s, u) & keyBit(j)) != 0)) return false;
        if (u == w || (!us.live() && !concurrentReader(s, x, u))) continue;
        const Markers um = markersOf(s, u);
        if (um.predicate || (um.rows & keyBit(j)) != 0) return false;
        if (us.live() && anyLeft(h, s, u, [j](const Op& op) {
                return op.kind == OpKind::PredicateRead || (op.itemReads() && op.key == j);
            }))
            return false;
    }
    return true;
}

/// Whether x surely holds its marker on k, concurrent with the active w,
/// when w comes to write k, w writing `before` (none of the rows x marked)
/// first: x has committed after w's snapshot (a committed transaction's
/// markers stay while a concurrent one is live), or x is active and cannot
/// end before that write. Then x has nothing left but plain writes that
/// surely succeed (writesSurely: it never waits, so it lies on no
/// waits-for cycle) and its commit, which fails only with both flags set
/// (first-updater-wins: no other check at commit), and its `out` is clear
/// and stays clear: nobody but t and w has a write left of a row it marked.
bool holdsMarkerThen(const History& h, const State& s, TxnId x, TxnId t, TxnId w, std::uint64_t before) {
    const TxnState& xs = s.txns[x];
    const Markers xm = markersOf(s, x);
    if ((xm.rows & before) != 0) return false;
    if (xs.status == TxnStatus::Committed) return concurrentReader(s, w, x);
    if (xs.status != TxnStatus::Active || xs.outConflict || xm.predicate) return false;
    const std::vector<Op>& ops = h.txns[x].ops;
    if (ops.back().kind != OpKind::Commit || ops.back().guard) return false;
    for (std::size_t i = xs.pc; i + 1 < ops.size(); ++i) {
        const Op& op = ops[i];
        if ((op.kind != OpKind::Write && op.kind != OpKind::Delete) || op.guard ||
            !writesSurely(h, s, x, op.key, t, w))
            return false;
    }
    for (TxnId u = 0; u < s.txns.size(); ++u)
        if (u != t && u != w && u != x && s.txns[u].live() && (mayWrite(h, s, u, true) & xm.rows) != 0)
            return false;
    return true;
}

/// Under first-updater-wins, whether every write the active w has left of
/// a row t marked meets, in the same step, the marker of a third
/// transaction that surely holds it then (holdsMarkerThen): the conflict
/// with t then sets w's `in` when that one sets it too, and t's `out`,
/// which nobody tests once t has aborted. An item marker is met by a write
/// of its row whatever the images, so the two conflicts arise together.
bool metAnyway(const History& h, const State& s, TxnId t, TxnId w, const Markers& m) {
    if (m.predicate || s.txns[w].status != TxnStatus::Active) return false;
    const std::vector<Op>& ops = h.txns[w].ops;
    std::uint64_t written = 0;  // rows w writes before the one at hand
    for (std::size_t i = s.txns[w].pc; i < ops.size(); ++i) {
        const Op& op = ops[i];
        if (!op.writes()) continue;
        const KeyId k = op.key;
        if ((m.rows & keyBit(k)) != 0 && reachesCheck(s, w, k, t, true)) {
            const std::uint64_t readers = s.locks[k].sireads & ~(bit(t) | bit(w));
            bool met = false;
            for (TxnId x = 0; x < s.txns.size() && !met; ++x)
                met = (readers & bit(x)) != 0 && holdsMarkerThen(h, s, x, t, w, written);
            if (!met) return false;
        }
        written |= keyBit(k);
    }
    return true;
}

}  // namespace

// t's markers set flags only through writes of their rows by transactions
// live together with t: W.in (and t.out, which no one tests once t has
// aborted). That changes nothing when W.in is set already (a flag that can
// still be tested stays set), can never be tested, or is set by the same
// write meeting another transaction's marker (metAnyway).
bool markersInert(const History& h, const State& s, TxnId t, bool firstUpdaterWins) {
    const Markers m = markersOf(s, t);
    if (m.rows == 0 && !m.predicate) return true;
    for (TxnId w = 0; w < s.txns.size(); ++w) {
        if (w == t || !s.txns[w].live() || s.txns[w].inConflict) continue;
        if (!testsBy(h, s, w, t, m, firstUpdaterWins).in) continue;
        if (firstUpdaterWins && metAnyway(h, s, t, w, m)) continue;
        if (!inUntestable(h, s, w, t, firstUpdaterWins)) return false;
    }
    return true;
}

// A read of k by t fails only on a committed writer W of a version of k
// newer than t's snapshot whose `out` is set (Cahill et al. 2008, Fig. 3).
// Such a W is one with a version of k concurrent with t now, or a live one
// with a write of k left that can still install a version. Its `out` is
// clear and stays clear while it may commit: a committed W, when no live
// transaction concurrent with W but t has a write left of a row W marked
// that reaches SSI's check (one that started after W's commit sees W's
// writes, and meets none of its markers); a live W, when its `in` is
// untestable for the reason that its `out` stays clear (inUntestable,
// leaving t's writes aside: t will abort).
bool readsInert(const History& h, const State& s, TxnId t, std::uint64_t rows) {
    for (TxnId w = 0; w < s.txns.size(); ++w) {
        if (w == t) continue;
        const TxnState& ws = s.txns[w];
        bool writes = ws.live() && (mayWrite(h, s, w, true) & rows) != 0;
        for (KeyId k = 0; k < s.rows.size() && !writes; ++k)
            if ((rows & keyBit(k)) != 0)
                writes = std::ranges::any_of(s.rows[k].chain, [&](const Version& v) {
                    return v.id.writer == w && newerConcurrent(s, t, v);
                });
        if (!writes) continue;
        if (ws.outConflict) return false;
        if (ws.live()) {
            if (!inUntestable(h, s, w, t, true)) return false;
            continue;
        }
        const Markers m = markersOf(s, w);
        for (TxnId u = 0; u < s.txns.size(); ++u)
            if (u != t && u != w && s.txns[u].live() && concurrentReader(s, u, w) &&
                testsBy(h, s, u, w, m, true).in)
                return false;
    }
    return true;
}

}  // namespace isocheck
