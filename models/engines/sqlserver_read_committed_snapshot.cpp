// sqlserver-read-committed-snapshot: SQL Server READ COMMITTED with
// READ_COMMITTED_SNAPSHOT ON (SET TRANSACTION ISOLATION LEVEL;
// specs/engines/sqlserver.md): "the Database Engine uses row versioning to
// present each statement with a transactionally consistent snapshot of the
// data as it existed at the start of the statement"; updates take exclusive
// locks and, having waited, change the newest committed version: the
// read-committed-snapshot mechanism.
#include "models/builtin.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerReadCommittedSnapshot(const ModelOptions& o) {
    return makeReadCommittedSnapshot(o);
}

}  // namespace isocheck
