// read-uncommitted: Gray et al. (1976) degree 1, Berenson et al. (1995)
// Table 2 "Locking READ UNCOMMITTED". Writes take long X locks, so dirty
// writes (P0) cannot happen; reads take no locks at all and see the newest
// version, committed or not, so dirty reads (P1) and everything above them can.
// Predicate reads take no locks either.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeReadUncommitted(const ModelOptions&) {
    return std::make_unique<LockingModel>(LockingPolicy{LockDuration::None, LockDuration::None, LockDuration::None});
}

}  // namespace isocheck
