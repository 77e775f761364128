#pragma once
// Turns what the explorer reports into a ModelResult: classifies every
// complete execution, keeps one witness per finding (the shortest schedule,
// the first found among equals, so results are deterministic), the distinct
// deadlocks, aborts and final states, and counts distinct executions.

#include <cstdint>
#include <set>
#include <vector>

#include "anomaly/result.hpp"
#include "anomaly/serial.hpp"
#include "explore/explorer.hpp"

namespace isocheck {

class Collector final : public ExplorationObserver {
public:
    Collector(const History& h, ModelResult& out) : h_(h), out_(out), oracle_(h) {}

    void execution(const State& leaf) override;
    void deadlock(const State& at, const std::vector<TxnId>& cycle, TxnId victim,
                  const std::vector<std::string>& waits) override;
    void abort(const State& after, TxnId t, AbortCause cause, const std::string& why) override;

    /// Sorts findings into their report order; call once exploration ended.
    void finish();

private:
    const History& h_;
    ModelResult& out_;
    SerialOracle oracle_;
    std::set<std::vector<std::uint32_t>> distinct_;
};

/// Whether witness `a` is preferable to `b`: fewer scheduled steps.
[[nodiscard]] bool shorterWitness(const Trace& a, const Trace& b);

}  // namespace isocheck
