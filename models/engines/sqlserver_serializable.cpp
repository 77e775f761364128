// sqlserver-serializable: SQL Server SERIALIZABLE (SET TRANSACTION
// ISOLATION LEVEL; specs/engines/sqlserver.md): "Range locks are placed in
// the range of key values that match the search conditions of each statement
// executed in a transaction", held to the end, besides shared and exclusive
// locks: strict two-phase locking, the serializable mechanism. A statement
// with a WHERE clause on `value` has no index to search (Hermitage's table
// is keyed on id): its range is the whole index, and it locks every key, S
// for a query and X for an UPDATE or DELETE (scanLocksAll).
// Deadlock victims by SQL Server's (the session least expensive to roll back: VictimRule::FewestWrites); lock requests queue.
#include "models/builtin.hpp"
#include "models/locking.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeSqlServerSerializable(const ModelOptions&) {
    return std::make_unique<LockingModel>(
        LockingPolicy{LockDuration::Long, LockDuration::Long, LockDuration::Long, VictimRule::FewestWrites, true, true});
}

}  // namespace isocheck
