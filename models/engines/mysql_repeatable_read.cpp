// mysql-repeatable-read: InnoDB REPEATABLE READ, MySQL's default (MySQL
// Reference Manual 15.7.2.1 and 15.7.2.3 "Consistent Nonlocking Reads";
// specs/engines/mysql.md). "Consistent reads within the same transaction read
// the snapshot established by the first read"; but "the snapshot of the
// database state applies to SELECT statements within a transaction, not
// necessarily to DML statements": UPDATE, DELETE and locking reads act on the
// newest committed version of the row after waiting for its lock, and no
// check stops a write of a row changed since the snapshot. So a lost update
// goes through (Hermitage: P4 not prevented), while a read-only transaction
// sees one snapshot. Locks on keys without a record are gap locks
// (gapLocks), and a delete leaves its record (specs/engines/mysql.md,
// "Records, gaps and scans").
// Deadlock victims by InnoDB's weight (15.7.5.2; VictimRule::Lightest); lock requests queue.
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeMysqlRepeatableRead(const ModelOptions&) {
    return std::make_unique<MultiversionModel>(
        MultiversionPolicy{.latestWrites = true,
                           .snapshotAtFirstRead = true,
                           .scanWaits = ScanWaits::Every,
                           .gapLocks = true,
                           .lockQueues = true,
                           .victim = VictimRule::Lightest});
}

}  // namespace isocheck
