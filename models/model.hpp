#pragma once
// The isolation model interface. A model is a pure rule book: it holds its
// options and nothing about any one execution (that lives in State and Log).
//
// Protocol, as the explorer drives it, for a live transaction t whose next
// operation is op = h.txns[t].ops[s.txns[t].pc]:
//   1. decide(h, s, t) is const. It says whether op runs, waits (on whom) or
//      aborts t (why), and for a step that runs or aborts, its footprint:
//      what the decision read and what the step changes that other
//      transactions' steps can observe. Two steps whose footprints do not
//      conflict commute (specs/exploration.md); the explorer's reduction
//      rests on that, so a footprint may be larger than needed, never smaller.
//   2. If it runs, apply(h, s, log, t) performs it: effects on s, events
//      appended to log, pc advanced, locks taken, transaction begun or ended.
//      apply is called only right after decide said Runs on the same state.
//      A guarded operation whose guard does not hold (SPEC 3.1) runs as a
//      skip in every model: decide says Runs with an empty footprint (or
//      only the snapshot a first step takes), apply begins t, logs a Skip
//      event and advances; no lock, no version, no wait.
//   3. If it aborts, or t is a deadlock victim (scheduled = false), the
//      explorer calls abort(h, s, log, t, cause, scheduled), which releases
//      t's locks, removes its versions and logs the abort. User aborts are
//      steps that run.
// Both must be deterministic and depend only on (h, s, t).

#include <cstdint>
#include <string>

#include "execution/state.hpp"
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
    std::uint64_t writes = 0;       ///< rows whose committed state changes (a commit)
    std::uint64_t writesPending = 0;  ///< rows whose uncommitted state changes (X locks,
                                      ///< uncommitted versions): unseen by committed-only readers
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
    /// change with a committed-only read, and a snapshot with a commit that
    /// touches no row the transaction can ever touch (a commit's SIREAD
    /// markers count: SSI's concurrency test sees them).
    [[nodiscard]] bool conflictsWith(const Footprint& o) const {
        return global || o.global || oneWay(o) || o.oneWay(*this) ||
               (flagWrites & o.flagReads) != 0 || (o.flagWrites & flagReads) != 0;
    }
    Footprint& operator|=(const Footprint& o) {
        reads |= o.reads;
        readsCommitted |= o.readsCommitted;
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
        return (writes & touched) != 0 || (writesPending & (o.reads | o.writesPending)) != 0 ||
               (bumpsClock && ((writes | writesPending | reads) & o.snapshotKeys) != 0);
    }
};

struct Decision {
    enum class Kind : std::uint8_t { Runs, Waits, Aborts };
    Kind kind = Kind::Runs;
    std::uint64_t waitsFor = 0;           ///< Waits: bit set of the transactions waited for
    AbortCause cause = AbortCause::None;  ///< Aborts
    Footprint footprint;                  ///< Runs and Aborts (for Aborts, the abort's too)
    /// Aborts: the condition can only stay true whatever others do (a newer
    /// committed version, a discarded version, a committed pivot's flag), so
    /// the operation aborts t whenever it is next offered, after any wait.
    bool inevitable = false;
    std::string why;  ///< Waits/Aborts, when asked to explain: "waits for T1 (lock on x)"

    [[nodiscard]] bool enabled() const { return kind != Kind::Waits; }
};

class IsolationModel {
public:
    virtual ~IsolationModel() = default;

    /// Whether t's next operation runs, waits or aborts t, and its footprint.
    /// `explain` fills `why` (reports ask; the explorer's hot path does not).
    [[nodiscard]] virtual Decision decide(const History& h, const State& s, TxnId t,
                                          bool explain) const = 0;

    /// Performs t's next operation; decide() said Runs on this state.
    virtual void apply(const History& h, State& s, Log& log, TxnId t) const = 0;

    /// Ends t as aborted with `cause`; scheduled = false for deadlock victims.
    virtual void abort(const History& h, State& s, Log& log, TxnId t, AbortCause cause,
                       bool scheduled) const;
};

}  // namespace isocheck
