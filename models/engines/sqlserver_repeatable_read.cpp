// sqlserver-repeatable-read: SQL Server REPEATABLE READ (SET TRANSACTION
// ISOLATION LEVEL; specs/engines/sqlserver.md): "Shared locks are placed on
// all data read by each statement in the transaction and are held until the
// transaction completes", but "other transactions can insert new rows that
// match the search conditions": long item locks without range locks, the
// repeatable-read locking mechanism.
#include "models/builtin.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerRepeatableRead(const ModelOptions& o) {
    return makeRepeatableRead(o);
}

}  // namespace isocheck
