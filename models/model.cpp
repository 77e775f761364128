#include "models/model.hpp"

#include <algorithm>
#include <bit>

#include "models/common.hpp"

namespace isocheck {

Footprint IsolationModel::future(const History&, TxnId, std::size_t, bool) const {
    Footprint f;
    f.global = true;
    return f;
}

bool IsolationModel::markersInert(const History&, const State&, TxnId) const { return false; }

namespace {

/// InnoDB's transaction weight (TRX_WEIGHT): its undo records, one per
/// row version it wrote, plus its lock structures, one per kind of lock
/// (models/lock_manager.hpp, InnodbLock), whatever the rows. (Each member
/// of a cycle also has the structure of the lock it waits for: the same
/// for all, left out.)
std::size_t weight(const State& s, TxnId t) {
    return std::size_t{s.txns[t].writes} + static_cast<std::size_t>(std::popcount(s.txns[t].innodbLocks));
}

}  // namespace

TxnId IsolationModel::deadlockVictim(const State& s, std::uint64_t onCycle, TxnId closer) const {
    auto chosen = static_cast<TxnId>(63 - std::countl_zero(onCycle));  // the last in the file
    const VictimRule rule = victim();
    if (rule == VictimRule::LastInFile) return chosen;
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
