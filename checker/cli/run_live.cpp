// `isocheck run --engine postgres|mariadb --connect CONN [--model M]...
// [--witnesses] FILE...`: runs histories on a real server and prints, step
// by step, what the server did beside what the model predicts
// (specs/live.md). Exit 0 when they agree, 1 when they differ, 2 on bad
// usage or input, 3 when the server cannot be used.

#include <algorithm>
#include <ostream>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "history/generator.hpp"
#include "history/loader.hpp"
#include "live/runner.hpp"
#include "live/sql.hpp"
#include "report/trace.hpp"
#include "run/run.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

using Json = nlohmann::ordered_json;

/// The transcripts to run for `model`: the file's schedule or transcript,
/// or (`witnesses`) every witness schedule exploration reports, each once.
std::vector<std::vector<TxnId>> ordersOf(const History& h, const std::string& model, bool witnesses) {
    std::vector<std::vector<TxnId>> out;
    if (!witnesses) {
        if (h.schedule) out.push_back(*h.schedule);
        return out;
    }
    History g = h;
    g.schedule.reset();
    g.transcript = false;
    g.expectations.clear();
    RunOptions o;
    o.onlyModels = {model};
    const FileResult f = runHistory(g, o);
    std::set<std::vector<TxnId>> seen;
    const auto add = [&](const Trace& t) {
        std::vector<TxnId> s = scheduleOf(t);
        if (!s.empty() && seen.insert(s).second) out.push_back(std::move(s));
    };
    const ModelResult& m = f.models.at(0);
    for (const auto& a : m.anomalies) add(a.witness);
    for (const auto& p : m.phenomena) add(p.witness);
    for (const auto& d : m.deadlocks) add(d.witness);
    for (const auto& a : m.aborts) add(a.witness);
    for (const auto& s : m.finalStates) add(s.witness);
    return out;
}

Json stepJson(const History& h, const live::StepResult& r) {
    Json out{{"outcome", r.skipped ? "skipped" : std::string(nameOf(r.outcome))}};
    if (!r.failure.empty()) out["failure"] = r.failure;
    if (!r.message.empty()) out["message"] = r.message;
    if (r.value) out["value"] = *r.value ? Json(**r.value) : Json(nullptr);
    if (r.rows) {
        Json rows = Json::array();
        for (const KeyId k : *r.rows) rows.push_back(h.keys.at(k));
        out["rows"] = std::move(rows);
    }
    return out;
}

Json rowsJson(const History& h, const std::vector<std::pair<KeyId, Value>>& rows) {
    Json out = Json::object();
    for (const auto& [k, v] : rows) out[h.keys.at(k)] = v ? Json(*v) : Json(nullptr);
    return out;
}

/// The server to run on and how long a statement may take before it waits.
struct Server {
    live::Engine engine;
    std::string connect;
    long waitMs;

    /// Runs `order` under `model`; nullopt, said on `err`, when the server cannot be used.
    std::optional<live::LiveRun> run(const History& h, const std::vector<TxnId>& order, const std::string& model,
                                     std::ostream& err) const {
        live::LiveOptions o;
        o.engine = engine;
        o.connect = connect;
        o.model = model;
        o.wait = std::chrono::milliseconds(waitMs);
        try {
            return live::runLive(h, order, o);
        } catch (const live::LiveError& e) {
            err << "isocheck: error: " << e.what() << '\n';
            return std::nullopt;
        }
    }
};

/// A random transcript of h: every operation once, each transaction's in order.
std::vector<TxnId> randomTranscript(const History& h, SplitMix64& rng) {
    std::vector<TxnId> order;
    for (TxnId t = 0; t < h.txns.size(); ++t) order.insert(order.end(), h.txns[t].ops.size(), t);
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<std::size_t>(rng.between(0, static_cast<int>(i) - 1))]);
    return order;
}

/// `--random N`: N generated histories, each with a random transcript, on
/// the server under each model; prints the ones that differ (as files to
/// rerun) and a summary.
int runRandom(const Server& server, const std::vector<std::string>& models, long count, std::uint64_t seed,
              std::ostream& out, std::ostream& err) {
    GeneratorOptions g;
    g.minTxns = 2;
    g.maxTxns = 3;
    g.maxOps = 4;
    g.maxTotalOps = 9;
    g.keys = 3;
    g.predicateWrites = true;
    g.guards = true;
    SplitMix64 rng(seed);
    long differ = 0;
    long runs = 0;
    for (long i = 0; i < count; ++i) {
        const std::uint64_t s = rng.next();
        const std::string toml = randomHistoryToml(s, g);
        const History h = parseHistory(toml, "random-" + std::to_string(i + 1) + ".toml");
        SplitMix64 orderRng(s ^ 0x5bd1e995ULL);
        const std::vector<TxnId> order = randomTranscript(h, orderRng);
        for (const std::string& model : models) {
            const std::optional<live::LiveRun> run = server.run(h, order, model, err);
            if (!run) return 3;
            const live::LiveRun& r = *run;
            ++runs;
            if (r.agrees()) continue;
            ++differ;
            std::vector<std::string> names;
            names.reserve(r.order.size());
            for (const TxnId t : r.order) names.push_back(fmt::format("\"{}\"", h.txns.at(t).name));
            out << fmt::format("history {} (generator seed {}) under {}: {}\n", i + 1, s, model, r.firstDifference(h));
            out << fmt::format("# isocheck run --engine {} --model {} FILE, with FILE:\nmodels = [\"{}\"]\ntranscript = [{}]\n{}\n",
                               server.engine == live::Engine::Postgres ? "postgres" : "mariadb", model, model,
                               fmt::join(names, ", "), toml);
        }
    }
    out << fmt::format("random: {} histories, {} runs under {}: {} agree with the model, {} differ\n", count, runs,
                       fmt::join(models, ", "), runs - differ, differ);
    return differ == 0 ? 0 : 1;
}

}  // namespace

int runLive(const Args& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"Run history files on a real PostgreSQL or MariaDB server, one connection per transaction, "
                 "and compare each step with the model's prediction. scripts/db-servers start DIR starts "
                 "throwaway servers and writes their connections to DIR/env.",
                 "isocheck run"};
    std::string engineName;
    std::string conn;
    std::vector<std::string> models;
    std::vector<std::string> files;
    bool witnesses = false;
    std::string format = "text";
    long waitMs = 250;
    long random = 0;
    std::uint64_t seed = 1;
    app.add_option("--engine", engineName, "the server's engine")
        ->required()
        ->type_name("ENGINE")
        ->check(CLI::IsMember({"postgres", "mariadb"}));
    app.add_option("--connect", conn,
                   "connection: a libpq string for postgres (host=/tmp dbname=isocheck user=postgres); "
                   "key=value pairs for mariadb (socket=..., host=..., port=..., user=..., password=..., database=...)")
        ->required()
        ->type_name("CONN");
    app.add_option("--model", models,
                   "the engine model to compare with; repeat it for more (default: the file's models of that engine)")
        ->type_name("NAME")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    app.add_flag("--witnesses", witnesses, "run every witness schedule the model's exploration reports, not the file's schedule");
    app.add_option("--format", format, "how to print the runs")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_option("--wait-ms", waitMs, "a statement not back within this many milliseconds waits (default 250)")
        ->type_name("MS")
        ->check(CLI::Range(10, 60000));
    app.add_option("--random", random,
                   "instead of files, N generated histories, each with a random transcript, under each --model")
        ->type_name("N")
        ->check(CLI::PositiveNumber);
    app.add_option("--seed", seed, "seed of --random's histories and transcripts (default 1)")->type_name("S");
    app.add_option("FILE", files, "history files")->type_name("");
    app.footer("examples:\n"
               "  isocheck run --engine postgres --connect \"$ISOCHECK_PG_CONNINFO\" "
               "specs/engines/transcripts/postgres-pmp-write-read-committed.toml\n"
               "  isocheck run --engine mariadb --connect \"socket=$ISOCHECK_MARIADB_SOCKET user=root database=isocheck\" "
               "--model mysql-repeatable-read --witnesses examples/lost-update.toml\n"
               "  isocheck run --engine postgres --connect \"host=db.example.com dbname=app user=me\" "
               "--model postgres-serializable --format json examples/write-skew.toml");
    if (const auto code = parseOptions(app, args, out)) return *code;
    requireKnownModels(models);
    const live::Engine engine = engineName == "postgres" ? live::Engine::Postgres : live::Engine::Mariadb;
    if (!live::supported(engine)) {
        err << "isocheck: error: this isocheck was built without the " << engineName << " client library\n";
        return 3;
    }
    const Server server{engine, conn, waitMs};
    if (random > 0) {
        if (models.empty()) throw UsageError("--random needs --model (the engine models to compare with)");
        for (const std::string& m : models)
            if (!live::isolationLevel(engine, m)) throw UsageError("model " + m + " is no model of " + engineName);
        return runRandom(server, models, random, seed, out, err);
    }
    if (files.empty()) throw UsageError("give history files, or --random N");
    bool differs = false;
    Json report = Json::array();
    for (const std::string& path : files) {
        History h;
        try {
            h = loadHistoryFile(path);
        } catch (const InputError& e) {
            printErrors(e, err);
            return 2;
        }
        std::vector<std::string> chosen = models;
        if (chosen.empty())
            for (const std::string& m : h.models)
                if (live::isolationLevel(engine, m)) chosen.push_back(m);
        if (chosen.empty())
            throw UsageError(path + " names no model of " + engineName + "; give --model, e.g. --model " +
                             (engine == live::Engine::Postgres ? "postgres-serializable" : "mysql-repeatable-read"));
        for (const std::string& model : chosen) {
            if (!live::isolationLevel(engine, model))
                throw UsageError("model " + model + " is no model of " + engineName);
            const auto orders = ordersOf(h, model, witnesses);
            if (orders.empty() && !witnesses)
                throw UsageError(path + " has no schedule or transcript to run; give --witnesses to run the "
                                        "witness schedules of its exploration");
            for (const auto& order : orders) {
                const std::optional<live::LiveRun> run = server.run(h, order, model, err);
                if (!run) return 3;
                const live::LiveRun& r = *run;
                const bool agrees = r.agrees();
                differs = differs || !agrees;
                std::vector<std::string> names;
                names.reserve(order.size());
                for (const TxnId t : order) names.push_back(h.txns.at(t).name);
                if (format == "json") {
                    Json steps = Json::array();
                    for (std::size_t i = 0; i < r.steps.size(); ++i) {
                        const live::LiveStep& s = r.steps[i];
                        Json j{{"step", i + 1},
                               {"transaction", h.txns.at(s.txn).name},
                               {"operation", s.op + 1},
                               {"text", h.txns.at(s.txn).ops.at(s.op).text},
                               {"server", stepJson(h, s.server)},
                               {"model", s.model ? stepJson(h, *s.model) : Json(nullptr)},
                               {"agrees", s.agrees()}};
                        steps.push_back(std::move(j));
                    }
                    report.push_back(Json{{"file", path},
                                          {"engine", engineName},
                                          {"model", model},
                                          {"transcript", names},
                                          {"steps", std::move(steps)},
                                          {"final_rows", rowsJson(h, r.finalRows)},
                                          {"model_final_rows", r.modelRows ? rowsJson(h, *r.modelRows) : Json(nullptr)},
                                          {"agrees", agrees},
                                          {"difference", r.firstDifference(h)}});
                    continue;
                }
                out << fmt::format("{} under {} on {}: transcript {}\n", path, model, engineName, fmt::join(names, " "));
                for (std::size_t i = 0; i < r.steps.size(); ++i) {
                    const live::LiveStep& s = r.steps[i];
                    out << fmt::format("  {:>2} {} \"{}\": {}{}\n", i + 1, h.txns.at(s.txn).name,
                                       h.txns.at(s.txn).ops.at(s.op).text, describe(h, s.server),
                                       s.agrees() ? "" : "   <- the model: " + (s.model ? describe(h, *s.model) : std::string("ended")));
                }
                out << "  final rows: " << formatRows(h, r.finalRows) << '\n';
                out << (agrees ? "  agrees with the model\n" : "  DIFFERS: " + r.firstDifference(h) + '\n');
            }
        }
    }
    if (format == "json") out << report.dump(2) << '\n';
    return differs ? 1 : 0;
}

}  // namespace isocheck
