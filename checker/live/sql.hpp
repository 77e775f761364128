#pragma once
// A history's operations as SQL on a scratch table (specs/live.md): one
// statement per operation, in PostgreSQL's or MariaDB's dialect. Keys are
// rows of a table `(id varchar primary key, value bigint)`, as in Hermitage.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "execution/state.hpp"
#include "history/history.hpp"
#include "live/connection.hpp"

namespace isocheck::live {

/// The isolation level a model stands for on its engine: "READ COMMITTED",
/// ...; nullopt when the model is no model of that engine.
[[nodiscard]] std::optional<std::string_view> isolationLevel(Engine engine, std::string_view model);

/// The statements that create the scratch table `table` and fill it with
/// the history's initial rows.
[[nodiscard]] std::vector<std::string> setupStatements(Engine engine, const History& h,
                                                       const std::string& table);

/// The statement that starts a transaction at `level` (its snapshot is
/// taken by its first statement, as the models assume).
[[nodiscard]] std::string beginStatement(Engine engine, std::string_view level, bool readOnly);

/// What an operation needs from the server: its statements, in order, and
/// how to read their results.
struct SqlOp {
    std::vector<std::string> statements;
    /// `w`, `u`: when the first statement (an UPDATE of the row) matched no
    /// row, these are sent instead of the rest (an upsert that creates it).
    std::vector<std::string> fallback;
    /// Read, ReadForUpdate, Update: the last statement returns the row's value.
    bool returnsValue = false;
    /// PredicateRead: the statement returns the ids of the rows selected.
    bool returnsIds = false;
    /// Predicate writes: the last statement returns the rows written, as
    /// (id, value) (value null for a delete), for the transaction's bindings.
    bool returnsWritten = false;
    /// With returnsWritten, on MariaDB: the last statement returns them as
    /// one string, `x=5,y=null` (a session variable the UPDATE filled in).
    bool writtenAsList = false;
};

/// Op `op` of transaction t as SQL, E evaluated with `bindings` (the
/// transaction's values, SPEC 1.1) where the model evaluates it, and in SQL
/// for `u` and `update where`, whose E uses the row's own value.
[[nodiscard]] SqlOp toSql(Engine engine, const History& h, TxnId t, std::size_t op,
                          const std::vector<Binding>& bindings, const std::string& table);

/// `value > 5`, `value % 3 = 0` as SQL.
[[nodiscard]] std::string predicateSql(Engine engine, const Predicate& p);

}  // namespace isocheck::live
