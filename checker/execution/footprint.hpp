#pragma once
// Footprints: what a step reads and changes, as the explorer's reduction
// needs it (specs/exploration.md 2). Two steps whose footprints do not
// conflict commute: taken in either order from one state, they reach the
// same state, each observing the same. Models compute them (decide); the
// explorer compares them, and records them per step (Log::steps) so that the
// happens-before order of an execution can be read back from its log.

#include <cstdint>

#include "history/history.hpp"

namespace isocheck {

/// The bit of key k in a 64-bit key set.
[[nodiscard]] constexpr std::uint64_t keyBit(KeyId k) { return std::uint64_t{1} << k; }

/// What a step reads and changes, at the granularity the reduction needs:
/// rows (their versions, their writers' status, their locks and SIREAD
/// markers), the commit clock, and SSI's per-transaction conflict flags.
struct Footprint {
    std::uint64_t reads = 0;        ///< rows observed: committed and uncommitted versions, locks
    std::uint64_t readsCommitted = 0;  ///< rows observed through their committed versions only
    /// Rows whose newest version is observed whatever its writer's status,
    /// with no lock and no wait (a read that may read uncommitted data): a
    /// commit changes nothing it observes; new or removed versions do. Whether
    /// such a read is dirty depends on the order alone, and is judged on the
    /// happens-before order instead (Log::steps).
    std::uint64_t readsLatest = 0;
    std::uint64_t writes = 0;       ///< rows whose committed state changes (a commit)
    std::uint64_t writesPending = 0;  ///< rows whose uncommitted state changes (X locks,
                                      ///< uncommitted versions): unseen by committed-only readers,
                                      ///< seen by latest-version readers
    /// Takes a transaction snapshot, observed through these rows (every row
    /// the transaction may ever touch): which commits it sees matters only
    /// for commits that touch one of them.
    std::uint64_t snapshotKeys = 0;
    bool bumpsClock = false;       ///< commits (moves the clock)
    std::uint64_t flagReads = 0;   ///< SSI: transactions whose flags the step tests
    std::uint64_t flagWrites = 0;  ///< SSI: transactions whose flags the step sets
    bool global = false;           ///< conflicts with every step (deadlock resolution)
    /// The rows and flags above over-approximate (SSI's rw-conflict
    /// tracking): where they conflict, the explorer tries both orders.
    bool coarse = false;

    /// Whether the two steps may fail to commute. Reads commute with reads,
    /// flag settings with flag settings (they only set bits), clock bumps
    /// with clock bumps (specs/exploration.md, "two commits"), a pending
    /// change with a committed-only read, a commit with a latest-version
    /// read, and a snapshot with a commit that
    /// touches no row the transaction can ever touch (a commit's SIREAD
    /// markers count: SSI's concurrency test sees them).
    [[nodiscard]] bool conflictsWith(const Footprint& o) const {
        return global || o.global || oneWay(o) || o.oneWay(*this) ||
               (flagWrites & o.flagReads) != 0 || (o.flagWrites & flagReads) != 0;
    }
    Footprint& operator|=(const Footprint& o) {
        reads |= o.reads;
        readsCommitted |= o.readsCommitted;
        readsLatest |= o.readsLatest;
        writes |= o.writes;
        writesPending |= o.writesPending;
        snapshotKeys |= o.snapshotKeys;
        bumpsClock = bumpsClock || o.bumpsClock;
        flagReads |= o.flagReads;
        flagWrites |= o.flagWrites;
        global = global || o.global;
        coarse = coarse || o.coarse;
        return *this;
    }
    bool operator==(const Footprint&) const = default;

private:
    /// What this step changes that `o` observes or changes too.
    [[nodiscard]] bool oneWay(const Footprint& o) const {
        const std::uint64_t touched = o.reads | o.readsCommitted | o.writes | o.writesPending;
        return (writes & touched) != 0 ||
               (writesPending & (o.reads | o.readsLatest | o.writesPending)) != 0 ||
               (bumpsClock && ((writes | writesPending | reads) & o.snapshotKeys) != 0);
    }
};

}  // namespace isocheck
