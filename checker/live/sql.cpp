#include "live/sql.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace isocheck::live {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kPostgresLevels{{
    {"postgres-read-committed", "READ COMMITTED"},
    {"postgres-repeatable-read", "REPEATABLE READ"},
    {"postgres-serializable", "SERIALIZABLE"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kMariadbLevels{{
    {"mysql-read-uncommitted", "READ UNCOMMITTED"},
    {"mysql-read-committed", "READ COMMITTED"},
    {"mysql-repeatable-read", "REPEATABLE READ"},
    {"mysql-serializable", "SERIALIZABLE"},
}};

std::string quoted(std::string_view s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'' || c == '\\') out += c;
        out += c;
    }
    return out + '\'';
}

std::string literal(Value v) { return v ? std::to_string(*v) : "NULL"; }

/// E evaluated with the transaction's values, as a literal.
std::string valueSql(const Expr& e, const std::vector<Binding>& bindings) {
    const std::optional<Value> v = evaluate(e, bindings);
    if (!v) throw LiveError("a value leaves the 64-bit integer range");
    return literal(*v);
}

/// E as SQL: literals and bound keys as numbers, the row's own value
/// (`value`, or K in `u K = E`) as `column`; null stays null.
std::string exprSql(const Expr& e, const std::vector<Binding>& bindings, std::optional<KeyId> self,
                    const std::string& column) {
    std::string out;
    for (const Term& term : e.terms) {
        std::string operand;
        if (const auto* lit = std::get_if<std::int64_t>(&term.operand)) {
            operand = std::to_string(*lit);
        } else if (std::holds_alternative<RowValue>(term.operand)) {
            operand = column;
        } else {
            const KeyId k = std::get<KeyId>(term.operand);
            operand = self && *self == k ? column : literal(bindings.at(k).value);
        }
        if (out.empty()) out = term.negative ? "-(" + operand + ")" : "(" + operand + ")";
        else out += (term.negative ? " - (" : " + (") + operand + ")";
    }
    return out.empty() ? "0" : out;
}

std::string cmpSql(Predicate::Cmp c) {
    switch (c) {
        case Predicate::Cmp::Eq: return "=";
        case Predicate::Cmp::Ne: return "<>";
        case Predicate::Cmp::Lt: return "<";
        case Predicate::Cmp::Le: return "<=";
        case Predicate::Cmp::Gt: return ">";
        case Predicate::Cmp::Ge: return ">=";
    }
    return "=";
}

}  // namespace

std::optional<std::string_view> isolationLevel(Engine engine, std::string_view model) {
    if (model.empty()) return std::nullopt;
    if (engine == Engine::Postgres) {
        for (const auto& [name, level] : kPostgresLevels)
            if (name == model) return level;
    } else {
        for (const auto& [name, level] : kMariadbLevels)
            if (name == model) return level;
    }
    return std::nullopt;
}

std::string predicateSql(Engine engine, const Predicate& p) {
    if (p.modulus) {
        // SQL's % (PostgreSQL) and MOD (MariaDB) truncate towards zero, as isocheck's % does.
        const std::string mod = engine == Engine::Postgres ? fmt::format("value % {}", *p.modulus)
                                                           : fmt::format("MOD(value, {})", *p.modulus);
        return fmt::format("{} = {}", mod, p.operand);
    }
    return fmt::format("value {} {}", cmpSql(p.cmp), p.operand);
}

std::vector<std::string> setupStatements(Engine engine, const History& h, const std::string& table) {
    std::vector<std::string> out;
    out.push_back("DROP TABLE IF EXISTS " + table);
    out.push_back(engine == Engine::Postgres
                      ? "CREATE TABLE " + table + " (id varchar(64) PRIMARY KEY, value bigint)"
                      : "CREATE TABLE " + table + " (id varchar(64) PRIMARY KEY, value bigint) ENGINE=InnoDB");
    std::string rows;
    for (KeyId k = 0; k < h.keys.size(); ++k)
        if (h.initial[k]) rows += (rows.empty() ? "" : ", ") + fmt::format("({}, {})", quoted(h.keys[k]), literal(*h.initial[k]));
    if (!rows.empty()) out.push_back("INSERT INTO " + table + " (id, value) VALUES " + rows);
    return out;
}

std::string beginStatement(Engine engine, std::string_view level, bool readOnly) {
    if (engine == Engine::Postgres)
        return fmt::format("BEGIN ISOLATION LEVEL {}{}", level, readOnly ? " READ ONLY" : "");
    // MariaDB: the level is set for the next transaction just before (Runner).
    return readOnly ? "START TRANSACTION READ ONLY" : "START TRANSACTION";
}

SqlOp toSql(Engine engine, const History& h, TxnId t, std::size_t index, const std::vector<Binding>& bindings,
            const std::string& table) {
    const Op& op = h.txns.at(t).ops.at(index);
    const bool pg = engine == Engine::Postgres;
    SqlOp out;
    const auto id = [&] { return quoted(h.keys.at(op.key)); };
    const auto upsert = [&](const std::string& inserted, const std::string& updated) {
        return pg ? fmt::format("INSERT INTO {} (id, value) VALUES ({}, {}) ON CONFLICT (id) DO UPDATE SET value = {}",
                                table, id(), inserted, updated)
                  : fmt::format("INSERT INTO {} (id, value) VALUES ({}, {}) ON DUPLICATE KEY UPDATE value = {}",
                                table, id(), inserted, updated);
    };
    const auto readBack = [&] { return fmt::format("SELECT value FROM {} WHERE id = {}", table, id()); };
    // `w` and `u`: a row of [initial] is updated, as Hermitage's `update test
    // set value = V where id = N` (with `up`, an upsert, when it is gone); a
    // new one is inserted, as Hermitage's `insert` (the upsert). `returns`:
    // the value written is read back (RETURNING; on MariaDB a SELECT ... FOR
    // UPDATE of the row it holds: a plain SELECT would be a consistent read,
    // which takes InnoDB's read view where the model's `u` takes none).
    const auto writeRow = [&](const std::string& set, const std::string& up, bool returns) {
        const std::string returning = returns && pg ? " RETURNING value" : "";
        if (h.initial.at(op.key)) {
            out.statements.push_back(
                fmt::format("UPDATE {} SET value = {} WHERE id = {}{}", table, set, id(), returning));
            out.fallback.push_back(up + returning);
        } else {
            out.statements.push_back(up + returning);
        }
        if (returns && !pg) {
            out.statements.push_back(readBack() + " FOR UPDATE");
            if (!out.fallback.empty()) out.fallback.push_back(readBack() + " FOR UPDATE");
        }
        out.returnsValue = returns;
    };
    switch (op.kind) {
        case OpKind::Read:
        case OpKind::ReadForUpdate:
            out.statements.push_back(readBack() + (op.kind == OpKind::ReadForUpdate ? " FOR UPDATE" : ""));
            out.returnsValue = true;
            break;
        case OpKind::Write: {
            // E is evaluated with the transaction's values (SPEC 1.1): a literal.
            const std::string v = valueSql(op.expr, bindings);
            writeRow(v, pg ? upsert(v, "EXCLUDED.value") : upsert(v, "VALUES(value)"), false);
            break;
        }
        case OpKind::Update: {
            // One statement that reads the row and writes E: a missing row
            // reads as null (E with K null), an existing one is updated in SQL.
            std::vector<Binding> nullSelf = bindings;
            nullSelf.at(op.key) = Binding{true, Value{}};
            const std::string inserted = valueSql(op.expr, nullSelf);
            const std::string updated = exprSql(op.expr, bindings, op.key, pg ? table + ".value" : "value");
            writeRow(exprSql(op.expr, bindings, op.key, "value"), upsert(inserted, updated), true);
            break;
        }
        case OpKind::Delete:
            out.statements.push_back(fmt::format("DELETE FROM {} WHERE id = {}", table, id()));
            break;
        case OpKind::PredicateRead:
            out.statements.push_back(fmt::format("SELECT id FROM {} WHERE {} ORDER BY id", table,
                                                 predicateSql(engine, h.predicates.at(op.predicate))));
            out.returnsIds = true;
            break;
        case OpKind::PredicateUpdate: {
            const std::string set = exprSql(op.expr, bindings, std::nullopt, "value");
            const std::string where = predicateSql(engine, h.predicates.at(op.predicate));
            if (pg) {
                out.statements.push_back(
                    fmt::format("UPDATE {} SET value = {} WHERE {} RETURNING id, value", table, set, where));
            } else {
                // MariaDB's UPDATE returns nothing: the statement notes each
                // row it writes, `id=value` (assignments go left to right,
                // so `value` is the new one), in a session variable, read
                // back after without touching the table (a SELECT of it
                // would take InnoDB's read view, or locks).
                out.statements.emplace_back("SET @isocheck_ids = NULL");
                out.statements.push_back(fmt::format(
                    "UPDATE {} SET value = {}, id = IF((@isocheck_ids := CONCAT_WS(',', @isocheck_ids, "
                    "CONCAT(id, '=', IFNULL(value, 'null')))) IS NULL, id, id) WHERE {}",
                    table, set, where));
                out.statements.emplace_back("SELECT @isocheck_ids");
                out.writtenAsList = true;
            }
            out.returnsWritten = true;
            break;
        }
        case OpKind::PredicateDelete:
            out.statements.push_back(fmt::format("DELETE FROM {} WHERE {} RETURNING id, NULL", table,
                                                 predicateSql(engine, h.predicates.at(op.predicate))));
            out.returnsWritten = true;
            break;
        case OpKind::Commit: out.statements.emplace_back("COMMIT"); break;
        case OpKind::Abort: out.statements.emplace_back("ROLLBACK"); break;
    }
    return out;
}

}  // namespace isocheck::live
