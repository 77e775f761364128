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
//      A read or a skip whose footprint is empty changes nothing in s but
//      t's own TxnState (the explorer relies on it to look ahead cheaply).
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
#include <span>
#include <string>

#include "execution/footprint.hpp"
#include "execution/state.hpp"
#include "history/history.hpp"

namespace isocheck {

/// How a deadlock's victim is chosen among the transactions on a waits-for
/// cycle. The engines' rules prefer, among equals, the transaction whose
/// request closed the cycle (in a transcript, the statement just sent),
/// then the SPEC's.
enum class VictimRule : std::uint8_t {
    LastInFile,    ///< SPEC 2: the last in the file
    FewestWrites,  ///< SQL Server: the fewest versions written (least to roll back)
    Lightest,      ///< InnoDB: the least weight, versions written plus row and predicate locks held
    Closer,        ///< PostgreSQL: the transaction whose statement closed the cycle, whatever it did
};

/// No transaction (a deadlock that no step closed).
inline constexpr TxnId kNoTxn = 0xFFFF;

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

    /// Whether some read observes the newest version whatever its writer's
    /// status (footprint `readsLatest`): such a read commutes with that
    /// writer's commit, so the explorer records its steps for the
    /// happens-before order that P1 is then judged on (Log::steps).
    [[nodiscard]] virtual bool readsLatest() const { return false; }

    /// A footprint covering every step t may still take once its next
    /// operation is ops[pc] (`started`: some earlier step took effect),
    /// whatever the other transactions do: its remaining operations, its
    /// commit or any abort, what it holds by then, and `global` when one of
    /// them may close a waits-for cycle. The explorer tabulates it once per
    /// position and uses it for persistent sets (specs/exploration.md 2.6):
    /// the steps of transactions whose futures do not conflict with the
    /// chosen steps need not be explored. Larger is safe; the default,
    /// `global`, conflicts with everything and so reduces nothing.
    [[nodiscard]] virtual Footprint future(const History& h, TxnId t, std::size_t pc,
                                           bool started) const;

    /// Whether t's SSI read markers can no longer change any decision: no
    /// flag they would set could still be tested. The explorer then takes a
    /// transaction that holds nothing else and can only abort as unseen
    /// (Explorer::doomed). Models without markers: false.
    [[nodiscard]] virtual bool markersInert(const History& h, const State& s, TxnId t) const;
    /// Whether t's reads of `rows` (its next operations) decide alike and
    /// set the same flags whenever they run, before or after any other
    /// transaction's steps, as long as t is still live: snapshot reads of
    /// versions that stay retained, under SSI with no writer of those rows
    /// that could make them fail. The explorer then takes a transaction that
    /// holds only markers, whose reads lead it to an inevitable abort, as
    /// unseen (Explorer::doomed). Default: false.
    [[nodiscard]] virtual bool readsInert(const History& h, const State& s, TxnId t,
                                          std::uint64_t rows) const;

    /// Whether other transactions observe t's uncommitted writes only by
    /// waiting for its locks: no read returns them, nothing records them,
    /// and an abort undoes them (locking with read locks). A transaction
    /// that will abort and can no longer wait while it holds a lock then
    /// changes nothing but when others' steps run (Explorer::doomed).
    [[nodiscard]] virtual bool writesUnseen() const { return false; }

    /// Whether paths that do not commute often meet again, anywhere, because
    /// the model forgets what no step can test any more (SSI's flags,
    /// markers and conflicts): the explorer's state cache then keeps every
    /// state (specs/exploration.md 2.4).
    [[nodiscard]] virtual bool meetsAnywhere() const { return false; }

    /// How this model chooses a deadlock's victim. Default: VictimRule::LastInFile.
    [[nodiscard]] virtual VictimRule victim() const { return VictimRule::LastInFile; }
    /// The deadlock victim among `onCycle` (a bit set of the transactions on
    /// waits-for cycles; `waits`: whom each transaction waits for), by
    /// victim(); `closer`: the transaction whose step or sent statement
    /// closed the cycle (kNoTxn when none did). InnoDB (VictimRule::Lightest)
    /// looks at one cycle only: the one it finds from the closer by
    /// following, from each waiting transaction, one transaction it waits
    /// for (lock.wait_trx: the owner of the first conflicting lock, taken
    /// here as one holding a lock on a row it asked for, then any).
    [[nodiscard]] TxnId deadlockVictim(const State& s, std::uint64_t onCycle, TxnId closer,
                                       std::span<const std::uint64_t> waits) const;
    /// victim() in words, for explanations: "last in the file on the waits-for cycle".
    [[nodiscard]] std::string_view victimRule() const;

    /// A transcript sent t's next statement and it waits (specs/format.md,
    /// "Transcripts"). The transaction starts if it had not, as an engine
    /// starts one at its first statement, taking its snapshot; a model may
    /// note what the statement does when it is sent (its lock requests, in
    /// an engine with lock queues; its statement snapshot) in State, which
    /// the statement's step or its transaction's end clears; or, in an
    /// engine whose statement locks rows one by one as it scans them, the
    /// locks it took before it came to the row it waits for (`log`: the
    /// execution so far, whose writes give the order of a scan).
    virtual void sendWaiting(const History& h, State& s, const Log& log, TxnId t) const;

    /// A transcript's sent statement of t still waits after a step: it goes
    /// on as far as it can, as a scan that locks row by row does once the
    /// row it waited for is free (its locks and queued request change).
    /// Whether anything changed; by default nothing does.
    virtual bool progress(const History& h, State& s, const Log& log, TxnId t) const;

    /// Ends t as aborted with `cause`; scheduled = false for deadlock victims.
    virtual void abort(const History& h, State& s, Log& log, TxnId t, AbortCause cause,
                       bool scheduled) const;
};

}  // namespace isocheck
