#include "models/multiversion.hpp"

#include <algorithm>
#include <map>

#include "models/common.hpp"
#include "models/lock_manager.hpp"
#include "models/postgres_ssi.hpp"
#include "models/ssi.hpp"
#include "models/version_store.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

/// A serialization failure, `inevitable` when its condition only stays
/// true once it holds (Decision::inevitable). Not so for a failure of
/// SSI's check that live transactions' conflicts decide
/// (MultiversionModel::failsInevitably), a selection's under retention,
/// and PostgreSQL's upsert of a row a concurrent transaction inserted,
/// which fails only until a delete commits.
template <class Why>
Decision serializationFailure(const History& h, const State& s, TxnId t, const Footprint& read, bool explain,
                              bool inevitable, Why why) {
    Decision d = abortWith(h, s, t, AbortCause::Serialization, read, explain, why);
    d.inevitable = inevitable;
    return d;
}

// Every other abort condition of these models only stays true once it
// holds: committed versions stay committed and newer than a snapshot, a
// discarded version stays discarded, a committed transaction's flags stay
// set.
template <class Why>
Decision serializationFailure(const History& h, const State& s, TxnId t, const Footprint& read,
                              bool explain, Why why) {
    return serializationFailure(h, s, t, read, explain, true, why);
}

Decision snapshotTooOld(const History& h, const State& s, TxnId t, KeyId k, const Footprint& read,
                        bool explain) {
    Decision d = abortWith(h, s, t, AbortCause::SnapshotTooOld, read, explain, [&] {
        return "the version of " + h.keys[k] + " its snapshot needs is no longer kept (snapshot too old)";
    });
    d.inevitable = true;
    return d;
}

}  // namespace

bool MultiversionModel::statementSnapshot(const History& h, TxnId t) const {
    return policy_.statementSnapshot && !(policy_.readOnlyTransactionSnapshot && h.txns[t].readOnly);
}

std::uint32_t MultiversionModel::snapshotOf(const History& h, const State& s, TxnId t) const {
    const TxnState& ts = s.txns[t];
    if (statementSnapshot(h, t) || ts.status == TxnStatus::NotStarted || ts.snapshot == kNoSnapshot)
        return s.commits;
    return ts.snapshot;
}

bool MultiversionModel::takesSnapshot(const History& h, const State& s, TxnId t, bool read) const {
    if (statementSnapshot(h, t)) return false;
    const TxnState& ts = s.txns[t];
    if (!policy_.snapshotAtFirstRead) return ts.status == TxnStatus::NotStarted;
    return read && (ts.status == TxnStatus::NotStarted || ts.snapshot == kNoSnapshot);
}

// Footprints (specs/exploration.md). A transaction snapshot is the commit
// clock read by the first step, observed through the rows it touches. A snapshot read observes nothing another
// transaction can change, unless retention can discard the version it needs
// or SSI looks for newer versions: committed versions no newer than the
// snapshot never change, and others' uncommitted ones are invisible. A
// statement snapshot (read-committed-snapshot) observes the row's newest
// committed version. Writes under row locks observe and change their row; a
// first-committer-wins write is private until its commit.
Footprint MultiversionModel::base(const History& h, TxnId t, bool started) const {
    Footprint f;
    if (!statementSnapshot(h, t) && !started) f.snapshotKeys = touchedKeys(h, t);
    return f;
}

Footprint MultiversionModel::base(const History& h, const State& s, TxnId t, bool read) const {
    Footprint f;
    if (takesSnapshot(h, s, t, read)) f.snapshotKeys = touchedKeys(h, t);
    return f;
}

Footprint MultiversionModel::readObserves(std::uint64_t keys) const {
    Footprint f;
    if (policy_.ssi) f.reads = keys;
    else if (policy_.statementSnapshot || policy_.retention != 0) f.readsCommitted = keys;
    return f;
}

Footprint MultiversionModel::writeObserves(const Op& op) const {
    Footprint f;
    if (!policy_.firstCommitterWins) f.reads = keyBit(op.key);  // an abort changes only what t holds
    else if (policy_.retention != 0 && op.itemReads()) f.readsCommitted = keyBit(op.key);
    if (policy_.blockConflicts) f.readsCommitted = ~std::uint64_t{0};  // the whole block
    return f;
}

Decision MultiversionModel::decide(const History& h, const State& s, TxnId t, bool explain) const {
    Decision d = step(h, s, nullptr, t, explain);
    // PostgreSQL's certifier reads and changes conflicts anywhere in the
    // graph, and a start notes every commit so far: every step but one
    // that changes nothing conflicts with every other, and where two
    // conflict the explorer tries both orders.
    if (policy_.postgresSsi && d.enabled() && d.footprint != Footprint{}) {
        d.footprint.flagReads = d.footprint.flagWrites = ~std::uint64_t{0};
        d.footprint.coarse = true;
    }
    return d;
}

namespace {

/// Whether PostgreSQL reaches t's row through the primary key's index for
/// the statement isocheck run sends (specs/live.md): every item statement
/// but the upsert of a row not in [initial] (INSERT ... ON CONFLICT, whose
/// unique check takes no read-marker). Under SSI the scan takes a
/// read-marker on the index page, which covers every key of a small table.
bool indexScan(const History& h, const Op& op) {
    return op.kind == OpKind::Read || op.kind == OpKind::ReadForUpdate || op.kind == OpKind::Delete ||
           h.initial[op.key].has_value();
}

/// Where each row version stands in PostgreSQL's heap, by (key, version):
/// the rows of [initial] first, in key order (one INSERT), then every new
/// tuple where it was written, at the end (a table of a few rows never
/// prunes a page). A delete makes no tuple. An UPDATE with a WHERE clause
/// writes its rows in the order it scanned their old tuples.
std::map<std::pair<KeyId, VersionId>, std::size_t> heapPositions(const History& h, const Log& log) {
    std::map<std::pair<KeyId, VersionId>, std::size_t> at;
    for (KeyId k = 0; k < h.keys.size(); ++k) at[{k, VersionId{kInitialWriter, 0}}] = k;
    std::size_t next = h.keys.size();
    const std::vector<Event>& events = log.events;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        if (e.kind == EventKind::PredicateRead &&
            h.txns[e.txn].ops[e.op].kind == OpKind::PredicateUpdate) {
            // The statement's reads and writes, a pair per row it updated.
            std::vector<std::pair<std::size_t, const Event*>> written;
            std::size_t j = i + 1;
            for (; j + 1 < events.size() && events[j].txn == e.txn && events[j].op == e.op &&
                   events[j].kind == EventKind::Read && events[j + 1].kind == EventKind::Write;
                 j += 2)
                written.emplace_back(at[{events[j].key, events[j].version}], &events[j + 1]);
            std::ranges::sort(written, {}, &std::pair<std::size_t, const Event*>::first);
            for (const auto& w : written) at[{w.second->key, w.second->version}] = next++;
            i = j - 1;
        } else if (e.kind == EventKind::Write && e.exists) {
            at[{e.key, e.version}] = next++;
        }
    }
    return at;
}

}  // namespace

// A transcript sent t's statement and it waits: t starts (taking its
// transaction snapshot now, as PostgreSQL and Oracle do at the first
// statement, or at InnoDB's first plain read); PostgreSQL's read committed
// notes the statement's snapshot; engines with lock queues queue the row
// locks it asks for. PostgreSQL's UPDATE or DELETE with a WHERE clause
// scans the heap and locks (writes) each row it selects as it comes to it:
// waiting for one row, it holds the rows it passed.
void MultiversionModel::sendWaiting(const History& h, State& s, const Log& log, TxnId t) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    start(h, s, t, op.kind == OpKind::Read || op.kind == OpKind::PredicateRead);
    if (policy_.recheckAfterWait) s.txns[t].sentAt = s.commits + 1;
    // PostgreSQL's SSI: the scan read before it came to wait, and its
    // read-markers and conflicts stand while it waits.
    if (policy_.postgresSsi && (op.predicateWrite() || op.item())) {
        RwConflicts conflicts;
        if (op.predicateWrite()) {
            predicateReadConflicts(h, s, t, op.predicate, foundVersions(h, s, t), true, conflicts);
            addPredicateMarker(s, t, op.predicate);
        } else if (indexScan(h, op)) {
            readConflicts(s, t, op.key, foundVersion(h, s, t, op.key), conflicts);
            if (op.itemReads()) s.locks[op.key].sireads |= bit(t);
            addPredicateMarker(s, t, kIndexPage);
        }
        recordConflicts(h, s, t, conflicts);
    }
    if (policy_.tupleLocks && op.predicateWrite()) (void)postgresScan(h, s, log, t);
    if (!policy_.lockQueues || policy_.firstCommitterWins) return;
    if (op.predicateWrite() && policy_.scanWaits != ScanWaits::Selected) {
        sendInnodbScan(h, s, t, policy_.scanWaits == ScanWaits::Every, LockMode::Exclusive);
    } else if (op.predicateWrite()) {
        enqueue(s, t, selectedRows(h, s, t, newestVisibleRows(s, t, false)), LockMode::Exclusive);
    } else if (op.item() && op.kind != OpKind::Read && !(policy_.gapLocks && !hasRecord(s, op.key))) {
        // (An insert into a gap queues nothing: its intention lock blocks no one.)
        queueRowRequest(s, t, op.key, LockMode::Exclusive, innodb());
    }
}

bool MultiversionModel::postgresScan(const History& h, State& s, const Log& log, TxnId t) const {
    const auto at = heapPositions(h, log);
    std::vector<std::pair<std::size_t, KeyId>> scan;
    const std::vector<std::size_t> vset = foundVersions(h, s, t);
    const std::uint64_t rows = selectedRows(h, s, t, vset);
    for (KeyId k = 0; k < h.keys.size(); ++k) {
        if ((rows & keyBit(k)) == 0) continue;
        const auto found = at.find({k, s.rows[k].chain[vset[k]].id});
        scan.emplace_back(found == at.end() ? 0 : found->second, k);
    }
    std::ranges::sort(scan);
    bool locked = false;
    for (const auto& [position, k] : scan) {
        if (s.locks[k].exclusive == t) continue;
        if (itemConflicts(s, t, k, LockMode::Exclusive) != 0) break;
        acquire(s, t, k, LockMode::Exclusive);
        locked = true;
    }
    return locked;
}

// A sent scan that still waits goes on when the row it waits for is free:
// PostgreSQL's and InnoDB's (at repeatable read) lock the rows they come to
// until one is held again.
bool MultiversionModel::progress(const History& h, State& s, const Log& log, TxnId t) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    if (!op.predicateWrite() || policy_.firstCommitterWins) return false;
    if (policy_.tupleLocks) return postgresScan(h, s, log, t);
    if (policy_.lockQueues && policy_.scanWaits == ScanWaits::Every)
        return progressInnodbScan(h, s, t, LockMode::Exclusive);
    return false;
}

void MultiversionModel::start(const History& h, State& s, TxnId t, bool read) const {
    TxnState& ts = s.txns[t];
    if (policy_.postgresSsi && ts.status == TxnStatus::NotStarted) postgresBegin(s, t);
    if (!policy_.snapshotAtFirstRead) {
        begin(s, t, !statementSnapshot(h, t));
        return;
    }
    const bool taking = takesSnapshot(h, s, t, read);
    const bool starting = ts.status == TxnStatus::NotStarted;
    begin(s, t, false);
    if (starting) ts.snapshot = kNoSnapshot;
    if (taking) ts.snapshot = s.commits;
}

std::string MultiversionModel::pivotWhy(std::string_view committed) const {
    if (policy_.postgresSsi)
        return " would complete a dangerous structure whose conflict out committed first (a pivot)";
    return " would make a committed" + std::string(committed) + " a pivot";
}

namespace {

/// The transactions declared READ ONLY.
std::uint64_t declaredReadOnly(const History& h) {
    std::uint64_t out = 0;
    for (TxnId t = 0; t < h.txns.size(); ++t)
        if (h.txns[t].readOnly) out |= bit(t);
    return out;
}

}  // namespace

bool MultiversionModel::conflictsFail(const History& h, const State& s, TxnId t,
                                      const RwConflicts& conflicts, Footprint& f) const {
    if (policy_.postgresSsi) return postgresFails(s, t, conflicts, declaredReadOnly(h));
    return !conflictsAllowed(s, t, conflicts, f);
}

// Cahill's check fails only on a committed transaction's flags, which stay
// set. PostgreSQL's can rest on a live transaction's conflict, which its
// abort removes: inevitable only when the ended transactions' conflicts
// alone fail it.
bool MultiversionModel::failsInevitably(const History& h, const State& s, TxnId t,
                                        const RwConflicts& conflicts) const {
    return !policy_.postgresSsi || postgresFailsInevitably(s, t, conflicts, declaredReadOnly(h));
}

void MultiversionModel::recordConflicts(const History& h, State& s, TxnId t,
                                        const RwConflicts& conflicts) const {
    if (policy_.postgresSsi) postgresRecord(s, t, conflicts, declaredReadOnly(h));
    else setFlags(s, conflicts);
}

void MultiversionModel::apply(const History& h, State& s, Log& log, TxnId t) const {
    [[maybe_unused]] const Decision d = step(h, s, &log, t, false);
    ISOCHECK_ASSERT(d.kind == Decision::Kind::Runs);
    // A step with an empty footprint changes nothing but its own
    // transaction (models/model.hpp); what it made untestable is forgotten
    // at the next step.
    if (forgets(h) && d.footprint != Footprint{}) forget(h, s, !policy_.firstCommitterWins);
    if (policy_.postgresSsi && policy_.forgetUntestable && d.footprint != Footprint{}) postgresForget(h, s);
}

bool MultiversionModel::markersInert(const History& h, const State& s, TxnId t) const {
    if (policy_.postgresSsi) return policy_.forgetUntestable && postgresMarkersInert(h, s, t);
    return forgets(h) && isocheck::markersInert(h, s, t, !policy_.firstCommitterWins);
}

bool MultiversionModel::readsInert(const History& h, const State& s, TxnId t, std::uint64_t rows) const {
    // Under retention a read can find its version discarded by a commit.
    if (policy_.postgresSsi)
        return policy_.forgetUntestable && policy_.retention == 0 && !policy_.statementSnapshot &&
               postgresReadsInert(h, s, t, rows);
    return forgets(h) && policy_.retention == 0 && !policy_.firstCommitterWins &&
           isocheck::readsInert(h, s, t, rows);
}

void MultiversionModel::abort(const History& h, State& s, Log& log, TxnId t, AbortCause cause,
                              bool scheduled) const {
    IsolationModel::abort(h, s, log, t, cause, scheduled);
    if (policy_.postgresSsi) {
        postgresAbort(s, t);
        if (policy_.forgetUntestable) postgresForget(h, s);
    }
    if (forgets(h)) forget(h, s, !policy_.firstCommitterWins);
}

// Every step t may still take, as the handlers below give their footprints:
// the snapshot its first step takes; reads of committed versions under a
// statement snapshot or retention (snapshot reads observe nothing else); the
// row locks and versions of its writes, which its commit or any abort
// releases, and the clock its commit moves. Under row locks, a transaction
// whose writes and locks span two rows or more can close a waits-for cycle
// (a member of a cycle holds one row and waits for another, and the step
// that closes it is a member's); one with at most one row never can. SSI's
// flags are tested and set against whoever conflicts: no bound but global.
Footprint MultiversionModel::future(const History& h, TxnId t, std::size_t pc, bool started) const {
    Footprint f = base(h, t, started);
    // InnoDB takes the snapshot at the first plain read, whenever that comes.
    if (policy_.snapshotAtFirstRead &&
        std::any_of(h.txns[t].ops.begin() + static_cast<std::ptrdiff_t>(pc), h.txns[t].ops.end(),
                    [](const Op& op) { return op.kind == OpKind::Read || op.kind == OpKind::PredicateRead; }))
        f.snapshotKeys = touchedKeys(h, t);
    if (policy_.ssi) {
        f.global = true;
        return f;
    }
    // The rows it holds or will hold: those of all its writes, past or to
    // come (a skipped one included: larger is safe).
    std::uint64_t rows = 0;
    const std::vector<Op>& ops = h.txns[t].ops;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const Op& op = ops[i];
        const bool ahead = i >= pc;
        switch (op.kind) {
            case OpKind::Read:
                if (ahead) f |= readObserves(keyBit(op.key));
                break;
            case OpKind::PredicateRead:
                if (ahead) f |= readObserves(allKeys(h));
                break;
            case OpKind::ReadForUpdate:
            case OpKind::Write:
            case OpKind::Update:
            case OpKind::Delete:
                // With gap locks an insert observes, and a gap lock changes, the locks of its whole gap.
                rows |= policy_.gapLocks ? allKeys(h) : keyBit(op.key);
                if (ahead) f |= writeObserves(op);
                if (ahead && policy_.gapLocks) f.reads |= allKeys(h);
                break;
            case OpKind::PredicateUpdate:
            case OpKind::PredicateDelete:
                rows |= allKeys(h);
                if (ahead) f.reads |= allKeys(h);
                break;
            case OpKind::Commit:
            case OpKind::Abort:
                break;
        }
    }
    f.writes |= rows;
    f.writesPending |= rows;
    f.bumpsClock = true;
    f.global = !policy_.firstCommitterWins && (rows & (rows - 1)) != 0;  // two rows or more
    return f;
}

template <class S>
Decision MultiversionModel::step(const History& h, S& s, Log* log, TxnId t, bool explain) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    // A guard that does not hold: the step does nothing but, when first,
    // begin t, which takes its transaction snapshot (SPEC 3.1).
    if (skipsNext(h, s.txns[t], t)) {
        Decision d;
        d.footprint = base(h, s, t);
        if constexpr (kApplies<S>) {
            start(h, s, t, false);
            logSkip(s, *log, t);
        }
        return d;
    }
    // PostgreSQL fails a doomed transaction at its next statement.
    if (policy_.postgresSsi && s.txns[t].doomed && op.kind != OpKind::Abort)
        return serializationFailure(h, s, t, base(h, s, t), explain, [] {
            return std::string("an earlier conflict doomed it (a pivot whose conflict out committed first)");
        });
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
            return commit(h, s, log, t, explain);
        case OpKind::Abort: {
            Decision d;
            d.footprint = endFootprint(s, t, false);
            if constexpr (kApplies<S>) {
                abortTxn(s, *log, t, AbortCause::User, true);
                if (policy_.postgresSsi) postgresAbort(s, t);
            }
            return d;
        }
    }
    ISOCHECK_ASSERT(false);
}

// A snapshot read never waits. It fails only when the version its snapshot
// needs is no longer retained (ORA-01555), or under SSI when it would make a
// committed writer a pivot (Cahill et al. 2008, Fig. 3).
template <class S>
Decision MultiversionModel::read(const History& h, S& s, Log* log, TxnId t, bool explain) const {
    const KeyId k = h.txns[t].ops[s.txns[t].pc].key;
    Decision d;
    d.footprint = base(h, s, t, true);
    d.footprint |= readObserves(keyBit(k));
    d.footprint.coarse = policy_.ssi;
    const std::size_t index = visibleAt(s, k, t, snapshotOf(h, s, t));
    if (!retained(s, k, index, policy_.retention))
        return snapshotTooOld(h, s, t, k, d.footprint, explain);
    RwConflicts conflicts;
    if (policy_.ssi) {
        readConflicts(s, t, k, index, conflicts);
        if (conflictsFail(h, s, t, conflicts, d.footprint))
            return serializationFailure(h, s, t, d.footprint, explain, failsInevitably(h, s, t, conflicts), [&] {
                return "reading " + h.keys[k] + pivotWhy(" writer");
            });
    }
    if constexpr (kApplies<S>) {
        if (policy_.ssi) {
            recordConflicts(h, s, t, conflicts);
            s.locks[k].sireads |= bit(t);
            if (policy_.postgresSsi) addPredicateMarker(s, t, kIndexPage);
        }
        start(h, s, t, true);
        logRead(s, *log, t, k, index);
        advance(s, t);
    }
    return d;
}

// Writes, updates and locking reads. Row locks make the second writer of a
// row wait; under snapshot isolation it then aborts if a version newer than
// its snapshot committed (first-updater-wins). With first-committer-wins
// there are no row locks and the check moves to commit.
template <class S>
Decision MultiversionModel::write(const History& h, S& s, Log* log, TxnId t, bool explain) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const KeyId k = op.key;
    const bool snapshotReads = !policy_.statementSnapshot;
    Decision d;
    d.footprint = base(h, s, t);
    d.footprint |= writeObserves(op);
    d.footprint.coarse = policy_.ssi;
    const bool findsRow = policy_.tupleLocks && (op.kind == OpKind::ReadForUpdate || op.kind == OpKind::Delete);
    const std::size_t found = findsRow ? foundVersion(h, s, t, k) : 0;
    if (findsRow && !s.rows[k].chain[found].exists) return missingRow(h, s, log, t, found, d, explain);
    // InnoDB's gap locks: no record, so a gap lock, or an insert into a gap.
    const bool gap = policy_.gapLocks && !hasRecord(s, k);
    if (gap && (op.kind == OpKind::ReadForUpdate || op.kind == OpKind::Delete))
        return missingRow(h, s, log, t, newestVisible(s, k, t, false), d, explain, LockMode::Shared);
    if (gap) {
        // The gap spans the keys between two records, which other steps
        // change: every key, and where that conflicts, the explorer tries
        // both orders (an insert and another's commit elsewhere commute).
        d.footprint.reads |= allKeys(h);
        d.footprint.writesPending |= allKeys(h);
        d.footprint.coarse = true;
        if (auto holders = gapConflicts(h, s, t, k))
            return waitOn(h, s, t, holders, explain, [&] { return "a gap lock where " + h.keys[k] + " goes"; });
    }
    // An insert's intention lock waits for gap locks only, not for other
    // inserts (gapConflicts covers this key's too).
    if (!policy_.firstCommitterWins && !gap) {
        if (auto holders = itemConflicts(s, t, k, LockMode::Exclusive))
            return waitOn(h, s, t, holders, explain,
                          [&] { return lockOn(h, s, t, k, LockMode::Exclusive, "row lock"); });
        // PostgreSQL: `w` and `u` of a row not in [initial] are an upsert
        // (isocheck run, specs/live.md), whose unique check finds no live
        // row when a concurrent delete committed, and inserts: no
        // serialization failure (a row it can see is checked, one it cannot
        // fails: ExecCheckTupleVisible).
        const bool upsert = policy_.tupleLocks && op.writes() && op.kind != OpKind::Delete && !h.initial[k];
        const bool upsertsAfterDelete = upsert && !s.rows[k].chain[newestVisible(s, k, t, false)].exists;
        if (snapshotReads && !policy_.latestWrites && !upsertsAfterDelete && committedAfter(s, k, snapshotOf(h, s, t))) {
            // An upsert fails only while the newest committed row is live:
            // a concurrent delete that commits makes it an insert again.
            return serializationFailure(h, s, t, d.footprint, explain, !upsert, [&] {
                return "a version of " + h.keys[k] + " newer than its snapshot committed";
            });
        }
        if (policy_.blockConflicts)
            for (KeyId other = 0; other < h.keys.size(); ++other)
                if (committedAfter(s, other, snapshotOf(h, s, t)))
                    return serializationFailure(h, s, t, d.footprint, explain, [&] {
                        return "a change to " + h.keys[other] +
                               ", in the same block, committed after its snapshot";
                    });
    }
    // Read committed re-reads the newest committed row; snapshot isolation
    // reads its snapshot (the newest, under first-updater-wins).
    const std::size_t index = policy_.statementSnapshot || policy_.latestWrites
                                  ? newestVisible(s, k, t, false)
                                  : visibleAt(s, k, t, snapshotOf(h, s, t));
    if (policy_.firstCommitterWins && op.itemReads() && !retained(s, k, index, policy_.retention))
        return snapshotTooOld(h, s, t, k, d.footprint, explain);
    // Read committed, after a wait: the row the statement found was deleted
    // meanwhile (PostgreSQL follows its update chain, so even when the key
    // was written again): nothing to lock or delete.
    if (findsRow)
        for (std::size_t i = found + 1; i <= index; ++i)
            if (!s.rows[k].chain[i].exists) return missingRow(h, s, log, t, i, d, explain);
    if (policy_.recordLocks && (op.kind == OpKind::ReadForUpdate || op.kind == OpKind::Delete) &&
        !s.rows[k].chain[index].exists)
        return missingRow(h, s, log, t, index, d, explain);
    // InnoDB at repeatable read: a delete of a delete-marked record locks it
    // and deletes nothing.
    if (policy_.gapLocks && op.kind == OpKind::Delete && !s.rows[k].chain[index].exists) {
        d.footprint.writesPending |= keyBit(k);
        return missingRow(h, s, log, t, index, d, explain, LockMode::Exclusive);
    }
    const Version after = op.writes() ? afterImage(h, s, t, s.rows[k].chain[index]) : Version{};
    RwConflicts conflicts;
    if (policy_.ssi) {
        if (ssiReads(h, op)) readConflicts(s, t, k, index, conflicts);
        if (op.writes())
            writeConflicts(h, s, t, k, s.rows[k].chain[index], after, policy_.postgresSsi, conflicts);
        if (conflictsFail(h, s, t, conflicts, d.footprint))
            return serializationFailure(h, s, t, d.footprint, explain, failsInevitably(h, s, t, conflicts), [&] {
                return (op.writes() ? "writing " : "reading ") + h.keys[k] +
                       pivotWhy(op.writes() ? " reader" : " writer");
            });
    }
    if (!policy_.firstCommitterWins) d.footprint.writesPending |= keyBit(k);
    if constexpr (kApplies<S>) {
        if (policy_.ssi) {
            recordConflicts(h, s, t, conflicts);
            if (ssiReads(h, op)) s.locks[k].sireads |= bit(t);
            if (policy_.postgresSsi && indexScan(h, op)) addPredicateMarker(s, t, kIndexPage);
        }
        if (!policy_.firstCommitterWins) acquire(s, t, k, LockMode::Exclusive);
        // InnoDB: the record's lock, or (an insert) none but, where an
        // UPDATE by primary key came first and found nothing, its gap's.
        if (innodb()) noteInnodbLocks(s, t, innodbRowLocks(h, s, k, gap));
        start(h, s, t, false);
        if (op.itemReads()) logRead(s, *log, t, k, index);
        if (op.writes()) logWrite(s, *log, t, k, index, after.exists, after.value);
        advance(s, t);
    }
    return d;
}

// PostgreSQL's upsert (`w` and `u` of a row not in [initial]) reads the
// row it updates without a SIREAD lock or a check of its conflicts out:
// only statements that scan note what they read.
bool MultiversionModel::ssiReads(const History& h, const Op& op) const {
    return op.itemReads() && (!policy_.postgresSsi || indexScan(h, op));
}

std::size_t MultiversionModel::foundVersion(const History& h, const State& s, TxnId t, KeyId k) const {
    if (!statementSnapshot(h, t)) return visibleAt(s, k, t, snapshotOf(h, s, t));
    const std::uint32_t sent = s.txns[t].sentAt;
    return sent != 0 ? visibleAt(s, k, t, sent - 1) : newestVisible(s, k, t, false);
}

std::vector<std::size_t> MultiversionModel::foundVersions(const History& h, const State& s, TxnId t) const {
    std::vector<std::size_t> vset(h.keys.size());
    for (KeyId k = 0; k < h.keys.size(); ++k) vset[k] = foundVersion(h, s, t, k);
    return vset;
}

// The statement found no row: it reads the row's absence (under SSI, a
// SIREAD lock on the gap, as PostgreSQL's index scan takes on the page) and
// changes nothing.
template <class S>
Decision MultiversionModel::missingRow(const History& h, S& s, Log* log, TxnId t, std::size_t index,
                                       Decision d, bool explain, std::optional<LockMode> lock) const {
    const KeyId k = h.txns[t].ops[s.txns[t].pc].key;
    RwConflicts conflicts;
    if (policy_.ssi) {
        readConflicts(s, t, k, index, conflicts);
        if (conflictsFail(h, s, t, conflicts, d.footprint))
            return serializationFailure(h, s, t, d.footprint, explain, failsInevitably(h, s, t, conflicts),
                                        [&] { return "reading " + h.keys[k] + pivotWhy(" writer"); });
    }
    if constexpr (kApplies<S>) {
        if (policy_.ssi) {
            recordConflicts(h, s, t, conflicts);
            s.locks[k].sireads |= bit(t);
            if (policy_.postgresSsi) addPredicateMarker(s, t, kIndexPage);
        }
        if (lock) acquire(s, t, k, *lock);
        if (innodb()) noteInnodbLocks(s, t, innodbAbsentLocks(lock));
        start(h, s, t, false);
        logRead(s, *log, t, k, index);
        advance(s, t);
    }
    return d;
}

template <class S>
Decision MultiversionModel::predicateRead(const History& h, S& s, Log* log, TxnId t,
                                          bool explain) const {
    const PredicateId p = h.txns[t].ops[s.txns[t].pc].predicate;
    const auto snapshot = snapshotOf(h, s, t);
    Decision d;
    d.footprint = base(h, s, t, true);
    d.footprint |= readObserves(allKeys(h));
    d.footprint.coarse = policy_.ssi;
    std::vector<std::size_t> vset(h.keys.size());
    for (KeyId k = 0; k < h.keys.size(); ++k) {
        vset[k] = visibleAt(s, k, t, snapshot);
        if (!retained(s, k, vset[k], policy_.retention))
            return snapshotTooOld(h, s, t, k, d.footprint, explain);
    }
    RwConflicts conflicts;
    if (policy_.ssi) {
        predicateReadConflicts(h, s, t, p, vset, policy_.postgresSsi, conflicts);
        if (conflictsFail(h, s, t, conflicts, d.footprint))
            return serializationFailure(h, s, t, d.footprint, explain, failsInevitably(h, s, t, conflicts), [this] {
                return "the predicate read" + pivotWhy(" writer");
            });
    }
    if constexpr (kApplies<S>) {
        if (policy_.ssi) {
            recordConflicts(h, s, t, conflicts);
            addPredicateMarker(s, t, p);
        }
        start(h, s, t, true);
        logPredicateRead(h, s, *log, t, p, vset);
        advance(s, t);
    }
    return d;
}

// A predicate write selects rows as the model's writes see them: on the
// newest committed versions under a statement snapshot (read committed:
// PostgreSQL re-checks the predicate on the newest version after a wait,
// Oracle restarts the statement, both as if it began after the wait) and
// under InnoDB's current reads; on the transaction snapshot otherwise. It
// waits for the row locks of the rows it selects (or of every row it scans,
// ScanWaits), then writes each selected row as the item write of that row
// would: first-updater-wins (or, with `one-block`, any change since the
// snapshot) fails it when a selected row has a version newer than the
// snapshot; under SSI it is a predicate read of every row and, per row, the
// item update or delete, for conflicts. Footprint: it observes every row
// and changes those it selects.
template <class S>
Decision MultiversionModel::predicateWrite(const History& h, S& s, Log* log, TxnId t,
                                           bool explain) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const PredicateId p = op.predicate;
    const bool current = policy_.statementSnapshot || policy_.latestWrites;
    const auto snapshot = snapshotOf(h, s, t);
    Decision d;
    d.footprint = base(h, s, t);
    d.footprint.reads = allKeys(h);
    if (policy_.blockConflicts) d.footprint.readsCommitted = ~std::uint64_t{0};
    d.footprint.coarse = policy_.ssi;
    std::vector<std::size_t> vset(h.keys.size());
    const std::uint32_t sent = s.txns[t].sentAt;
    std::uint64_t deleted = 0;  // selected on the statement's snapshot, deleted since
    for (KeyId k = 0; k < h.keys.size(); ++k) {
        vset[k] = current ? newestVisible(s, k, t, false) : visibleAt(s, k, t, snapshot);
        if (!current && !retained(s, k, vset[k], policy_.retention))
            return snapshotTooOld(h, s, t, k, d.footprint, explain);
        // Sent earlier (a transcript): selected on the statement's snapshot,
        // then re-checked on the newest version of the same row (EvalPlanQual
        // follows the row's update chain: a row deleted meanwhile is skipped,
        // even if the key was written again).
        if (policy_.recheckAfterWait && sent != 0) {
            const std::size_t then = visibleAt(s, k, t, sent - 1);
            if (!satisfies(h.predicates[p], s.rows[k].chain[then])) {
                vset[k] = then;
            } else {
                for (std::size_t i = then + 1; i <= vset[k]; ++i)
                    if (!s.rows[k].chain[i].exists) deleted |= keyBit(k);
                if ((deleted & keyBit(k)) != 0) vset[k] = then;
            }
        }
    }
    // Rows a sent InnoDB scan passed are not selected now.
    const std::uint64_t passed = s.txns[t].scanPassed;
    const std::uint64_t rows = selectedRows(h, s, t, vset) & ~deleted & ~passed;
    // InnoDB's repeatable read keeps the next-key locks of the whole scan:
    // every row of the table and every gap, so no row is written or
    // inserted until t ends.
    const std::uint64_t locks = policy_.scanWaits == ScanWaits::Every ? allKeys(h) : rows;
    // With gap locks, those of keys without a record: S, and they never wait.
    const std::uint64_t gaps = policy_.gapLocks ? keysWithoutRecord(s) : 0;
    if (!policy_.firstCommitterWins) {
        const bool every = policy_.scanWaits == ScanWaits::Every ||
                           (policy_.scanWaits == ScanWaits::Deletes && op.kind == OpKind::PredicateDelete);
        std::uint64_t holders = 0;
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if (((every && (passed & keyBit(k)) == 0) || (rows & keyBit(k)) != 0) && (gaps & keyBit(k)) == 0)
                holders |= itemConflicts(s, t, k, LockMode::Exclusive);
        if (holders != 0)
            return waitOn(h, s, t, holders, explain,
                          [&] { return "row locks on rows matching " + h.predicates[p].text; });
        for (KeyId k = 0; k < h.keys.size(); ++k) {
            const bool selected = (rows & keyBit(k)) != 0;
            if ((selected || policy_.blockConflicts) && !current && committedAfter(s, k, snapshot)) {
                // The selection reads every row at the snapshot first: with
                // retention, more commits can turn this failure into
                // snapshot too old, so its cause is not settled yet.
                return serializationFailure(h, s, t, d.footprint, explain, policy_.retention == 0, [&] {
                    return selected ? "a version of " + h.keys[k] + ", which it selects, newer than its snapshot committed"
                                    : "a change to " + h.keys[k] + ", in the same block, committed after its snapshot";
                });
            }
        }
    }
    RwConflicts conflicts;
    if (policy_.ssi) {
        predicateReadConflicts(h, s, t, p, vset, policy_.postgresSsi, conflicts);
        for (KeyId k = 0; k < h.keys.size(); ++k) {
            if ((rows & keyBit(k)) == 0) continue;
            const Version& before = s.rows[k].chain[vset[k]];
            const Version after = predicateAfterImage(h, s, t, before);
            if (after.exists) readConflicts(s, t, k, vset[k], conflicts);
            writeConflicts(h, s, t, k, before, after, policy_.postgresSsi, conflicts);
        }
        if (conflictsFail(h, s, t, conflicts, d.footprint))
            return serializationFailure(h, s, t, d.footprint, explain, failsInevitably(h, s, t, conflicts), [&] {
                return "the predicate write" + pivotWhy(" reader or writer");
            });
    }
    if (!policy_.firstCommitterWins) d.footprint.writesPending = locks;
    if constexpr (kApplies<S>) {
        if (policy_.ssi) {
            recordConflicts(h, s, t, conflicts);
            addPredicateMarker(s, t, p);
            for (KeyId k = 0; k < h.keys.size(); ++k)
                if ((rows & keyBit(k)) != 0 && op.kind == OpKind::PredicateUpdate) s.locks[k].sireads |= bit(t);
        }
        if (!policy_.firstCommitterWins)
            for (KeyId k = 0; k < h.keys.size(); ++k)
                if ((locks & keyBit(k)) != 0)
                    acquire(s, t, k, (gaps & keyBit(k)) != 0 ? LockMode::Shared : LockMode::Exclusive);
        // InnoDB: next-key locks at repeatable read; below, the record locks
        // of every row it scanned (released or not, the structure stays).
        if (innodb())
            noteInnodbLocks(s, t, kTableIX | (policy_.scanWaits == ScanWaits::Every ? kNextKeyX
                                              : keysWithoutRecord(s) != allKeys(h)  ? kRecordX
                                                                                    : 0));
        start(h, s, t, false);
        logPredicateWrite(h, s, *log, t, vset, deleted | passed);
        advance(s, t);
    }
    return d;
}

// First-committer-wins checks the rows t wrote; SSI aborts a pivot, a
// transaction with both an in- and an out-conflict (Cahill et al. 2008).
template <class S>
Decision MultiversionModel::commit(const History& h, S& s, Log* log, TxnId t, bool explain) const {
    Decision d;
    d.footprint = endFootprint(s, t, true);
    d.footprint.bumpsClock = true;
    if (policy_.firstCommitterWins) {
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if (ownVersion(s, k, t) && committedAfter(s, k, snapshotOf(h, s, t)))
                return serializationFailure(h, s, t, {}, explain, [&] {
                    return "a version of " + h.keys[k] +
                           " newer than its snapshot committed first (first-committer-wins)";
                });
    }
    if (policy_.ssi) {
        d.footprint.flagReads |= bit(t);
        // A commit releases nothing a concurrent commit observes (SIREAD
        // markers stay), but its rows and flags say otherwise: where they
        // conflict, both orders are tried (Explorer::commuteAt).
        d.footprint.coarse = true;
        if (policy_.postgresSsi) {
            if constexpr (kApplies<S>) postgresCommit(s, t, declaredReadOnly(h));
        } else if (s.txns[t].inConflict && s.txns[t].outConflict) {
            Footprint read;
            read.flagReads = bit(t);
            read.coarse = true;
            return serializationFailure(h, s, t, read, explain, [] {
                return std::string("it has both an in- and an out-conflict (pivot)");
            });
        }
    }
    if constexpr (kApplies<S>) commitTxn(s, *log, t);
    return d;
}

}  // namespace isocheck
