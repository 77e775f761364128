// `isocheck check FILE... [--model NAME]... [--format F] [--max-states N]`:
// load every file first (bad input writes nothing), then explore and report.

#include <charconv>
#include <cstdint>
#include <limits>
#include <ostream>

#include <fmt/format.h>

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

// CLI11's own check accepts 0x10 and 1e3, wraps values beyond 64 bits and
// answers "abc" with a range of doubles; say plainly what is wanted instead.
std::uint64_t parseMaxStates(const std::string& text) {
    std::uint64_t n = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, n);
    if (text.empty() || ec != std::errc{} || ptr != end || n == 0)
        throw UsageError(fmt::format("--max-states: \"{}\" is not a positive integer (write e.g. "
                                     "--max-states 100000; the largest is {})",
                                     text, std::numeric_limits<std::uint64_t>::max()));
    return n;
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
    std::string maxStates;
    app.add_option("--max-states", maxStates,
                   "stop after visiting N states per model (exit code 3)");
    if (const auto done = parseOptions(app, args, out)) return *done;
    if (app.count("--max-states") != 0) options.maxStates = parseMaxStates(maxStates);
    requireKnownModels(options.onlyModels);
    for (const std::string& path : paths)
        if (path.empty()) throw UsageError("an empty file name (give the path of a history file)");

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
