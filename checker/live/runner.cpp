#include "live/runner.hpp"

#include <algorithm>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "live/sql.hpp"
#include "report/trace.hpp"
#include "run/run.hpp"

namespace isocheck::live {
namespace {

using Clock = std::chrono::steady_clock;

/// The failure a SQLSTATE stands for.
std::string classify(Engine engine, const QueryResult& r) {
    if (r.sqlstate == "40P01") return "deadlock";
    if (r.sqlstate == "40001")
        // MariaDB reports a deadlock (ER_LOCK_DEADLOCK, 1213) as 40001.
        return engine == Engine::Mariadb || r.message.find("deadlock") != std::string::npos ? "deadlock"
                                                                                              : "serialization failure";
    if (r.sqlstate == "55P03" || r.message.starts_with("1205:")) return "lock timeout";
    if (r.sqlstate == "72000" || r.message.find("snapshot too old") != std::string::npos) return "snapshot too old";
    return "error";
}

Value parseValue(const std::optional<std::string>& s) {
    if (!s) return Value{};
    return Value{std::stoll(*s)};
}

/// One transaction's connection and where it is.
struct Txn {
    std::unique_ptr<Session> session;
    std::vector<Binding> bindings;
    std::size_t pc = 0;
    bool ended = false;
    bool inTransaction = false;  ///< the server has an open transaction to roll back
    std::optional<std::size_t> pending;  ///< the step it waits on (index into LiveRun::steps)
    std::vector<std::string> rest;       ///< statements of the pending step still to send
    SqlOp sql;                           ///< the pending step's statements
    std::optional<QueryResult> last;     ///< the result of its statement last returned
};

class Runner {
public:
    Runner(const History& h, const LiveOptions& o, LiveRun& out) : h_(h), o_(o), out_(out) {
        table_ = o.table.empty() ? fmt::format("isocheck_{}", ::getpid()) : o.table;
        const auto level = isolationLevel(o.engine, o.model);
        if (!level) throw LiveError("model " + o.model + " is no model of this engine");
        level_ = std::string(*level);
        admin_ = connect(o.engine, o.connect);
        for (const std::string& sql : setupStatements(o.engine, h, table_)) must(*admin_, sql);
        for (TxnId t = 0; t < h.txns.size(); ++t) {
            Txn& x = txns_.emplace_back();
            auto c = connect(o.engine, o.connect);
            if (o.engine == Engine::Postgres) {
                // Find deadlocks soon after they close (the default is 1 s);
                // an unprivileged user may not change it, which only slows.
                (void)c->execute("SET deadlock_timeout = '100ms'");
            } else {
                must(*c, "SET SESSION TRANSACTION ISOLATION LEVEL " + level_);
                must(*c, "SET SESSION innodb_lock_wait_timeout = " +
                             std::to_string(std::max<long long>(2, o.patience.count() / 1000)));
            }
            x.session = std::make_unique<Session>(std::move(c));
            x.bindings.assign(h.keys.size(), Binding{});
        }
    }

    ~Runner() {
        // Every open transaction rolls back, so that every blocked statement returns.
        for (Txn& x : txns_)
            if (!x.session->busy() && x.inTransaction) (void)x.session->run("ROLLBACK");
        for (Txn& x : txns_) {
            if (x.session->busy()) (void)x.session->wait(o_.patience);
            if (x.inTransaction) (void)x.session->run("ROLLBACK");
        }
        try {
            (void)admin_->execute("DROP TABLE IF EXISTS " + table_);
        } catch (...) {  // NOLINT(bugprone-empty-catch): the table is a scratch table
        }
    }
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    void run(const std::vector<TxnId>& order) {
        // The steps of `order` in turn; when one's session is blocked, the
        // next step of another session goes first, as a person at several
        // terminals would, and the blocked one follows once it returns.
        // Then the rest of each transaction, in file order (SPEC 3.1). When
        // every step left waits on a blocked session, another transaction's
        // next step goes (it may be what releases them, or what closes a
        // deadlock the server then breaks).
        std::vector<TxnId> left(order);
        for (;;) {
            if (!out_.stuck.empty()) return;
            std::erase_if(left, [this](TxnId t) { return txns_.at(t).ended || txns_.at(t).pc >= h_.txns[t].ops.size(); });
            const auto next = std::ranges::find_if(left, [this](TxnId t) { return !txns_.at(t).pending; });
            std::optional<TxnId> t;
            if (next != left.end()) {
                t = *next;
                left.erase(next);
            } else {
                for (TxnId u = 0; u < txns_.size() && !t; ++u)
                    if (canStep(u)) t = u;
                if (t) {
                    // Its turn in `left`, if it has one, is taken now.
                    if (const auto mine = std::ranges::find(left, *t); mine != left.end()) left.erase(mine);
                }
            }
            if (t) {
                send(*t);
                poll(o_.wait);
                markWaiting();
                continue;
            }
            if (std::ranges::none_of(txns_, [](const Txn& x) { return x.pending.has_value(); })) break;
            const std::size_t before = out_.steps.size();
            const auto pendingBefore = pendingCount();
            poll(o_.patience);
            if (pendingCount() == pendingBefore && out_.steps.size() == before) {
                out_.stuck = "a statement did not return within " + std::to_string(o_.patience.count()) + " ms";
                return;
            }
        }
        const QueryResult rows = must(*admin_, "SELECT id, value FROM " + table_ + " ORDER BY id");
        for (const auto& row : rows.rows)
            if (const auto k = h_.findKey(row.at(0).value_or(""))) out_.finalRows.emplace_back(*k, parseValue(row.at(1)));
        std::ranges::sort(out_.finalRows);
    }

private:
    [[nodiscard]] bool canStep(TxnId t) const {
        const Txn& x = txns_.at(t);
        return !x.ended && !x.pending && x.pc < h_.txns[t].ops.size();
    }

    [[nodiscard]] std::size_t pendingCount() const {
        return static_cast<std::size_t>(std::ranges::count_if(txns_, [](const Txn& x) { return x.pending.has_value(); }));
    }

    QueryResult must(Connection& c, const std::string& sql) {
        QueryResult r = c.execute(sql);
        if (!r.ok) throw LiveError("setup statement failed: " + sql + ": " + r.sqlstate + " " + r.message);
        return r;
    }

    /// Sends t's next operation as a new step.
    void send(TxnId t) {
        Txn& x = txns_.at(t);
        LiveStep step;
        step.txn = t;
        step.op = x.pc;
        const Op& op = h_.txns[t].ops[x.pc];
        if (op.guard && !guardHolds(h_, t, x.pc, x.bindings)) {
            out_.order.push_back(t);
            step.server.skipped = true;
            ++x.pc;
            out_.steps.push_back(step);
            return;
        }
        out_.order.push_back(t);
        if (!x.inTransaction) {
            const QueryResult b = x.session->run(beginStatement(o_.engine, level_, h_.txns[t].readOnly));
            if (!b.ok) throw LiveError("cannot begin a transaction: " + b.sqlstate + " " + b.message);
            x.inTransaction = true;
        }
        x.sql = toSql(o_.engine, h_, t, x.pc, x.bindings, table_);
        x.last.reset();
        x.rest.assign(x.sql.statements.begin() + 1, x.sql.statements.end());
        x.pending = out_.steps.size();
        out_.steps.push_back(step);
        x.session->send(x.sql.statements.front());
    }

    /// Collects what finished within `timeout` (for the first; then none waits).
    void poll(std::chrono::milliseconds timeout) {
        auto deadline = Clock::now() + timeout;
        bool progress = true;
        while (progress) {
            progress = false;
            for (TxnId t = 0; t < txns_.size(); ++t) {
                Txn& x = txns_[t];
                if (!x.pending) continue;
                const auto left = std::max(Clock::duration::zero(), deadline - Clock::now());
                if (auto r = x.session->wait(std::chrono::duration_cast<std::chrono::milliseconds>(left))) {
                    // A step's next statement gets its own time to return.
                    if (finishStatement(t, std::move(*r))) deadline = std::max(deadline, Clock::now() + o_.wait);
                    progress = true;
                }
            }
        }
    }

    /// Takes a statement's result; whether the step sent its next statement.
    bool finishStatement(TxnId t, QueryResult r) {
        Txn& x = txns_.at(t);
        LiveStep& step = out_.steps.at(*x.pending);
        if (!r.ok) {
            step.server.outcome = step.server.outcome == StepOutcome::Waits ? StepOutcome::WaitsThenFails
                                                                            : StepOutcome::Fails;
            step.server.failure = classify(o_.engine, r);
            step.server.message = r.sqlstate + " " + r.message;
            if (step.server.outcome == StepOutcome::WaitsThenFails) out_.released.push_back(*x.pending);
            x.pending.reset();
            x.ended = true;
            (void)x.session->run("ROLLBACK");
            x.inTransaction = false;
            return false;
        }
        // An UPDATE of the row that matched none: create it instead.
        const bool first = !x.last;
        x.last = std::move(r);
        if (first && !x.sql.fallback.empty() && x.last->affected == 0) x.rest = x.sql.fallback;
        if (!x.rest.empty()) {
            const std::string next = x.rest.front();
            x.rest.erase(x.rest.begin());
            x.session->send(next);
            return true;
        }
        apply(t, step);
        if (step.server.outcome == StepOutcome::Waits) out_.released.push_back(*x.pending);
        x.pending.reset();
        ++x.pc;
        return false;
    }

    /// A step whose statements all returned: its values and bindings.
    void apply(TxnId t, LiveStep& step) {
        Txn& x = txns_.at(t);
        const Op& op = h_.txns[t].ops[x.pc];
        const QueryResult& last = *x.last;
        if (x.sql.returnsValue) {
            const Value v = last.rows.empty() ? Value{} : parseValue(last.rows.front().at(0));
            step.server.value = v;
            x.bindings.at(op.key) = Binding{true, v};
        }
        if (x.sql.writtenAsList) {
            const std::string list = last.rows.empty() ? "" : last.rows.front().at(0).value_or("");
            for (std::size_t from = 0; from <= list.size();) {
                const std::size_t comma = std::min(list.find(',', from), list.size());
                const std::string item = list.substr(from, comma - from);
                from = comma + 1;
                const auto eq = item.rfind('=');
                if (eq == std::string::npos) continue;
                const std::string value = item.substr(eq + 1);
                if (const auto k = h_.findKey(item.substr(0, eq)))
                    x.bindings.at(*k) =
                        Binding{true, parseValue(value == "null" ? std::nullopt : std::optional<std::string>(value))};
            }
        } else if (x.sql.returnsWritten) {
            for (const auto& row : last.rows)
                if (const auto k = h_.findKey(row.at(0).value_or(""))) x.bindings.at(*k) = Binding{true, parseValue(row.at(1))};
        }
        if (x.sql.returnsIds) {
            std::vector<KeyId> rows;
            for (const auto& row : last.rows)
                if (const auto k = h_.findKey(row.at(0).value_or(""))) rows.push_back(*k);
            std::ranges::sort(rows);
            step.server.rows = rows;
        }
        switch (op.kind) {
            case OpKind::Write: x.bindings.at(op.key) = Binding{true, evaluateOp(h_, t, x.pc, x.bindings)}; break;
            case OpKind::Delete: x.bindings.at(op.key) = Binding{true, Value{}}; break;
            case OpKind::Commit:
            case OpKind::Abort:
                x.ended = true;
                x.inTransaction = false;
                break;
            default: break;
        }
    }

    /// After a step was sent and given its time: every step still pending waits.
    void markWaiting() {
        for (Txn& x : txns_)
            if (x.pending) out_.steps.at(*x.pending).server.outcome = StepOutcome::Waits;
    }

    const History& h_;
    const LiveOptions& o_;
    LiveRun& out_;
    std::string table_;
    std::string level_;
    std::unique_ptr<Connection> admin_;
    std::vector<Txn> txns_;
};

/// The events of step (t, op) in a trace.
std::vector<const Event*> eventsOf(const Trace& trace, TxnId t, std::size_t op) {
    std::vector<const Event*> out;
    for (const Event& e : trace)
        if (e.txn == t && e.op == op) out.push_back(&e);
    return out;
}

}  // namespace

bool LiveStep::agrees() const { return model && server.sameAs(*model); }

bool LiveRun::agrees() const {
    return stuck.empty() && modelWhy.empty() && modelRows && *modelRows == finalRows &&
           std::ranges::all_of(steps, [](const LiveStep& s) { return s.agrees(); });
}

std::string describe(const History& h, const StepResult& r) {
    if (r.skipped) return "skipped";
    std::string out(nameOf(r.outcome));
    if (!r.failure.empty()) out += " (" + r.failure + ")";
    if (r.value) out += ", read " + formatValue(*r.value);
    if (r.rows) {
        std::string rows;
        for (const KeyId k : *r.rows) rows += (rows.empty() ? "" : ",") + h.keys.at(k);
        out += ", {" + rows + "}";
    }
    return out;
}

std::string LiveRun::firstDifference(const History& h) const {
    if (!stuck.empty()) return stuck;
    // A step the model disagrees on; then where the model's run could not
    // follow the statements as the server took them (a step the server ran
    // that the model has still waiting: its session sent the next one).
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const LiveStep& s = steps[i];
        if (s.agrees() || !s.model) continue;
        const Op& op = h.txns.at(s.txn).ops.at(s.op);
        return fmt::format("step {} ({} \"{}\"): the server {}, the model {}", i + 1, h.txns[s.txn].name, op.text,
                           describe(h, s.server), describe(h, *s.model));
    }
    if (!modelWhy.empty()) return "the model's run: " + modelWhy;
    if (!modelRows || *modelRows != finalRows)
        return "final rows: the server " + formatRows(h, finalRows) + ", the model " +
               (modelRows ? formatRows(h, *modelRows) : std::string("none"));
    return "";
}

LiveRun predict(const History& h, const std::vector<TxnId>& order, const std::string& model,
                const std::vector<std::size_t>& released) {
    History g = h;
    g.expectations.clear();
    g.schedule = order;
    g.transcript = true;
    g.releaseOrder = released;
    RunOptions o;
    o.onlyModels = {model};
    const FileResult f = runHistory(g, o);
    const ModelResult& m = f.models.at(0);
    LiveRun out;
    out.model = model;
    out.order = order;
    const ScheduleVerdict& v = *m.schedule;
    if (!v.possible) out.modelWhy = v.why;
    // The steps in sending order: the transcript's, then the completion's.
    const Trace& trace = v.trace;
    std::vector<std::pair<TxnId, std::size_t>> steps;
    steps.reserve(order.size() + trace.size());
    std::vector<std::size_t> pc(h.txns.size(), 0);
    for (const TxnId t : order) steps.emplace_back(t, pc[t]++);
    for (const Event& e : trace)
        if (e.scheduled && e.op >= pc[e.txn] && std::ranges::find(steps, std::pair{e.txn, std::size_t{e.op}}) == steps.end())
            steps.emplace_back(e.txn, e.op);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const TxnId t = steps[i].first;
        const std::size_t op = steps[i].second;
        LiveStep s;
        s.txn = t;
        s.op = op;
        StepResult r;
        if (i < v.outcomes.size()) r.outcome = v.outcomes[i];
        const Op& o = h.txns[t].ops[op];
        for (const Event* e : eventsOf(trace, t, op)) {
            switch (e->kind) {
                case EventKind::Read:
                    if (o.kind == OpKind::Read || o.kind == OpKind::ReadForUpdate) r.value = e->exists ? e->value : Value{};
                    break;
                case EventKind::Write:
                    if (o.kind == OpKind::Update) r.value = e->value;
                    break;
                case EventKind::PredicateRead:
                    if (o.kind == OpKind::PredicateRead) {
                        std::vector<KeyId> rows;
                        for (KeyId k = 0; k < h.keys.size(); ++k)
                            if ((e->returned & keyBit(k)) != 0) rows.push_back(k);
                        r.rows = rows;
                    }
                    break;
                case EventKind::Skip: r.skipped = true; break;
                case EventKind::Abort:
                    if (e->cause != AbortCause::User) r.failure = e->cause == AbortCause::Deadlock ? "deadlock"
                                                           : e->cause == AbortCause::SnapshotTooOld ? "snapshot too old"
                                                                                                    : "serialization failure";
                    break;
                case EventKind::Commit: break;
            }
        }
        // A deadlock victim's abort belongs to the step it waited on.
        if (i < v.outcomes.size() && (r.outcome == StepOutcome::Fails || r.outcome == StepOutcome::WaitsThenFails) &&
            r.failure.empty()) {
            const auto victim = std::ranges::find_if(trace, [&](const Event& e) {
                return e.txn == t && e.kind == EventKind::Abort && !e.scheduled;
            });
            if (victim != trace.end()) r.failure = "deadlock";
        }
        if (r.skipped) r.outcome = StepOutcome::Runs;
        s.model = r;
        out.steps.push_back(s);
    }
    if (m.finalStates.size() == 1) out.modelRows = m.finalStates.front().rows;
    return out;
}

LiveRun runLive(const History& h, const std::vector<TxnId>& order, const LiveOptions& o) {
    LiveRun out;
    out.model = o.model;
    {
        Runner runner(h, o, out);
        runner.run(order);
    }
    // The model beside it, step by step, for the statements sent in the same order.
    const LiveRun model = predict(h, out.order, o.model, out.released);
    out.modelWhy = model.modelWhy;
    out.modelRows = model.modelRows;
    for (LiveStep& s : out.steps) {
        const auto it = std::ranges::find_if(model.steps, [&](const LiveStep& m) { return m.txn == s.txn && m.op == s.op; });
        if (it != model.steps.end()) s.model = it->model;
    }
    return out;
}

}  // namespace isocheck::live
