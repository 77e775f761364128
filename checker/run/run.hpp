#pragma once
// Runs one history under each selected model: exhaustive exploration, or the
// fixed schedule alone when the file gives one, then collects the findings
// and checks the file's expectations. The single entry point of the commands.

#include <cstdint>
#include <string>
#include <vector>

#include "anomaly/result.hpp"
#include "execution/control.hpp"
#include "explore/explorer.hpp"
#include "history/history.hpp"

namespace isocheck {

struct RunOptions {
    std::vector<std::string> onlyModels;  ///< --model; empty = the file's `models`, else all
    std::uint64_t maxStates = 0;          ///< --max-states; 0 = unbounded
    Reduction reduction = Reduction::Cached;  ///< --reduction
    unsigned jobs = 1;                    ///< --jobs: worker threads
    unsigned shardIndex = 0;              ///< --shard K/N: K - 1
    unsigned shardCount = 1;              ///< --shard K/N: N
    RunControl* control = nullptr;        ///< stop requests and progress; may be null
    std::uint64_t wholeTreeStates = kWholeTreeStates;  ///< see ExploreLimits
};

/// The names of the reductions in force, as stats list them:
/// `["persistent-sets", "sleep-sets", "state-cache"]`, `["sleep-sets"]` or none.
[[nodiscard]] std::vector<std::string> reductionNames(Reduction r);
/// The reduction a report's stats name (the inverse of reductionNames).
[[nodiscard]] Reduction reductionNamed(const std::vector<std::string>& names);

/// The models a run covers, in registry order: --model, else the file's list, else all.
[[nodiscard]] std::vector<std::string> selectedModels(const History& h, const RunOptions& o);

[[nodiscard]] FileResult runHistory(const History& h, const RunOptions& o);

}  // namespace isocheck
