#pragma once
// The isolation model interface. A model is a pure rule book: it holds its
// options and nothing about any one execution (that lives in State).
//
// Protocol, as the explorer drives it:
//   1. For a live transaction t whose next operation is op = h.txns[t].ops[pc],
//      the explorer copies the state and calls step(h, copy, t).
//   2. step either performs the operation on the copy (Ran: effects applied,
//      event logged, pc advanced, locks taken, transaction begun or ended),
//      or leaves the copy in an unspecified state and says why it cannot:
//      Waits (the operation is not enabled; `waitsFor` names the holders) or
//      Aborts (the operation's effect is aborting t; the explorer then calls
//      abort()).
//   3. abort(h, s, t, cause, scheduled) ends t: releases its locks, removes
//      its versions, logs the abort. It is also called for deadlock victims
//      (scheduled = false) and user aborts are performed by step itself.
// step must be deterministic and depend only on (h, state, t).

#include <cstdint>
#include <memory>
#include <string>

#include "explore/state.hpp"
#include "history/history.hpp"

namespace isocheck {

struct Outcome {
    enum class Kind : std::uint8_t { Ran, Waits, Aborts };
    Kind kind = Kind::Ran;
    std::uint64_t waitsFor = 0;        ///< Waits: bit set of the transactions waited for
    AbortCause cause = AbortCause::None;  ///< Aborts
    std::string why;                   ///< Waits/Aborts: e.g. "waits for T1's lock on x"

    static Outcome ran() { return {}; }
    static Outcome waits(std::uint64_t holders, std::string why) {
        return {Kind::Waits, holders, AbortCause::None, std::move(why)};
    }
    static Outcome aborts(AbortCause c, std::string why) {
        return {Kind::Aborts, 0, c, std::move(why)};
    }
};

class IsolationModel {
public:
    virtual ~IsolationModel() = default;

    /// Performs, or refuses, the next operation of t (see the protocol above).
    [[nodiscard]] virtual Outcome step(const History& h, State& s, TxnId t) const = 0;

    /// Ends t as aborted with `cause`; scheduled = false for deadlock victims.
    virtual void abort(const History& h, State& s, TxnId t, AbortCause cause,
                       bool scheduled) const;
};

}  // namespace isocheck
