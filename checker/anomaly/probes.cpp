#include "anomaly/probes.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "theory/catalogue.hpp"

namespace isocheck {
namespace {

/// The position of version v of row k in the final version order, or
/// nothing when it is not a committed version (its writer aborted).
std::optional<std::size_t> orderOf(const State& s, KeyId k, const VersionId& v) {
    const auto& chain = s.rows[k].chain;
    const auto it = std::ranges::find(chain, v, &Version::id);
    if (it == chain.end()) return std::nullopt;
    return static_cast<std::size_t>(it - chain.begin());
}

/// The newest committed version of k that u wrote, if any.
std::optional<std::size_t> newestBy(const State& s, KeyId k, TxnId u) {
    const auto& chain = s.rows[k].chain;
    for (std::size_t i = chain.size(); i-- > 0;)
        if (chain[i].id.writer == u) return i;
    return std::nullopt;
}

std::string writerName(const History& h, TxnId w) {
    return w == kInitialWriter ? "the initial version" : h.txns[w].name;
}

/// One version a transaction observed: an item read, or a row a predicate read returned.
struct Observation {
    KeyId key;
    VersionId version;
};

/// T's observations in log order: item reads, and the rows its predicate reads returned.
std::vector<Observation> observations(const Log& log, TxnId t) {
    std::vector<Observation> out;
    for (const Event& e : log.events) {
        if (e.txn != t) continue;
        if (e.kind == EventKind::Read) out.push_back({e.key, e.version});
        if (e.kind == EventKind::PredicateRead) {
            const PredicateObservation& p = log.predicateReads[e.predicateRead];
            for (const KeyId k : p.returned) out.push_back({k, p.vset[k]});
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> observedTransactionVanishes(const History& h, const State& s, const Log& log) {
    for (TxnId t = 0; t < s.txns.size(); ++t) {
        if (s.txns[t].status != TxnStatus::Committed) continue;
        const std::vector<Observation> seen = observations(log, t);
        for (std::size_t i = 0; i < seen.size(); ++i) {
            const TxnId u = seen[i].version.writer;
            if (u == t || u == kInitialWriter || s.txns[u].status != TxnStatus::Committed) continue;
            for (std::size_t j = i + 1; j < seen.size(); ++j) {
                const Observation& later = seen[j];
                if (later.version.writer == t) continue;
                const auto at = orderOf(s, later.key, later.version);
                const auto theirs = newestBy(s, later.key, u);
                if (!at || !theirs || *at >= *theirs) continue;
                return fmt::format("{} read {} written by {}, then read {} from {}, older than {}'s",
                                   h.txns[t].name, h.keys[seen[i].key], h.txns[u].name,
                                   h.keys[later.key], writerName(h, later.version.writer), h.txns[u].name);
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> predicateManyPreceders(const History& h, const State& s, const Log& log) {
    for (TxnId t = 0; t < s.txns.size(); ++t) {
        if (s.txns[t].status != TxnStatus::Committed) continue;
        std::vector<const PredicateObservation*> reads;
        for (const Event& e : log.events)
            if (e.txn == t && e.kind == EventKind::PredicateRead) reads.push_back(&log.predicateReads[e.predicateRead]);
        for (std::size_t i = 0; i < reads.size(); ++i)
            for (std::size_t j = i + 1; j < reads.size(); ++j) {
                const Predicate& p = h.predicates[reads[i]->predicate];
                const Predicate& q = h.predicates[reads[j]->predicate];
                for (KeyId k = 0; k < h.keys.size(); ++k) {
                    const VersionId a = reads[i]->vset[k], b = reads[j]->vset[k];
                    if (a == b || a.writer == t || b.writer == t) continue;
                    const auto ia = orderOf(s, k, a), ib = orderOf(s, k, b);
                    if (!ia || !ib) continue;
                    const Version& va = s.rows[k].chain[*ia];
                    const Version& vb = s.rows[k].chain[*ib];
                    if ((satisfies(p, va) && satisfies(q, va)) == (satisfies(p, vb) && satisfies(q, vb))) continue;
                    return fmt::format("{}'s predicate reads `{}` and then `{}` saw {} from {} and from {}: "
                                       "one matches both predicates, the other not",
                                       h.txns[t].name, p.text, q.text, h.keys[k], writerName(h, a.writer),
                                       writerName(h, b.writer));
                }
            }
    }
    return std::nullopt;
}

const Trace* probeWitness(const ModelResult& m, std::string_view probe) {
    if (const auto c = anomalyByName(probe)) {
        const auto it = std::ranges::find(m.anomalies, *c, &AnomalyFinding::cls);
        return it == m.anomalies.end() ? nullptr : &it->witness;
    }
    if (const auto p = phenomenonByName(probe)) {
        const auto it = std::ranges::find(m.phenomena, *p, &PhenomenonFinding::ph);
        return it == m.phenomena.end() ? nullptr : &it->witness;
    }
    const auto it = std::ranges::find(m.probes, probe, &ProbeFinding::probe);
    return it == m.probes.end() ? nullptr : &it->witness;
}

}  // namespace isocheck
