#pragma once
// Classification of one complete execution: Adya's classes from the cycles
// of its DSG (plus G1a and G1b by definition) and Berenson's phenomena judged
// on the versions actually read and written (SPEC section 3, specs/semantics.md).
// Witness traces are left empty here; the collector fills them.

#include <vector>

#include "anomaly/result.hpp"
#include "explore/state.hpp"
#include "history/history.hpp"

namespace isocheck {

struct Classification {
    std::vector<AnomalyFinding> anomalies;     ///< at most one per class, catalogue order
    std::vector<PhenomenonFinding> phenomena;  ///< at most one per phenomenon, catalogue order
};

[[nodiscard]] Classification classify(const History& h, const State& leaf, const Log& log);

}  // namespace isocheck
