#pragma once
// Final states and serializability of final states: a final state is
// serializable when it equals the final state of some serial order of the
// committed transactions run alone from the initial rows (SPEC section 3).
// Results are cached per set of committed transactions.

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "explore/state.hpp"
#include "history/history.hpp"

namespace isocheck {

using Rows = std::vector<std::pair<KeyId, Value>>;  ///< existing rows, ascending KeyId

/// The rows that exist at the end of the execution `s` (newest committed versions).
[[nodiscard]] Rows finalRows(const History& h, const State& s);

class SerialOracle {
public:
    explicit SerialOracle(const History& h) : h_(h) {}
    /// Whether `rows` is the final state of some serial order of `committed` (bit set).
    [[nodiscard]] bool serializable(std::uint64_t committed, const Rows& rows);

private:
    const History& h_;
    std::map<std::uint64_t, std::set<Rows>> cache_;
};

}  // namespace isocheck
