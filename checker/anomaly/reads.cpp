#include "anomaly/reads.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "graph/format.hpp"
#include "support/assert.hpp"

namespace isocheck {

Version installed(const History& h, const Log& log, KeyId key, VersionId v) {
    if (v.writer == kInitialWriter) {
        const std::optional<Value>& init = h.initial.at(key);
        return Version{v, init.has_value(), init.value_or(std::nullopt)};
    }
    const auto it = std::ranges::find_if(log.events, [&](const Event& e) {
        return e.kind == EventKind::Write && e.txn == v.writer && e.version == v;
    });
    ISOCHECK_ASSERT(it != log.events.end());
    return Version{v, it->exists, it->value};
}

std::string valueText(Value v) {
    return v ? std::to_string(*v) : std::string("null");
}

std::string describeRead(const History& h, const Log& log, const RowRead& r) {
    const std::string& reader = txnName(h, r.event->txn);
    const std::string& key = h.keys.at(r.key);
    if (r.event->kind == EventKind::PredicateRead) {
        const PredicateObservation& obs = log.predicateReads.at(r.event->predicateRead);
        return fmt::format("{}'s select where {} returned {} = {}", reader,
                           h.predicates.at(obs.predicate).text, key, valueText(r.value));
    }
    if (!r.exists) return fmt::format("{} read {} as absent", reader, key);
    return fmt::format("{} read {} = {}", reader, key, valueText(r.value));
}

std::string describeVersion(const History& h, VersionId v, bool exists, Value value) {
    const bool initial = v.writer == kInitialWriter;
    const std::string what = exists ? valueText(value) : initial ? "absent" : "deleted";
    if (initial) return fmt::format("the initial version ({})", what);
    return fmt::format("{}'s ({})", txnName(h, v.writer), what);
}

}  // namespace isocheck
