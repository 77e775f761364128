#pragma once
// How every report writes an execution: one printer for witness traces,
// schedules, values, final states and dependency cycles, shared by the text,
// JSON, DOT, Markdown and JUnit reports so that a witness reads the same
// everywhere. Steps follow Hermitage (`T2:w x=11`); cycles are printed by
// graph/format.hpp (`T1 -rw[x]-> T2 -ww[x]-> T1`).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "anomaly/result.hpp"
#include "graph/format.hpp"
#include "history/history.hpp"

namespace isocheck {

/// One operation of a trace as printed: the events one operation logged
/// (`u K = E` logs a Read and a Write) make one step. Beside the text, what
/// the step did, for the JSON report's structured trace.
struct TraceStep {
    TxnId txn = 0;
    bool scheduled = true;  ///< false for a deadlock victim's abort
    std::string text;       ///< `T1:r x=10`, `T2:abort (serialization failure)`
    std::uint16_t op = 0;   ///< index into the transaction's ops
    /// "read", "read-for-update", "write", "update", "delete", "select",
    /// "update-where", "delete-where", "commit", "abort" (also an operation
    /// whose effect was to abort).
    std::string_view kind;
    std::optional<Event> read;            ///< read, read-for-update, update: what it read
    std::optional<Event> write;           ///< write, update, delete: the version it installed
    std::optional<PredicateId> predicate; ///< select, update-where, delete-where
    std::vector<KeyId> rows;              ///< select: the rows it returned, ascending
    /// One row a predicate write wrote: what it read (update-where) and the
    /// version it installed.
    struct RowWrite {
        std::optional<Event> read;
        Event write;
    };
    std::vector<RowWrite> writes;         ///< update-where, delete-where: ascending by key
    AbortCause cause = AbortCause::None;  ///< abort
};

/// The kind of an operation as the JSON report names it: "read",
/// "read-for-update", "write", "update", "delete", "select", "update-where",
/// "delete-where", "commit", "abort".
[[nodiscard]] std::string_view opKindName(OpKind k);

/// The steps of a trace, in order. A predicate read shows the rows it
/// returned (`T1:select value > 5 -> {x,z}`) when `reads`, the execution's
/// State::predicateReads, is given; a Trace alone does not record them.
[[nodiscard]] std::vector<TraceStep> traceSteps(const History& h, const Trace& t,
                                                std::span<const PredicateObservation> reads = {});

/// The steps joined by two spaces: `T1:r x=10  T2:r x=10  T1:w x=11  T1:commit`.
[[nodiscard]] std::string formatTrace(const History& h, const Trace& t,
                                      std::span<const PredicateObservation> reads = {});

/// The witness schedule (SPEC 1.3): the transaction of every scheduled step.
[[nodiscard]] std::vector<std::string> traceSchedule(const History& h, const Trace& t);

/// The witness schedule as a line to paste into a history file:
/// `schedule = ["T1", "T2", "T1", "T1", "T2", "T2"]` (SPEC 1.3).
[[nodiscard]] std::string scheduleLine(const History& h, const Trace& t);

/// `10`, or `null` for a missing row or null value.
[[nodiscard]] std::string formatValue(Value v);

/// "serialization failure", "deadlock victim", "snapshot too old", "user".
[[nodiscard]] std::string causeName(AbortCause c);

/// `x=11 y=null`, or `(no rows)`.
[[nodiscard]] std::string formatRows(const History& h,
                                     const std::vector<std::pair<KeyId, Value>>& rows);

/// The cycle in plain words, as Elle explains: what each edge means (graph/
/// format.hpp describes them) and why together they leave no serial order.
[[nodiscard]] std::string explainCycle(const History& h, const std::vector<DepEdge>& cycle);

/// `T2 waits for T1, which waits for T2`.
[[nodiscard]] std::string formatWaitsFor(const History& h, const std::vector<TxnId>& cycle);

}  // namespace isocheck
