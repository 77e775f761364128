#pragma once
// Random history files for property tests, fuzzing and (later) exercises.
// Deterministic by construction: our own PRNG (SplitMix64), so the same seed
// gives the same file on every platform and standard library.

#include <cstdint>
#include <string>

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
    bool aborts = true;          ///< sometimes end with `abort`
};

/// A valid history file (TOML text): random reads, locking reads, writes,
/// updates, deletes and predicate reads over a few rows.
[[nodiscard]] std::string randomHistoryToml(std::uint64_t seed, const GeneratorOptions& o = {});

}  // namespace isocheck
