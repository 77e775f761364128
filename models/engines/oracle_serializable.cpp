// oracle-serializable: Oracle Database SERIALIZABLE (Oracle Database
// Concepts, Serializable Isolation Level; specs/engines/oracle.md): "sees
// only those changes that were committed at the time the transaction began";
// "Oracle Database permits a serializable transaction to modify a row only
// if changes to the row made by other transactions were already committed
// when the serializable transaction began", else ORA-08177 "can't serialize
// access for this transaction", once the locking writer has ended: snapshot
// isolation with first-updater-wins. Option `retention` (undo retention,
// ORA-01555); option `one-block`: Oracle tracks the transactions that changed
// a block, not a row (the block's interested transaction list), so with every
// row in one block, as in Hermitage's two-row table, a write fails after any
// change to the table committed since the snapshot.
#include "models/builtin.hpp"
#include "models/multiversion.hpp"

namespace isocheck {

std::unique_ptr<IsolationModel> makeOracleSerializable(const ModelOptions& o) {
    return std::make_unique<MultiversionModel>(MultiversionPolicy{
        .blockConflicts = boolOption(o, "one-block"), .retention = retentionOption(o)});
}

}  // namespace isocheck
