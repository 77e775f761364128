// sqlserver-read-committed: SQL Server READ COMMITTED with
// READ_COMMITTED_SNAPSHOT OFF, its default (SET TRANSACTION ISOLATION LEVEL;
// specs/engines/sqlserver.md): "Shared locks are held while the data is being
// read" and released after the statement; a read waits for a row another
// transaction has changed: Gray's degree 2, the read-committed locking
// mechanism.
// Deadlock victims by SQL Server's (the session least expensive to roll back: VictimRule::FewestWrites); lock requests queue.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerReadCommitted(const ModelOptions&) {
    return std::make_unique<LockingModel>(
        LockingPolicy{LockDuration::Short, LockDuration::Short, LockDuration::Short, VictimRule::FewestWrites, true});
}

}  // namespace isocheck
