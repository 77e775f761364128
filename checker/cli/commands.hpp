#pragma once
// The commands, as one static table of {name, summary, run} (as Ninja's
// subtools): the table lists itself in --help and answers unknown names with
// "did you mean". Each command parses its own options with CLI11.

#include <iosfwd>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace isocheck {

/// A command's arguments: everything after the command name.
using Args = std::vector<std::string>;

struct Command {
    std::string_view name;
    std::string_view summary;  ///< one line, for `isocheck --help`
    int (*run)(const Args& args, std::ostream& out, std::ostream& err);
};

[[nodiscard]] std::span<const Command> commandTable();

/// Bad usage of the command line (exit 2); the message says what would be right.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Parses `args` into `app`. Returns an exit code when parsing ends the
/// command (--help: 0); throws UsageError on bad options.
[[nodiscard]] std::optional<int> parseOptions(CLI::App& app, const Args& args, std::ostream& out);

/// Prints every diagnostic of `e` (at most kMaxShownDiagnostics per file),
/// each as `isocheck: error: ...`.
void printErrors(const class InputError& e, std::ostream& err);

/// Prints the loader's warnings about `h` as `isocheck: warning: ...`; they
/// do not change the exit code.
void printWarnings(const struct History& h, std::ostream& err);

/// Throws UsageError naming the first unknown model, with "did you mean".
void requireKnownModels(const std::vector<std::string>& names);

/// The exit code of a check or merge (SPEC 4): 3 when some model's run is
/// incomplete, else 1 when an expectation failed, else 0.
[[nodiscard]] int exitCodeOf(std::span<const struct CheckedFile> files);

/// The history files under `paths` in the order given; a directory gives its
/// *.toml files, recursively, sorted by path. Throws UsageError for a path
/// that does not exist and for a directory without history files.
[[nodiscard]] std::vector<std::string> collectHistoryFiles(const std::vector<std::string>& paths);

int runMatrix(const Args& args, std::ostream& out, std::ostream& err);
int runCheck(const Args& args, std::ostream& out, std::ostream& err);
int runMerge(const Args& args, std::ostream& out, std::ostream& err);
int runVerify(const Args& args, std::ostream& out, std::ostream& err);
int runValidate(const Args& args, std::ostream& out, std::ostream& err);
int runModels(const Args& args, std::ostream& out, std::ostream& err);
int runExercise(const Args& args, std::ostream& out, std::ostream& err);
int runSearch(const Args& args, std::ostream& out, std::ostream& err);
int runLive(const Args& args, std::ostream& out, std::ostream& err);

}  // namespace isocheck
