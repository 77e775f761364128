// mysql-serializable: InnoDB SERIALIZABLE (MySQL Reference Manual
// 15.7.2.1; specs/engines/mysql.md): "InnoDB implicitly converts all plain
// SELECT statements to SELECT ... FOR SHARE if autocommit is disabled":
// shared locks on the rows read and next-key locks on the ranges scanned,
// held to the end, besides the writers' exclusive locks: strict two-phase
// locking, the serializable mechanism. A query or an UPDATE or DELETE with a
// WHERE clause on `value` scans the whole table (no index): its next-key
// locks cover every row and gap, S or X (scanLocksAll).
// Deadlock victims by InnoDB's weight (15.7.5.2; VictimRule::Lightest); lock requests queue.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeMysqlSerializable(const ModelOptions&) {
    return std::make_unique<LockingModel>(
        LockingPolicy{.itemRead = LockDuration::Long,
                      .predicate = LockDuration::Long,
                      .predicateRows = LockDuration::Long,
                      .victim = VictimRule::Lightest,
                      .lockQueues = true,
                      .scanLocksAll = true,
                      .gapLocks = true});
}

}  // namespace isocheck
