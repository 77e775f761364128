#include "validate/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <thread>

#include "anomaly/result.hpp"
#include "explore/explorer.hpp"
#include "graph/dsg.hpp"
#include "graph/format.hpp"
#include "history/loader.hpp"
#include "models/registry.hpp"
#include "run/collector.hpp"
#include "support/assert.hpp"
#include "support/diagnostic.hpp"

namespace isocheck {
namespace {

// ---- Exploring one history under one model --------------------------------

/// The type of ExplorationObserver::deadlock's last parameter, whatever it is.
template <class>
struct DeadlockWaitsOf;
template <class C, class R, class A, class B, class D, class W>
struct DeadlockWaitsOf<R (C::*)(A, B, D, W)> {
    using type = W;
};
using DeadlockWaits = DeadlockWaitsOf<decltype(&ExplorationObserver::deadlock)>::type;

struct BadCycle {
    std::vector<DepEdge> cycle;
    Trace witness;
};

/// A dependency cycle of `edges` without two consecutive rw edges (Fekete
/// et al. 2005, Theorem 2.1, says snapshot isolation has none): every simple
/// cycle of transactions, each hop taken as rw only when every edge of that
/// hop is rw. The first in a fixed order (smallest transaction first).
std::optional<std::vector<DepEdge>> cycleWithoutTwoRw(const std::vector<DepEdge>& edges) {
    std::vector<TxnId> txns;
    for (const DepEdge& e : edges) txns.push_back(e.from), txns.push_back(e.to);
    std::sort(txns.begin(), txns.end());
    txns.erase(std::unique(txns.begin(), txns.end()), txns.end());
    // The edge to show for a hop: a non-rw one when there is one (edges are sorted).
    auto hop = [&](TxnId u, TxnId v) -> const DepEdge* {
        const DepEdge* found = nullptr;
        for (const DepEdge& e : edges)
            if (e.from == u && e.to == v && (found == nullptr || e.type != DepType::RW)) found = &e;
        return found;
    };
    std::optional<std::vector<DepEdge>> bad;
    std::vector<TxnId> path;
    std::function<void(TxnId)> extend = [&](TxnId u) {
        for (TxnId v : txns) {
            if (bad || v < path.front()) continue;
            const DepEdge* e = hop(u, v);
            if (e == nullptr) continue;
            if (v == path.front()) {
                std::vector<DepEdge> cycle;
                for (std::size_t i = 0; i < path.size(); ++i)
                    cycle.push_back(*hop(path[i], path[(i + 1) % path.size()]));
                bool twoRw = false;
                for (std::size_t i = 0; i < cycle.size(); ++i)
                    twoRw = twoRw || (cycle[i].type == DepType::RW &&
                                      cycle[(i + 1) % cycle.size()].type == DepType::RW);
                if (!twoRw) bad = cycle;
            } else if (std::ranges::find(path, v) == path.end()) {
                path.push_back(v);
                extend(v);
                path.pop_back();
            }
        }
    };
    for (TxnId start : txns) {
        path = {start};
        extend(start);
        if (bad) break;
    }
    return bad;
}

/// Passes everything on to a collector and checks every committed
/// execution's cycles on the way.
class CycleCheck final : public ExplorationObserver {
public:
    CycleCheck(const History& h, ExplorationObserver& inner) : h_(h), inner_(inner) {}
    void execution(const State& leaf, const Log& log) override {
        inner_.execution(leaf, log);
        auto cycle = cycleWithoutTwoRw(buildDependencyEdges(h_, leaf, log));
        if (cycle && (!found || betterWitness(log.events, found->witness)))
            found = BadCycle{std::move(*cycle), log.events};
    }
    void deadlock(const Log& log, std::span<const TxnId> cycle, TxnId victim,
                  DeadlockWaits waits) override {
        inner_.deadlock(log, cycle, victim, waits);
    }
    void abort(const Log& log, TxnId t, AbortCause cause,
               const std::function<std::string()>& why) override {
        inner_.abort(log, t, cause, why);
    }
    std::optional<BadCycle> found;

private:
    const History& h_;
    ExplorationObserver& inner_;
};

struct Explored {
    ModelResult result;
    std::optional<BadCycle> badCycle;  ///< only when asked for
};

std::unique_ptr<IsolationModel> build(const ValidateOptions& o, const History& h,
                                      std::string_view name) {
    const ModelInfo* info = findModel(name);
    ISOCHECK_ASSERT(info != nullptr);
    const auto opts = h.modelOptions.find(std::string(name));
    const ModelOptions options = opts == h.modelOptions.end() ? ModelOptions{} : opts->second;
    return o.factory ? o.factory(*info, options) : makeModel(*info, options);
}

Explored explore(const ValidateOptions& o, const History& h, std::string_view name, Reduction r,
                 unsigned workers, bool cycles) {
    const auto model = build(o, h, name);
    Explorer explorer(h, *model, r);
    std::vector<std::unique_ptr<Collector>> collectors;
    std::vector<std::unique_ptr<CycleCheck>> checks;
    std::vector<ExplorationObserver*> observers;
    for (unsigned i = 0; i < workers; ++i) {
        collectors.push_back(std::make_unique<Collector>(h));
        if (cycles) {
            checks.push_back(std::make_unique<CycleCheck>(h, *collectors.back()));
            observers.push_back(checks.back().get());
        } else {
            observers.push_back(collectors.back().get());
        }
    }
    const ExploreSummary summary = explorer.exploreAll(observers, ExploreLimits{});
    ISOCHECK_ASSERT(summary.complete);
    for (std::size_t i = 1; i < collectors.size(); ++i) collectors[0]->merge(std::move(*collectors[i]));
    Explored out;
    out.result.model = std::string(name);
    collectors[0]->finish(out.result);
    out.result.stats.states = summary.states;
    out.result.stats.executions = summary.executions;
    for (auto& c : checks)
        if (c->found && (!out.badCycle || betterWitness(c->found->witness, out.badCycle->witness)))
            out.badCycle = std::move(c->found);
    return out;
}

/// Runs `schedule` under the model and collects what the execution exhibits.
std::optional<ModelResult> replay(const ValidateOptions& o, const History& h, std::string_view name,
                                  const Trace& witness) {
    const auto model = build(o, h, name);
    Explorer explorer(h, *model, Reduction::Cached);
    Collector collector(h);
    const ReplayResult r = explorer.replay(scheduleOf(witness), collector);
    if (!r.possible) return std::nullopt;
    ModelResult out;
    collector.finish(out);
    return out;
}

// ---- Words ----------------------------------------------------------------

std::string scheduleText(const History& h, const Trace& witness) {
    std::string out = "[";
    bool first = true;
    for (TxnId t : scheduleOf(witness)) {
        out += fmt::format("{}\"{}\"", first ? "" : ", ", txnName(h, t));
        first = false;
    }
    return out + "]";
}

std::string rowsText(const History& h, const Rows& rows) {
    std::string out = "{";
    for (std::size_t i = 0; i < rows.size(); ++i)
        out += fmt::format("{}{} = {}", i > 0 ? ", " : "", h.keys.at(rows[i].first),
                           rows[i].second ? std::to_string(*rows[i].second) : "null");
    return out + "}";
}

template <class Claims, class Key, class Proj>
std::string_view sourceOf(const Claims& claims, Key k, Proj proj) {
    const auto it = std::ranges::find(claims, k, proj);
    return it == claims.end() ? std::string_view{} : it->source;
}

// ---- The properties ---------------------------------------------------------

struct Finding {
    Property property;
    std::string model;
    std::string what;
};

/// What a report says, witnesses aside (as tests/test_reduction.cpp compares).
struct Outcome {
    std::vector<AnomalyClass> anomalies;
    std::vector<Phenomenon> phenomena;
    std::set<std::vector<TxnId>> deadlocks;
    std::set<std::pair<AbortCause, TxnId>> aborts;
    std::set<std::pair<Rows, bool>> finalStates;
    std::set<std::size_t> invariantViolations;
    bool snapshotTooOld = false;
    std::uint64_t distinct = 0;
    bool operator==(const Outcome&) const = default;
};

Outcome outcomeOf(const ModelResult& r) {
    Outcome o;
    for (const auto& a : r.anomalies) o.anomalies.push_back(a.cls);
    for (const auto& p : r.phenomena) o.phenomena.push_back(p.ph);
    for (const auto& d : r.deadlocks) o.deadlocks.insert(d.cycle);
    for (const auto& a : r.aborts) o.aborts.emplace(a.cause, a.txn);
    for (const auto& f : r.finalStates) o.finalStates.emplace(f.rows, f.serializable);
    for (const auto& v : r.invariantViolations) o.invariantViolations.insert(v.invariant);
    o.snapshotTooOld = r.snapshotTooOld;
    o.distinct = r.stats.distinctExecutions;
    return o;
}

/// Everything a report prints, witnesses included, times aside.
bool sameReport(const ModelResult& a, const ModelResult& b) {
    auto anomalies = [](const ModelResult& r) {
        std::vector<std::tuple<AnomalyClass, std::string, Trace, std::vector<DepEdge>, std::string>> v;
        for (const auto& x : r.anomalies) v.emplace_back(x.cls, x.name, x.witness, x.cycle, x.detail);
        return v;
    };
    auto phenomena = [](const ModelResult& r) {
        std::vector<std::tuple<Phenomenon, Trace, std::vector<DepEdge>, std::string>> v;
        for (const auto& x : r.phenomena) v.emplace_back(x.ph, x.witness, x.cycle, x.detail);
        return v;
    };
    auto deadlocks = [](const ModelResult& r) {
        std::vector<std::tuple<Trace, std::vector<TxnId>, TxnId>> v;
        for (const auto& x : r.deadlocks) v.emplace_back(x.witness, x.cycle, x.victim);
        return v;
    };
    auto aborts = [](const ModelResult& r) {
        std::vector<std::tuple<AbortCause, TxnId, Trace, std::string>> v;
        for (const auto& x : r.aborts) v.emplace_back(x.cause, x.txn, x.witness, x.why);
        return v;
    };
    auto finals = [](const ModelResult& r) {
        std::vector<std::tuple<Rows, bool, Trace>> v;
        for (const auto& x : r.finalStates) v.emplace_back(x.rows, x.serializable, x.witness);
        return v;
    };
    return anomalies(a) == anomalies(b) && phenomena(a) == phenomena(b) &&
           deadlocks(a) == deadlocks(b) && aborts(a) == aborts(b) && finals(a) == finals(b) &&
           a.snapshotTooOld == b.snapshotTooOld && a.stats.states == b.stats.states &&
           a.stats.executions == b.stats.executions &&
           a.stats.distinctExecutions == b.stats.distinctExecutions;
}

/// Whether the theory says `m` leaves only serializable final states.
[[nodiscard]] bool serialStates(const ModelInfo& m) {
    return m.serializableStates || m.neverClasses.size() == anomalyCatalogue().size();
}

/// Checks one history; counts what it checked into `histories`/`checks`.
class HistoryCheck {
public:
    HistoryCheck(const ValidateOptions& o, const History& h) : o_(o), h_(h) {}

    /// The properties that apply to `model` on the history with index `i`
    /// (`forced`: every one, for shrinking).
    [[nodiscard]] bool due(Property p, std::uint64_t i) const {
        switch (p) {
            case Property::Reduction: return o_.reductionEvery > 0 && i % o_.reductionEvery == 0;
            case Property::Replay: return o_.replayEvery > 0 && i % o_.replayEvery == 0;
            case Property::Determinism:
                return o_.determinismEvery > 0 && i % o_.determinismEvery == 0;
            default: return true;
        }
    }

    /// Checks `p` under `model`; the number of checks made (0: it does not
    /// apply), and the first violation into `found`.
    std::uint64_t check(Property p, const std::string& model, std::optional<Finding>& found) {
        const ModelInfo& info = *findModel(model);
        auto fail = [&](std::string what) {
            if (!found) found = Finding{p, model, std::move(what)};
        };
        switch (p) {
            case Property::Theory: {
                const ModelResult& r = result(model);
                for (const auto& a : r.anomalies)
                    if (neverExhibits(info, a.cls))
                        fail(fmt::format("{} exhibits {} ({}), which the theory forbids ({}); "
                                         "witness schedule = {}",
                                         model, infoName(a.cls), a.name,
                                         sourceOf(info.neverClasses, a.cls, &NeverClass::cls),
                                         scheduleText(h_, a.witness)));
                for (const auto& ph : r.phenomena)
                    if (neverExhibits(info, ph.ph))
                        fail(fmt::format("{} exhibits {} ({}), which the theory forbids ({}); "
                                         "witness schedule = {}",
                                         model, isocheck::info(ph.ph).name,
                                         isocheck::info(ph.ph).commonName,
                                         sourceOf(info.neverPhenomena, ph.ph, &NeverPhenomenon::ph),
                                         scheduleText(h_, ph.witness)));
                return 1;
            }
            case Property::SerializableStates: {
                if (!serialStates(info)) return 0;
                for (const auto& f : result(model).finalStates)
                    if (!f.serializable)
                        fail(fmt::format("{} leaves the final state {}, which no serial order "
                                         "of its committed transactions leaves; witness schedule = {}",
                                         model, rowsText(h_, f.rows), scheduleText(h_, f.witness)));
                return 1;
            }
            case Property::SnapshotCycles: {
                if (model != "snapshot") return 0;
                const Explored& e = explored(model);
                if (e.badCycle)
                    fail(fmt::format("{} has the dependency cycle {} without two consecutive rw "
                                     "edges (Fekete et al. 2005, Theorem 2.1); witness schedule = {}",
                                     model, formatCycle(h_, e.badCycle->cycle),
                                     scheduleText(h_, e.badCycle->witness)));
                return 1;
            }
            case Property::Order: {
                const auto weaker = weakerModels(model);
                const ModelResult& strong = result(model);
                // Nothing exhibited: every weaker model exhibits as much, unexplored.
                if (strong.anomalies.empty() && strong.phenomena.empty()) return weaker.size();
                for (std::string_view w : weaker) {
                    // A claim is about the models as the table defines them: an
                    // option the file gives the weaker model only (retention)
                    // makes it another model, which is compared at its defaults.
                    const bool sameOptions = h_.modelOptions.contains(model) || !h_.modelOptions.contains(std::string(w));
                    const ModelResult& weak = sameOptions ? result(std::string(w)) : defaultResult(std::string(w));
                    for (const auto& a : strong.anomalies)
                        if (std::ranges::none_of(weak.anomalies, [&](const auto& b) { return b.cls == a.cls; }))
                            fail(fmt::format("{} exhibits {} but {}, which the theory calls weaker, "
                                             "does not; witness schedule under {} = {}",
                                             model, infoName(a.cls), w, model,
                                             scheduleText(h_, a.witness)));
                    for (const auto& ph : strong.phenomena)
                        if (std::ranges::none_of(weak.phenomena, [&](const auto& q) { return q.ph == ph.ph; }))
                            fail(fmt::format("{} exhibits {} but {}, which the theory calls weaker, "
                                             "does not; witness schedule under {} = {}",
                                             model, isocheck::info(ph.ph).name, w, model,
                                             scheduleText(h_, ph.witness)));
                }
                return weaker.size();
            }
            case Property::Reduction: {
                const Outcome reduced = outcomeOf(result(model));
                const Outcome plain =
                    outcomeOf(explore(o_, h_, model, Reduction::None, 1, false).result);
                if (!(reduced == plain)) {
                    std::vector<std::string> differ;
                    if (reduced.anomalies != plain.anomalies) differ.emplace_back("anomalies");
                    if (reduced.phenomena != plain.phenomena) differ.emplace_back("phenomena");
                    if (reduced.deadlocks != plain.deadlocks) differ.emplace_back("deadlocks");
                    if (reduced.aborts != plain.aborts) differ.emplace_back("aborts");
                    if (reduced.finalStates != plain.finalStates) differ.emplace_back("final states");
                    if (reduced.invariantViolations != plain.invariantViolations)
                        differ.emplace_back("invariant violations");
                    if (reduced.snapshotTooOld != plain.snapshotTooOld) differ.emplace_back("snapshot too old");
                    if (reduced.distinct != plain.distinct) differ.emplace_back("distinct executions");
                    fail(fmt::format("{}: sleep sets and --reduction none differ in {}", model,
                                     fmt::join(differ, ", ")));
                }
                return 1;
            }
            case Property::Replay: {
                checkReplay(model, fail);
                return 1;
            }
            case Property::Determinism: {
                const Explored again = explore(o_, h_, model, Reduction::Cached, 2, false);
                if (!sameReport(result(model), again.result))
                    fail(fmt::format("{}: exploring again with two workers reports something else",
                                     model));
                return 1;
            }
        }
        return 0;
    }

private:
    static std::string_view infoName(AnomalyClass c) { return isocheck::info(c).name; }

    template <class Fail>
    void checkReplay(const std::string& model, Fail& fail) {
        const ModelResult& r = result(model);
        auto again = [&](const Trace& w) { return replay(o_, h_, model, w); };
        for (const auto& a : r.anomalies) {
            const auto x = again(a.witness);
            if (!x || std::ranges::none_of(x->anomalies, [&](const auto& b) { return b.cls == a.cls; }))
                fail(fmt::format("{}: the witness of {}, schedule = {}, does not replay", model,
                                 infoName(a.cls), scheduleText(h_, a.witness)));
        }
        for (const auto& p : r.phenomena) {
            const auto x = again(p.witness);
            if (!x || std::ranges::none_of(x->phenomena, [&](const auto& q) { return q.ph == p.ph; }))
                fail(fmt::format("{}: the witness of {}, schedule = {}, does not replay", model,
                                 isocheck::info(p.ph).name, scheduleText(h_, p.witness)));
        }
        for (const auto& d : r.deadlocks) {
            const auto x = again(d.witness);
            if (!x || std::ranges::none_of(x->deadlocks, [&](const auto& e) { return e.cycle == d.cycle; }))
                fail(fmt::format("{}: the witness of a deadlock, schedule = {}, does not replay",
                                 model, scheduleText(h_, d.witness)));
        }
        for (const auto& a : r.aborts) {
            const auto x = again(a.witness);
            if (!x || std::ranges::none_of(x->aborts, [&](const auto& b) {
                    return b.cause == a.cause && b.txn == a.txn;
                }))
                fail(fmt::format("{}: the witness of {}'s abort, schedule = {}, does not replay",
                                 model, txnName(h_, a.txn), scheduleText(h_, a.witness)));
        }
        for (const auto& f : r.finalStates) {
            const auto x = again(f.witness);
            if (!x || x->finalStates.size() != 1 || !(x->finalStates[0] == f))
                fail(fmt::format("{}: the witness of the final state {}, schedule = {}, does not "
                                 "replay",
                                 model, rowsText(h_, f.rows), scheduleText(h_, f.witness)));
        }
    }

    const Explored& explored(const std::string& model) {
        auto it = cache_.find(model);
        if (it == cache_.end())
            it = cache_.emplace(model, explore(o_, h_, model, Reduction::Cached, 1,
                                               model == "snapshot"))
                     .first;
        return it->second;
    }
    const ModelResult& result(const std::string& model) { return explored(model).result; }
    /// `model` explored without the file's options for it.
    const ModelResult& defaultResult(const std::string& model) {
        auto it = defaults_.find(model);
        if (it == defaults_.end()) {
            History plain = h_;
            plain.modelOptions.erase(model);
            it = defaults_.emplace(model, explore(o_, plain, model, Reduction::Cached, 1, false)).first;
        }
        return it->second.result;
    }

    const ValidateOptions& o_;
    const History& h_;
    std::map<std::string, Explored> cache_;
    std::map<std::string, Explored> defaults_;
};

constexpr std::array kAllProperties{Property::Theory,    Property::SerializableStates,
                                    Property::SnapshotCycles, Property::Order,
                                    Property::Reduction, Property::Replay,
                                    Property::Determinism};

struct HistoryOutcome {
    std::array<std::uint64_t, kProperties> checks{};
    std::optional<Finding> finding;
};

/// Checks every due property under every model on one history; stops at the
/// first violation (models in registry order, then properties in order).
HistoryOutcome checkHistory(const ValidateOptions& o, const std::vector<std::string>& models,
                            const History& h, std::uint64_t index) {
    HistoryOutcome out;
    HistoryCheck check(o, h);
    for (const std::string& m : models)
        for (Property p : kAllProperties) {
            if (!check.due(p, index)) continue;
            out.checks[static_cast<std::size_t>(p)] += check.check(p, m, out.finding);
            if (out.finding) return out;
        }
    return out;
}

/// Whether `g` loads and still violates `p` under `model`; its words into `what`.
bool stillViolates(const ValidateOptions& o, const GeneratedHistory& g, Property p,
                   const std::string& model, std::string& what) {
    std::optional<History> h;
    try {
        h = parseHistory(g.toml(), "shrunk.toml");
    } catch (const InputError&) {
        return false;  // the edit made it invalid (a key used before it is read)
    }
    const auto found = checkProperty(o, *h, p, model);
    if (!found) return false;
    what = *found;
    return true;
}

/// Every one-step simplification of `g`, smallest effect last: drop a
/// transaction, drop an operation, simplify an operation, drop or zero an
/// initial row, drop a retention option.
std::vector<GeneratedHistory> simplifications(const GeneratedHistory& g) {
    std::vector<GeneratedHistory> out;
    for (std::size_t t = 0; t < g.txns.size() && g.txns.size() > 1; ++t) {
        GeneratedHistory c = g;
        c.txns.erase(c.txns.begin() + static_cast<std::ptrdiff_t>(t));
        if (t < c.readOnly.size()) c.readOnly.erase(c.readOnly.begin() + static_cast<std::ptrdiff_t>(t));
        out.push_back(std::move(c));
    }
    for (std::size_t t = 0; t < g.readOnly.size(); ++t)
        if (g.readOnly[t]) {
            GeneratedHistory c = g;
            c.readOnly[t] = false;
            out.push_back(std::move(c));
        }
    for (std::size_t t = 0; t < g.txns.size(); ++t)
        for (std::size_t i = 0; i < g.txns[t].size() && g.txns[t].size() > 1; ++i) {
            GeneratedHistory c = g;
            c.txns[t].erase(c.txns[t].begin() + static_cast<std::ptrdiff_t>(i));
            out.push_back(std::move(c));
        }
    for (std::size_t r = 0; r < g.retention.size(); ++r) {
        GeneratedHistory c = g;
        c.retention.erase(c.retention.begin() + static_cast<std::ptrdiff_t>(r));
        out.push_back(std::move(c));
    }
    if (g.firstCommitterWins) {
        GeneratedHistory c = g;
        c.firstCommitterWins = false;
        out.push_back(std::move(c));
    }
    for (std::size_t r = 0; r < g.initial.size(); ++r) {
        GeneratedHistory c = g;
        c.initial.erase(c.initial.begin() + static_cast<std::ptrdiff_t>(r));
        out.push_back(c);
        if (g.initial[r].second != 0) {
            c = g;
            c.initial[r].second = 0;
            out.push_back(std::move(c));
        }
    }
    // Simpler forms of one operation.
    for (std::size_t t = 0; t < g.txns.size(); ++t)
        for (std::size_t i = 0; i < g.txns[t].size(); ++i) {
            const std::string& op = g.txns[t][i];
            std::vector<std::string> simpler;
            if (op == "abort") simpler.emplace_back("commit");
            if (op.ends_with(" for update")) simpler.push_back(op.substr(0, op.size() - 11));
            if (op.starts_with("u ") || (op.starts_with("w ") && !op.ends_with("= 0"))) {
                const std::string key = op.substr(2, op.find(' ', 2) - 2);
                simpler.push_back("w " + key + " = 0");
            }
            if (op.starts_with("select where value > ") && !op.ends_with("> 0"))
                simpler.emplace_back("select where value > 0");
            for (std::string& s : simpler) {
                GeneratedHistory c = g;
                c.txns[t][i] = std::move(s);
                out.push_back(std::move(c));
            }
        }
    return out;
}

Violation shrink(const ValidateOptions& o, const GeneratedHistory& original, std::uint64_t index,
                 std::uint64_t seed, const Finding& f) {
    Violation v;
    v.index = index;
    v.property = f.property;
    v.model = f.model;
    v.seed = seed;
    v.what = f.what;
    v.original = original.toml();
    GeneratedHistory current = original;
    v.shrunkWhat = f.what;
    for (bool progress = true; progress;) {
        progress = false;
        for (const GeneratedHistory& c : simplifications(current)) {
            std::string what;
            if (!stillViolates(o, c, f.property, f.model, what)) continue;
            current = c;
            v.shrunkWhat = what;
            ++v.shrinkSteps;
            progress = true;
            break;
        }
    }
    v.shrunkParts = current;
    current.title = fmt::format("isocheck validate: {} under {}", describe(f.property), f.model);
    std::string toml = current.toml();
    const std::size_t firstLine = toml.find('\n');
    std::vector<std::string> models{f.model};
    if (f.property == Property::Order)
        for (std::string_view w : weakerModels(f.model)) models.emplace_back(w);
    std::string modelList;
    for (const auto& m : models) modelList += (modelList.empty() ? "\"" : ", \"") + m + '"';
    std::string what = v.shrunkWhat;
    std::replace(what.begin(), what.end(), '\'', '"');
    v.shrunk = toml.substr(0, firstLine + 1) +
               fmt::format("description = '''\nShrunk in {} edits from generated history {} of "
                           "isocheck validate --seed {} (generator seed {}).\n{}\n'''\nmodels = [{}]\n",
                           v.shrinkSteps, index + 1, o.seed, seed, what, modelList) +
               toml.substr(firstLine + 1);
    return v;
}

}  // namespace

std::string_view describe(Property p) {
    switch (p) {
        case Property::Theory: return "nothing the theory forbids";
        case Property::SerializableStates: return "serializable models: serializable final states";
        case Property::SnapshotCycles: return "snapshot: every cycle has two consecutive rw edges";
        case Property::Order: return "weaker models exhibit as much";
        case Property::Reduction: return "sleep sets agree with --reduction none";
        case Property::Replay: return "every witness replays";
        case Property::Determinism: return "exploring again gives the same report";
    }
    return "?";
}

std::optional<std::string> checkProperty(const ValidateOptions& o, const History& h, Property p,
                                        const std::string& model) {
    HistoryCheck check(o, h);
    std::optional<Finding> found;
    (void)check.check(p, model, found);
    if (!found) return std::nullopt;
    return found->what;
}

std::uint64_t historySeed(std::uint64_t seed, std::uint64_t i) {
    SplitMix64 rng(seed * 0x9e3779b97f4a7c15ULL + i);
    return rng.next();
}

ValidateReport validateModels(const ValidateOptions& o) {
    ValidateReport report;
    for (const ModelInfo& m : modelRegistry())
        if (o.models.empty() ? m.generic() : std::ranges::find(o.models, m.name) != o.models.end())
            report.models.emplace_back(m.name);

    const std::uint64_t n = o.histories;
    std::vector<HistoryOutcome> outcomes(n);
    std::atomic<std::uint64_t> next{0};
    std::atomic<std::uint64_t> firstBad{n};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto work = [&] {
        try {
            for (;;) {
                const std::uint64_t i = next.fetch_add(1);
                if (i >= n || i > firstBad.load()) return;
                const GeneratedHistory g = generateHistory(historySeed(o.seed, i), o.generator);
                const History h = parseHistory(g.toml(), fmt::format("generated-{}.toml", i + 1));
                outcomes[i] = checkHistory(o, report.models, h, i);
                if (outcomes[i].finding) {
                    std::uint64_t seen = firstBad.load();
                    while (i < seen && !firstBad.compare_exchange_weak(seen, i)) {
                    }
                }
            }
        } catch (...) {
            const std::lock_guard lock(errorMutex);
            if (!error) error = std::current_exception();
            firstBad.store(0);
        }
    };
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < std::max(1u, o.jobs); ++j) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);

    const std::uint64_t bad = firstBad.load();
    report.histories = std::min(bad, n);
    for (std::uint64_t i = 0; i < report.histories; ++i)
        for (std::size_t p = 0; p < kProperties; ++p) {
            report.checks[p] += outcomes[i].checks[p];
            if (outcomes[i].checks[p] > 0) ++report.histories_checked[p];
        }
    if (bad < n) {
        const std::uint64_t seed = historySeed(o.seed, bad);
        report.violation =
            shrink(o, generateHistory(seed, o.generator), bad, seed, *outcomes[bad].finding);
    }
    return report;
}

}  // namespace isocheck
