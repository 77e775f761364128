#include "run/signatures.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>
#include <optional>
#include <queue>
#include <span>
#include <thread>
#include <range/v3/algorithm/unique.hpp>  // std::ranges::unique fails with clang 14 + libstdc++ 12

namespace isocheck {
namespace {

using Signature = SignatureRuns::Signature;
using Run = std::span<const Signature>;

/// The distinct signatures among `runs`, each sorted without repeats: a
/// merge of them all, by a heap of their heads.
std::uint64_t countMerged(std::span<const Run> runs) {
    if (runs.size() == 1) return runs[0].size();
    using Head = std::pair<Signature, std::size_t>;  // a run's next signature, and the run
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    std::vector<std::size_t> at(runs.size(), 0);
    for (std::size_t r = 0; r < runs.size(); ++r)
        if (!runs[r].empty()) heads.emplace(runs[r][0], r);
    std::uint64_t distinct = 0;
    std::optional<Signature> last;
    while (!heads.empty()) {
        const auto [s, r] = heads.top();
        heads.pop();
        if (s != last) ++distinct, last = s;
        if (++at[r] < runs[r].size()) heads.emplace(runs[r][at[r]], r);
    }
    return distinct;
}

}  // namespace

void SignatureRuns::seal() {
    if (open_.empty()) return;
    std::ranges::sort(open_);
    open_.erase(ranges::unique(open_), open_.end());
    if (open_.size() < open_.capacity() / 2) open_.shrink_to_fit();
    runs_.push_back(std::move(open_));
    open_ = {};
}

void SignatureRuns::absorb(SignatureRuns&& other) {
    other.seal();
    for (std::vector<Signature>& r : other.runs_) runs_.push_back(std::move(r));
    other.runs_.clear();
}

std::uint64_t SignatureRuns::distinct(unsigned threads) {
    seal();
    std::vector<Run> runs(runs_.begin(), runs_.end());
    std::size_t total = 0;
    for (const Run& r : runs) total += r.size();
    // Fingerprints are uniform, so cutting the key space by the first word
    // into equal parts gives parts of about equal size; each is the merge of
    // the runs' slices that fall into it.
    constexpr std::size_t kSmall = std::size_t{1} << 16;
    const std::size_t parts = threads <= 1 || total < kSmall ? 1 : 16 * std::size_t{threads};
    const std::uint64_t width = std::numeric_limits<std::uint64_t>::max() / parts + 1;
    const auto countPart = [&](std::size_t p) {
        std::vector<Run> slices;
        for (const Run& r : runs) {
            const auto below = [](std::uint64_t bound) {
                return [bound](const Signature& s) { return s.first < bound; };
            };
            const auto from = p == 0 ? r.begin() : std::ranges::partition_point(r, below(p * width));
            const auto to = p + 1 == parts ? r.end() : std::ranges::partition_point(r, below((p + 1) * width));
            if (from != to) slices.emplace_back(from, to);
        }
        return slices.empty() ? 0 : countMerged(slices);
    };
    if (parts == 1) return countPart(0);
    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> distinct{0};
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 0; t < threads; ++t)
            workers.emplace_back([&] {
                for (std::size_t p = next++; p < parts; p = next++) distinct += countPart(p);
            });
    }
    return distinct;
}

}  // namespace isocheck
