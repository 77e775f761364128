#include "models/model.hpp"

#include <bit>

#include "models/common.hpp"

namespace isocheck {

Footprint IsolationModel::future(const History&, TxnId, std::size_t, bool) const {
    Footprint f;
    f.global = true;
    return f;
}

bool IsolationModel::markersInert(const History&, const State&, TxnId) const { return false; }

TxnId IsolationModel::deadlockVictim(const State& s, std::uint64_t onCycle) const {
    auto chosen = static_cast<TxnId>(63 - std::countl_zero(onCycle));  // the last in the file
    if (victim() == VictimRule::FewestWrites)
        for (TxnId t = chosen; t-- > 0;)  // an earlier one wins only with fewer writes
            if ((onCycle & bit(t)) != 0 && s.txns[t].writes < s.txns[chosen].writes) chosen = t;
    return chosen;
}

std::string_view IsolationModel::victimRule() const {
    return victim() == VictimRule::FewestWrites
               ? "the fewest rows written on the waits-for cycle, then the last in the file"
               : "last in the file on the waits-for cycle";
}

void IsolationModel::startWaiting(const History&, State& s, TxnId t) const { begin(s, t, false); }

void IsolationModel::abort(const History&, State& s, Log& log, TxnId t, AbortCause cause,
                           bool scheduled) const {
    abortTxn(s, log, t, cause, scheduled);
}

}  // namespace isocheck
