#pragma once
// The matrix across levels as data (issue 7; SPEC 4 `--brief` and `isocheck
// matrix`): one row per anomaly class, phenomenon, deadlock and snapshot too
// old, one column per model run, and in each cell whether some execution
// under that model exhibits the row, or, when another model's does, how this
// model prevents it. checker/compare computes it; the reports print it.

#include <string>
#include <vector>

namespace isocheck {

/// One row: `code` is a catalogue name (G0 ... G2, P0 ... A5B) or one of
/// "deadlock", "snapshot-too-old" and "invariant" (some final state violates
/// an invariant of the file).
struct MatrixRow {
    std::string code;
    std::string name;  ///< common name, e.g. "lost update"
};

struct MatrixCell {
    enum class State : unsigned char {
        Possible,     ///< some execution under this model exhibits the row
        Prevented,    ///< another model's witness does not reach it here; `how` says why
        NotSeen,      ///< no model run on the file(s) exhibits the row
        Unknown,      ///< this model's run was incomplete and found nothing
    };
    State state = State::NotSeen;
    /// Prevented: "waits for a lock", "deadlock", "aborts (first-updater-wins)",
    /// "aborts (first-committer-wins)", "aborts (SSI)", "aborts (snapshot too old)",
    /// "reads another version".
    std::string how;
    std::string file;  ///< in a matrix over files: the first file that decided the cell
    /// With one row per file (LevelMatrix::byFile), a possible cell: what the
    /// model exhibits on the file, as row codes in catalogue order.
    std::vector<std::string> exhibits;
    std::string detail;  ///< the step that prevents it, e.g. `T2 op 2 "w x = x + 1" waits for T1 (lock on x)`
};

/// A column: a model as run, with its `[model.NAME]` options when the file sets some.
struct MatrixColumn {
    std::string model;  ///< "snapshot"
    std::string label;  ///< "snapshot", or "snapshot (first-committer-wins)" with options
    bool operator==(const MatrixColumn&) const = default;
};

struct LevelMatrix {
    /// `isocheck matrix --rows files`: one row per file (code its path, name
    /// its title) instead of one per anomaly class, phenomenon, ...
    bool byFile = false;
    /// byFile, and every file has `probes` (Hermitage's table): a cell is only
    /// possible or prevented, and Markdown prints it in Hermitage's style.
    bool probes = false;
    std::vector<MatrixColumn> columns;
    std::vector<MatrixRow> rows;               ///< every row, catalogue order
    std::vector<std::vector<MatrixCell>> cells;  ///< [row][column]
};

}  // namespace isocheck
