// sqlserver-read-uncommitted: SQL Server READ UNCOMMITTED (Transact-SQL
// reference, SET TRANSACTION ISOLATION LEVEL; specs/engines/sqlserver.md):
// "Transactions running at the READ UNCOMMITTED level do not issue shared
// locks"; "exclusive locks set by other transactions" do not block them;
// writes still take exclusive locks held to the end: the read-uncommitted
// locking mechanism.
// Deadlock victims by SQL Server's (the session least expensive to roll back: VictimRule::FewestWrites); lock requests queue.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerReadUncommitted(const ModelOptions&) {
    return std::make_unique<LockingModel>(
        LockingPolicy{LockDuration::None, LockDuration::None, LockDuration::None, VictimRule::FewestWrites, true});
}

}  // namespace isocheck
