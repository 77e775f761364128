#pragma once
// Bad input is reported as Diagnostics: where (file, line, column), which
// transaction and operation, what is wrong and what would be right. A
// Diagnostic is a value; the loader collects every one it finds in a file
// (DiagnosticList) and throws them together as InputError, which the command
// line prints and exits with 2. Broken invariants are not diagnostics: see
// assert.hpp.

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace isocheck {

/// A position in a source file; line and column are 1-based, 0 = unknown.
struct SourcePos {
    unsigned line = 0;
    unsigned column = 0;
    auto operator<=>(const SourcePos&) const = default;
};

struct Diagnostic {
    std::string file;
    SourcePos pos;
    std::string txn;      ///< transaction name, empty when none applies
    int opIndex = -1;     ///< 0-based operation index, -1 when none applies
    std::string opText;   ///< the operation as written
    std::string message;  ///< what is wrong
    std::string hint;     ///< what would be right, may be empty

    /// `file:line:col: T2 op 2 "w x = y + 1": message (hint)`
    [[nodiscard]] std::string format() const;
};

/// At most this many diagnostics of one file are printed; the rest are counted.
inline constexpr std::size_t kMaxShownDiagnostics = 20;

/// One line per diagnostic, in order, at most kMaxShownDiagnostics of each
/// file; past that, one line `FILE: and N more NOUNs` (`noun` singular).
[[nodiscard]] std::vector<std::string> formatDiagnostics(std::span<const Diagnostic> all,
                                                         std::string_view noun);

/// Thrown by the loader and the command line for bad input (exit code 2):
/// every diagnostic found, at least one.
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostic d);
    /// `all` must not be empty.
    explicit InputError(std::vector<Diagnostic> all);
    /// The first diagnostic.
    [[nodiscard]] const Diagnostic& diagnostic() const noexcept { return diags_.front(); }
    [[nodiscard]] std::span<const Diagnostic> diagnostics() const noexcept { return diags_; }
    /// formatDiagnostics(diagnostics(), "error").
    [[nodiscard]] std::vector<std::string> lines() const;

private:
    std::vector<Diagnostic> diags_;
};

/// The diagnostics of one input, collected so that every error is reported,
/// not only the first: a reader runs each part that can fail on its own
/// (`attempt`) and goes on with the next.
class DiagnosticList {
public:
    void add(Diagnostic d) { diags_.push_back(std::move(d)); }
    void add(const InputError& e);

    /// Runs `f`; an InputError it throws is added. Returns whether `f` completed.
    template <typename F>
    bool attempt(F&& f) {
        try {
            std::forward<F>(f)();
            return true;
        } catch (const InputError& e) {
            add(e);
            return false;
        }
    }

    [[nodiscard]] bool empty() const noexcept { return diags_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return diags_.size(); }

    /// Throws InputError with every diagnostic, in file order (those without
    /// a line last, in the order found), if there is any.
    void throwIfAny() const;

private:
    std::vector<Diagnostic> diags_;
};

}  // namespace isocheck
