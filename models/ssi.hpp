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

#include "execution/state.hpp"
#include "history/history.hpp"
#include "models/model.hpp"

namespace isocheck {

struct RwConflict {
    TxnId reader;
    TxnId writer;
};
using RwConflicts = std::vector<RwConflict>;

/// Whether v is a version newer than t's snapshot written by a transaction
/// concurrent with t: committed after t's snapshot, or still live.
[[nodiscard]] bool newerConcurrent(const State& s, TxnId t, const Version& v);

/// Whether reader r (a SIREAD or predicate marker holder) is concurrent with
/// writer t: live, or committed after t's snapshot (one t has not taken yet
/// will see every commit so far).
[[nodiscard]] bool concurrentReader(const State& s, TxnId t, TxnId r);

/// Conflicts of t reading chain[index] of k: newer versions by concurrent writers.
void readConflicts(const State& s, TxnId t, KeyId k, std::size_t index,
                   RwConflicts& out);

/// Conflicts of t's predicate read of p observing `vset`: newer versions by
/// concurrent writers whose before- or after-image satisfies p, or, with
/// `wholeRelation` (a relation-level lock, models/postgres_ssi.hpp), every
/// newer version by a concurrent writer.
void predicateReadConflicts(const History& h, const State& s, TxnId t, PredicateId p,
                            const std::vector<std::size_t>& vset, bool wholeRelation,
                            RwConflicts& out);

/// Conflicts of t writing k with images before -> after: concurrent readers
/// of k, and concurrent predicate readers whose predicate either image
/// satisfies (any, with `wholeRelation`).
void writeConflicts(const History& h, const State& s, TxnId t, KeyId k, const Version& before,
                    const Version& after, bool wholeRelation, RwConflicts& out);

/// False when some conflict requires the acting transaction t to abort.
/// Adds to `f` the flags the decision tests (the committed other sides') and
/// the flags setting them would change (both sides of every conflict).
[[nodiscard]] bool conflictsAllowed(const State& s, TxnId t, const RwConflicts& conflicts,
                                    Footprint& f);

/// Sets every conflict's flags: reader.out and writer.in.
void setFlags(State& s, const RwConflicts& conflicts);

/// Clears what no step can test any more (specs/exploration.md 2.7): an
/// aborted transaction's flags; a committed one's flags, and its read
/// markers, when no transaction concurrent with it has an operation left
/// that would meet them; an active one's `in` when its `out` can never be
/// set. What is kept then depends only on what can still matter, so orders
/// that differ in no other way reach one state. `firstUpdaterWins`: a
/// write of a row with a version committed after the writer's snapshot
/// aborts before SSI looks.
void forget(const History& h, State& s, bool firstUpdaterWins);

/// The rows t has a SIREAD marker on, and whether it holds a predicate
/// read-marker (PostgreSQL's index-page marker included).
struct Markers {
    std::uint64_t rows = 0;
    bool predicate = false;
};
[[nodiscard]] Markers markersOf(const State& s, TxnId t);
/// Removes every marker of the transactions in `txns` (a bit set).
void dropMarkers(State& s, std::uint64_t txns);

/// Whether t's read markers can no longer change any decision: every write
/// of their rows still to come, by a transaction live together with t,
/// would set a flag that is set already or can never be tested.
[[nodiscard]] bool markersInert(const History& h, const State& s, TxnId t, bool firstUpdaterWins);

/// Under first-updater-wins, whether the live t's snapshot reads of `rows`
/// can never fail: no transaction that has, or may still install, a version
/// of one of them newer than t's snapshot can have an `out` flag once
/// committed. Their other effects (markers, flags set on those writers)
/// are the same whenever the reads run while t is live.
[[nodiscard]] bool readsInert(const History& h, const State& s, TxnId t, std::uint64_t rows);

}  // namespace isocheck
