#pragma once
// The version store shared by every model: each row's chain of versions in
// install order (State::rows), read through the visibility rules of the
// models. Single-version locking models read the newest version; the
// multiversion ones read the version committed at their snapshot.

#include <cstddef>
#include <optional>
#include <vector>

#include "execution/state.hpp"

namespace isocheck {

/// 0 for the initial version, else the writer's commit position (0 while uncommitted).
[[nodiscard]] std::uint32_t commitSeqOf(const State& s, VersionId v);
[[nodiscard]] bool isCommitted(const State& s, VersionId v);

/// Index in the chain of t's newest version of k, if t wrote k.
[[nodiscard]] std::optional<std::size_t> ownVersion(const State& s, KeyId k, TxnId t);

/// The newest version of k: t's own if it wrote k, else the newest one that is
/// committed or, when `uncommitted`, written by any live transaction.
[[nodiscard]] std::size_t newestVisible(const State& s, KeyId k, TxnId t, bool uncommitted);

/// newestVisible of every row, by KeyId: what a statement that scans the
/// table reads under locking (a predicate read or write's Vset).
[[nodiscard]] std::vector<std::size_t> newestVisibleRows(const State& s, TxnId t, bool uncommitted);

/// t's own newest version of k, else the newest version committed among the
/// first `snapshot` commits (Berenson et al. 1995, 4.2: snapshot reads).
[[nodiscard]] std::size_t visibleAt(const State& s, KeyId k, TxnId t, std::uint32_t snapshot);

/// Whether a committed version newer than `snapshot` exists (first-updater-
/// and first-committer-wins).
[[nodiscard]] bool committedAfter(const State& s, KeyId k, std::uint32_t snapshot);

/// Whether chain[index] is among the newest `retention` committed versions of k
/// (the initial version counts); retention 0 keeps every version, and an
/// uncommitted (own) version is always kept.
[[nodiscard]] bool retained(const State& s, KeyId k, std::size_t index, unsigned retention);

/// Appends a version of k written by t; returns its id.
VersionId install(State& s, KeyId k, TxnId t, bool exists, Value value);

/// Moves t's versions, now committed, after the row's other committed
/// versions and before the uncommitted ones (State's canonical order).
void settleCommitted(State& s, TxnId t);

/// Removes every version t wrote (t aborted).
void removeVersions(State& s, TxnId t);

}  // namespace isocheck
