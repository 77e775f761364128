// sqlserver-snapshot: SQL Server SNAPSHOT isolation (SET TRANSACTION
// ISOLATION LEVEL; specs/engines/sqlserver.md): "Data modifications made by
// other transactions after the start of the current transaction are not
// visible"; a write of a row changed by a transaction that committed after
// the snapshot waits for its lock, then fails with error 3960 "Snapshot
// isolation transaction aborted due to update conflict": snapshot isolation
// with first-updater-wins, the snapshot mechanism.
// Deadlock victims by SQL Server's (the session least expensive to roll back: VictimRule::FewestWrites); lock requests queue.
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerSnapshot(const ModelOptions&) {
    return std::make_unique<MultiversionModel>(MultiversionPolicy{.lockQueues = true, .victim = VictimRule::FewestWrites});
}

}  // namespace isocheck
