// sqlserver-snapshot: SQL Server SNAPSHOT isolation (SET TRANSACTION
// ISOLATION LEVEL; specs/engines/sqlserver.md): "Data modifications made by
// other transactions after the start of the current transaction are not
// visible"; a write of a row changed by a transaction that committed after
// the snapshot waits for its lock, then fails with error 3960 "Snapshot
// isolation transaction aborted due to update conflict": snapshot isolation
// with first-updater-wins, the snapshot mechanism.
#include "models/builtin.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerSnapshot(const ModelOptions& o) {
    return makeSnapshot(o);
}

}  // namespace isocheck
