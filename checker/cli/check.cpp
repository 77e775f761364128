// `isocheck check FILE...`: load every file first (bad input writes nothing),
// warn about histories too big to explore, then explore each file under each
// model with the stop handling and progress of SPEC 4, and report.
//
// Stops: --max-states bounds each model on its own (the explorer stops that
// model and goes on with the next). A --timeout or an interrupt stops the
// whole run: the model being explored ends soon with what it found, and the
// models and files not yet started are not explored. They still appear in
// the report, in their usual place, as incomplete with no findings
// ("snapshot: not explored; INCOMPLETE: stopped by --timeout before it
// started", JSON "complete": false, "stop_reason": "timeout" and zero stats),
// so that every report lists every model of every file and none of them
// claims to be finished. The exit code is then 3 (SPEC 4).

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/estimate.hpp"
#include "cli/interrupt.hpp"
#include "cli/monitor.hpp"
#include "cli/numbers.hpp"
#include "compare/explain.hpp"
#include "compare/matrix.hpp"
#include "run/run.hpp"
#include "history/loader.hpp"
#include "report/report.hpp"
#include "support/diagnostic.hpp"

namespace isocheck {
namespace {

constexpr std::uint64_t kMaxJobs = 1024;
constexpr double kMaxTimeout = 1e9;  // about 31 years; keeps the deadline in the clock's range

Reduction parseReduction(const std::string& text) {
    if (text == "cache") return Reduction::Cached;
    if (text == "sleep") return Reduction::SleepSets;
    if (text == "none") return Reduction::None;
    throw UsageError(fmt::format("--reduction: \"{}\" is not a reduction (write --reduction cache, "
                                 "the default, --reduction sleep or --reduction none)",
                                 text));
}

unsigned defaultJobs() { return std::max(1U, std::thread::hardware_concurrency()); }

// A progress line only on a terminal, and only when `err` is the process's
// stderr: callers that pass their own stream (tests, in-process) get none.
std::ostream* progressStream(std::ostream& err, bool quiet) {
    if (quiet || err.rdbuf() != std::cerr.rdbuf() || ::isatty(STDERR_FILENO) != 1) return nullptr;
    return &err;
}

// A model that the stop came before: incomplete, nothing found, its
// expectations (if any) not judged, as runHistory leaves a stopped model's.
ModelResult unexplored(const std::string& model, StopReason why) {
    ModelResult m;
    m.model = model;
    m.complete = false;
    m.stopReason = why;
    return m;
}

// Explores each file under each of its models, one model at a time so that a
// stop leaves the rest unexplored and the progress line can name the model.
void explore(std::vector<CheckedFile>& files, const RunOptions& options, RunControl& control,
             RunMonitor& monitor) {
    for (CheckedFile& f : files) {
        const std::vector<std::string> models = selectedModels(f.history, options);
        for (std::size_t i = 0; i < models.size(); ++i) {
            if (control.stopRequested()) {
                f.result.models.push_back(unexplored(models[i], control.stop.load()));
                continue;
            }
            monitor.working(f.path, models[i], i + 1, models.size());
            RunOptions one = options;
            one.onlyModels = {models[i]};
            FileResult r = runHistory(f.history, one);
            // runHistory runs no model once a stop was requested.
            if (r.models.empty()) r.models.push_back(unexplored(models[i], control.stop.load()));
            for (ModelResult& m : r.models) f.result.models.push_back(std::move(m));
        }
    }
}

// `-` is standard input, named <stdin> in diagnostics and reports.
CheckedFile loadInput(const std::string& path) {
    if (path != "-") return {path, loadHistoryFile(path), {}, {}, {}, {}};
    const std::string name = "<stdin>";
    std::ostringstream text;
    // Empty input sets failbit on `text`; only a failed read of std::cin is an error.
    text << std::cin.rdbuf();
    if (std::cin.bad()) {
        Diagnostic d;
        d.file = name;
        d.message = "cannot read standard input";
        throw InputError(std::move(d));
    }
    return {name, parseHistory(text.str(), name), {}, {}, {}, {}};
}

}  // namespace

int runCheck(const Args& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"Explore every schedule of the history files under each isolation model and "
                 "report the anomalies, phenomena, deadlocks, aborts and final states found.",
                 "isocheck check"};
    std::vector<std::string> paths;
    RunOptions options;
    std::string format = "text";
    app.add_option("FILE", paths, "history files (TOML); - reads one from standard input")
        ->required()
        ->type_name("");
    app.add_option("--model", options.onlyModels,
                   "check model NAME only; repeat it for more (default: the file's models, else "
                   "all)")
        ->type_name("NAME")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    app.add_option("--format", format, "text (default), json, dot, markdown or html")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json", "dot", "markdown", "html"}));
    std::string maxStates;
    app.add_option("--max-states", maxStates,
                   "stop after visiting N states per model (exit code 3)")
        ->type_name("N");
    std::string timeout;
    app.add_option("--timeout", timeout,
                   "stop the whole run after SECONDS (may be fractional; exit code 3)")
        ->type_name("SECONDS");
    std::string reduction = "cache";
    app.add_option("--reduction", reduction,
                   "cache (default): persistent sets, sleep sets and state caching; sleep: sleep sets alone; "
                   "none: every interleaving")
        ->type_name("cache|sleep|none");
    std::string jobs;
    app.add_option("--jobs", jobs, "worker threads (default: the machine's cores)")
        ->type_name("N");
    std::string shard;
    app.add_option("--shard", shard,
                   "explore part K of N of the run, as JSON for isocheck merge (needs --format "
                   "json)")
        ->type_name("K/N");
    bool quiet = false;
    app.add_flag("--quiet", quiet, "no progress line on the terminal");
    bool brief = false;
    app.add_flag("--brief", brief,
                 "only the matrix across levels (text and markdown): what each model allows, and "
                 "how it prevents the rest");
    app.footer(
        "examples:\n"
        "  isocheck check examples/lost-update.toml\n"
        "  isocheck check --model read-committed --model snapshot examples/lost-update.toml\n"
        "  isocheck check --format json --max-states 100000 --timeout 60 examples/*.toml\n"
        "  isocheck check - < examples/lost-update.toml\n\n"
        "exit codes: 0 every expectation met, 1 an expectation failed, 2 bad input or usage, "
        "3 --max-states, --timeout or an interrupt stopped the work");
    if (const auto done = parseOptions(app, args, out)) return *done;

    if (app.count("--max-states") != 0)
        options.maxStates = parsePositiveInteger("--max-states", maxStates, "--max-states 100000",
                                                 std::numeric_limits<std::uint64_t>::max());
    std::optional<RunMonitor::Seconds> deadline;
    if (app.count("--timeout") != 0)
        deadline = RunMonitor::Seconds(
            parseSeconds("--timeout", timeout, "--timeout 60 or --timeout 0.5", kMaxTimeout));
    options.reduction = parseReduction(reduction);
    options.jobs = app.count("--jobs") != 0
                       ? static_cast<unsigned>(parsePositiveInteger("--jobs", jobs, "--jobs 4", kMaxJobs))
                       : defaultJobs();
    if (app.count("--shard") != 0) {
        const ShardPart part = parseShard(shard);
        if (brief) throw UsageError("--brief prints the matrix of a whole run, which a shard is not");
        if (format != "json")
            throw UsageError("--shard needs --format json (each shard writes its part of the run "
                             "as JSON, for isocheck merge to combine)");
        options.shardIndex = part.index;
        options.shardCount = part.count;
    }
    if (brief && format != "text" && format != "markdown")
        throw UsageError("--brief is for --format text or markdown (the JSON report has the matrix "
                         "in its \"matrix\" field)");
    requireKnownModels(options.onlyModels);
    for (const std::string& path : paths)
        if (path.empty()) throw UsageError("an empty file name (give the path of a history file)");
    if (std::ranges::count(paths, "-") > 1)
        throw UsageError("\"-\" (standard input) is given twice");

    // Every file is loaded before any is explored, and the errors of all of
    // them are reported together.
    std::vector<CheckedFile> files;
    std::vector<Diagnostic> errors;
    for (const std::string& path : paths) {
        try {
            files.push_back(loadInput(path));
        } catch (const InputError& e) {
            errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
    }
    if (!errors.empty()) throw InputError(std::move(errors));
    for (const CheckedFile& f : files) printWarnings(f.history, err);

    // Warnings are diagnostics about the input, not progress: --quiet keeps
    // them. A run already bounded by --max-states or --timeout needs none.
    if (options.maxStates == 0 && !deadline)
        for (const CheckedFile& f : files)
            if (const auto warning = workWarning(f.history, options.reduction))
                err << "isocheck: warning: " << *warning << '\n';
    err.flush();

    RunControl control;
    options.control = &control;
    {
        const InterruptHandlers handlers(control);
        RunMonitor monitor(control, deadline, progressStream(err, quiet));
        explore(files, options, control, monitor);
    }  // the progress line is cleared and the signal handlers restored here

    // A shard is part of a run: its matrix would speak of part of the schedules.
    if (options.shardCount == 1) {
        for (CheckedFile& f : files) {
            f.matrix = levelMatrix(f.history, f.result);
            if (explains(format, brief)) f.explanations = explainFindings(f.history, f.result);
        }
    }
    out << renderReport(format, files, brief);
    return exitCodeOf(files);
}

int exitCodeOf(std::span<const CheckedFile> files) {
    bool incomplete = false;
    bool failed = false;
    for (const CheckedFile& f : files) {
        for (const ModelResult& m : f.result.models) {
            incomplete = incomplete || !m.complete;
            failed = failed || (m.expectationsChecked && !m.mismatches.empty());
        }
    }
    // An incomplete run judges no expectation (SPEC 4): the stop is the news.
    if (incomplete) return kExitIncomplete;
    return failed ? kExitExpectationFailed : kExitOk;
}

}  // namespace isocheck
