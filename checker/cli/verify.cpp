// `isocheck verify PATH... [--junit FILE] [--quiet]`: run every history file
// under the paths and compare with its [expect] tables. One line per file and
// model (with --quiet only the failures and bad input), then a summary; a file
// that cannot be loaded is reported and the others still run (exit 2 then
// wins over 1).

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "run/run.hpp"
#include "history/loader.hpp"
#include "report/report.hpp"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

struct Tally {
    std::size_t files = 0;
    std::size_t checks = 0;
    std::size_t failed = 0;
    std::size_t badInput = 0;
};

// `quiet`: print only failures and bad input (and, in runVerify, the summary).
void verifyFile(CheckedFile& f, Tally& tally, bool quiet, std::ostream& out, std::ostream& err) {
    ++tally.files;
    const auto badInput = [&](const InputError& e) {
        ++tally.badInput;
        f.error = e.what();
        f.result = {};
        out << f.path << ": bad input\n";
        out.flush();
        printErrors(e, err);
    };
    try {
        f.history = loadHistoryFile(f.path);
    } catch (const InputError& e) {
        badInput(e);
        return;
    }
    printWarnings(f.history, err);
    if (f.history.expectations.empty()) {
        if (!quiet) out << f.path << ": no expectations\n";
        return;
    }
    // Only the models with expectations have anything to verify.
    RunOptions options;
    for (const auto& entry : f.history.expectations) options.onlyModels.push_back(entry.first);
    // Some bad input shows only while exploring (a value leaving the 64-bit
    // range); it is this file's bad input, and the other files still run.
    try {
        f.result = runHistory(f.history, options);
    } catch (const InputError& e) {
        badInput(e);
        return;
    }
    for (const ModelResult& m : f.result.models) {
        if (!m.expectationsChecked) continue;
        ++tally.checks;
        if (m.mismatches.empty()) {
            if (!quiet) out << f.path << ": " << m.model << " ok\n";
            continue;
        }
        ++tally.failed;
        out << f.path << ": " << m.model << " FAIL\n";
        for (const ExpectationMismatch& x : m.mismatches) out << "  " << formatMismatch(x) << '\n';
    }
    // An [expect] table whose model never ran would otherwise pass unseen.
    for (const auto& entry : f.history.expectations) {
        const bool ran = std::ranges::any_of(f.result.models, [&](const ModelResult& m) {
            return m.model == entry.first && m.expectationsChecked;
        });
        if (ran) continue;
        ++tally.checks;
        ++tally.failed;
        out << f.path << ": " << entry.first << " FAIL\n  the model was not run\n";
        ModelResult missing;
        missing.model = entry.first;
        missing.expectationsChecked = true;
        missing.mismatches.push_back({"model", "run", "not run"});
        f.result.models.push_back(std::move(missing));
    }
}

}  // namespace

int runVerify(const Args& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"Check the [expect] tables of history files. Directories are searched "
                 "recursively for *.toml files.",
                 "isocheck verify"};
    std::vector<std::string> paths;
    std::string junit;
    bool quiet = false;
    app.add_option("PATH", paths, "history files or directories")->required()->type_name("");
    app.add_option("--junit", junit, "also write a JUnit XML report to FILE")->type_name("FILE");
    app.add_flag("--quiet", quiet, "print only failures and bad input, then the summary line");
    app.footer("examples:\n"
               "  isocheck verify examples specs\n"
               "  isocheck verify --junit report.xml histories/");
    if (const auto done = parseOptions(app, args, out)) return *done;
    if (app.count("--junit") != 0 && junit.empty())
        throw UsageError("--junit needs a file name (write --junit report.xml)");

    std::vector<CheckedFile> files;
    for (std::string& path : collectHistoryFiles(paths)) files.push_back({std::move(path), {}, {}, {}, {}, {}});
    // Open the report before any work, so that a path that cannot be written
    // fails at once instead of after the whole run.
    std::ofstream junitFile;
    if (!junit.empty()) {
        std::error_code ec;
        if (fs::is_directory(junit, ec))
            throw UsageError(fmt::format("--junit: cannot write \"{}\": {}", junit,
                                         std::make_error_code(std::errc::is_a_directory).message()));
        errno = 0;
        junitFile.open(junit, std::ios::binary | std::ios::trunc);
        if (!junitFile)
            throw UsageError(fmt::format("--junit: cannot write \"{}\": {}", junit,
                                         errno != 0 ? std::strerror(errno) : "cannot open"));
    }
    Tally tally;
    for (CheckedFile& f : files) verifyFile(f, tally, quiet, out, err);

    out << fmt::format("verify: {}, {}, {} failed", plural(tally.files, "file"),
                       plural(tally.checks, "model check"), tally.failed);
    if (tally.badInput != 0) out << fmt::format(", {} with bad input", tally.badInput);
    out << '\n';

    if (junitFile.is_open()) {
        junitFile << junitReport(files);
        if (!junitFile.flush())
            throw UsageError(fmt::format("--junit: cannot write \"{}\"", junit));
    }
    if (tally.badInput != 0) return kExitUsage;
    return tally.failed != 0 ? kExitExpectationFailed : kExitOk;
}

}  // namespace isocheck
