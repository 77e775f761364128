#pragma once
// Reads a JSON report (SPEC section 5) back: what `isocheck merge` needs of
// the shards' reports. Each finding keeps its key (what identifies it within
// its list, as the collector keys it), its witness schedule and the object as
// written, so that a finding rebuilt by replaying the witness can be compared
// with the one the shard reported. Nothing here knows about models or
// exploration; a report that is not what `check --format json` writes is bad
// input (InputError naming the report and the field).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "anomaly/result.hpp"

namespace isocheck {

/// The lists of findings of one model, in the order the report writes them.
enum class FindingList : std::uint8_t {
    Anomalies, Phenomena, Deadlocks, Aborts, FinalStates, InvariantViolations, Probes };
inline constexpr std::array kFindingLists{FindingList::Anomalies,   FindingList::Phenomena,
                                          FindingList::Deadlocks,   FindingList::Aborts,
                                          FindingList::FinalStates, FindingList::InvariantViolations,
                                          FindingList::Probes};

/// The JSON name of the list: "anomalies", "phenomena", "deadlocks", "aborts", "final_states".
[[nodiscard]] std::string_view findingListName(FindingList l);

struct ReportFinding {
    /// What identifies the finding within its list (the collector's key):
    /// anomaly `G-single`, phenomenon `P4` (their "code"); deadlock its cycle `T2 T1`; abort
    /// `serialization failure/T2`; final state `{"x":11}/false` (keys by name).
    std::string key;
    std::vector<std::string> schedule;  ///< the witness schedule, transaction names
    std::string json;                   ///< the object, compact, fields sorted by name
};

/// `--shard K/N` as the report states it (`"shard": {"part": K, "of": N}`).
struct ReportShard {
    unsigned part = 1;  ///< K, 1-based
    unsigned of = 1;    ///< N
};

struct ReportModel {
    std::string model;
    bool complete = true;
    StopReason stopReason = StopReason::None;  ///< from "stop_reason" when not complete
    std::array<std::vector<ReportFinding>, kFindingLists.size()> findings;
    bool snapshotTooOld = false;
    std::optional<std::string> fixedSchedule;  ///< "fixed_schedule", as `json` above
    ExploreStats stats;

    [[nodiscard]] const std::vector<ReportFinding>& list(FindingList l) const {
        return findings[static_cast<std::size_t>(l)];
    }
};

struct ReportFile {
    std::string file;  ///< the history file, path as given to check
    std::optional<std::string> title;
    std::optional<ReportShard> shard;
    std::vector<ReportModel> models;
};

/// Parses one report: one file's object, or an array of them (one per file).
/// `source` names the report in errors. Throws InputError when the text is
/// not JSON, an object's "format_version" is missing or not
/// kJsonFormatVersion (report.hpp), or a field merge needs is missing or of
/// the wrong type.
[[nodiscard]] std::vector<ReportFile> readJsonReport(std::string_view text,
                                                     const std::string& source);

/// Where two JSON texts first differ, for messages, naming them as given:
/// `"steps"[0] is "T1:r x=11" in the replay and "T1:r x=10" in part-1.json`;
/// empty when they are equal.
[[nodiscard]] std::string firstDifference(std::string_view first, std::string_view second,
                                          std::string_view firstName,
                                          std::string_view secondName);

}  // namespace isocheck
