#include "models/model.hpp"

#include <algorithm>
#include <bit>
#include <vector>

#include "models/common.hpp"

namespace isocheck {

Footprint IsolationModel::future(const History&, TxnId, std::size_t, bool) const {
    Footprint f;
    f.global = true;
    return f;
}

bool IsolationModel::markersInert(const History&, const State&, TxnId) const { return false; }
bool IsolationModel::readsInert(const History&, const State&, TxnId, std::uint64_t) const { return false; }

namespace {

/// InnoDB's transaction weight (TRX_WEIGHT): its undo records, one per
/// row version it wrote that changed the row (MySQL does not update a row
/// to what it was), plus its lock structures, one per kind of lock
/// (models/lock_manager.hpp, InnodbLock), whatever the rows. (Each member
/// of a cycle also has the structure of the lock it waits for: the same
/// for all, left out.)
std::size_t weight(const State& s, TxnId t) {
    const TxnState& ts = s.txns[t];
    return std::size_t{ts.changes} + ts.scanChanges + ts.extraLocks +
           static_cast<std::size_t>(std::popcount(ts.innodbLocks));
}

/// InnoDB's lock.wait_trx of t: of those t waits for, the lowest that
/// holds a lock on a row of t's queued request, else the lowest.
TxnId waitTrx(const State& s, TxnId t, std::uint64_t waitsFor) {
    std::uint64_t holders = 0;
    for (const LockRequest& r : s.queue) {
        if (r.txn != t) continue;
        for (KeyId k = 0; k < s.locks.size(); ++k) {
            if ((r.rows & keyBit(k)) == 0) continue;
            const ItemLock& l = s.locks[k];
            if (l.exclusive != kInitialWriter) holders |= bit(l.exclusive);
            holders |= l.shared;
        }
    }
    const std::uint64_t first = (holders & waitsFor) != 0 ? holders & waitsFor : waitsFor;
    return static_cast<TxnId>(std::countr_zero(first));
}

/// The one cycle InnoDB finds from `from` through waitTrx, or 0.
std::uint64_t innodbCycle(const State& s, TxnId from, std::span<const std::uint64_t> waits) {
    std::vector<TxnId> path;
    for (TxnId t = from; t < waits.size() && waits[t] != 0;) {
        const auto seen = std::ranges::find(path, t);
        if (seen != path.end()) {
            std::uint64_t cycle = 0;
            for (auto it = seen; it != path.end(); ++it) cycle |= bit(*it);
            return cycle;
        }
        path.push_back(t);
        t = waitTrx(s, t, waits[t]);
    }
    return 0;
}

}  // namespace

TxnId IsolationModel::deadlockVictim(const State& s, std::uint64_t onCycle, TxnId closer,
                                     std::span<const std::uint64_t> waits) const {
    auto chosen = static_cast<TxnId>(63 - std::countl_zero(onCycle));  // the last in the file
    const VictimRule rule = victim();
    if (rule == VictimRule::LastInFile) return chosen;
    if (rule == VictimRule::Lightest) {
        const std::uint64_t found =
            innodbCycle(s, closer != kNoTxn && (onCycle & bit(closer)) != 0 ? closer : chosen, waits);
        if (found != 0 && (found & ~onCycle) == 0) {
            onCycle = found;
            chosen = static_cast<TxnId>(63 - std::countl_zero(onCycle));
        }
    }
    if (rule == VictimRule::Closer) return closer != kNoTxn && (onCycle & bit(closer)) != 0 ? closer : chosen;
    const auto cost = [&](TxnId t) {
        return rule == VictimRule::FewestWrites ? std::size_t{s.txns[t].writes} : weight(s, t);
    };
    // The cheapest; among equals the one that closed the cycle, then the last.
    const bool closes = closer != kNoTxn && (onCycle & bit(closer)) != 0;
    if (closes) chosen = closer;
    for (TxnId t = static_cast<TxnId>(63 - std::countl_zero(onCycle)) + 1; t-- > 0;)
        if ((onCycle & bit(t)) != 0 && cost(t) < cost(chosen)) chosen = t;
    return chosen;
}

std::string_view IsolationModel::victimRule() const {
    switch (victim()) {
        case VictimRule::FewestWrites:
            return "the fewest rows written on the waits-for cycle, then the one whose request closed it, "
                   "then the last in the file";
        case VictimRule::Lightest:
            return "the fewest rows written and locks held on the waits-for cycle, then the one whose "
                   "request closed it, then the last in the file";
        case VictimRule::Closer:
            return "the one whose request closed the waits-for cycle, else the last in the file";
        case VictimRule::LastInFile: break;
    }
    return "last in the file on the waits-for cycle";
}

void IsolationModel::sendWaiting(const History&, State& s, const Log&, TxnId t) const { begin(s, t, false); }

bool IsolationModel::progress(const History&, State&, const Log&, TxnId) const { return false; }

void IsolationModel::abort(const History&, State& s, Log& log, TxnId t, AbortCause cause,
                           bool scheduled) const {
    abortTxn(s, log, t, cause, scheduled);
}

}  // namespace isocheck
