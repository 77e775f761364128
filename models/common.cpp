#include "models/common.hpp"

#include <algorithm>

#include "models/lock_manager.hpp"
#include "models/version_store.hpp"
#include "support/assert.hpp"

namespace isocheck {

void begin(State& s, TxnId t, bool snapshot) {
    TxnState& ts = s.txns[t];
    if (ts.status != TxnStatus::NotStarted) return;
    ts.status = TxnStatus::Active;
    if (snapshot) ts.snapshot = s.commits;
}

namespace {

Event eventFor(const State& s, TxnId t, EventKind kind) {
    Event e;
    e.kind = kind;
    e.txn = t;
    e.op = s.txns[t].pc;
    return e;
}

bool writtenByOtherLive(const State& s, VersionId v, TxnId t) {
    return v.writer != kInitialWriter && v.writer != t && s.txns[v.writer].live();
}

}  // namespace

void logRead(State& s, Log& log, TxnId t, KeyId k, std::size_t index) {
    const Version& v = s.rows[k].chain[index];
    Event e = eventFor(s, t, EventKind::Read);
    e.key = k;
    e.version = v.id;
    e.exists = v.exists;
    e.value = v.exists ? v.value : Value{};
    e.dirty = writtenByOtherLive(s, v.id, t);  // Berenson P1
    s.txns[t].bindings[k] = Binding{true, e.value};
    log.events.push_back(e);
}

void logWrite(State& s, Log& log, TxnId t, KeyId k, std::size_t replaced, bool exists,
              Value value) {
    // Berenson P0. Under first-committer-wins an uncommitted version is the
    // writer's private copy, which another writer never overwrites (Berenson
    // et al. 1995, Table 4: P0 is not possible under snapshot isolation).
    const Version& before = s.rows[k].chain[replaced];
    const bool dirty = writtenByOtherLive(s, before.id, t);
    // A write that leaves the row as it was changes nothing an engine logs.
    if (before.exists != exists || (exists && !(before.value == value))) ++s.txns[t].changes;
    Event e = eventFor(s, t, EventKind::Write);
    e.key = k;
    e.version = install(s, k, t, exists, value);
    e.exists = exists;
    e.value = exists ? value : Value{};
    e.dirty = dirty;
    s.txns[t].bindings[k] = Binding{true, e.value};
    log.events.push_back(e);
}

void logSkip(State& s, Log& log, TxnId t) {
    log.events.push_back(eventFor(s, t, EventKind::Skip));
    advance(s, t);
}

void logPredicateRead(const History& h, State& s, Log& log, TxnId t, PredicateId p,
                      const std::vector<std::size_t>& vset) {
    PredicateObservation obs;
    obs.txn = t;
    obs.op = s.txns[t].pc;
    obs.predicate = p;
    for (KeyId k = 0; k < vset.size(); ++k) {
        const Version& v = s.rows[k].chain[vset[k]];
        obs.vset.push_back(v.id);
        if (satisfies(h.predicates[p], v)) {
            obs.returned.push_back(k);
            obs.dirty.push_back(writtenByOtherLive(s, v.id, t));  // Berenson P1
        }
    }
    Event e = eventFor(s, t, EventKind::PredicateRead);
    e.predicateRead = static_cast<std::uint16_t>(log.predicateReads.size());
    e.dirty = std::ranges::any_of(obs.dirty, [](bool d) { return d; });
    for (KeyId k : obs.returned) e.returned |= keyBit(k);
    log.predicateReads.push_back(std::move(obs));
    log.events.push_back(e);
}

Version afterImage(const History& h, const State& s, TxnId t, const Version& read) {
    const std::size_t pc = s.txns[t].pc;
    const Op& op = h.txns[t].ops[pc];
    Version after;
    after.exists = op.kind != OpKind::Delete;
    if (op.kind == OpKind::Write) after.value = evaluateOp(h, t, pc, s.txns[t].bindings);
    if (op.kind == OpKind::Update) {
        auto bindings = s.txns[t].bindings;
        bindings[op.key] = Binding{true, read.exists ? read.value : Value{}};
        after.value = evaluateOp(h, t, pc, bindings);
    }
    return after;
}

std::uint64_t selectedRows(const History& h, const State& s, TxnId t,
                           const std::vector<std::size_t>& vset) {
    const Predicate& p = h.predicates[h.txns[t].ops[s.txns[t].pc].predicate];
    std::uint64_t rows = 0;
    for (KeyId k = 0; k < vset.size(); ++k)
        if (satisfies(p, s.rows[k].chain[vset[k]])) rows |= keyBit(k);
    return rows;
}

namespace {

Version predicateAfterImage(const History& h, const State& s, TxnId t, const Version& before,
                            const std::vector<Binding>& bindings) {
    const std::size_t pc = s.txns[t].pc;
    Version after;
    after.exists = h.txns[t].ops[pc].kind == OpKind::PredicateUpdate;
    if (after.exists) after.value = evaluateOp(h, t, pc, bindings, before.value);
    return after;
}

}  // namespace

Version predicateAfterImage(const History& h, const State& s, TxnId t, const Version& before) {
    return predicateAfterImage(h, s, t, before, s.txns[t].bindings);
}

void logPredicateWrite(const History& h, State& s, Log& log, TxnId t,
                       const std::vector<std::size_t>& vset, std::uint64_t skipped) {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const std::uint64_t rows = selectedRows(h, s, t, vset) & ~skipped;
    // E's keys keep the values t had when the statement began, whatever rows
    // it writes on the way (one statement).
    const std::vector<Binding> bindings = s.txns[t].bindings;
    logPredicateRead(h, s, log, t, op.predicate, vset);
    for (KeyId k = 0; k < vset.size(); ++k) {
        if ((rows & keyBit(k)) == 0) continue;
        const Version after = predicateAfterImage(h, s, t, s.rows[k].chain[vset[k]], bindings);
        if (after.exists) logRead(s, log, t, k, vset[k]);
        logWrite(s, log, t, k, vset[k], after.exists, after.value);
    }
}

void advance(State& s, TxnId t) {
    TxnState& ts = s.txns[t];
    ++ts.pc;
    // The statement took effect: a sent one no longer waits.
    ts.sentAt = 0;
    ts.scanPassed = 0;
    ts.scanChanges = 0;
    if (!s.queue.empty()) dequeue(s, t);
}

void commitTxn(State& s, Log& log, TxnId t) {
    TxnState& ts = s.txns[t];
    ts.status = TxnStatus::Committed;
    ts.commitSeq = ++s.commits;
    ts.innodbLocks = 0;
    ts.extraLocks = 0;
    settleCommitted(s, t);
    releaseLocks(s, t);
    log.events.push_back(eventFor(s, t, EventKind::Commit));
    advance(s, t);
}

void abortTxn(State& s, Log& log, TxnId t, AbortCause cause, bool scheduled) {
    TxnState& ts = s.txns[t];
    ISOCHECK_ASSERT(ts.live());
    ts.status = TxnStatus::Aborted;
    ts.cause = cause;
    ts.sentAt = 0;
    ts.scanPassed = 0;
    ts.scanChanges = 0;
    ts.innodbLocks = 0;
    ts.extraLocks = 0;
    removeVersions(s, t);
    releaseLocks(s, t);
    dequeue(s, t);
    for (ItemLock& l : s.locks) l.sireads &= ~bit(t);
    std::erase_if(s.predicateMarkers, [t](const PredicateLock& m) { return m.txn == t; });
    Event e = eventFor(s, t, EventKind::Abort);
    e.cause = cause;
    e.scheduled = scheduled;
    log.events.push_back(e);
}

namespace {

bool holdsOneOf(const std::vector<PredicateLock>& locks, TxnId t) {
    return std::ranges::any_of(locks, [t](const PredicateLock& p) { return p.txn == t; });
}

/// Whether t holds a predicate lock or an SSI predicate read-marker.
bool holdsPredicateLock(const State& s, TxnId t) {
    return holdsOneOf(s.predicateLocks, t) || holdsOneOf(s.predicateMarkers, t);
}

}  // namespace

Footprint endFootprint(const State& s, TxnId t, bool commit) {
    // Committing versions changes what every step on the row sees; removing
    // them or releasing an X lock (an abort), only what steps that see
    // uncommitted state see; releasing an S lock, a SIREAD marker or a
    // predicate lock, or the status change they signal, only what writers
    // see, which is what a read footprint conflicts with.
    Footprint f;
    for (KeyId k = 0; k < s.rows.size(); ++k) {
        const ItemLock& l = s.locks[k];
        if (l.exclusive == t || ownVersion(s, k, t)) (commit ? f.writes : f.writesPending) |= keyBit(k);
        else if ((l.shared & bit(t)) != 0 || (l.sireads & bit(t)) != 0) f.reads |= keyBit(k);
    }
    if (holdsPredicateLock(s, t))
        f.reads = s.rows.size() >= 64 ? ~std::uint64_t{0} : keyBit(static_cast<KeyId>(s.rows.size())) - 1;
    return f;
}

namespace {

/// Whether t holds nothing, or (`markers`) nothing but SSI read markers.
bool holdsAtMost(const State& s, TxnId t, bool markers) {
    // A transaction that wrote holds its versions (or, under locking, its X
    // locks) to its end.
    if (s.txns[t].writes != 0) return false;
    const std::uint64_t held = markers ? 0 : bit(t);  // the SIREAD bit that counts
    return std::ranges::none_of(s.locks,
                                [&](const ItemLock& l) {
                                    return l.exclusive == t || (l.shared & bit(t)) != 0 ||
                                           (l.sireads & held) != 0;
                                }) &&
           !(markers ? holdsOneOf(s.predicateLocks, t) : holdsPredicateLock(s, t));
}

}  // namespace

bool holdsNothing(const State& s, TxnId t) { return holdsAtMost(s, t, false); }

bool holdsOnlyMarkers(const State& s, TxnId t) { return holdsAtMost(s, t, true); }

std::uint64_t touchedKeys(const History& h, TxnId t) {
    std::uint64_t keys = 0;
    for (const Op& op : h.txns[t].ops) {
        if (op.scans()) return allKeys(h);
        if (op.item()) keys |= keyBit(op.key);
    }
    return keys;
}

std::uint64_t allKeys(const History& h) {
    return h.keys.size() >= 64 ? ~std::uint64_t{0} : keyBit(static_cast<KeyId>(h.keys.size())) - 1;
}

std::string describeOp(const History& h, const State& s, TxnId t) {
    const auto pc = s.txns[t].pc;
    return h.txns[t].name + " op " + std::to_string(pc + 1) + " \"" + h.txns[t].ops[pc].text + '"';
}

}  // namespace isocheck
