// mysql-serializable: InnoDB SERIALIZABLE (MySQL Reference Manual
// 15.7.2.1; specs/engines/mysql.md): "InnoDB implicitly converts all plain
// SELECT statements to SELECT ... FOR SHARE if autocommit is disabled":
// shared locks on the rows read and next-key locks on the ranges scanned,
// held to the end, besides the writers' exclusive locks: strict two-phase
// locking with predicate locks, the serializable mechanism.
// Deadlock victims by InnoDB's weight (15.7.5.2; VictimRule::Lightest); lock requests queue.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeMysqlSerializable(const ModelOptions&) {
    return std::make_unique<LockingModel>(
        LockingPolicy{LockDuration::Long, LockDuration::Long, LockDuration::Long, VictimRule::Lightest, true});
}

}  // namespace isocheck
