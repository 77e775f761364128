// postgres-read-committed: PostgreSQL's READ COMMITTED (PostgreSQL 15
// manual, 13.2.1; specs/engines/postgres.md). Each statement reads the
// snapshot taken at its start: the newest committed versions and the
// transaction's own writes. UPDATE, DELETE and SELECT FOR UPDATE wait for a
// row locked by another transaction; once it ends, they proceed on the
// newest committed version of the row ("the would-be updater ... will
// attempt to apply its operation to the updated version of the row"), which
// is the read-committed-snapshot mechanism, with PostgreSQL's tuple locks
// (a FOR UPDATE or DELETE that finds no row locks nothing; tupleLocks) and
// its scans (specs/engines/postgres.md, "Rows, scans and waits").
// Deadlock victims: the transaction whose wait closed the cycle (its
// backend runs the deadlock check after deadlock_timeout and aborts itself;
// specs/engines/postgres.md).
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makePostgresReadCommitted(const ModelOptions&) {
    return std::make_unique<MultiversionModel>(MultiversionPolicy{.statementSnapshot = true, .recheckAfterWait = true, .tupleLocks = true, .victim = VictimRule::Closer});
}

}  // namespace isocheck
