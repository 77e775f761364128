#include "models/locking.hpp"

#include "models/common.hpp"
#include "models/lock_manager.hpp"
#include "models/version_store.hpp"
#include "support/assert.hpp"

namespace isocheck {

Decision LockingModel::decide(const History& h, const State& s, TxnId t, bool explain) const {
    return step(h, s, nullptr, t, explain);
}

void LockingModel::apply(const History& h, State& s, Log& log, TxnId t) const {
    [[maybe_unused]] const Decision d = step(h, s, &log, t, false);
    ISOCHECK_ASSERT(d.kind == Decision::Kind::Runs);
}

// A transcript sent t's statement and it waits: with lock queues, the locks
// it asks for queue, S for reads that lock, X for writes and locking reads,
// and for a predicate read or write the rows it selects on the newest
// committed versions.
void LockingModel::sendWaiting(const History& h, State& s, const Log& log, TxnId t) const {
    IsolationModel::sendWaiting(h, s, log, t);
    if (!policy_.lockQueues) return;
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    if (op.predicateWrite() && policy_.innodbScan) {
        sendInnodbScan(h, s, t, false, LockMode::Exclusive);
    } else if (op.scans() && policy_.scanLocksAll) {
        sendInnodbScan(h, s, t, true, op.predicateWrite() ? LockMode::Exclusive : LockMode::Shared);
    } else if (op.scans()) {
        if (op.kind == OpKind::PredicateRead && policy_.predicateRows == LockDuration::None) return;
        const std::uint64_t rows =
            policy_.scanLocksAll ? allKeys(h) : selectedRows(h, s, t, newestVisibleRows(s, t, false));
        enqueue(s, t, rows, op.predicateWrite() ? LockMode::Exclusive : LockMode::Shared);
    } else if (op.kind == OpKind::Read) {
        if (policy_.itemRead != LockDuration::None) queueRowRequest(s, t, op.key, LockMode::Shared, innodb());
    } else if (op.item() && !(policy_.gapLocks && !hasRecord(s, op.key))) {
        // (An insert into a gap queues nothing: its intention lock blocks no one.)
        queueRowRequest(s, t, op.key, LockMode::Exclusive, innodb());
    }
}

// InnoDB's serializable: a sent scan that still waits goes on, next-key
// lock by next-key lock, once the row it waits for is free.
bool LockingModel::progress(const History& h, State& s, const Log&, TxnId t) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    if (!policy_.lockQueues || !policy_.scanLocksAll || !op.scans()) return false;
    return progressInnodbScan(h, s, t, op.predicateWrite() ? LockMode::Exclusive : LockMode::Shared);
}

// Footprints (specs/exploration.md): an item read observes its row (the
// newest version, its writer's status, the X lock) and an S lock it takes is
// observed only by writers of the row, so reads commute with reads; a read
// that takes no lock (degree 1) observes only the newest version. Writes
// observe and change their row. A predicate read observes every row; the
// predicate and row locks it takes are observed only by writers. Ending a
// transaction changes every row it holds a lock or a version on.
template <class S>
Decision LockingModel::step(const History& h, S& s, Log* log, TxnId t, bool explain) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    // A guard that does not hold: the step does nothing, takes no lock and
    // never waits; it reads only t's own bindings, so it commutes with every
    // step of another transaction (empty footprint).
    if (skipsNext(h, s.txns[t], t)) {
        if constexpr (kApplies<S>) {
            begin(s, t, false);
            logSkip(s, *log, t);
        }
        return Decision{};
    }
    switch (op.kind) {
        case OpKind::Read:
            return read(h, s, log, t, explain);
        case OpKind::ReadForUpdate:
        case OpKind::Write:
        case OpKind::Update:
        case OpKind::Delete:
            return write(h, s, log, t, explain);
        case OpKind::PredicateRead:
            return predicateRead(h, s, log, t, explain);
        case OpKind::PredicateUpdate:
        case OpKind::PredicateDelete:
            return predicateWrite(h, s, log, t, explain);
        case OpKind::Commit:
        case OpKind::Abort: {
            Decision d;
            d.footprint = endFootprint(s, t, op.kind == OpKind::Commit);
            d.footprint.bumpsClock = op.kind == OpKind::Commit;
            if constexpr (kApplies<S>) {
                if (op.kind == OpKind::Commit) commitTxn(s, *log, t);
                else abortTxn(s, *log, t, AbortCause::User, true);
            }
            return d;
        }
    }
    ISOCHECK_ASSERT(false);
}

// Degree 1 reads take no lock; degrees 2 and 3 take an S lock, short or long
// (Gray et al. 1976). Waiting for X locks is what keeps the read committed.
template <class S>
Decision LockingModel::read(const History& h, S& s, Log* log, TxnId t, bool explain) const {
    const KeyId k = h.txns[t].ops[s.txns[t].pc].key;
    if (policy_.itemRead != LockDuration::None) {
        if (auto holders = itemConflicts(s, t, k, LockMode::Shared))
            return waitOn(h, s, t, holders, explain,
                          [&] { return lockOn(h, s, t, k, LockMode::Shared, "write lock"); });
    }
    Decision d;
    // Without a lock, the read sees the newest version whatever its writer's
    // status: it commutes with that writer's commit (whether it read dirty
    // data is then judged on happens-before, Log::readsBeforeCommit).
    (readsUncommitted() ? d.footprint.readsLatest : d.footprint.reads) = keyBit(k);
    if constexpr (kApplies<S>) {
        if (policy_.itemRead == LockDuration::Long) acquire(s, t, k, LockMode::Shared);
        if (innodb() && policy_.itemRead != LockDuration::None)
            noteInnodbLocks(s, t, kTableIS | (hasRecord(s, k) ? kRecordS : kGapS));
        begin(s, t, false);
        logRead(s, *log, t, k, newestVisible(s, k, t, readsUncommitted()));
        advance(s, t);
    }
    return d;
}

// Every level holds write locks to the end (Berenson et al. 1995, Table 2:
// even READ UNCOMMITTED proscribes P0). Under serializable, a write also
// conflicts with long predicate locks whose predicate its before- or
// after-image satisfies (Eswaran et al. 1976).
template <class S>
Decision LockingModel::write(const History& h, S& s, Log* log, TxnId t, bool explain) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const KeyId k = op.key;
    // InnoDB's gap locks: no record, so a gap lock, or an insert into a gap.
    const bool gap = policy_.gapLocks && !hasRecord(s, k);
    if (gap && (op.kind == OpKind::ReadForUpdate || op.kind == OpKind::Delete))
        return absentRow(h, s, log, t, newestVisible(s, k, t, false), LockMode::Shared);
    // An insert's intention lock waits for gap locks only, not for other
    // inserts (gapConflicts covers this key's too).
    std::uint64_t holders = gap ? gapConflicts(h, s, t, k) : itemConflicts(s, t, k, LockMode::Exclusive);
    if (holders != 0)
        return waitOn(h, s, t, holders, explain,
                      [&] { return gap ? "a gap lock where " + h.keys[k] + " goes"
                                       : lockOn(h, s, t, k, LockMode::Exclusive, "lock"); });
    const std::size_t current = newestVisible(s, k, t, readsUncommitted());
    if (policy_.recordLocks && (op.kind == OpKind::ReadForUpdate || op.kind == OpKind::Delete) &&
        !s.rows[k].chain[current].exists)
        return absentRow(h, s, log, t, current, std::nullopt);
    // InnoDB's serializable: a delete of a delete-marked record locks it and
    // deletes nothing.
    if (policy_.gapLocks && op.kind == OpKind::Delete && !s.rows[k].chain[current].exists)
        return absentRow(h, s, log, t, current, LockMode::Exclusive);
    Version after;
    if (op.writes()) {
        after = afterImage(h, s, t, s.rows[k].chain[current]);
        holders = predicateLockConflicts(h, s, t, s.rows[k].chain.back(), after);
        if (holders != 0)
            return waitOn(h, s, t, holders, explain,
                          [&] { return "predicate lock matching " + h.keys[k]; });
    }
    Decision d;
    d.footprint.reads = d.footprint.writesPending = gap ? allKeys(h) : keyBit(k);
    if constexpr (kApplies<S>) {
        acquire(s, t, k, LockMode::Exclusive);
        // InnoDB: the record's lock, or (an insert) none but, where an
        // UPDATE by primary key came first and found nothing, its gap's.
        if (innodb()) noteInnodbLocks(s, t, innodbRowLocks(h, s, k, gap));
        begin(s, t, false);
        if (op.itemReads()) logRead(s, *log, t, k, current);
        if (op.writes()) logWrite(s, *log, t, k, current, after.exists, after.value);
        advance(s, t);
    }
    return d;
}

// A locking read or delete that finds no row to change at chain[index]: it
// reads the row's absence and takes `lock` on its key, if any (a gap lock,
// kept as S, or a delete-marked record's X), changing nothing else.
template <class S>
Decision LockingModel::absentRow(const History& h, S& s, Log* log, TxnId t, std::size_t index,
                                 std::optional<LockMode> lock) const {
    const KeyId k = h.txns[t].ops[s.txns[t].pc].key;
    Decision d;
    d.footprint.reads = keyBit(k);
    if (lock == LockMode::Exclusive) d.footprint.writesPending = keyBit(k);
    if constexpr (kApplies<S>) {
        if (lock) acquire(s, t, k, *lock);
        if (innodb()) noteInnodbLocks(s, t, innodbAbsentLocks(lock));
        begin(s, t, false);
        logRead(s, *log, t, k, index);
        advance(s, t);
    }
    return d;
}

// A predicate read waits for the X locks of rows whose before- or
// after-image satisfies the predicate (the predicate lock, short or long) and
// for X locks on the rows it returns (their S locks, short or long).
template <class S>
Decision LockingModel::predicateRead(const History& h, S& s, Log* log, TxnId t,
                                     bool explain) const {
    const PredicateId p = h.txns[t].ops[s.txns[t].pc].predicate;
    const std::vector<std::size_t> vset = newestVisibleRows(s, t, readsUncommitted());
    if (policy_.scanLocksAll) {
        std::uint64_t holders = 0;
        for (KeyId k = 0; k < h.keys.size(); ++k) holders |= itemConflicts(s, t, k, LockMode::Shared);
        if (holders != 0)
            return waitOn(h, s, t, holders, explain, [&] { return "locks on the rows it scans"; });
        Decision d;
        d.footprint.reads = allKeys(h);
        if constexpr (kApplies<S>) {
            for (KeyId k = 0; k < h.keys.size(); ++k) acquire(s, t, k, LockMode::Shared);
            if (innodb()) noteInnodbLocks(s, t, kTableIS | kNextKeyS);
            begin(s, t, false);
            logPredicateRead(h, s, *log, t, p, vset);
            advance(s, t);
        }
        return d;
    }
    std::uint64_t holders = 0;
    if (policy_.predicate != LockDuration::None) holders |= pendingWriteConflicts(h, s, t, p);
    if (policy_.predicateRows != LockDuration::None)
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if (satisfies(h.predicates[p], s.rows[k].chain[vset[k]]))
                holders |= itemConflicts(s, t, k, LockMode::Shared);
    if (holders != 0)
        return waitOn(h, s, t, holders, explain,
                      [&] { return "locks on rows matching " + h.predicates[p].text; });
    Decision d;
    const bool locksNothing = readsUncommitted() && policy_.predicate == LockDuration::None &&
                              policy_.predicateRows == LockDuration::None;
    (locksNothing ? d.footprint.readsLatest : d.footprint.reads) = allKeys(h);
    if constexpr (kApplies<S>) {
        if (policy_.predicate == LockDuration::Long) addPredicateLock(s, t, p);
        if (policy_.predicateRows == LockDuration::Long)
            for (KeyId k = 0; k < h.keys.size(); ++k)
                if (satisfies(h.predicates[p], s.rows[k].chain[vset[k]]))
                    acquire(s, t, k, LockMode::Shared);
        begin(s, t, false);
        logPredicateRead(h, s, *log, t, p, vset);
        advance(s, t);
    }
    return d;
}

// A predicate write selects the rows whose newest committed version (or its
// own) satisfies the predicate and writes each. Its write locks are long at
// every level, on the rows and on the predicate (Berenson et al. 1995,
// Table 2: write locks on data items and predicates are always long): it
// waits for X locks on rows whose before- or after-image satisfies the
// predicate (as a predicate lock does), for S locks on the rows it writes,
// and for others' long predicate locks that its writes meet; then it holds
// the predicate lock to its end, so that no row comes to satisfy it
// meanwhile. Footprint: it observes every row and changes those it writes.
template <class S>
Decision LockingModel::predicateWrite(const History& h, S& s, Log* log, TxnId t,
                                      bool explain) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const PredicateId p = op.predicate;
    const std::vector<std::size_t> vset = newestVisibleRows(s, t, false);
    // Rows a sent InnoDB scan passed are not selected now.
    const std::uint64_t passed = s.txns[t].scanPassed;
    const std::uint64_t rows = selectedRows(h, s, t, vset) & ~passed;
    // With scanLocksAll, X locks on every row and gap scanned instead of a predicate lock.
    const std::uint64_t locks = policy_.scanLocksAll ? allKeys(h) : rows;
    // With gap locks, those of keys without a record: S, and they never wait.
    const std::uint64_t gaps = policy_.gapLocks ? keysWithoutRecord(s) : 0;
    const bool scansAll = policy_.innodbScan && op.kind == OpKind::PredicateDelete;
    std::uint64_t holders = policy_.innodbScan ? 0 : pendingWriteConflicts(h, s, t, p);
    for (KeyId k = 0; k < h.keys.size(); ++k)
        if (((scansAll && (passed & keyBit(k)) == 0) || (locks & keyBit(k)) != 0) && (gaps & keyBit(k)) == 0)
            holders |= itemConflicts(s, t, k, LockMode::Exclusive);
    if (holders != 0)
        return waitOn(h, s, t, holders, explain,
                      [&] { return "locks on rows matching " + h.predicates[p].text; });
    for (KeyId k = 0; k < h.keys.size(); ++k) {
        if ((rows & keyBit(k)) == 0) continue;
        const Version& before = s.rows[k].chain[vset[k]];
        holders = predicateLockConflicts(h, s, t, before, predicateAfterImage(h, s, t, before));
        if (holders != 0)
            return waitOn(h, s, t, holders, explain,
                          [&] { return "predicate lock matching " + h.keys[k]; });
    }
    Decision d;
    d.footprint.reads = allKeys(h);
    d.footprint.writesPending = locks;
    if constexpr (kApplies<S>) {
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if ((locks & keyBit(k)) != 0)
                acquire(s, t, k, (gaps & keyBit(k)) != 0 ? LockMode::Shared : LockMode::Exclusive);
        // InnoDB: next-key locks under serializable; below repeatable read,
        // the record locks of every row it scanned (released or not, the
        // structure stays).
        if (innodb())
            noteInnodbLocks(s, t, kTableIX | (policy_.scanLocksAll                 ? kNextKeyX
                                              : keysWithoutRecord(s) != allKeys(h) ? kRecordX
                                                                                   : 0));
        // InnoDB below repeatable read keeps only the locks of the rows it changed.
        if (!policy_.scanLocksAll && !policy_.innodbScan) addPredicateLock(s, t, p);
        begin(s, t, false);
        logPredicateWrite(h, s, *log, t, vset, passed);
        advance(s, t);
    }
    return d;
}

}  // namespace isocheck
