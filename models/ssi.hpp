#pragma once
// Serializable snapshot isolation's rw-conflict tracking (Cahill, Röhm and
// Fekete, SIGMOD 2008, basic algorithm; SPEC section 2 and 3.1).
//
// A conflict T -rw-> W arises when T reads a row of which a concurrent W
// has written a newer version, or W writes a row that a concurrent T has
// read (SIREAD lock or predicate read-marker). If the other side has
// committed and already has the flag that would make it a pivot, the acting
// transaction aborts; otherwise T.out and W.in are set. All conflicts of one
// operation are collected first, so an aborting operation sets no flag.

#include <cstdint>
#include <vector>

#include "explore/state.hpp"
#include "history/history.hpp"

namespace isocheck {

struct RwConflict {
    TxnId reader;
    TxnId writer;
};

/// Conflicts of t reading chain[index] of k: newer versions by concurrent writers.
void readConflicts(const State& s, TxnId t, KeyId k, std::size_t index,
                   std::vector<RwConflict>& out);

/// Conflicts of t's predicate read of p observing `vset`.
void predicateReadConflicts(const History& h, const State& s, TxnId t, PredicateId p,
                            const std::vector<std::size_t>& vset, std::vector<RwConflict>& out);

/// Conflicts of t writing k with images before -> after: concurrent readers.
void writeConflicts(const History& h, const State& s, TxnId t, KeyId k, const Version& before,
                    const Version& after, std::vector<RwConflict>& out);

/// False when some conflict requires the acting transaction t to abort (then
/// no flag is set); otherwise sets every conflict's flags and returns true.
[[nodiscard]] bool applyConflicts(State& s, TxnId t, const std::vector<RwConflict>& conflicts);

}  // namespace isocheck
