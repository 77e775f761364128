#pragma once
// Adya's direct serialization graph (DSG) of one complete execution: one
// vertex per committed transaction, ww / wr / rw edges, item or predicate
// (Adya 1999, section 3; the readings of specs/semantics.md). Built as a
// Boost.Graph adjacency list; cycles are searched in its strongly connected
// components (graph/cycles.hpp).

#include <cstdint>
#include <vector>

#include "execution/state.hpp"
#include "history/history.hpp"

namespace isocheck {

enum class DepType : std::uint8_t { WW, WR, RW };

/// One dependency edge, e.g. `T1 -rw[x]-> T2`.
struct DepEdge {
    TxnId from = 0;
    TxnId to = 0;
    DepType type = DepType::WW;
    KeyId key = 0;
    bool predicate = false;         ///< a predicate edge (Adya's "changes the matches")
    PredicateId predicateId = 0;    ///< when predicate
    auto operator<=>(const DepEdge&) const = default;
};

/// Every edge of the DSG of the execution that ended in `s`, sorted and
/// without duplicates. Only committed transactions take part.
[[nodiscard]] std::vector<DepEdge> buildDependencyEdges(const History& h, const State& s, const Log& log);
/// The same into `edges`, whose buffer is reused (once per execution).
void buildDependencyEdges(const History& h, const State& s, const Log& log, std::vector<DepEdge>& edges);

}  // namespace isocheck
