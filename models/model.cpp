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

/// InnoDB's transaction weight: what it changed plus the locks it holds.
std::size_t weight(const State& s, TxnId t) {
    std::size_t w = s.txns[t].writes;
    for (const ItemLock& l : s.locks) w += (l.exclusive == t || (l.shared & bit(t)) != 0) ? 1 : 0;
    w += static_cast<std::size_t>(
        std::ranges::count(s.predicateLocks, t, &PredicateLock::txn));
    return w;
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

void IsolationModel::abort(const History&, State& s, Log& log, TxnId t, AbortCause cause,
                           bool scheduled) const {
    abortTxn(s, log, t, cause, scheduled);
}

}  // namespace isocheck
