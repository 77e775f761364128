#include "live/connection.hpp"

#include <map>
#include <sstream>

#ifdef ISOCHECK_HAVE_LIBPQ
#include <libpq-fe.h>
#endif
#ifdef ISOCHECK_HAVE_MARIADB
#include <mysql.h>
#endif

namespace isocheck::live {
namespace {

#ifdef ISOCHECK_HAVE_LIBPQ
class PgConnection final : public Connection {
public:
    explicit PgConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            const std::string why = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
            if (conn_ != nullptr) PQfinish(conn_);
            throw LiveError("cannot connect to PostgreSQL (" + conninfo + "): " + trim(why));
        }
        PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }
    ~PgConnection() override { PQfinish(conn_); }
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    QueryResult execute(const std::string& sql) override {
        QueryResult out;
        PGresult* r = PQexec(conn_, sql.c_str());
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            for (int i = 0; i < PQntuples(r); ++i) {
                auto& row = out.rows.emplace_back();
                for (int j = 0; j < PQnfields(r); ++j)
                    row.push_back(PQgetisnull(r, i, j) != 0 ? std::nullopt
                                                            : std::optional<std::string>(PQgetvalue(r, i, j)));
            }
            const char* n = PQcmdTuples(r);
            if (n != nullptr && *n != '\0') out.affected = std::stoll(n);
        } else {
            out.ok = false;
            const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            out.sqlstate = state != nullptr ? state : "";
            out.message = trim(PQresultErrorMessage(r));
            if (out.message.empty()) out.message = trim(PQerrorMessage(conn_));
        }
        PQclear(r);
        return out;
    }

private:
    static std::string trim(std::string s) {
        while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
        return s;
    }
    PGconn* conn_;
};
#endif

#ifdef ISOCHECK_HAVE_MARIADB
/// `key=value key=value`: the MariaDB connection's parameters.
std::map<std::string, std::string> parseSpec(const std::string& spec) {
    std::map<std::string, std::string> out;
    std::istringstream in(spec);
    std::string word;
    while (in >> word) {
        const auto eq = word.find('=');
        if (eq == std::string::npos || eq == 0)
            throw LiveError("bad MariaDB connection parameter \"" + word +
                            "\": write key=value (host, port, socket, user, password, database)");
        out[word.substr(0, eq)] = word.substr(eq + 1);
    }
    return out;
}

class MariadbConnection final : public Connection {
public:
    explicit MariadbConnection(const std::string& spec) : conn_(mysql_init(nullptr)) {
        if (conn_ == nullptr) throw LiveError("cannot start the MariaDB client (out of memory)");
        const auto p = parseSpec(spec);
        const auto get = [&](const char* key) -> const char* {
            const auto it = p.find(key);
            return it == p.end() ? nullptr : it->second.c_str();
        };
        const char* database = get("database") != nullptr ? get("database") : get("dbname");
        const unsigned port = get("port") != nullptr ? static_cast<unsigned>(std::stoul(get("port"))) : 0;
        for (const auto& [key, value] : p)
            if (key != "host" && key != "port" && key != "socket" && key != "user" && key != "password" &&
                key != "database" && key != "dbname")
                throw LiveError("unknown MariaDB connection parameter \"" + key +
                                "\" (host, port, socket, user, password, database)");
        // Matched rows, not changed ones, as PostgreSQL counts them.
        if (mysql_real_connect(conn_, get("host"), get("user"), get("password"), database, port,
                               get("socket"), CLIENT_FOUND_ROWS) == nullptr) {
            const std::string why = mysql_error(conn_);
            mysql_close(conn_);
            throw LiveError("cannot connect to MariaDB (" + spec + "): " + why);
        }
    }
    ~MariadbConnection() override { mysql_close(conn_); }
    MariadbConnection(const MariadbConnection&) = delete;
    MariadbConnection& operator=(const MariadbConnection&) = delete;

    QueryResult execute(const std::string& sql) override {
        QueryResult out;
        if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) {
            out.ok = false;
            out.sqlstate = mysql_sqlstate(conn_);
            out.message = std::to_string(mysql_errno(conn_)) + ": " + mysql_error(conn_);
            return out;
        }
        if (MYSQL_RES* res = mysql_store_result(conn_)) {
            const unsigned n = mysql_num_fields(res);
            while (MYSQL_ROW row = mysql_fetch_row(res)) {
                auto& r = out.rows.emplace_back();
                for (unsigned j = 0; j < n; ++j)
                    r.push_back(row[j] == nullptr ? std::nullopt : std::optional<std::string>(row[j]));
            }
            mysql_free_result(res);
        } else if (mysql_field_count(conn_) == 0) {
            out.affected = static_cast<long long>(mysql_affected_rows(conn_));
        } else {
            out.ok = false;
            out.sqlstate = mysql_sqlstate(conn_);
            out.message = mysql_error(conn_);
        }
        return out;
    }

private:
    MYSQL* conn_;
};
#endif

}  // namespace

#ifdef ISOCHECK_HAVE_LIBPQ
constexpr bool kHaveLibpq = true;
#else
constexpr bool kHaveLibpq = false;
#endif
#ifdef ISOCHECK_HAVE_MARIADB
constexpr bool kHaveMariadb = true;
#else
constexpr bool kHaveMariadb = false;
#endif

bool supported(Engine engine) { return engine == Engine::Postgres ? kHaveLibpq : kHaveMariadb; }

std::unique_ptr<Connection> connect(Engine engine, [[maybe_unused]] const std::string& spec) {
    switch (engine) {
        case Engine::Postgres:
#ifdef ISOCHECK_HAVE_LIBPQ
            return std::make_unique<PgConnection>(spec);
#else
            throw LiveError("this isocheck was built without libpq (install libpq-dev and build again)");
#endif
        case Engine::Mariadb:
#ifdef ISOCHECK_HAVE_MARIADB
            return std::make_unique<MariadbConnection>(spec);
#else
            throw LiveError("this isocheck was built without MariaDB Connector/C (install libmariadb-dev "
                            "and build again)");
#endif
    }
    throw LiveError("unknown engine");
}

Session::Session(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)), thread_([this] { loop(); }) {}

Session::~Session() {
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    // A statement still blocked in the server ends when the caller closes
    // the transactions that block it (Runner::finish) or drops the table.
    thread_.join();
}

void Session::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stop_ || job_.has_value(); });
        if (!job_) return;
        const std::string sql = *job_;
        lock.unlock();
        QueryResult r = connection_->execute(sql);
        lock.lock();
        job_.reset();
        result_ = std::move(r);
        changed_.notify_all();
    }
}

void Session::send(std::string sql) {
    {
        const std::lock_guard lock(mutex_);
        job_ = std::move(sql);
        result_.reset();
    }
    changed_.notify_all();
}

std::optional<QueryResult> Session::wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [this] { return result_.has_value(); })) return std::nullopt;
    std::optional<QueryResult> out = std::move(result_);
    result_.reset();
    return out;
}

bool Session::busy() {
    const std::lock_guard lock(mutex_);
    return job_.has_value();
}

QueryResult Session::run(std::string sql) {
    send(std::move(sql));
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return result_.has_value(); });
    QueryResult out = std::move(*result_);
    result_.reset();
    return out;
}

}  // namespace isocheck::live
