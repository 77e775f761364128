// postgres-serializable: PostgreSQL's SERIALIZABLE (PostgreSQL 15 manual,
// 13.2.3; src/backend/storage/lmgr/README-SSI; Ports and Grittner, VLDB
// 2012; specs/engines/postgres.md). Repeatable read (first-updater-wins)
// plus PostgreSQL's certifier: the rw-conflicts themselves, failing only
// dangerous structures whose last transaction commits first, dooming a
// pivot to fail at its next statement where the acting transaction need
// not fail (models/postgres_ssi.hpp); predicate reads lock the relation,
// index scans the index page (kIndexPage), and a waiting statement keeps
// what it read before it waited.
// Deadlock victims: the transaction whose wait closed the cycle (its
// backend runs the deadlock check after deadlock_timeout and aborts itself;
// specs/engines/postgres.md).
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makePostgresSerializable(const ModelOptions&) {
    return std::make_unique<MultiversionModel>(MultiversionPolicy{.ssi = true, .postgresSsi = true, .tupleLocks = true, .victim = VictimRule::Closer});
}

}  // namespace isocheck
