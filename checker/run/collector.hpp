#pragma once
// Turns what the explorer reports into a ModelResult: classifies every
// complete execution, keeps one witness per finding, the distinct deadlocks,
// aborts and final states, and counts distinct executions.
//
// Witnesses are chosen by a total order, fewest scheduled steps and then the
// schedule compared lexicographically, never by the order of discovery, so
// collectors of several workers (or shards) merge into the same result
// whatever the order in which their executions were found.

#include <cstdint>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "anomaly/classify.hpp"
#include "anomaly/result.hpp"
#include "anomaly/serial.hpp"
#include "explore/explorer.hpp"
#include "run/signatures.hpp"

namespace isocheck {

class Collector final : public ExplorationObserver {
public:
    explicit Collector(const History& h) : h_(h), oracle_(h) {}

    void execution(const State& leaf, const Log& log) override;
    void deadlock(const Log& log, std::span<const TxnId> cycle, TxnId victim,
                  const std::function<std::vector<Wait>()>& waits) override;
    void abort(const Log& log, TxnId t, AbortCause cause,
               const std::function<std::string()>& why) override;

    /// Takes in another collector's findings (another worker's).
    void merge(Collector&& other);

    /// Writes the findings, sorted into report order, and the distinct count
    /// into `out`; the count on up to `threads` threads.
    void finish(ModelResult& out, unsigned threads = 1);

private:
    const History& h_;
    SerialOracle oracle_;
    ClassificationCache graphs_;
    ModelResult found_;
    /// Where each final state (rows, serializable) is in found_.finalStates.
    struct FinalKeyLess {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
        }
    };
    std::map<std::pair<Rows, bool>, std::size_t, FinalKeyLess> finalAt_;
    /// Every execution's signature (SPEC 5); the distinct ones are counted
    /// once, at the end.
    SignatureRuns signatures_;
};

/// Whether witness `a` comes before `b`: fewer scheduled steps, then the
/// schedule (transaction positions) compared lexicographically.
[[nodiscard]] bool betterWitness(const Trace& a, const Trace& b);

}  // namespace isocheck
