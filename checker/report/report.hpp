#pragma once
// The reports: text (for people, the default), JSON (SPEC section 5, for
// scripts), DOT (the witness cycles for Graphviz), Markdown (for a teacher to
// paste) and JUnit XML (for CI, from `verify`). All of them read the same
// ModelResult and write witnesses with the one trace printer (trace.hpp).
// Output depends only on the input: no addresses, times or hash order.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

/// One history file as the commands checked it.
struct CheckedFile {
    std::string path;     ///< as given on the command line
    History history;      ///< valid when `error` is empty
    FileResult result;
    std::string error;    ///< bad input: the formatted diagnostic
};

[[nodiscard]] std::string textReport(const History& h, const FileResult& r);
/// One JSON object for one file, an array of them for several (SPEC 5).
[[nodiscard]] std::string jsonReport(std::span<const CheckedFile> files);
[[nodiscard]] std::string dotReport(const History& h, const FileResult& r);
[[nodiscard]] std::string markdownReport(const History& h, const FileResult& r);
/// One testsuite per file, one testcase per model with expectations.
[[nodiscard]] std::string junitReport(std::span<const CheckedFile> files);

/// `read-committed: 20 executions (18 distinct), 140 states` plus the bound
/// when --max-states stopped the work.
[[nodiscard]] std::string statsLine(const ModelResult& m);

/// `3 states`, `1 state`.
[[nodiscard]] std::string plural(std::uint64_t n, std::string_view noun);

/// `anomalies: expected ["G-single"] found []`.
[[nodiscard]] std::string formatMismatch(const ExpectationMismatch& m);

}  // namespace isocheck
