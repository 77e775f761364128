#pragma once
// The signatures (SPEC 5) of the executions a collector saw, as 128-bit
// fingerprints, kept for counting the distinct ones among every worker's.
//
// A long run sees tens of millions of executions, so how they are kept
// decides the run's peak memory and how long it takes to end. They go into
// runs of at most a million: a run is sorted, without repeats, when it
// fills, on the worker's own thread while the others explore; its storage
// is its own (no doubling of one large vector, which at its copy held up to
// three times the signatures). At the end the distinct ones are counted by
// merging the runs, the key space cut into parts counted on several
// threads, without building their union.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace isocheck {

class SignatureRuns {
public:
    using Signature = std::pair<std::uint64_t, std::uint64_t>;
    static constexpr std::size_t kRun = std::size_t{1} << 20;

    explicit SignatureRuns(std::size_t run = kRun) : run_(run) {}

    void add(Signature s) {
        open_.push_back(s);
        if (open_.size() >= run_) seal();
    }
    /// Takes in another's runs (another worker's).
    void absorb(SignatureRuns&& other);

    /// The number of distinct signatures, counted on up to `threads` threads.
    [[nodiscard]] std::uint64_t distinct(unsigned threads = 1);

private:
    /// Sorts the open run, drops its repeats and closes it.
    void seal();

    std::size_t run_;
    std::vector<std::vector<Signature>> runs_;  ///< closed: sorted, no repeats
    std::vector<Signature> open_;
};

}  // namespace isocheck
