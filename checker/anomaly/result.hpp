#pragma once
// What exploring one history under one model found: the one structure every
// report (text, JSON, DOT, Markdown, JUnit) and `verify` read. Findings are
// data, never errors. Witnesses are traces: the events of the execution in
// order, scheduled ones forming the witness schedule (SPEC 1.3).

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "theory/catalogue.hpp"
#include "execution/control.hpp"
#include "execution/state.hpp"
#include "graph/dsg.hpp"

namespace isocheck {

using Trace = std::vector<Event>;

struct AnomalyFinding {
    AnomalyClass cls;
    std::string name;              ///< common name of this witness, e.g. "lost update"
    Trace witness;
    std::vector<DepEdge> cycle;    ///< empty for G1a / G1b
    std::string detail;            ///< G1a / G1b: which read, of which write
};

struct PhenomenonFinding {
    Phenomenon ph;
    Trace witness;
    std::vector<DepEdge> cycle;    ///< P4, A5A, A5B: the two edges
    std::string detail;            ///< P0-P3: which operation and versions
};

/// A probe of kOtherProbes (OTV, PMP) that some execution exhibits (anomaly/probes.hpp).
struct ProbeFinding {
    std::string probe;   ///< "OTV" or "PMP"
    Trace witness;
    std::string detail;  ///< what shows it, in words
};

struct DeadlockFinding {
    Trace witness;                 ///< the execution up to the moment the cycle exists
    std::vector<TxnId> cycle;      ///< waits-for cycle, starting at the victim
    TxnId victim = 0;
    std::vector<Wait> waits;       ///< per cycle member, in cycle order: what its next operation waits for
};

struct AbortFinding {
    AbortCause cause = AbortCause::User;
    TxnId txn = 0;
    Trace witness;                 ///< up to and including the abort
    std::string why;
};

struct FinalStateFinding {
    std::vector<std::pair<KeyId, Value>> rows;  ///< rows that exist, by KeyId
    bool serializable = false;
    Trace witness;
    std::vector<std::size_t> violates;  ///< indexes into History::invariants, ascending (follows from rows)
    auto operator<=>(const FinalStateFinding& o) const {
        if (auto c = rows <=> o.rows; c != 0) return c;
        return serializable <=> o.serializable;
    }
    bool operator==(const FinalStateFinding& o) const {
        return rows == o.rows && serializable == o.serializable;
    }
};

/// A final state that violates an invariant (SPEC 1.1); one per invariant.
struct InvariantFinding {
    std::size_t invariant = 0;                  ///< index into History::invariants
    std::vector<std::pair<KeyId, Value>> rows;  ///< the witness's final state
    Trace witness;
};

struct ExploreStats {
    std::uint64_t executions = 0;           ///< complete executions explored
    std::uint64_t distinctExecutions = 0;   ///< distinct outcomes among them
    std::uint64_t states = 0;               ///< states visited
    std::vector<std::string> reductions;    ///< reductions in force, e.g. "sleep-sets"
    double seconds = 0;                     ///< wall time of this model's run
    std::uint64_t peakMemoryKb = 0;         ///< the process's peak resident set after the run
};

/// For a fixed schedule: whether it can happen under the model, and if not why.
struct ScheduleVerdict {
    bool possible = true;
    std::size_t failedAt = 0;      ///< index into the schedule of the step that cannot happen
    std::string why;               ///< e.g. `T2 op 2 "w x = x + 1" waits for T1`
    Trace trace;                   ///< what ran (the whole execution when possible)
    Wait wait{};                   ///< when the step waits: on whom (waitsFor 0 when its transaction had ended)
    std::vector<StepOutcome> outcomes{};  ///< a transcript's, one per step taken
};

/// An expected or found value: the names of a set (anomalies, phenomena),
/// a truth value, or none (`possible` in a file without a fixed schedule).
using ExpectationValue = std::variant<std::monostate, bool, std::vector<std::string>>;

struct ExpectationMismatch {
    std::string key;               ///< "anomalies", "deadlock", ...
    std::string expected;          ///< as the text report prints it: `["G-single"]`, `true`
    std::string found;
    ExpectationValue expectedValue{};  ///< the same as values, for the JSON report
    ExpectationValue foundValue{};
};

struct ModelResult {
    std::string model;
    bool complete = true;          ///< false when a bound or an interrupt stopped the work
    StopReason stopReason = StopReason::None;  ///< why, when not complete
    std::vector<AnomalyFinding> anomalies;      ///< one per class, catalogue order
    std::vector<PhenomenonFinding> phenomena;   ///< one per phenomenon, catalogue order
    std::vector<DeadlockFinding> deadlocks;     ///< one per distinct cycle
    std::vector<AbortFinding> aborts;           ///< one per (cause, txn)
    std::vector<FinalStateFinding> finalStates; ///< distinct (state, serializable), sorted
    std::vector<InvariantFinding> invariantViolations;  ///< one per violated invariant, file order
    /// The file's probes among OTV and PMP that some execution exhibits, in
    /// kOtherProbes order (its class and phenomenon probes are in the lists above).
    std::vector<ProbeFinding> probes;
    ExploreStats stats;
    std::optional<ScheduleVerdict> schedule;    ///< set when the file fixes a schedule
    bool snapshotTooOld = false;
    bool expectationsChecked = false;
    std::vector<ExpectationMismatch> mismatches;
};

struct FileResult {
    std::vector<ModelResult> models;
};

}  // namespace isocheck
