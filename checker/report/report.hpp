#pragma once
// The reports: text (for people, the default), JSON (SPEC section 5, for
// scripts), DOT (the witness cycles for Graphviz), Markdown (for a teacher to
// paste) and JUnit XML (for CI, from `verify`). All of them read the same
// ModelResult and write witnesses with the one trace printer (trace.hpp).
// Output depends only on the input: no addresses or hash order. The one
// exception is a run's seconds and peak memory (statsLine, JSON `stats`,
// Markdown), written in fixed shapes that tests strip (tests/timings.hpp).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "anomaly/explanation.hpp"
#include "anomaly/matrix.hpp"
#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

/// One history file as the commands checked it.
struct CheckedFile {
    std::string path;     ///< as given on the command line
    History history;      ///< valid when `error` is empty
    FileResult result;
    std::string error;    ///< bad input: the formatted diagnostic
    LevelMatrix matrix;   ///< the matrix across levels; no columns when not computed (a shard)
    /// Parallel to result.models: how each finding came about and what its
    /// witness does under the other models; empty when not computed (a shard).
    std::vector<ModelExplanations> explanations;
};

/// `matrix`, when given, is printed after the file's header, before the
/// models; `explanations`, when given (parallel to r.models), after each
/// finding's witness.
[[nodiscard]] std::string textReport(const History& h, const FileResult& r,
                                     const LevelMatrix* matrix = nullptr,
                                     std::span<const ModelExplanations> explanations = {});
/// The header of the text report alone (file, title, rows, transactions, schedule).
[[nodiscard]] std::string textHeader(const History& h);
/// The `format_version` of every JSON report object (SPEC 5, amended;
/// specs/report.md). `isocheck merge` reads this version and no other.
inline constexpr int kJsonFormatVersion = 1;

/// One JSON object for one file, an array of them for several (SPEC 5).
[[nodiscard]] std::string jsonReport(std::span<const CheckedFile> files);
/// One Graphviz digraph for all `files` (a cluster per file and model, a legend).
[[nodiscard]] std::string dotReport(std::span<const CheckedFile> files);
/// The same for one history.
[[nodiscard]] std::string dotReport(const History& h, const FileResult& r);
/// `# Title` and a blank line: the file's title (else its path), escaped.
[[nodiscard]] std::string markdownHeading(const History& h);
/// `explanations`, when given (parallel to r.models), follow each model's findings.
/// User text is escaped: no raw HTML, no markup in the title, code spans
/// that no backtick closes early.
[[nodiscard]] std::string markdownReport(const History& h, const FileResult& r,
                                         std::span<const ModelExplanations> explanations = {});
/// The report of `files` in `format` (text, json, dot, markdown or html), as check
/// and merge print it: one JSON document, or the files' reports one after
/// another, separated by a blank line.
/// With `brief`, text and Markdown give each file's header and matrix only.
[[nodiscard]] std::string renderReport(const std::string& format, std::span<const CheckedFile> files,
                                       bool brief = false);

/// Whether the report in `format` prints explanations (CheckedFile::
/// explanations), so that the commands compute them only then.
[[nodiscard]] bool explains(std::string_view format, bool brief);

/// The matrix across levels: a terminal table with a legend, a Markdown
/// table, and the JSON object of the report's `matrix` field (specs/report.md).
/// `everyRow`: also the rows no model exhibits (else one line names them).
[[nodiscard]] std::string matrixText(const LevelMatrix& m, bool everyRow = false);
[[nodiscard]] std::string matrixMarkdown(const LevelMatrix& m);
[[nodiscard]] nlohmann::ordered_json matrixJson(const LevelMatrix& m);
/// An HTML table; a prevented cell's title is its detail. User text escaped.
[[nodiscard]] std::string matrixHtml(const LevelMatrix& m);

/// One self-contained HTML page for all `files` (inline CSS and SVG, no
/// script, nothing fetched): per file the history, the matrix, per model
/// every finding with swimlanes, its cycle drawn, its schedule and its
/// explanations.
[[nodiscard]] std::string htmlReport(std::span<const CheckedFile> files);
/// A whole page around `body` (HTML), with the report's style and arrowheads.
[[nodiscard]] std::string htmlPage(std::string_view title, std::string_view body);
/// One testsuite per file, one testcase per model with expectations.
[[nodiscard]] std::string junitReport(std::span<const CheckedFile> files);

/// One line per model, the same in every run apart from the time and memory:
/// `snapshot: 1,305 executions (1,305 distinct), 4,211 states, reductions:
/// sleep-sets, 0.02 s, 12 MB`, then `; INCOMPLETE: stopped by --timeout` when
/// the work was stopped. A model the stop came before reads
/// `snapshot: not explored; INCOMPLETE: stopped by --timeout before it started`.
[[nodiscard]] std::string statsLine(const ModelResult& m);

/// The figures of statsLine without the model's name and the stop:
/// `1,305 executions (1,305 distinct), 4,211 states, reductions: sleep-sets, 0.02 s, 12 MB`.
[[nodiscard]] std::string statsFigures(const ExploreStats& s);

/// Whether a stop came before the model's exploration began: incomplete and
/// not one state visited (the command line fills in such results when a
/// timeout or an interrupt ends a run of several models or files).
[[nodiscard]] bool notExplored(const ModelResult& m);

/// What stopped an incomplete run, as the reports say it after "stopped by":
/// `--max-states`, `--timeout`, `an interrupt`.
[[nodiscard]] std::string_view stoppedBy(const ModelResult& m);

/// Whether the file states expectations for the model: a complete run judges
/// them (`expectationsChecked`), an incomplete one says "not judged".
[[nodiscard]] bool hasExpectations(const History& h, const ModelResult& m);

/// An empty list of findings: `none`, or `none found so far` when the run
/// was incomplete (SPEC 4: an incomplete run never says there are none).
[[nodiscard]] std::string_view noneFound(const ModelResult& m);

/// `3 states`, `1 state`, `1,305 states`.
[[nodiscard]] std::string plural(std::uint64_t n, std::string_view noun);

/// `1,305`: digits grouped by threes, whatever the locale.
[[nodiscard]] std::string grouped(std::uint64_t n);

/// `anomalies: expected ["G-single"] found []`.
[[nodiscard]] std::string formatMismatch(const ExpectationMismatch& m);

}  // namespace isocheck
