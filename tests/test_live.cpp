// isocheck run without a server (specs/live.md): the operations as SQL in
// each dialect, the levels the engine models stand for, and the command's
// errors. tests/live.sh runs it against real servers.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "history/loader.hpp"
#include "live/connection.hpp"
#include "live/runner.hpp"
#include "live/sql.hpp"
#include "scratch.hpp"

using namespace isocheck;
using namespace isocheck::live;
using isocheck::test::inProcess;

namespace {

const History kHistory = parseHistory(R"([initial]
x = 10
y = 20
[[txn]]
ops = ["r x", "r y for update", "w y = x + 1", "u x = x + y - 3", "d y", "select where value % 3 = 1",
       "update where value >= 10 set value = value - y", "delete where value != 0", "commit"]
)",
                                      "sql.toml");

std::vector<std::string> statementsOf(Engine engine, std::size_t op, const std::vector<Binding>& bindings) {
    return toSql(engine, kHistory, 0, op, bindings, "t").statements;
}

}  // namespace

TEST_CASE("live: the engine models' levels, and no other model") {
    CHECK(isolationLevel(Engine::Postgres, "postgres-read-committed") == "READ COMMITTED");
    CHECK(isolationLevel(Engine::Postgres, "postgres-repeatable-read") == "REPEATABLE READ");
    CHECK(isolationLevel(Engine::Postgres, "postgres-serializable") == "SERIALIZABLE");
    CHECK(isolationLevel(Engine::Mariadb, "mysql-read-uncommitted") == "READ UNCOMMITTED");
    CHECK(isolationLevel(Engine::Mariadb, "mysql-serializable") == "SERIALIZABLE");
    CHECK_FALSE(isolationLevel(Engine::Postgres, "snapshot"));
    CHECK_FALSE(isolationLevel(Engine::Postgres, "mysql-serializable"));
    CHECK_FALSE(isolationLevel(Engine::Mariadb, "postgres-serializable"));
    CHECK_FALSE(isolationLevel(Engine::Mariadb, ""));
}

TEST_CASE("live: each operation as SQL, E with the transaction's values or the row's own") {
    std::vector<Binding> b(kHistory.keys.size());
    const KeyId x = *kHistory.findKey("x");
    const KeyId y = *kHistory.findKey("y");
    b[x] = Binding{true, Value{10}};
    b[y] = Binding{true, Value{20}};
    CHECK(statementsOf(Engine::Postgres, 0, b) == std::vector<std::string>{"SELECT value FROM t WHERE id = 'x'"});
    CHECK(statementsOf(Engine::Postgres, 1, b) ==
          std::vector<std::string>{"SELECT value FROM t WHERE id = 'y' FOR UPDATE"});
    // w y = x + 1 with x = 10: a literal 11. y is a row of [initial]: an
    // UPDATE, and an upsert when it matched no row.
    CHECK(statementsOf(Engine::Postgres, 2, b) ==
          std::vector<std::string>{"UPDATE t SET value = 11 WHERE id = 'y'"});
    CHECK(toSql(Engine::Postgres, kHistory, 0, 2, b, "t").fallback ==
          std::vector<std::string>{"INSERT INTO t (id, value) VALUES ('y', 11) ON CONFLICT (id) DO UPDATE SET value = "
                                   "EXCLUDED.value"});
    CHECK(toSql(Engine::Mariadb, kHistory, 0, 2, b, "t").fallback ==
          std::vector<std::string>{"INSERT INTO t (id, value) VALUES ('y', 11) ON DUPLICATE KEY UPDATE value = VALUES(value)"});
    // u x = x + y - 3: x is the row's value, y the transaction's 20; a missing
    // row gets E with x null, which is null.
    CHECK(statementsOf(Engine::Postgres, 3, b) ==
          std::vector<std::string>{"UPDATE t SET value = (value) + (20) - (3) WHERE id = 'x' RETURNING value"});
    CHECK(toSql(Engine::Postgres, kHistory, 0, 3, b, "t").fallback ==
          std::vector<std::string>{"INSERT INTO t (id, value) VALUES ('x', NULL) ON CONFLICT (id) DO UPDATE SET value = "
                                   "(t.value) + (20) - (3) RETURNING value"});
    CHECK(toSql(Engine::Mariadb, kHistory, 0, 3, b, "t").fallback ==
          std::vector<std::string>{"INSERT INTO t (id, value) VALUES ('x', NULL) ON DUPLICATE KEY UPDATE value = (value) + "
                                   "(20) - (3)",
                                   "SELECT value FROM t WHERE id = 'x' FOR UPDATE"});
    // (FOR UPDATE, of the row it holds: a plain SELECT would take InnoDB's read view.)
    // A row not in [initial] is inserted (an upsert), as Hermitage inserts.
    const History fresh = parseHistory("[[txn]]\nops = [\"w z = 1\"]\n", "fresh.toml");
    CHECK(toSql(Engine::Postgres, fresh, 0, 0, std::vector<Binding>(1), "t").statements ==
          std::vector<std::string>{"INSERT INTO t (id, value) VALUES ('z', 1) ON CONFLICT (id) DO UPDATE SET value = "
                                   "EXCLUDED.value"});
    CHECK(statementsOf(Engine::Mariadb, 4, b) == std::vector<std::string>{"DELETE FROM t WHERE id = 'y'"});
    // % truncates towards zero in both, as isocheck's does.
    CHECK(statementsOf(Engine::Postgres, 5, b) ==
          std::vector<std::string>{"SELECT id FROM t WHERE value % 3 = 1 ORDER BY id"});
    CHECK(statementsOf(Engine::Mariadb, 5, b) ==
          std::vector<std::string>{"SELECT id FROM t WHERE MOD(value, 3) = 1 ORDER BY id"});
    CHECK(statementsOf(Engine::Postgres, 6, b) ==
          std::vector<std::string>{"UPDATE t SET value = (value) - (20) WHERE value >= 10 RETURNING id, value"});
    // The rows written, `id=value`, through a session variable read without touching the table.
    CHECK(statementsOf(Engine::Mariadb, 6, b) ==
          std::vector<std::string>{"SET @isocheck_ids = NULL",
                                   "UPDATE t SET value = (value) - (20), id = IF((@isocheck_ids := CONCAT_WS(',', "
                                   "@isocheck_ids, CONCAT(id, '=', IFNULL(value, 'null')))) IS NULL, id, id) WHERE "
                                   "value >= 10",
                                   "SELECT @isocheck_ids"});
    CHECK(statementsOf(Engine::Postgres, 7, b) ==
          std::vector<std::string>{"DELETE FROM t WHERE value <> 0 RETURNING id, NULL"});
    CHECK(statementsOf(Engine::Postgres, 8, b) == std::vector<std::string>{"COMMIT"});
    CHECK(beginStatement(Engine::Postgres, "SERIALIZABLE", true) == "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY");
    CHECK(beginStatement(Engine::Mariadb, "SERIALIZABLE", false) == "START TRANSACTION");
    CHECK(setupStatements(Engine::Postgres, kHistory, "t").back() == "INSERT INTO t (id, value) VALUES ('x', 10), ('y', 20)");
}

TEST_CASE("live: the model's prediction of a transcript, step by step") {
    // Hermitage's lost update under PostgreSQL's read committed: T2's update
    // waits for T1's row lock and then runs.
    const History h = loadHistoryFile(ISOCHECK_SOURCE_DIR "/specs/engines/transcripts/postgres-p4-read-committed.toml");
    const LiveRun p = predict(h, *h.schedule, "postgres-read-committed");
    REQUIRE(p.steps.size() == 6);
    CHECK(p.modelWhy.empty());
    CHECK(p.steps[0].model->value == Value{10});
    CHECK(p.steps[3].model->outcome == StepOutcome::Waits);
    CHECK(p.steps[5].model->outcome == StepOutcome::Runs);
    REQUIRE(p.modelRows);
    CHECK(*p.modelRows == std::vector<std::pair<KeyId, Value>>{{*h.findKey("id1"), Value{11}},
                                                                {*h.findKey("id2"), Value{20}}});
}

TEST_CASE("live: isocheck run's errors") {
    const std::string file = ISOCHECK_SOURCE_DIR "/examples/lost-update.toml";
    auto r = inProcess({"run", "--engine", "postgres", "--connect", "host=/nonexistent", file});
    CHECK(r.code == 2);
    CHECK(r.err.find("names no model of postgres") != std::string::npos);
    r = inProcess({"run", "--engine", "postgres", "--connect", "x", "--model", "snapshot", file});
    CHECK(r.code == 2);
    CHECK(r.err.find("model snapshot is no model of postgres") != std::string::npos);
    r = inProcess({"run", "--engine", "postgres", "--connect", "x", "--model", "postgres-serializable", file});
    CHECK(r.code == 2);
    CHECK(r.err.find("has no schedule or transcript") != std::string::npos);
    r = inProcess({"run", "--engine", "oracle", "--connect", "x", file});
    CHECK(r.code == 2);
    if (supported(Engine::Mariadb)) {
        const std::string transcript = ISOCHECK_SOURCE_DIR "/specs/engines/transcripts/mysql-g0.toml";
        r = inProcess({"run", "--engine", "mariadb", "--connect", "socket=/nonexistent/isocheck.sock", "--model",
                       "mysql-serializable", transcript});
        CHECK(r.code == 3);
        CHECK(r.err.find("cannot connect to MariaDB") != std::string::npos);
    }
}
