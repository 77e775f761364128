// serializable: strict two-phase locking with predicate locks (Eswaran,
// Gray, Lorie, Traiger 1976; Gray et al. 1976 degree 3; Berenson et al.
// 1995 Table 2 "Locking SERIALIZABLE"): long S, X and predicate locks. A
// write waits for another transaction's predicate lock whose predicate the
// row's before- or after-image satisfies. Every committed execution is
// conflict-serializable; lock cycles are resolved as deadlocks.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSerializable(const ModelOptions&) {
    return std::make_unique<LockingModel>(LockingPolicy{LockDuration::Long, LockDuration::Long, LockDuration::Long});
}

}  // namespace isocheck
