// oracle-read-committed: Oracle Database READ COMMITTED, its default
// (Oracle Database Concepts, "Data Concurrency and Consistency", Read
// Committed Isolation Level; specs/engines/oracle.md): "every query executed
// by a transaction sees only data committed before the query - not the
// transaction - began"; a write that finds a row locked waits, and then
// "proceeds ... with the committed version" (restarting the statement when
// the row changed). Undo retention bounds how old a version a query may
// still read: option `retention`, ORA-01555 "snapshot too old". The
// read-committed-snapshot mechanism, but for a transaction declared read-only
// (SET TRANSACTION READ ONLY), which "sees only those changes that were
// committed at the time the transaction began" (Data Concurrency and
// Consistency, Read-Only Isolation Level).
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeOracleReadCommitted(const ModelOptions& o) {
    return std::make_unique<MultiversionModel>(MultiversionPolicy{
        .statementSnapshot = true, .readOnlyTransactionSnapshot = true, .retention = retentionOption(o)});
}

}  // namespace isocheck
