// sqlserver-read-uncommitted: SQL Server READ UNCOMMITTED (Transact-SQL
// reference, SET TRANSACTION ISOLATION LEVEL; specs/engines/sqlserver.md):
// "Transactions running at the READ UNCOMMITTED level do not issue shared
// locks"; "exclusive locks set by other transactions" do not block them;
// writes still take exclusive locks held to the end: the read-uncommitted
// locking mechanism.
#include "models/builtin.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerReadUncommitted(const ModelOptions& o) {
    return makeReadUncommitted(o);
}

}  // namespace isocheck
