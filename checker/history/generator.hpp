#pragma once
// Random history files for property tests, fuzzing and (later) exercises.
// Deterministic by construction: our own PRNG (SplitMix64), so the same seed
// gives the same file on every platform and standard library.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace isocheck {

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fully specified.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    /// Uniform in [lo, hi].
    int between(int lo, int hi);

private:
    std::uint64_t state_;
};

struct GeneratorOptions {
    int minTxns = 2, maxTxns = 4;
    int minOps = 2, maxOps = 5;  ///< per transaction, commit or abort included
    int maxTotalOps = 10;        ///< bounds the interleavings: at most this many in all
    int keys = 3;                ///< rows x, y, z, ...
    bool predicates = true;      ///< emit `select where ...`
    /// With `predicates`, also emit `update where ... set value = ...` and `delete where ...`.
    bool predicateWrites = false;
    /// Sometimes declare a transaction without writes `read-only = true`.
    bool readOnly = false;
    bool aborts = true;          ///< sometimes end with `abort`
    bool retention = false;      ///< sometimes give a multiversion model `retention = 1` or `2`
    bool firstCommitterWins = false;  ///< sometimes run snapshot with `first-committer-wins`
    /// Sometimes guard a write, update or delete (`if K OP N` on a key read or
    /// written before), sometimes add a guarded abort, and state an invariant.
    bool guards = false;
    /// Every row in [initial] and no `d K`: rows are only updated, as in the
    /// perf workloads, so no write inserts one.
    bool updatesOnly = false;
};

/// A generated history as parts, which shrinking edits (checker/validate)
/// before writing it out as a history file.
struct GeneratedHistory {
    std::string title;
    std::vector<std::pair<std::string, int>> initial;      ///< [initial] rows
    std::vector<std::vector<std::string>> txns;            ///< each transaction's operations
    std::vector<bool> readOnly;                            ///< per transaction: `read-only = true`
    std::vector<std::pair<std::string, int>> retention;    ///< [model.NAME] retention = N
    bool firstCommitterWins = false;  ///< [model.snapshot] first-committer-wins = true
    std::vector<std::string> invariants;  ///< invariants = [...]

    /// The history file (TOML text).
    [[nodiscard]] std::string toml() const;
};

/// Random reads, locking reads, writes, updates, deletes, predicate reads
/// and (an option) predicate writes over a few rows; each transaction ends with commit or abort.
[[nodiscard]] GeneratedHistory generateHistory(std::uint64_t seed, const GeneratorOptions& o = {});

/// generateHistory(seed, o).toml(): a valid history file.
[[nodiscard]] std::string randomHistoryToml(std::uint64_t seed, const GeneratorOptions& o = {});

}  // namespace isocheck
