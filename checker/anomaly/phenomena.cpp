#include "anomaly/phenomena.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "anomaly/reads.hpp"
#include "graph/format.hpp"
#include "support/assert.hpp"

namespace isocheck {
namespace {

[[nodiscard]] std::string keySet(const History& h, const std::vector<KeyId>& keys) {
    std::string out = "{";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) out += ", ";
        out += h.keys.at(keys[i]);
    }
    return out + "}";
}

/// P0 (Berenson et al. 1995, 2.2; D4): the first write whose row's newest
/// non-aborted version belongs to another live transaction. The log's dirty
/// flag decides; replaying the installs names that other transaction.
[[nodiscard]] std::optional<PhenomenonFinding> dirtyWrite(const History& h, const State& s, const Log& log) {
    if (std::ranges::none_of(log.events, [](const Event& e) { return e.kind == EventKind::Write && e.dirty; }))
        return std::nullopt;
    std::vector<std::vector<VersionId>> installed(s.rows.size());  // non-aborted, install order
    for (const Event& ev : log.events) {
        if (ev.kind == EventKind::Abort) {
            for (auto& row : installed)
                std::erase_if(row, [&](const VersionId& v) { return v.writer == ev.txn; });
        } else if (ev.kind == EventKind::Write) {
            auto& row = installed.at(ev.key);
            if (ev.dirty) {
                ISOCHECK_ASSERT(!row.empty() && row.back().writer != ev.txn);
                const std::string& other = txnName(h, row.back().writer);
                const std::string what =
                    ev.exists ? fmt::format("wrote {} = {}", h.keys[ev.key], valueText(ev.value))
                              : fmt::format("deleted {}", h.keys[ev.key]);
                return PhenomenonFinding{Phenomenon::P0,
                                         {},
                                         {},
                                         fmt::format("{} {} over {}'s uncommitted version",
                                                     txnName(h, ev.txn), what, other)};
            }
            row.push_back(ev.version);
        }
    }
    return std::nullopt;
}

/// P1 (Berenson et al. 1995, 2.2; D4): the first read, item or predicate, of
/// a version whose writer was another live transaction, in this execution
/// or, with the read hoisted before the writer's commit, in an equivalent
/// one; the witness is then that one (an explored execution stands for every
/// order of its commuting steps, specs/exploration.md 2.5).
[[nodiscard]] std::optional<PhenomenonFinding> dirtyRead(const History& h, const Log& log) {
    std::optional<PhenomenonFinding> found;
    forEachRowRead(h, log, [&](const RowRead& r) {
        if (found || !(r.dirty || r.dirtyIfHoisted)) return;
        found = PhenomenonFinding{Phenomenon::P1,
                                  {},
                                  {},
                                  fmt::format("{} written by {}, which was still live",
                                              describeRead(h, log, r), txnName(h, r.version.writer))};
        if (r.dirtyIfHoisted)
            found->witness = log.hoisted(static_cast<std::size_t>(r.event - log.events.data()));
    });
    return found;
}

/// P2 (Berenson et al. 1995, 2.2; D4): a transaction reads a row twice and
/// gets two different versions, neither its own. Every row read counts, by
/// an item read or as a row a predicate read returned (SPEC 3: a predicate
/// read reads the versions of the rows it returns). An absent row's initial
/// version counts as a version (SPEC 3.1).
[[nodiscard]] std::optional<PhenomenonFinding> fuzzyRead(const History& h, const State& s, const Log& log) {
    const std::size_t keys = s.rows.size();
    thread_local std::vector<std::optional<RowRead>> first;  // once per execution: buffer kept
    first.assign(s.txns.size() * keys, std::nullopt);
    std::optional<PhenomenonFinding> found;
    forEachRowRead(h, log, [&](const RowRead& r) {
        const TxnId t = r.event->txn;
        if (found || r.version.writer == t) return;
        std::optional<RowRead>& f = first.at(t * keys + r.key);
        if (!f) {
            f = r;
        } else if (f->version != r.version) {
            found = PhenomenonFinding{
                Phenomenon::P2,
                {},
                {},
                fmt::format("{} read {} twice: {}, then {}", txnName(h, t), h.keys[r.key],
                            describeVersion(h, f->version, f->exists, f->value),
                            describeVersion(h, r.version, r.exists, r.value))};
        }
    });
    return found;
}

/// P3 (Berenson et al. 1995, 2.2; D4): a transaction evaluates one predicate
/// twice and the returned keys differ in a key it had not written before the
/// second evaluation.
[[nodiscard]] std::optional<PhenomenonFinding> phantom(const History& h, const State& s, const Log& log) {
    if (log.predicateReads.empty()) return std::nullopt;
    const std::size_t keys = s.rows.size();
    std::vector<bool> written(s.txns.size() * keys, false);
    std::vector<const PredicateObservation*> earlier;
    for (const Event& ev : log.events) {
        if (ev.kind == EventKind::Write) written.at(ev.txn * keys + ev.key) = true;
        if (ev.kind != EventKind::PredicateRead) continue;
        const PredicateObservation& now = log.predicateReads.at(ev.predicateRead);
        for (const PredicateObservation* before : earlier) {
            if (before->txn != ev.txn || before->predicate != now.predicate) continue;
            std::vector<KeyId> differ;
            std::ranges::set_symmetric_difference(before->returned, now.returned,
                                                  std::back_inserter(differ));
            const bool foreign =
                std::ranges::any_of(differ, [&](KeyId k) { return !written[ev.txn * keys + k]; });
            if (!foreign) continue;
            return PhenomenonFinding{
                Phenomenon::P3,
                {},
                {},
                fmt::format("{} ran select where {} twice: first {}, then {}", txnName(h, ev.txn),
                            h.predicates.at(now.predicate).text, keySet(h, before->returned),
                            keySet(h, now.returned))};
        }
        earlier.push_back(&now);
    }
    return std::nullopt;
}

}  // namespace

std::vector<PhenomenonFinding> logPhenomena(const History& h, const State& s, const Log& log) {
    std::vector<PhenomenonFinding> out;
    for (auto found : {dirtyWrite(h, s, log), dirtyRead(h, log), fuzzyRead(h, s, log), phantom(h, s, log)})
        if (found) out.push_back(std::move(*found));
    return out;
}

bool hasShape(Phenomenon p, const DepEdge& first, const DepEdge& second) {
    if (first.type != DepType::RW || first.predicate || second.predicate) return false;
    if (second.from != first.to || second.to != first.from) return false;
    switch (p) {
        case Phenomenon::P4:
            return second.type == DepType::WW && second.key == first.key;
        case Phenomenon::A5A:
            return second.type == DepType::WR && second.key != first.key;
        case Phenomenon::A5B:
            return second.type == DepType::RW && second.key != first.key;
        default:
            return false;
    }
}

std::optional<std::pair<DepEdge, DepEdge>> findShape(Phenomenon p,
                                                     const std::vector<DepEdge>& edges) {
    for (const DepEdge& first : edges)
        for (const DepEdge& second : edges)
            if (hasShape(p, first, second)) return std::pair{first, second};
    return std::nullopt;
}

}  // namespace isocheck
