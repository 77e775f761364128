#pragma once
// How much work exploring a history may be, estimated before exploring it,
// so that `check` can warn about a run that cannot finish in reasonable time
// and name the options that bound it (issue 5 item 6).

#include <optional>
#include <string>

#include "run/run.hpp"
#include "history/history.hpp"

namespace isocheck {

/// Estimates as base-10 logarithms: the counts overflow any integer (and a
/// double, beyond 170 operations).
struct WorkEstimate {
    double interleavings = 0;  ///< log10 of the number of interleavings
    double executions = 0;     ///< log10 of the estimated distinct executions
};

/// Interleavings: the multinomial coefficient (n1 + ... + nk)! / (n1! ... nk!)
/// of the transactions' operation counts, what `--reduction none` walks (less
/// what waits and aborts cut short). Distinct executions, what the reduction
/// walks: per key, the orders of its W writes (W!) times the versions its R
/// reads can read (at most R! orders relative to the writes, at most (W + 1)^R
/// choices), multiplied over keys and capped by the interleavings; a
/// predicate read counts as a read of every key. This ignores locks, waits and
/// aborts: it is exact for `read-committed` on the counter family ((N!)^2:
/// 4, 36, 576 for N = 2, 3, 4) and above what the locking and snapshot models
/// explore (counter-4: 148 under `snapshot`, 75 under `serializable`).
[[nodiscard]] WorkEstimate estimateWork(const History& h);

/// Above these (log10), `check` warns before exploring: about 1e8
/// interleavings without reduction; about 1e10 estimated distinct executions
/// with it. As the estimate runs one to three orders of magnitude above what
/// the locking and snapshot models explore, 1e10 is where those too reach
/// tens of millions of executions (minutes of work): counter-8 (1.6e9) and
/// transfer-7 (3.7e9) get no warning, counter-9 (1.3e11) and transfer-8
/// (9.4e11) do.
inline constexpr double kWarnInterleavings = 8;
inline constexpr double kWarnExecutions = 10;

/// The warning for `h` under `reduction`, without the `isocheck: warning: `
/// prefix, or nullopt when the estimate is below the threshold or the file
/// fixes a schedule (one execution).
[[nodiscard]] std::optional<std::string> workWarning(const History& h, Reduction reduction);

/// `4.2e14` for log10 = 14.62; plain digits below a million.
[[nodiscard]] std::string formatMagnitude(double log10);

}  // namespace isocheck
