#pragma once
// Berenson et al.'s phenomena of one complete execution (SPEC section 3, D4
// of specs/semantics.md). P0-P3 are judged on the log, in any transaction,
// committed or not; P4, A5A and A5B on the DSG's item edges between two
// committed transactions. Used by classify(); witnesses are left empty.

#include <optional>
#include <utility>
#include <vector>

#include "anomaly/result.hpp"
#include "execution/state.hpp"
#include "graph/dsg.hpp"
#include "history/history.hpp"

namespace isocheck {

/// P0, P1, P2 and P3, at most one finding each (the first in log order), in catalogue order.
[[nodiscard]] std::vector<PhenomenonFinding> logPhenomena(const History& h, const State& s, const Log& log);

/// Whether `first` then `second` form the two-transaction shape of P4, A5A or
/// A5B: first = T1 -rw[x]-> T2 and second = T2 -ww[x]-> T1 (P4),
/// T2 -wr[y]-> T1 (A5A) or T2 -rw[y]-> T1 (A5B), x != y for A5A and A5B, both
/// item edges (Berenson et al. 1995, 4.1 and 4.2).
[[nodiscard]] bool hasShape(Phenomenon p, const DepEdge& first, const DepEdge& second);

/// The lexicographically smallest pair of `edges` (sorted) with the shape of
/// P4, A5A or A5B, rw edge first.
[[nodiscard]] std::optional<std::pair<DepEdge, DepEdge>> findShape(
    Phenomenon p, const std::vector<DepEdge>& edges);

}  // namespace isocheck
