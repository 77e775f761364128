// sqlserver-serializable: SQL Server SERIALIZABLE (SET TRANSACTION
// ISOLATION LEVEL; specs/engines/sqlserver.md): "Range locks are placed in
// the range of key values that match the search conditions of each statement
// executed in a transaction", held to the end, besides shared and exclusive
// locks: strict two-phase locking with predicate locks, the serializable
// mechanism.
#include "models/builtin.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerSerializable(const ModelOptions& o) {
    return makeSerializable(o);
}

}  // namespace isocheck
