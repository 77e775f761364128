#include "models/model.hpp"

#include "models/common.hpp"

namespace isocheck {

Footprint IsolationModel::future(const History&, TxnId, std::size_t, bool) const {
    Footprint f;
    f.global = true;
    return f;
}

bool IsolationModel::markersInert(const History&, const State&, TxnId) const { return false; }

void IsolationModel::startWaiting(const History&, State& s, TxnId t) const { begin(s, t, false); }

void IsolationModel::abort(const History&, State& s, Log& log, TxnId t, AbortCause cause,
                           bool scheduled) const {
    abortTxn(s, log, t, cause, scheduled);
}

}  // namespace isocheck
