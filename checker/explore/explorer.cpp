#include "explore/explorer.hpp"

#include <algorithm>
#include <bit>
#include <deque>

#include "support/assert.hpp"

namespace isocheck {
namespace {

/// Nodes lying on a cycle of the waits-for graph `waits` (bit sets).
std::uint64_t nodesOnCycles(const std::vector<std::uint64_t>& waits) {
    std::vector<std::uint64_t> reach = waits;
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t t = 0; t < reach.size(); ++t) {
            std::uint64_t r = reach[t];
            for (std::uint64_t rest = reach[t]; rest != 0; rest &= rest - 1)
                r |= reach[static_cast<std::size_t>(std::countr_zero(rest))];
            if (r != reach[t]) reach[t] = r, changed = true;
        }
    }
    std::uint64_t on = 0;
    for (std::size_t t = 0; t < reach.size(); ++t)
        if (reach[t] & bit(static_cast<TxnId>(t))) on |= bit(static_cast<TxnId>(t));
    return on;
}

/// The shortest waits-for cycle through `victim`, starting at it; among
/// equally short ones, the one through the lowest transaction ids.
std::vector<TxnId> cycleThrough(const std::vector<std::uint64_t>& waits, TxnId victim) {
    std::vector<int> parent(waits.size(), -1);
    std::deque<TxnId> queue{victim};
    while (!queue.empty()) {
        const TxnId u = queue.front();
        queue.pop_front();
        for (TxnId v = 0; v < waits.size(); ++v) {
            if (!(waits[u] & bit(v))) continue;
            if (v == victim) {
                std::vector<TxnId> cycle{u};
                while (cycle.back() != victim) cycle.push_back(static_cast<TxnId>(parent[cycle.back()]));
                std::ranges::reverse(cycle);
                return cycle;
            }
            if (parent[v] == -1) parent[v] = u, queue.push_back(v);
        }
    }
    ISOCHECK_ASSERT(false);  // victim lies on a cycle
}

std::string endedWhy(const History& h, const State& s, TxnId t) {
    const TxnState& ts = s.txns[t];
    std::string why = h.txns[t].name + " has already ended (";
    if (ts.status == TxnStatus::Committed) return why + "committed)";
    switch (ts.cause) {
        case AbortCause::Deadlock: return why + "deadlock victim)";
        case AbortCause::Serialization: return why + "serialization failure)";
        case AbortCause::SnapshotTooOld: return why + "snapshot too old)";
        default: return why + "aborted)";
    }
}

}  // namespace

Explorer::Choice Explorer::offer(const State& s, TxnId t) {
    Choice c{t, {}, s};
    c.outcome = model_.step(h_, c.next, t);
    if (c.outcome.kind == Outcome::Kind::Aborts) {
        c.next = s;
        model_.abort(h_, c.next, t, c.outcome.cause, true);
    }
    return c;
}

std::vector<Explorer::Choice> Explorer::expand(State& s) {
    for (;;) {
        std::vector<Choice> enabled;
        std::vector<std::uint64_t> waits(s.txns.size(), 0);
        std::vector<std::string> why(s.txns.size());
        for (TxnId t = 0; t < s.txns.size(); ++t) {
            if (!s.txns[t].live()) continue;
            Choice c = offer(s, t);
            if (c.outcome.kind == Outcome::Kind::Waits)
                waits[t] = c.outcome.waitsFor, why[t] = std::move(c.outcome.why);
            else
                enabled.push_back(std::move(c));
        }
        const std::uint64_t onCycle = nodesOnCycles(waits);
        if (onCycle == 0) return enabled;
        // SPEC 2: the victim is the transaction of a cycle whose [[txn]]
        // comes last in the file; it aborts at once and the rule repeats.
        const auto victim = static_cast<TxnId>(63 - std::countl_zero(onCycle));
        const std::vector<TxnId> cycle = cycleThrough(waits, victim);
        std::vector<std::string> reasons;
        for (TxnId t : cycle) reasons.push_back(why[t]);
        obs_.deadlock(s, cycle, victim, reasons);
        model_.abort(h_, s, victim, AbortCause::Deadlock, false);
        obs_.abort(s, victim, AbortCause::Deadlock,
                   h_.txns[victim].name + " is the deadlock victim (last in the file on the waits-for cycle)");
    }
}

ExploreSummary Explorer::exploreAll(ExploreLimits limits) {
    limits_ = limits;
    summary_ = {};
    dfs(State::initial(h_));
    return summary_;
}

void Explorer::dfs(State s) {
    if (limits_.maxStates != 0 && summary_.states >= limits_.maxStates) {
        summary_.complete = false;
        return;
    }
    ++summary_.states;
    std::vector<Choice> choices = expand(s);
    if (s.allEnded()) {
        ++summary_.executions;
        obs_.execution(s);
        return;
    }
    ISOCHECK_ASSERT(!choices.empty());  // every wait is on a live transaction
    for (Choice& c : choices) {
        if (c.outcome.kind == Outcome::Kind::Aborts)
            obs_.abort(c.next, c.txn, c.outcome.cause, c.outcome.why);
        dfs(std::move(c.next));
    }
}

ReplayResult Explorer::replay(const std::vector<TxnId>& schedule) {
    ReplayResult r{true, 0, {}, 1, State::initial(h_)};
    State& s = r.state;
    auto take = [&](Choice& c) {
        if (c.outcome.kind == Outcome::Kind::Aborts)
            obs_.abort(c.next, c.txn, c.outcome.cause, c.outcome.why);
        s = std::move(c.next);
        ++r.states;
    };
    for (std::size_t i = 0; i < schedule.size(); ++i) {
        const TxnId t = schedule[i];
        std::vector<Choice> choices = expand(s);
        if (!s.txns[t].live()) {
            r.possible = false, r.failedAt = i, r.why = endedWhy(h_, s, t);
            return r;
        }
        auto it = std::ranges::find_if(choices, [t](const Choice& c) { return c.txn == t; });
        if (it == choices.end()) {
            r.possible = false, r.failedAt = i, r.why = offer(s, t).outcome.why;
            return r;
        }
        take(*it);
    }
    // SPEC 3.1: the remaining operations run one transaction after another in
    // file order; when that one has to wait, the first that can step goes.
    for (;;) {
        std::vector<Choice> choices = expand(s);
        if (s.allEnded()) break;
        ISOCHECK_ASSERT(!choices.empty());
        take(choices.front());
    }
    obs_.execution(s);
    return r;
}

}  // namespace isocheck
