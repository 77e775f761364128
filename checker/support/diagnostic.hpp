#pragma once
// Bad input is reported as one Diagnostic: where (file, line, column), which
// transaction and operation, what is wrong and what would be right. It is a
// value; the loader throws it as InputError and the command line prints it
// and exits with 2. Broken invariants are not diagnostics: see assert.hpp.

#include <optional>
#include <stdexcept>
#include <string>

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
    std::string txn;        ///< transaction name, empty when none applies
    int opIndex = -1;       ///< 0-based operation index, -1 when none applies
    std::string opText;     ///< the operation as written
    std::string message;    ///< what is wrong
    std::string hint;       ///< what would be right, may be empty

    /// `file:line:col: T2 op 2 "w x = y + 1": message (hint)`
    [[nodiscard]] std::string format() const;
};

/// Thrown by the loader and the command line for bad input (exit code 2).
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostic d);
    [[nodiscard]] const Diagnostic& diagnostic() const noexcept { return diag_; }

private:
    Diagnostic diag_;
};

}  // namespace isocheck
