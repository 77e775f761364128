// mysql-read-uncommitted: MySQL 8 / MariaDB InnoDB READ UNCOMMITTED (MySQL
// Reference Manual 15.7.2.1, "Transaction Isolation Levels"; specs/engines/
// mysql.md): "SELECT statements are performed in a nonlocking fashion, but a
// possible earlier version of a row might be used ... Such a read is also
// called a dirty read." Writes take exclusive row locks held to the end:
// the read-uncommitted locking mechanism exactly.
// Deadlock victims by InnoDB's weight (15.7.5.2; VictimRule::Lightest); lock requests queue.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeMysqlReadUncommitted(const ModelOptions&) {
    return std::make_unique<LockingModel>(
        LockingPolicy{.itemRead = LockDuration::None,
                      .predicate = LockDuration::None,
                      .predicateRows = LockDuration::None,
                      .victim = VictimRule::Lightest,
                      .lockQueues = true,
                      .innodbScan = true,
                      .recordLocks = true});
}

}  // namespace isocheck
