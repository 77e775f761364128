#pragma once
// Runs one history under each selected model: exhaustive exploration, or the
// fixed schedule alone when the file gives one, then collects the findings
// and checks the file's expectations. The single entry point of the commands.

#include <cstdint>
#include <string>
#include <vector>

#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

struct RunOptions {
    std::vector<std::string> onlyModels;  ///< --model; empty = the file's `models`, else all
    std::uint64_t maxStates = 0;          ///< --max-states; 0 = unbounded
};

/// The models a run covers, in registry order: --model, else the file's list, else all.
[[nodiscard]] std::vector<std::string> selectedModels(const History& h, const RunOptions& o);

[[nodiscard]] FileResult runHistory(const History& h, const RunOptions& o);

}  // namespace isocheck
