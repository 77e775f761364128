// repeatable-read (locking): Berenson et al. (1995) Table 2 "Locking
// REPEATABLE READ": long item S and X locks, short predicate locks. Rows once
// read cannot change (no P2, no lost update: upgrades deadlock instead), but
// a predicate read only holds S locks on the rows it returned, so another
// transaction may insert a new matching row (P3, phantom).
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeRepeatableRead(const ModelOptions&) {
    return std::make_unique<LockingModel>(LockingPolicy{LockDuration::Long, LockDuration::Short, LockDuration::Long});
}

}  // namespace isocheck
