#pragma once
// The explanations that compare levels (issue 7), as data: for every anomaly,
// phenomenon, deadlock and abort a model found, which rule of that model let
// it happen, and what the same witness schedule does under each other model
// run. checker/compare/explain.hpp computes them (by replaying witnesses);
// the reports print them.

#include <string>
#include <vector>

namespace isocheck {

/// What one finding's witness schedule does under another model.
struct Elsewhere {
    std::string model;
    bool same = false;   ///< it ran as the witness did there
    bool found = false;  ///< the replayed execution has the same finding
    /// `the same schedule runs and shows G-single too`, or the first
    /// difference and whether the finding survived it: `step 5: T2 op 2 "w x
    /// = x + 1" waits for T1 (lock on x); then T2 aborts: deadlock victim; no
    /// G-single`.
    std::string text;
};

struct Explanation {
    /// A few sentences: the steps of the witness that made the finding
    /// possible and the rule of the model that let each happen.
    std::string allowedBy;
    std::vector<Elsewhere> elsewhere;  ///< the other models run, in run order
};

/// Parallel to one ModelResult's findings of each kind.
struct ModelExplanations {
    std::vector<Explanation> anomalies;
    std::vector<Explanation> phenomena;
    std::vector<Explanation> deadlocks;
    std::vector<Explanation> aborts;
};

}  // namespace isocheck
