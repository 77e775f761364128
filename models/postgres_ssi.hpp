#pragma once
// PostgreSQL's serializable certifier (postgres-serializable), as its source
// documents it: src/backend/storage/lmgr/README-SSI and predicate.c
// (FlagRWConflict, OnConflict_CheckForSerializationFailure,
// PreCommit_CheckForSerializationFailure), after Ports and Grittner,
// "Serializable Snapshot Isolation in PostgreSQL" (VLDB 2012).
//
// Where Cahill's basic algorithm keeps two flags per transaction, PostgreSQL
// keeps the rw-conflicts themselves (TxnState::rwOut) and the commit order,
// and uses them to fail only dangerous structures T0 -rw-> T1 -rw-> T2 in
// which T2 commits first (the commit-ordering optimisation), with the
// read-only exceptions of its rules for a transaction declared READ ONLY
// (`read-only = true`) or that committed without writing (PostgreSQL marks
// such a transaction read-only at commit). Safe snapshots (a read-only
// transaction whose concurrent writers have all ended without a conflict
// out to a transaction committed before its snapshot drops out of SSI)
// are not modelled (specs/engines/postgres.md). The conflicts themselves arise as under serializable-snapshot
// (models/ssi.hpp), except that a predicate read locks the whole relation:
// Hermitage's table has no index on `value`, so such a query is a
// sequential scan, which takes a relation-level SIREAD lock and checks
// every tuple it visits (specs/engines/postgres.md).
//
// Each new conflict R -rw-> W of an operation, in turn, as FlagRWConflict
// handles it, fails when
//  (a) W has a conflict out to a T2 that committed first: before R and W
//      (or R is T2), and, when R committed read-only, before R's snapshot;
//  (b) W has committed and R, not read-only, has a conflict in from a T0
//      that is not doomed and committed no earlier than W (or is W, or is
//      active), or, when T0 committed read-only, took its snapshot after W
//      committed.
// On failure the acting transaction fails if it is W or if W has committed;
// otherwise W is doomed and fails at its next operation. A conflict with a
// doomed transaction is ignored. At commit, T dooms every active pivot P
// with P -rw-> T that has a conflict in from T itself or from an active
// transaction that is not doomed. An aborted transaction's conflicts are
// removed.

#include <cstdint>

#include "execution/state.hpp"
#include "models/ssi.hpp"

namespace isocheck {

/// Whether the conflicts of t's operation, examined one by one as
/// FlagRWConflict does (each seeing the ones before it), make t fail.
/// `readOnly`: the transactions declared READ ONLY (History), which the
/// read-only rules treat as read-only while they run, not only once they
/// committed without writing.
[[nodiscard]] bool postgresFails(const State& s, TxnId t, const RwConflicts& conflicts,
                                 std::uint64_t readOnly);

/// Records them as the same examination does: the conflicts, and the
/// transactions it dooms. Only after postgresFails said false.
void postgresRecord(State& s, TxnId t, const RwConflicts& conflicts, std::uint64_t readOnly);

/// Notes, when t starts, the transactions committed before its snapshot.
void postgresBegin(State& s, TxnId t);
/// Before t commits: dooms the pivots its commit dooms
/// (PreCommit_CheckForSerializationFailure: a conflict in from an active
/// transaction counts unless that one is doomed or read-only) and notes the
/// transactions committed before it.
void postgresCommit(State& s, TxnId t, std::uint64_t readOnly);
/// Whether t, live, holding nothing but read markers and writing nothing
/// more, can change no other step's decision before it ends: no live
/// transaction it has (or, by writing a row it marked, may get) a conflict
/// to has or can get a conflict out (specs/exploration.md 2.8).
[[nodiscard]] bool postgresMarkersInert(const History& h, const State& s, TxnId t);
/// Whether t, active, holding only read markers and writing nothing more,
/// can read `rows` from its snapshot whenever it reads them without failing
/// or dooming anyone: nothing conflicts into t, and no transaction that
/// has written or may write one of them, unless t saw its commit, has or
/// can get a conflict out (specs/exploration.md 2.8).
[[nodiscard]] bool postgresReadsInert(const History& h, const State& s, TxnId t, std::uint64_t rows);

/// Whether t's operation with these conflicts fails (postgresFails) on the
/// conflicts of ended transactions alone: then no other step can make it
/// pass, and it fails whenever it is next offered.
[[nodiscard]] bool postgresFailsInevitably(const State& s, TxnId t, const RwConflicts& conflicts,
                                           std::uint64_t readOnly);

/// Removes an aborted t's conflicts, in and out.
void postgresAbort(State& s, TxnId t);

/// Clears what no later step can look at (specs/exploration.md 2.8), so
/// that orders of steps that differ only there reach one state:
///  * once no live transaction has a read or a write left, no conflict
///    arises any more and only commits look at the graph, through
///    conflicts between live transactions: every other conflict, every
///    commit order and snapshot set, and every read-marker go;
///  * a transaction that ended with no live transaction concurrent with
///    it (all took their snapshot after its commit) takes part in no new
///    conflict: its markers go, its conflicts with another such one go,
///    and once it has none left, what is known of its commit order.
void postgresForget(const History& h, State& s);

}  // namespace isocheck
