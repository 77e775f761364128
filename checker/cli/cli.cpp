// Dispatch: the command table, --help and --version, "did you mean", and the
// one place where failures become exit codes (the three kinds of STYLE.md:
// bad input -> 2, broken invariant -> 70, findings -> data and 0/1/3).

#include "cli/cli.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "history/history.hpp"
#include "support/spelling.hpp"
#include "theory/models.hpp"
#include "support/assert.hpp"
#include "support/diagnostic.hpp"

#ifndef ISOCHECK_VERSION
#define ISOCHECK_VERSION "0.1.0"  // keep in step with project() in CMakeLists.txt
#endif

namespace isocheck {
namespace {

constexpr std::array kCommands{
    Command{"check", "explore every schedule of history files and report what each model allows",
            runCheck},
    Command{"merge", "combine the JSON reports of the shards of one run into its report",
            runMerge},
    Command{"verify", "check the [expect] tables of history files and directories", runVerify},
    Command{"matrix", "one table across levels over many history files: what each model allows",
            runMatrix},
    Command{"validate", "check the models against the theory on generated histories",
            runValidate},
    Command{"models", "list the isolation models and their options", runModels},
    Command{"search", "the smallest transaction programs one level allows and another forbids", runSearch},
    Command{"exercise", "write teaching exercises with proven answers", runExercise},
    Command{"run", "run history files on a real PostgreSQL or MariaDB server beside the model's prediction",
            runLive},
};

void usage(std::ostream& os) {
    os << "usage: isocheck COMMAND [ARGS...]\n\n"
          "isocheck explores every interleaving of a few transactions under each\n"
          "isolation model and reports the anomalies, deadlocks and aborts it finds.\n\n"
          "commands:\n";
    std::size_t width = 0;
    for (const Command& c : kCommands) width = std::max(width, c.name.size());
    for (const Command& c : kCommands)
        os << fmt::format("  {:<{}}  {}\n", c.name, width, c.summary);
    os << "\noptions:\n  -h, --help     show this help\n  --version      show the version\n"
          "\nrun 'isocheck COMMAND --help' for the options of a command\n"
          "exit codes: 0 ok, 1 an expectation failed, 2 bad input or usage, "
          "3 a bound (--max-states, --timeout) or an interrupt stopped the work\n";
}

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        usage(err);
        return kExitUsage;
    }
    const std::string& name = args.front();
    if (name == "-h" || name == "--help" || name == "help") {
        usage(out);
        return kExitOk;
    }
    if (name == "--version") {
        out << "isocheck " << ISOCHECK_VERSION << '\n';
        return kExitOk;
    }
    const auto* cmd = std::ranges::find(kCommands, std::string_view(name), &Command::name);
    if (cmd == kCommands.end()) {
        std::vector<std::string_view> names;
        if (name.starts_with('-'))
            names = {"--help", "--version"};
        else
            for (const Command& c : kCommands) names.push_back(c.name);
        std::string msg = name.starts_with('-') ? fmt::format("unknown option \"{}\"", name)
                                                : fmt::format("unknown command \"{}\"", name);
        if (const auto near = closest(name, names)) msg += " (" + didYouMean(*near) + ')';
        throw UsageError(msg + "; run 'isocheck --help' for the list of commands");
    }
    return cmd->run(Args(args.begin() + 1, args.end()), out, err);
}

/// The option of `app` closest to the first `--word` in `args` that is none
/// of its options, if any is close.
std::optional<std::string> misspeltOption(const CLI::App& app, const Args& args) {
    std::vector<std::string> options;
    for (const CLI::Option* o : app.get_options())
        for (const std::string& name : o->get_lnames()) options.push_back("--" + name);
    for (const std::string& arg : args) {
        if (arg == "--") break;
        if (!arg.starts_with("--")) continue;
        const std::string name = arg.substr(0, arg.find('='));
        if (std::ranges::find(options, name) != options.end()) continue;
        const std::vector<std::string_view> candidates(options.begin(), options.end());
        const auto near = closest(name, candidates);
        return near ? std::optional<std::string>(*near) : std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::span<const Command> commandTable() { return kCommands; }

int runCommandLine(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        return dispatch(args, out, err);
    } catch (const InputError& e) {
        out.flush();
        printErrors(e, err);
        return kExitUsage;
    } catch (const UsageError& e) {
        out.flush();
        err << "isocheck: error: " << e.what() << '\n';
        return kExitUsage;
    } catch (const InternalError& e) {
        out.flush();
        err << "isocheck: internal error: " << e.what() << " (this is a bug in isocheck)\n";
        return kExitInternal;
    } catch (const std::exception& e) {
        // Anything else escaping is also a bug, not a finding: report it the same way.
        out.flush();
        err << "isocheck: internal error: " << e.what() << " (this is a bug in isocheck)\n";
        return kExitInternal;
    }
}

std::optional<int> parseOptions(CLI::App& app, const Args& args, std::ostream& out) {
    // CLI11 consumes a vector from the back.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(std::move(reversed));
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        std::string what = e.what();
        if (const auto near = misspeltOption(app, args)) what += " (" + didYouMean(*near) + ')';
        throw UsageError(fmt::format("{}: {}; run '{} --help' for usage", app.get_name(), what,
                                     app.get_name()));
    }
    return std::nullopt;
}

void printErrors(const InputError& e, std::ostream& err) {
    for (const std::string& line : e.lines()) err << "isocheck: error: " << line << '\n';
}

void printWarnings(const History& h, std::ostream& err) {
    for (const std::string& line : formatDiagnostics(h.warnings, "warning"))
        err << "isocheck: warning: " << line << '\n';
}

void requireKnownModels(const std::vector<std::string>& names) {
    for (const std::string& name : names) {
        if (findModel(name) != nullptr) continue;
        std::string msg = fmt::format("unknown model \"{}\"", name);
        if (const auto near = suggestModel(name)) msg += " (" + didYouMean(*near) + ')';
        throw UsageError(msg + "; run 'isocheck models' for the list");
    }
}

// Files in the order given; a directory contributes its *.toml files,
// recursively, sorted by path so the order is the same on every machine.
std::vector<std::string> collectHistoryFiles(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code ec;
        const std::filesystem::file_status st = std::filesystem::status(path, ec);
        if (std::filesystem::is_regular_file(st)) {
            files.push_back(path);
        } else if (std::filesystem::is_directory(st)) {
            std::vector<std::string> found;
            for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
                 !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec) && it->path().extension() == ".toml")
                    found.push_back(it->path().generic_string());
            if (ec) throw UsageError(fmt::format("cannot read directory \"{}\": {}", path, ec.message()));
            // A CI job pointed at the wrong directory must not pass by checking nothing.
            if (found.empty())
                throw UsageError(fmt::format("no history files (*.toml) under \"{}\"", path));
            std::ranges::sort(found);
            files.insert(files.end(), found.begin(), found.end());
        } else {
            throw UsageError(fmt::format("no such file or directory: \"{}\"", path));
        }
    }
    return files;
}

}  // namespace isocheck
