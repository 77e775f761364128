#include "models/locking.hpp"

#include "models/common.hpp"
#include "models/lock_manager.hpp"
#include "models/version_store.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

Outcome waitFor(const History& h, const State& s, TxnId t, std::uint64_t holders,
                const std::string& what) {
    return Outcome::waits(holders, describeOp(h, s, t) + " waits for " + namesOf(h, holders) +
                                       " (" + what + ')');
}

}  // namespace

Outcome LockingModel::step(const History& h, State& s, TxnId t) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    switch (op.kind) {
        case OpKind::Read:
            return read(h, s, t);
        case OpKind::ReadForUpdate:
        case OpKind::Write:
        case OpKind::Update:
        case OpKind::Delete:
            return write(h, s, t);
        case OpKind::PredicateRead:
            return predicateRead(h, s, t);
        case OpKind::Commit:
            commitTxn(s, t);
            return Outcome::ran();
        case OpKind::Abort:
            abortTxn(s, t, AbortCause::User, true);
            return Outcome::ran();
    }
    ISOCHECK_ASSERT(false);
}

// Degree 1 reads take no lock; degrees 2 and 3 take an S lock, short or long
// (Gray et al. 1976). Waiting for X locks is what keeps the read committed.
Outcome LockingModel::read(const History& h, State& s, TxnId t) const {
    const KeyId k = h.txns[t].ops[s.txns[t].pc].key;
    if (policy_.itemRead != LockDuration::None) {
        if (auto holders = itemConflicts(s, t, k, LockMode::Shared))
            return waitFor(h, s, t, holders, "write lock on " + h.keys[k]);
        if (policy_.itemRead == LockDuration::Long) acquire(s, t, k, LockMode::Shared);
    }
    begin(s, t);
    logRead(h, s, t, k, newestVisible(s, k, t, readsUncommitted()));
    advance(s, t);
    return Outcome::ran();
}

// Every level holds write locks to the end (Berenson et al. 1995, Table 2:
// even READ UNCOMMITTED proscribes P0). Under serializable, a write also
// conflicts with long predicate locks whose predicate its before- or
// after-image satisfies (Eswaran et al. 1976).
Outcome LockingModel::write(const History& h, State& s, TxnId t) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const KeyId k = op.key;
    std::uint64_t holders = itemConflicts(s, t, k, LockMode::Exclusive);
    if (holders != 0) return waitFor(h, s, t, holders, "lock on " + h.keys[k]);
    const std::size_t current = newestVisible(s, k, t, readsUncommitted());
    Version after;
    if (op.writes()) {
        after = afterImage(h, s, t, s.rows[k].chain[current]);
        holders = predicateLockConflicts(h, s, t, s.rows[k].chain.back(), after);
        if (holders != 0)
            return waitFor(h, s, t, holders, "predicate lock matching " + h.keys[k]);
    }
    acquire(s, t, k, LockMode::Exclusive);
    begin(s, t);
    if (op.itemReads()) logRead(h, s, t, k, current);
    if (op.writes()) logWrite(s, t, k, current, after.exists, after.value);
    advance(s, t);
    return Outcome::ran();
}

// A predicate read waits for the X locks of rows whose before- or
// after-image satisfies the predicate (the predicate lock, short or long) and
// for X locks on the rows it returns (their S locks, short or long).
Outcome LockingModel::predicateRead(const History& h, State& s, TxnId t) const {
    const PredicateId p = h.txns[t].ops[s.txns[t].pc].predicate;
    std::vector<std::size_t> vset(h.keys.size());
    for (KeyId k = 0; k < h.keys.size(); ++k) vset[k] = newestVisible(s, k, t, readsUncommitted());
    std::uint64_t holders = 0;
    if (policy_.predicate != LockDuration::None) holders |= pendingWriteConflicts(h, s, t, p);
    if (policy_.predicateRows != LockDuration::None)
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if (satisfies(h.predicates[p], s.rows[k].chain[vset[k]]))
                holders |= itemConflicts(s, t, k, LockMode::Shared);
    if (holders != 0)
        return waitFor(h, s, t, holders, "locks on rows matching " + h.predicates[p].text);
    if (policy_.predicate == LockDuration::Long) addPredicateLock(s, t, p);
    if (policy_.predicateRows == LockDuration::Long)
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if (satisfies(h.predicates[p], s.rows[k].chain[vset[k]]))
                acquire(s, t, k, LockMode::Shared);
    begin(s, t);
    logPredicateRead(h, s, t, p, vset);
    advance(s, t);
    return Outcome::ran();
}

}  // namespace isocheck
