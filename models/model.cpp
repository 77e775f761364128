#include "models/model.hpp"

#include "models/common.hpp"

namespace isocheck {

void IsolationModel::abort(const History&, State& s, TxnId t, AbortCause cause,
                           bool scheduled) const {
    abortTxn(s, t, cause, scheduled);
}

}  // namespace isocheck
