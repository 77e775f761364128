#pragma once
// Shared by the parts of the loader that walk the TOML tree: positions of
// nodes and keys, the one way to fail with a Diagnostic, and the check that a
// table holds no keys it should not. Private to checker/history.

#include <toml++/toml.h>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "support/diagnostic.hpp"
#include "support/spelling.hpp"

namespace isocheck {

[[nodiscard]] SourcePos posOf(const toml::source_region& region);
[[nodiscard]] SourcePos posOf(const toml::node& node);

/// The keys of the top level, in the order SPEC 1 lists them.
inline constexpr std::array<std::string_view, 12> kTopKeys{
    "title",   "description", "models", "probes", "schedule", "transcript", "history",
    "initial", "invariants",  "txn",    "expect", "model"};

/// "an integer", "a string", ...: what a node is, for "must be X, not Y".
[[nodiscard]] std::string describeType(const toml::node& node);

/// The hint for a top-level key found inside a table, or empty when `key` is
/// not a top-level key.
[[nodiscard]] std::string misplacedTopKeyHint(std::string_view key);

/// `text` with quotes, backslashes and control characters escaped (\", \n,
/// \u0000), to show inside quotes in a diagnostic.
[[nodiscard]] std::string printable(std::string_view text);

/// Whether `text` holds a control character (below U+0020, or U+007F).
[[nodiscard]] bool hasControl(std::string_view text);

/// "a, b and c"
[[nodiscard]] std::string joinNames(std::span<const std::string_view> names);

/// The file being loaded: its name for diagnostics and its text, so that a
/// position inside a string value can be found.
class TomlInput {
public:
    TomlInput(std::string file, std::string_view source)
        : file_(std::move(file)), source_(source) {}

    [[nodiscard]] const std::string& file() const { return file_; }

    /// A Diagnostic at `pos` with nothing else filled in.
    [[nodiscard]] Diagnostic at(SourcePos pos) const;

    /// A Diagnostic at `pos` with `message` and `hint`.
    [[nodiscard]] Diagnostic error(SourcePos pos, std::string message, std::string hint = {}) const;

    /// Throws error(pos, message, hint).
    [[noreturn]] void fail(SourcePos pos, std::string message, std::string hint = {}) const;

    /// Adds to `errors`, in file order, one diagnostic per key of `table` not
    /// in `allowed`: "CONTEXT: unknown NOUN "k" (did you mean "l"?)", or
    /// `otherwise` as the hint when no allowed key is close.
    void checkKeys(const toml::table& table, std::span<const std::string_view> allowed,
                   std::string_view context, std::string_view noun, const std::string& otherwise,
                   DiagnosticList& errors) const;

    /// The position of byte `offset` of the string value `node`. Exact when the
    /// string is written on one line without escapes before `offset`; otherwise
    /// the position of the string itself.
    [[nodiscard]] SourcePos posInString(const toml::node& node, std::size_t offset) const;

private:
    std::string file_;
    std::string_view source_;
};

}  // namespace isocheck
