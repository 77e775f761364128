#pragma once
// The explanations that compare levels (anomaly/explanation.hpp): for each
// finding, the steps of its witness that made it possible, each with the rule
// of the model that let it happen (a read lock released early, a snapshot
// read, a reader that takes no lock, ...), then the witness replayed under
// every other model run (compare/replay.hpp).

#include <vector>

#include "anomaly/explanation.hpp"
#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

/// Parallel to `r.models`. A file with a fixed schedule gets the rules but
/// no replays: its one schedule already ran under every model.
[[nodiscard]] std::vector<ModelExplanations> explainFindings(const History& h, const FileResult& r);

}  // namespace isocheck
