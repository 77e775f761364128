// postgres-repeatable-read: PostgreSQL's REPEATABLE READ (PostgreSQL 15
// manual, 13.2.2; specs/engines/postgres.md). One snapshot, taken by the
// transaction's first statement; UPDATE, DELETE and SELECT FOR UPDATE wait
// for a row locked by another transaction, and fail with "could not
// serialize access due to concurrent update" (SQLSTATE 40001) when the row
// was changed by a transaction that committed after the snapshot: snapshot
// isolation with first-updater-wins, the `snapshot` mechanism, with
// PostgreSQL's tuple locks and scans (tupleLocks; specs/engines/postgres.md,
// "Rows, scans and waits").
// Deadlock victims: the transaction whose wait closed the cycle (its
// backend runs the deadlock check after deadlock_timeout and aborts itself;
// specs/engines/postgres.md).
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makePostgresRepeatableRead(const ModelOptions&) {
    return std::make_unique<MultiversionModel>(MultiversionPolicy{.tupleLocks = true, .victim = VictimRule::Closer});
}

}  // namespace isocheck
