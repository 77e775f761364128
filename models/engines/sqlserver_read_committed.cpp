// sqlserver-read-committed: SQL Server READ COMMITTED with
// READ_COMMITTED_SNAPSHOT OFF, its default (SET TRANSACTION ISOLATION LEVEL;
// specs/engines/sqlserver.md): "Shared locks are held while the data is being
// read" and released after the statement; a read waits for a row another
// transaction has changed: Gray's degree 2, the read-committed locking
// mechanism.
#include "models/builtin.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerReadCommitted(const ModelOptions& o) {
    return makeReadCommitted(o);
}

}  // namespace isocheck
