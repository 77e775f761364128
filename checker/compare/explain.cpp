#include "compare/explain.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <range/v3/view/join.hpp>
#include <range/v3/view/transform.hpp>
#include <range/v3/range/conversion.hpp>

#include "compare/replay.hpp"
#include "models/registry.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

// The rules of each built-in model that let a finding happen, in words
// (specs/models.md says the same at length). Empty: the model has no such
// rule; the finding cannot need it.
struct Rules {
    std::string_view model;
    std::string_view liveReader;     // a write overwrites what a running transaction read
    std::string_view livePredicate;  // a write changes what a running transaction's select matched
    std::string_view oldVersion;     // a read sees an older version than the newest committed
    std::string_view uncommitted;    // a read sees a version its writer has not committed
    std::string_view locks;          // where the locks of a deadlock come from
    std::string_view cycleNote = {}; // what the model checks that a dependency cycle gets past
};

constexpr std::string_view kSnapshotReads =
    "snapshot isolation reads take no locks and only write-write conflicts are checked, so a "
    "writer neither waits for a reader nor aborts because of one";

constexpr std::array kRules{
    Rules{"read-uncommitted", "read-uncommitted reads take no locks, so a writer never waits for a reader",
          "read-uncommitted reads take no locks, so a writer never waits for a reader", "",
          "read-uncommitted reads take no locks and see the newest version, committed or not",
          "read-uncommitted locks a written row until its writer ends"},
    Rules{"read-committed",
          "read-committed holds a read lock only while the read runs, so a writer does not wait "
          "for a reader that is still running",
          "read-committed holds a predicate lock only while the select runs, so a writer does "
          "not wait for a reader that is still running",
          "", "", "read-committed locks a written row until its writer ends; a read lock lasts only the read"},
    Rules{"read-committed-snapshot",
          "read-committed-snapshot reads take no locks, so a writer never waits for a reader",
          "read-committed-snapshot reads take no locks, so a writer never waits for a reader",
          "read-committed-snapshot reads take no locks and see, in each operation, the versions "
          "committed when it began",
          "",
          "read-committed-snapshot locks a written row until its writer ends",
          "Read-committed-snapshot lets a write go over the newest committed version without "
          "asking whether it is the one the writer read."},
    Rules{"repeatable-read", "",
          "repeatable-read keeps the locks on the rows it read until commit, but a predicate "
          "lock only while the select runs, so a write into the predicate's range does not wait",
          "", "", "repeatable-read locks every row it reads or writes until commit"},
    Rules{"snapshot", kSnapshotReads, kSnapshotReads,
          "under snapshot isolation a transaction reads the snapshot taken at its first "
          "operation, without locks: it sees nothing committed after that, nor anything uncommitted",
          "",
          "snapshot isolation locks a written row until its writer ends; another writer of the "
          "row waits",
          "Snapshot isolation aborts only a write-write conflict (first-updater-wins), and no row "
          "of this cycle was written by two concurrent transactions."},
    Rules{"serializable", "", "", "", "",
          "serializable (strict two-phase locking) locks every row it reads or writes, and every "
          "predicate it reads, until commit"},
    Rules{"serializable-snapshot",
          "serializable snapshot isolation reads take no locks; it aborts only a pivot of two rw "
          "edges among concurrent transactions",
          "serializable snapshot isolation reads take no locks; it aborts only a pivot of two rw "
          "edges among concurrent transactions",
          "under serializable snapshot isolation a transaction reads the snapshot taken at its "
          "first operation, without locks",
          "",
          "serializable snapshot isolation locks a written row until its writer ends; another "
          "writer of the row waits"},
};


// One step of the witness that made the finding possible, and the rule that let it.
struct Clause {
    std::string step;
    std::string_view rule;
};

// Positions in a witness trace.
struct Positions {
    const Trace& t;
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    std::size_t first(TxnId txn, EventKind kind, std::optional<KeyId> key = std::nullopt,
                      std::size_t from = 0) const {
        for (std::size_t i = from; i < t.size(); ++i)
            if (t[i].txn == txn && t[i].kind == kind && (!key || t[i].key == *key)) return i;
        return kNone;
    }
    // The first item read of `key` by `txn` whose version `writer` did (or,
    // with `other`, did not) write.
    std::size_t readOf(TxnId txn, KeyId key, TxnId writer, bool other) const {
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t[i].txn == txn && t[i].kind == EventKind::Read && t[i].key == key &&
                (t[i].version.writer == writer) != other)
                return i;
        return kNone;
    }
    // Where the transaction commits or aborts; the trace's end when it does not.
    std::size_t end(TxnId txn) const {
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t[i].txn == txn && (t[i].kind == EventKind::Commit || t[i].kind == EventKind::Abort))
                return i;
        return t.size();
    }
};

// Which step of an edge of a dependency cycle went against the commit order,
// and the rule that allowed it; nothing when the edge follows the order
// (its source had ended before its target's step).
std::optional<Clause> edgeClause(const History& h, const Rules& rules, const Trace& witness, const DepEdge& e) {
    const Positions at{witness};
    const std::string& from = h.txns.at(e.from).name;
    const std::string& to = h.txns.at(e.to).name;
    const std::string& key = h.keys.at(e.key);
    switch (e.type) {
        case DepType::RW: {
            // e.from read (or matched with a select) what e.to then overwrote.
            // The read of a version other than e.to's (the one e.to overwrote).
            const std::size_t read = e.predicate ? at.first(e.from, EventKind::PredicateRead)
                                                 : at.readOf(e.from, e.key, e.to, true);
            const std::size_t write = at.first(e.to, EventKind::Write, e.key);
            if (read == Positions::kNone || write == Positions::kNone) return std::nullopt;
            if (read < write && write < at.end(e.from)) {
                if (e.predicate)
                    return Clause{fmt::format("{} wrote {}, changing what {}'s select matched, while {} was "
                                              "still running", to, key, from, from),
                                  rules.livePredicate};
                return Clause{fmt::format("{} overwrote {} while {}, which had read it, was still running",
                                          to, key, from),
                              rules.liveReader};
            }
            if (read > at.end(e.to))
                return Clause{fmt::format("{} read {} after {} had committed a newer version of it",
                                          from, key, to),
                              rules.oldVersion};
            if (read > write)
                return Clause{fmt::format("{} read {} while {}'s newer version of it was not committed yet",
                                          from, key, to),
                              rules.oldVersion};
            return std::nullopt;
        }
        case DepType::WR: {
            // The read of e.from's version.
            const std::size_t read = e.predicate ? at.first(e.to, EventKind::PredicateRead)
                                                 : at.readOf(e.to, e.key, e.from, false);
            if (read == Positions::kNone || read > at.end(e.from)) return std::nullopt;
            return Clause{fmt::format("{} read {} as {} wrote it, before {} committed", to, key, from, from),
                          rules.uncommitted};
        }
        case DepType::WW: {
            const std::size_t write = at.first(e.to, EventKind::Write, e.key);
            if (write == Positions::kNone || write > at.end(e.from)) return std::nullopt;
            return Clause{fmt::format("{} overwrote {} before {}, which wrote it, ended", to, key, from), ""};
        }
    }
    return std::nullopt;
}

// The first read of a version whose writer was still running.
std::optional<Clause> dirtyReadClause(const History& h, const Rules& rules, const Trace& witness) {
    for (const Event& e : witness)
        if (e.kind == EventKind::Read && e.dirty)
            return Clause{fmt::format("{} read {} as {} wrote it, before {} ended", h.txns.at(e.txn).name,
                                      h.keys.at(e.key), h.txns.at(e.version.writer).name,
                                      h.txns.at(e.version.writer).name),
                          rules.uncommitted};
    return std::nullopt;
}

// The first write over what a transaction still running had read (with a
// select when `predicate`).
std::optional<Clause> liveReaderClause(const History& h, const Rules& rules, const Trace& witness,
                                       bool predicate) {
    const Positions at{witness};
    const EventKind readKind = predicate ? EventKind::PredicateRead : EventKind::Read;
    for (std::size_t r = 0; r < witness.size(); ++r) {
        const Event& read = witness[r];
        if (read.kind != readKind) continue;
        const std::size_t end = at.end(read.txn);
        for (std::size_t w = r + 1; w < end; ++w) {
            const Event& write = witness[w];
            if (write.kind != EventKind::Write || write.txn == read.txn) continue;
            if (!predicate && write.key != read.key) continue;
            const std::string& reader = h.txns.at(read.txn).name;
            const std::string& writer = h.txns.at(write.txn).name;
            if (predicate)
                return Clause{fmt::format("{} wrote {} after {}'s select, while {} was still running",
                                          writer, h.keys.at(write.key), reader, reader),
                              rules.livePredicate};
            return Clause{fmt::format("{} overwrote {} while {}, which had read it, was still running",
                                      writer, h.keys.at(write.key), reader),
                          rules.liveReader};
        }
    }
    return std::nullopt;
}

// Clauses with the same rule share it: `A; B: rule.`
std::string sentences(const std::string& model, const std::vector<Clause>& clauses) {
    std::vector<std::pair<std::string_view, std::vector<std::string>>> byRule;
    for (const Clause& c : clauses) {
        auto it = std::ranges::find(byRule, c.rule, &decltype(byRule)::value_type::first);
        if (it == byRule.end()) it = byRule.insert(byRule.end(), {c.rule, {}});
        if (std::ranges::find(it->second, c.step) == it->second.end()) it->second.push_back(c.step);
    }
    std::string out;
    for (const auto& [rule, steps] : byRule) {
        std::string joined = steps | ranges::views::join(std::string_view("; ")) | ranges::to<std::string>();
        if (!out.empty()) out += ' ';
        out += rule.empty() ? joined + '.' : fmt::format("{}: {}.", joined, rule);
    }
    if (out.empty()) {
        const ModelInfo* info = findModel(model);
        out = fmt::format("{} allows this execution ({}).", model,
                          info != nullptr ? info->summary : std::string_view("a model of its own"));
    }
    return out;
}

// A model without rules here (none today) gets the fallback sentence.
const Rules& rulesFor(std::string_view model) {
    static constexpr Rules kNone{};
    const auto it = std::ranges::find(kRules, model, &Rules::model);
    return it == kRules.end() ? kNone : *it;
}

std::string allowedCycle(const History& h, const std::string& model, const Trace& witness,
                         const std::vector<DepEdge>& cycle) {
    const Rules& rules = rulesFor(model);
    std::vector<Clause> clauses;
    for (const DepEdge& e : cycle)
        if (auto c = edgeClause(h, rules, witness, e)) clauses.push_back(std::move(*c));
    std::string out = sentences(model, clauses);
    if (!rules.cycleNote.empty()) out += fmt::format(" {}", rules.cycleNote);
    return out;
}

std::string allowedAnomaly(const History& h, const std::string& model, const AnomalyFinding& a) {
    if (!a.cycle.empty()) return allowedCycle(h, model, a.witness, a.cycle);
    std::vector<Clause> clauses;
    if (auto c = dirtyReadClause(h, rulesFor(model), a.witness)) clauses.push_back(std::move(*c));
    return sentences(model, clauses);
}

std::string allowedPhenomenon(const History& h, const std::string& model, const PhenomenonFinding& p) {
    if (!p.cycle.empty()) return allowedCycle(h, model, p.witness, p.cycle);
    const Rules& rules = rulesFor(model);
    std::vector<Clause> clauses;
    std::optional<Clause> c;
    switch (p.ph) {
        case Phenomenon::P1: c = dirtyReadClause(h, rules, p.witness); break;
        case Phenomenon::P2: c = liveReaderClause(h, rules, p.witness, false); break;
        case Phenomenon::P3: c = liveReaderClause(h, rules, p.witness, true); break;
        default: break;
    }
    if (c) clauses.push_back(std::move(*c));
    return sentences(model, clauses);
}

namespace {

/// How `model` chooses a deadlock's victim, in words
/// (IsolationModel::victimRule): "last in the file on the waits-for cycle".
std::string victimRuleOf(const std::string& model) {
    const ModelInfo* info = findModel(model);
    if (info == nullptr) return "last in the file on the waits-for cycle";
    return std::string(makeModel(*info, {})->victimRule());
}

}  // namespace

std::string allowedDeadlock(const History& h, const std::string& model, const DeadlockFinding& d) {
    std::string waits = d.waits | ranges::views::transform(&Wait::why) |
                        ranges::views::join(std::string_view("; ")) | ranges::to<std::string>();
    const std::string_view locks = rulesFor(model).locks;
    return fmt::format("{}{}{}, so none of them can go on. A deadlock is broken by aborting a victim "
                       "({}): {}.",
                       waits, locks.empty() ? "" : ": ", locks, victimRuleOf(model),
                       h.txns.at(d.victim).name);
}

std::string allowedAbort(const History& h, const std::string& model, const AbortFinding& a) {
    const std::string& t = h.txns.at(a.txn).name;
    switch (a.cause) {
        case AbortCause::User: return fmt::format("{} ends with its own abort.", t);
        case AbortCause::Deadlock:
            return fmt::format("{} is the victim of a deadlock ({}); aborting it lets the others "
                               "go on.",
                               t, victimRuleOf(model));
        case AbortCause::SnapshotTooOld:
            return fmt::format("{}: the model keeps a bounded number of old versions (retention), "
                               "and the one this snapshot needed had been discarded.",
                               a.why);
        case AbortCause::Serialization:
            if (a.why.find("pivot") != std::string::npos)
                return fmt::format("{}: serializable snapshot isolation aborts a transaction that "
                                   "would be a pivot, with rw edges in from and out to concurrent "
                                   "transactions, the structure every snapshot anomaly contains "
                                   "(Cahill et al. 2008).",
                                   a.why);
            if (a.why.find("first-committer-wins") != std::string::npos)
                return fmt::format("{}: of two concurrent writers of a row only the first to commit "
                                   "may commit (first-committer-wins).",
                                   a.why);
            return fmt::format("{}: a transaction may not write a row that a concurrent transaction "
                               "wrote and committed after its snapshot (first-updater-wins).",
                               a.why);
        case AbortCause::None: break;
    }
    return a.why + '.';
}

// How the replays name a finding: `G-single` / `no G-single`.
struct FindingName {
    std::string some;  ///< "G-single", "a deadlock", "the abort of T2"
    std::string none;  ///< "no G-single", "no deadlock", "no abort of T2"
};

// The witness under each other model run, in run order.
std::vector<Elsewhere> elsewhere(const History& h, const FileResult& r, const std::string& model,
                                 const Trace& witness, const FindingName& name, const auto& hasFinding) {
    std::vector<Elsewhere> out;
    if (h.schedule) return out;
    for (const ModelResult& other : r.models) {
        if (other.model == model) continue;
        Replay replay = replayWitness(h, other.model, witness);
        Elsewhere e;
        e.model = other.model;
        e.same = replay.difference == Replay::Difference::None;
        e.found = hasFinding(replay.result);
        if (e.same)
            e.text = e.found ? fmt::format("the same schedule runs: {} here too", name.some)
                             : fmt::format("the same schedule runs, with {}", name.none);
        else
            e.text = fmt::format("{}; {}", replay.detail,
                                 e.found ? fmt::format("{} all the same", name.some) : name.none);
        out.push_back(std::move(e));
    }
    return out;
}

FindingName named(std::string_view code) { return {std::string(code), fmt::format("no {}", code)}; }

}  // namespace

std::vector<ModelExplanations> explainFindings(const History& h, const FileResult& r) {
    std::vector<ModelExplanations> out;
    out.reserve(r.models.size());
    for (const ModelResult& m : r.models) {
        ModelExplanations& x = out.emplace_back();
        for (const AnomalyFinding& a : m.anomalies) {
            const auto has = [&](const ModelResult& s) {
                return std::ranges::any_of(s.anomalies, [&](const AnomalyFinding& b) { return b.cls == a.cls; });
            };
            x.anomalies.push_back({allowedAnomaly(h, m.model, a),
                                   elsewhere(h, r, m.model, a.witness, named(info(a.cls).name), has)});
        }
        for (const PhenomenonFinding& p : m.phenomena) {
            const auto has = [&](const ModelResult& s) {
                return std::ranges::any_of(s.phenomena, [&](const PhenomenonFinding& q) { return q.ph == p.ph; });
            };
            x.phenomena.push_back({allowedPhenomenon(h, m.model, p),
                                   elsewhere(h, r, m.model, p.witness, named(info(p.ph).name), has)});
        }
        for (const DeadlockFinding& d : m.deadlocks) {
            const auto has = [&](const ModelResult& s) {
                return std::ranges::any_of(s.deadlocks, [&](const DeadlockFinding& e) { return e.cycle == d.cycle; });
            };
            x.deadlocks.push_back({allowedDeadlock(h, m.model, d),
                                   elsewhere(h, r, m.model, d.witness, {"a deadlock", "no deadlock"}, has)});
        }
        for (const AbortFinding& a : m.aborts) {
            const auto has = [&](const ModelResult& s) {
                return std::ranges::any_of(s.aborts, [&](const AbortFinding& b) {
                    return b.txn == a.txn && b.cause == a.cause;
                });
            };
            const std::string& t = h.txns.at(a.txn).name;
            const FindingName name{fmt::format("the abort of {}", t), fmt::format("no abort of {}", t)};
            x.aborts.push_back({allowedAbort(h, m.model, a), elsewhere(h, r, m.model, a.witness, name, has)});
        }
    }
    return out;
}

}  // namespace isocheck
