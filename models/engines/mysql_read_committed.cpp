// mysql-read-committed: InnoDB READ COMMITTED (MySQL Reference Manual
// 15.7.2.1; specs/engines/mysql.md): "Each consistent read, even within the
// same transaction, sets and reads its own fresh snapshot"; UPDATE and
// DELETE lock the rows they change and, having waited, act on the newest
// committed version ("semi-consistent" read): the read-committed-snapshot
// mechanism exactly.
// Deadlock victims by InnoDB's weight (15.7.5.2; VictimRule::Lightest); lock requests queue.
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeMysqlReadCommitted(const ModelOptions&) {
    return std::make_unique<MultiversionModel>(
        MultiversionPolicy{.statementSnapshot = true,
                           .scanWaits = ScanWaits::Deletes,
                           .recordLocks = true,
                           .lockQueues = true,
                           .victim = VictimRule::Lightest});
}

}  // namespace isocheck
