#include "live/connection.hpp"

#include <dlfcn.h>

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

/// A client library, loaded when the first connection is opened rather than
/// linked: every other command then starts without loading it and the thirty
/// libraries it needs (gnutls, Kerberos, LDAP, ...), which took most of the
/// 17 ms that `isocheck --version` used to take. The headers come from the
/// -dev packages at build time; the library, by its soname, at run time.
class ClientLibrary {
public:
    ClientLibrary(const char* soname, const char* package) : soname_(soname), package_(package) {
        handle_ = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr)
            throw LiveError(std::string("cannot load ") + soname + " (install Debian's " + package + "): " +
                            dlerror());
    }
    ~ClientLibrary() = default;  // kept loaded: the process exits with it
    ClientLibrary(const ClientLibrary&) = delete;
    ClientLibrary& operator=(const ClientLibrary&) = delete;

    /// The function `name`, of the type the header declares.
    template <class Function>
    Function* function(const char* name) const {
        void* f = dlsym(handle_, name);
        if (f == nullptr)
            throw LiveError(std::string(soname_) + " has no " + name + " (is " + package_ + " too old?)");
        return reinterpret_cast<Function*>(f);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast): dlsym's contract
    }

private:
    const char* soname_;
    const char* package_;
    void* handle_;
};

#ifdef ISOCHECK_HAVE_LIBPQ
/// The libpq functions isocheck calls, loaded once.
struct Libpq {
    ClientLibrary lib{"libpq.so.5", "libpq5"};
    decltype(&::PQconnectdb) connectdb = lib.function<decltype(::PQconnectdb)>("PQconnectdb");
    decltype(&::PQstatus) status = lib.function<decltype(::PQstatus)>("PQstatus");
    decltype(&::PQerrorMessage) errorMessage = lib.function<decltype(::PQerrorMessage)>("PQerrorMessage");
    decltype(&::PQfinish) finish = lib.function<decltype(::PQfinish)>("PQfinish");
    decltype(&::PQsetNoticeProcessor) setNoticeProcessor =
        lib.function<decltype(::PQsetNoticeProcessor)>("PQsetNoticeProcessor");
    decltype(&::PQexec) exec = lib.function<decltype(::PQexec)>("PQexec");
    decltype(&::PQresultStatus) resultStatus = lib.function<decltype(::PQresultStatus)>("PQresultStatus");
    decltype(&::PQntuples) ntuples = lib.function<decltype(::PQntuples)>("PQntuples");
    decltype(&::PQnfields) nfields = lib.function<decltype(::PQnfields)>("PQnfields");
    decltype(&::PQgetisnull) getisnull = lib.function<decltype(::PQgetisnull)>("PQgetisnull");
    decltype(&::PQgetvalue) getvalue = lib.function<decltype(::PQgetvalue)>("PQgetvalue");
    decltype(&::PQcmdTuples) cmdTuples = lib.function<decltype(::PQcmdTuples)>("PQcmdTuples");
    decltype(&::PQresultErrorField) resultErrorField =
        lib.function<decltype(::PQresultErrorField)>("PQresultErrorField");
    decltype(&::PQresultErrorMessage) resultErrorMessage =
        lib.function<decltype(::PQresultErrorMessage)>("PQresultErrorMessage");
    decltype(&::PQclear) clear = lib.function<decltype(::PQclear)>("PQclear");
};

const Libpq& libpq() {
    static const Libpq api;  // a failed load throws, and the next call tries again
    return api;
}

class PgConnection final : public Connection {
public:
    explicit PgConnection(const std::string& conninfo) : pq_(libpq()), conn_(pq_.connectdb(conninfo.c_str())) {
        if (conn_ == nullptr || pq_.status(conn_) != CONNECTION_OK) {
            const std::string why = conn_ != nullptr ? pq_.errorMessage(conn_) : "out of memory";
            if (conn_ != nullptr) pq_.finish(conn_);
            throw LiveError("cannot connect to PostgreSQL (" + conninfo + "): " + trim(why));
        }
        pq_.setNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }
    ~PgConnection() override { pq_.finish(conn_); }
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    QueryResult execute(const std::string& sql) override {
        QueryResult out;
        PGresult* r = pq_.exec(conn_, sql.c_str());
        const ExecStatusType status = pq_.resultStatus(r);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            for (int i = 0; i < pq_.ntuples(r); ++i) {
                auto& row = out.rows.emplace_back();
                for (int j = 0; j < pq_.nfields(r); ++j)
                    row.push_back(pq_.getisnull(r, i, j) != 0
                                      ? std::nullopt
                                      : std::optional<std::string>(pq_.getvalue(r, i, j)));
            }
            const char* n = pq_.cmdTuples(r);
            if (n != nullptr && *n != '\0') out.affected = std::stoll(n);
        } else {
            out.ok = false;
            const char* state = pq_.resultErrorField(r, PG_DIAG_SQLSTATE);
            out.sqlstate = state != nullptr ? state : "";
            out.message = trim(pq_.resultErrorMessage(r));
            if (out.message.empty()) out.message = trim(pq_.errorMessage(conn_));
        }
        pq_.clear(r);
        return out;
    }

private:
    static std::string trim(std::string s) {
        while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
        return s;
    }
    const Libpq& pq_;
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

/// The MariaDB Connector/C functions isocheck calls, loaded once.
struct Libmariadb {
    ClientLibrary lib{"libmariadb.so.3", "libmariadb3"};
    decltype(&::mysql_init) init = lib.function<decltype(::mysql_init)>("mysql_init");
    decltype(&::mysql_real_connect) realConnect = lib.function<decltype(::mysql_real_connect)>("mysql_real_connect");
    decltype(&::mysql_error) error = lib.function<decltype(::mysql_error)>("mysql_error");
    decltype(&::mysql_errno) errnum = lib.function<decltype(::mysql_errno)>("mysql_errno");
    decltype(&::mysql_sqlstate) sqlstate = lib.function<decltype(::mysql_sqlstate)>("mysql_sqlstate");
    decltype(&::mysql_close) close = lib.function<decltype(::mysql_close)>("mysql_close");
    decltype(&::mysql_real_query) realQuery = lib.function<decltype(::mysql_real_query)>("mysql_real_query");
    decltype(&::mysql_store_result) storeResult = lib.function<decltype(::mysql_store_result)>("mysql_store_result");
    decltype(&::mysql_num_fields) numFields = lib.function<decltype(::mysql_num_fields)>("mysql_num_fields");
    decltype(&::mysql_fetch_row) fetchRow = lib.function<decltype(::mysql_fetch_row)>("mysql_fetch_row");
    decltype(&::mysql_free_result) freeResult = lib.function<decltype(::mysql_free_result)>("mysql_free_result");
    decltype(&::mysql_field_count) fieldCount = lib.function<decltype(::mysql_field_count)>("mysql_field_count");
    decltype(&::mysql_affected_rows) affectedRows =
        lib.function<decltype(::mysql_affected_rows)>("mysql_affected_rows");
};

const Libmariadb& libmariadb() {
    static const Libmariadb api;
    return api;
}

class MariadbConnection final : public Connection {
public:
    explicit MariadbConnection(const std::string& spec) : my_(libmariadb()), conn_(my_.init(nullptr)) {
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
        if (my_.realConnect(conn_, get("host"), get("user"), get("password"), database, port,
                            get("socket"), CLIENT_FOUND_ROWS) == nullptr) {
            const std::string why = my_.error(conn_);
            my_.close(conn_);
            throw LiveError("cannot connect to MariaDB (" + spec + "): " + why);
        }
    }
    ~MariadbConnection() override { my_.close(conn_); }
    MariadbConnection(const MariadbConnection&) = delete;
    MariadbConnection& operator=(const MariadbConnection&) = delete;

    QueryResult execute(const std::string& sql) override {
        QueryResult out;
        if (my_.realQuery(conn_, sql.data(), sql.size()) != 0) {
            out.ok = false;
            out.sqlstate = my_.sqlstate(conn_);
            out.message = std::to_string(my_.errnum(conn_)) + ": " + my_.error(conn_);
            return out;
        }
        if (MYSQL_RES* res = my_.storeResult(conn_)) {
            const unsigned n = my_.numFields(res);
            while (MYSQL_ROW row = my_.fetchRow(res)) {
                auto& r = out.rows.emplace_back();
                for (unsigned j = 0; j < n; ++j)
                    r.push_back(row[j] == nullptr ? std::nullopt : std::optional<std::string>(row[j]));
            }
            my_.freeResult(res);
        } else if (my_.fieldCount(conn_) == 0) {
            out.affected = static_cast<long long>(my_.affectedRows(conn_));
        } else {
            out.ok = false;
            out.sqlstate = my_.sqlstate(conn_);
            out.message = my_.error(conn_);
        }
        return out;
    }

private:
    const Libmariadb& my_;
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
