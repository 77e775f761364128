#pragma once
// One witness schedule, run under another model. Both the matrix across
// levels (how a model prevents a row) and the explanations (what the same
// schedule does under each other level) ask this one question, so one
// function answers it.
//
// The witness's schedule is submitted step by step, as the user would type
// it: a step that would wait lets the next step of another transaction go
// first, and once a transaction has ended (aborted) its remaining steps are
// dropped and the rest runs as a fixed schedule's tail does (SPEC 3.1). The
// earliest difference from the witness is then named: a read of another
// version before any wait (a read after a wait reads otherwise because of
// it), else the first abort by the model (a wait before it included), else
// the first wait.

#include <cstddef>
#include <string>

#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

struct Replay {
    enum class Difference : unsigned char {
        None,       ///< the schedule ran as the witness did
        OtherRead,  ///< a read saw another version than the witness's read
        Aborts,     ///< the model aborted a transaction (a wait may come first)
        Waits,      ///< a step had to wait for a lock
    };
    Difference difference = Difference::None;
    /// The matrix's words for the difference: "waits for a lock", "deadlock",
    /// "aborts (first-updater-wins)", "aborts (first-committer-wins)",
    /// "aborts (SSI)", "aborts (snapshot too old)", "reads another version";
    /// "prevented" when nothing differed.
    std::string how;
    /// The difference as a clause: `step 5: T2 op 2 "w x = x + 1" waits for
    /// T1 (lock on x); then T2 aborts: deadlock victim`.
    std::string detail;
    /// What the run that ended the replay found: the replayed execution's
    /// findings (its schedule verdict says what ran).
    ModelResult result;
};

/// Runs `witness`'s schedule under `model` (as `h` configures it).
[[nodiscard]] Replay replayWitness(const History& h, const std::string& model, const Trace& witness);

}  // namespace isocheck
