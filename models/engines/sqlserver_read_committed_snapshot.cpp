// sqlserver-read-committed-snapshot: SQL Server READ COMMITTED with
// READ_COMMITTED_SNAPSHOT ON (SET TRANSACTION ISOLATION LEVEL;
// specs/engines/sqlserver.md): "the Database Engine uses row versioning to
// present each statement with a transactionally consistent snapshot of the
// data as it existed at the start of the statement"; updates take exclusive
// locks and, having waited, change the newest committed version: the
// read-committed-snapshot mechanism.
// Deadlock victims by SQL Server's (the session least expensive to roll back: VictimRule::FewestWrites); lock requests queue.
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerReadCommittedSnapshot(const ModelOptions&) {
    return std::make_unique<MultiversionModel>(
        MultiversionPolicy{.statementSnapshot = true, .lockQueues = true, .victim = VictimRule::FewestWrites});
}

}  // namespace isocheck
