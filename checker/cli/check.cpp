// `isocheck check FILE... [--model NAME]... [--format F] [--max-states N]`:
// load every file first (bad input writes nothing), then explore and report.

#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "explore/run.hpp"
#include "history/loader.hpp"
#include "report/report.hpp"

namespace isocheck {
namespace {

std::string render(const std::string& format, std::span<const CheckedFile> files) {
    if (format == "json") return jsonReport(files);
    std::string out;
    for (const CheckedFile& f : files) {
        if (!out.empty()) out += '\n';
        if (format == "dot") out += dotReport(f.history, f.result);
        else if (format == "markdown") out += markdownReport(f.history, f.result);
        else out += textReport(f.history, f.result);
    }
    return out;
}

}  // namespace

int runCheck(const Args& args, std::ostream& out, std::ostream& /*err*/) {
    CLI::App app{"Explore every schedule of the history files under each isolation model and "
                 "report the anomalies, phenomena, deadlocks, aborts and final states found.",
                 "isocheck check"};
    std::vector<std::string> paths;
    RunOptions options;
    std::string format = "text";
    app.add_option("FILE", paths, "history files (TOML)")->required();
    app.add_option("--model", options.onlyModels,
                   "check this model only (repeatable; default: the file's models, else all)")
        ->allow_extra_args(false);
    app.add_option("--format", format, "text (default), json, dot or markdown")
        ->check(CLI::IsMember({"text", "json", "dot", "markdown"}));
    app.add_option("--max-states", options.maxStates,
                   "stop after visiting N states per model (exit code 3)")
        ->check(CLI::PositiveNumber);
    if (const auto done = parseOptions(app, args, out)) return *done;
    requireKnownModels(options.onlyModels);

    std::vector<CheckedFile> files;
    for (const std::string& path : paths) files.push_back({path, loadHistoryFile(path), {}, {}});
    for (CheckedFile& f : files) f.result = runHistory(f.history, options);

    out << render(format, files);
    bool incomplete = false;
    bool failed = false;
    for (const CheckedFile& f : files) {
        for (const ModelResult& m : f.result.models) {
            incomplete = incomplete || !m.complete;
            failed = failed || (m.expectationsChecked && !m.mismatches.empty());
        }
    }
    // A bounded run's expectations compare against part of the executions,
    // so the bound is the more important news.
    if (incomplete) return kExitIncomplete;
    return failed ? kExitExpectationFailed : kExitOk;
}

}  // namespace isocheck
