#pragma once
// The command line (SPEC section 4): `isocheck COMMAND ARGS...`. main() is a
// thin wrapper around runCommandLine, which tests call in-process too.

#include <iosfwd>
#include <string>
#include <vector>

namespace isocheck {

/// Exit codes of SPEC section 4, plus EX_SOFTWARE for broken invariants.
enum ExitCode : int {
    kExitOk = 0,                 ///< done, every expectation met
    kExitExpectationFailed = 1,  ///< an expectation failed
    kExitUsage = 2,              ///< bad input or usage
    kExitIncomplete = 3,         ///< --max-states, --timeout or an interrupt stopped the work
    kExitInternal = 70,          ///< a bug in isocheck (InternalError)
};

/// Runs `isocheck args...` (`args` without the program name), writing the
/// report to `out` and errors to `err`; returns the exit code.
[[nodiscard]] int runCommandLine(const std::vector<std::string>& args, std::ostream& out,
                                 std::ostream& err);

}  // namespace isocheck
