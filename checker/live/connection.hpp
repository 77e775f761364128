#pragma once
// Connections to real database servers (PostgreSQL through libpq, MariaDB
// and MySQL through MariaDB Connector/C), behind one small interface, and a
// session that runs one statement at a time on its own thread so that a
// statement the server blocks can be seen to block (specs/live.md).

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace isocheck::live {

/// The SQL a server speaks.
enum class Engine : unsigned char { Postgres, Mariadb };

/// A server that cannot be reached, or a client library this build lacks.
class LiveError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What one statement did.
struct QueryResult {
    bool ok = true;
    std::string sqlstate;  ///< on error: the SQLSTATE ("40001", "40P01", ...)
    std::string message;   ///< on error: the server's message
    std::vector<std::vector<std::optional<std::string>>> rows;  ///< the rows returned, as text (null: nullopt)
    long long affected = -1;  ///< rows matched by an UPDATE or DELETE, when the server says
};

/// One connection: runs a statement and waits for its result.
class Connection {
public:
    virtual ~Connection() = default;
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    /// Runs `sql` (one statement) to its end; never throws for SQL errors.
    virtual QueryResult execute(const std::string& sql) = 0;
};

/// Opens a connection. `connect`: a libpq connection string for PostgreSQL
/// (`host=/tmp/pg dbname=isocheck user=postgres`); for MariaDB the same
/// `key=value` form with keys host, port, socket, user, password, database
/// (or dbname). Throws LiveError.
[[nodiscard]] std::unique_ptr<Connection> connect(Engine engine, const std::string& connect);

/// Whether this build can talk to `engine` (its client library was found).
[[nodiscard]] bool supported(Engine engine);

/// A connection with a thread of its own: send() starts a statement,
/// wait() waits for its result up to a deadline, so that the caller can
/// tell a statement that runs from one that the server blocks.
class Session {
public:
    explicit Session(std::unique_ptr<Connection> connection);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Starts `sql`; the previous statement must have finished.
    void send(std::string sql);
    /// The result, once the statement has finished within `timeout`.
    [[nodiscard]] std::optional<QueryResult> wait(std::chrono::milliseconds timeout);
    /// Whether a statement is running.
    [[nodiscard]] bool busy();
    /// Runs `sql` and waits for it, however long it takes.
    QueryResult run(std::string sql);

private:
    void loop();

    std::unique_ptr<Connection> connection_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<std::string> job_;
    std::optional<QueryResult> result_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace isocheck::live
