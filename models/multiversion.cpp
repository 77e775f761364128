#include "models/multiversion.hpp"

#include "models/common.hpp"
#include "models/lock_manager.hpp"
#include "models/ssi.hpp"
#include "models/version_store.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

Outcome serializationFailure(const History& h, const State& s, TxnId t, const std::string& why) {
    return Outcome::aborts(AbortCause::Serialization, describeOp(h, s, t) + ": " + why);
}

Outcome snapshotTooOld(const History& h, const State& s, TxnId t, KeyId k) {
    return Outcome::aborts(AbortCause::SnapshotTooOld,
                           describeOp(h, s, t) + ": the version of " + h.keys[k] +
                               " its snapshot needs is no longer kept (snapshot too old)");
}

}  // namespace

std::uint32_t MultiversionModel::snapshotOf(const State& s, TxnId t) const {
    const TxnState& ts = s.txns[t];
    if (policy_.statementSnapshot || ts.status == TxnStatus::NotStarted) return s.commits;
    return ts.snapshot;
}

Outcome MultiversionModel::step(const History& h, State& s, TxnId t) const {
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
            return commit(h, s, t);
        case OpKind::Abort:
            abortTxn(s, t, AbortCause::User, true);
            return Outcome::ran();
    }
    ISOCHECK_ASSERT(false);
}

// A snapshot read never waits. It fails only when the version its snapshot
// needs is no longer retained (ORA-01555), or under SSI when it would make a
// committed writer a pivot (Cahill et al. 2008, Fig. 3).
Outcome MultiversionModel::read(const History& h, State& s, TxnId t) const {
    const KeyId k = h.txns[t].ops[s.txns[t].pc].key;
    const std::size_t index = visibleAt(s, k, t, snapshotOf(s, t));
    if (!retained(s, k, index, policy_.retention))
        return snapshotTooOld(h, s, t, k);
    if (policy_.ssi) {
        std::vector<RwConflict> conflicts;
        readConflicts(s, t, k, index, conflicts);
        if (!applyConflicts(s, t, conflicts))
            return serializationFailure(h, s, t, "reading " + h.keys[k] +
                                                     " would make a committed writer a pivot");
        s.locks[k].sireads |= bit(t);
    }
    begin(s, t);
    logRead(h, s, t, k, index);
    advance(s, t);
    return Outcome::ran();
}

// Writes, updates and locking reads. Row locks make the second writer of a
// row wait; under snapshot isolation it then aborts if a version newer than
// its snapshot committed (first-updater-wins). With first-committer-wins
// there are no row locks and the check moves to commit.
Outcome MultiversionModel::write(const History& h, State& s, TxnId t) const {
    const Op& op = h.txns[t].ops[s.txns[t].pc];
    const KeyId k = op.key;
    const bool snapshotReads = !policy_.statementSnapshot;
    if (!policy_.firstCommitterWins) {
        if (auto holders = itemConflicts(s, t, k, LockMode::Exclusive))
            return Outcome::waits(holders, describeOp(h, s, t) + " waits for " +
                                               namesOf(h, holders) + " (row lock on " +
                                               h.keys[k] + ')');
        if (snapshotReads && committedAfter(s, k, snapshotOf(s, t)))
            return serializationFailure(h, s, t, "a version of " + h.keys[k] +
                                                     " newer than its snapshot committed");
    }
    // Read committed re-reads the newest committed row; snapshot isolation
    // reads its snapshot (the newest, under first-updater-wins).
    const std::size_t index = policy_.statementSnapshot ? newestVisible(s, k, t, false)
                                                        : visibleAt(s, k, t, snapshotOf(s, t));
    if (policy_.firstCommitterWins && op.itemReads() && !retained(s, k, index, policy_.retention))
        return snapshotTooOld(h, s, t, k);
    const Version after = op.writes() ? afterImage(h, s, t, s.rows[k].chain[index]) : Version{};
    if (policy_.ssi) {
        std::vector<RwConflict> conflicts;
        if (op.itemReads()) readConflicts(s, t, k, index, conflicts);
        if (op.writes()) writeConflicts(h, s, t, k, s.rows[k].chain[index], after, conflicts);
        if (!applyConflicts(s, t, conflicts))
            return serializationFailure(h, s, t, "writing " + h.keys[k] +
                                                     " would make a committed reader a pivot");
        if (op.itemReads()) s.locks[k].sireads |= bit(t);
    }
    if (!policy_.firstCommitterWins) acquire(s, t, k, LockMode::Exclusive);
    begin(s, t);
    if (op.itemReads()) logRead(h, s, t, k, index);
    if (op.writes()) logWrite(s, t, k, index, after.exists, after.value);
    advance(s, t);
    return Outcome::ran();
}

Outcome MultiversionModel::predicateRead(const History& h, State& s, TxnId t) const {
    const PredicateId p = h.txns[t].ops[s.txns[t].pc].predicate;
    const auto snapshot = snapshotOf(s, t);
    std::vector<std::size_t> vset(h.keys.size());
    for (KeyId k = 0; k < h.keys.size(); ++k) {
        vset[k] = visibleAt(s, k, t, snapshot);
        if (!retained(s, k, vset[k], policy_.retention))
            return snapshotTooOld(h, s, t, k);
    }
    if (policy_.ssi) {
        std::vector<RwConflict> conflicts;
        predicateReadConflicts(h, s, t, p, vset, conflicts);
        if (!applyConflicts(s, t, conflicts))
            return serializationFailure(h, s, t, "the predicate read would make a committed "
                                                 "writer a pivot");
        addPredicateMarker(s, t, p);
    }
    begin(s, t);
    logPredicateRead(h, s, t, p, vset);
    advance(s, t);
    return Outcome::ran();
}

// First-committer-wins checks the rows t wrote; SSI aborts a pivot, a
// transaction with both an in- and an out-conflict (Cahill et al. 2008).
Outcome MultiversionModel::commit(const History& h, State& s, TxnId t) const {
    if (policy_.firstCommitterWins) {
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if (ownVersion(s, k, t) && committedAfter(s, k, snapshotOf(s, t)))
                return serializationFailure(h, s, t, "a version of " + h.keys[k] +
                                                         " newer than its snapshot committed "
                                                         "first (first-committer-wins)");
    }
    if (policy_.ssi && s.txns[t].inConflict && s.txns[t].outConflict)
        return serializationFailure(h, s, t, "it has both an in- and an out-conflict (pivot)");
    commitTxn(s, t);
    return Outcome::ran();
}

}  // namespace isocheck
