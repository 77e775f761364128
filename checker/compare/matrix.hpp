#pragma once
// Computes the matrix across levels (anomaly/matrix.hpp). "How" a model
// prevents a row is found by replaying, under this model, the witness
// schedule of the first model (in the order they ran) that exhibits the row:
// operations are submitted in the witness's order, one that has to wait lets
// the next transaction's step go first, and the first thing that keeps the
// row from happening names the cell: a lock wait, a deadlock, an abort by a
// named rule, or reading another version than the witness read.

#include <span>
#include <string>
#include <vector>

#include "anomaly/matrix.hpp"
#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

/// The matrix of one file from its run. Replays witnesses, so it runs models.
[[nodiscard]] LevelMatrix levelMatrix(const History& h, const FileResult& r);

/// The matrix over several files: the union of their columns (in the order
/// first seen); a cell is possible when some file's is (naming the first such
/// file), else prevented when some file's is (the first), else unknown when
/// some file's is, else not seen.
[[nodiscard]] LevelMatrix mergeMatrices(std::span<const std::pair<std::string, LevelMatrix>> files);

/// One row per file (SPEC 4, `isocheck matrix --rows files`): for each file
/// (path, title, its matrix) and model, possible with every row the model
/// exhibits on the file, else prevented as the file's first prevented row
/// says, else unknown, else not seen. Columns as for mergeMatrices. A file
/// with `probes` (Hermitage's table, specs/engines/README.md) counts only
/// what it probes: possible with the probes the model exhibits, else
/// prevented (unknown when the run was incomplete).
struct FileMatrix {
    std::string path;
    std::string title;
    LevelMatrix matrix;
    std::vector<std::string> probes = {};  ///< the file's `probes`
    const FileResult* result = nullptr;    ///< its run, columns in order: needed with probes
};
[[nodiscard]] LevelMatrix matrixByFile(std::span<const FileMatrix> files);

/// The column label of `model` as `h` configures it: "snapshot", or
/// "snapshot (first-committer-wins)" with options.
[[nodiscard]] std::string columnLabel(const History& h, const std::string& model);

}  // namespace isocheck
