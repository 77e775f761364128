#include "graph/format.hpp"

#include <fmt/format.h>

#include "support/assert.hpp"

namespace isocheck {

std::string_view depTypeName(DepType t) {
    switch (t) {
        case DepType::WW:
            return "ww";
        case DepType::WR:
            return "wr";
        case DepType::RW:
            return "rw";
    }
    ISOCHECK_ASSERT(false);
    return {};
}

const std::string& txnName(const History& h, TxnId t) {
    ISOCHECK_ASSERT(t < h.txns.size());
    return h.txns[t].name;
}

std::string formatEdgeLabel(const History& h, const DepEdge& e) {
    const std::string& key = h.keys.at(e.key);
    if (!e.predicate) return fmt::format("{}[{}]", depTypeName(e.type), key);
    return fmt::format("{}[{}: {}]", depTypeName(e.type), h.predicates.at(e.predicateId).text, key);
}

std::string formatCycle(const History& h, const std::vector<DepEdge>& cycle) {
    if (cycle.empty()) return {};
    std::string out = txnName(h, cycle.front().from);
    for (const DepEdge& e : cycle) {
        out += fmt::format(" -{}-> {}", formatEdgeLabel(h, e), txnName(h, e.to));
    }
    return out;
}

std::string describeEdge(const History& h, const DepEdge& e) {
    const std::string& from = txnName(h, e.from);
    const std::string& to = txnName(h, e.to);
    const std::string& key = h.keys.at(e.key);
    if (e.predicate) {
        const std::string& pred = h.predicates.at(e.predicateId).text;
        // Adya 1999, predicate dependencies: from versions that change the matches.
        if (e.type == DepType::WR)
            return fmt::format(
                "{}'s select where {} saw {}'s write of {}, which changed whether {} matches", to,
                pred, from, key, key);
        return fmt::format(
            "{} wrote {} after {}'s select where {} read it, changing whether {} matches", to, key,
            from, pred, key);
    }
    switch (e.type) {
        case DepType::WW:
            return fmt::format("{} overwrote {}'s write of {}", to, from, key);
        case DepType::WR:
            return fmt::format("{} read {}'s write of {}", to, from, key);
        case DepType::RW:
            return fmt::format("{} overwrote the version of {} that {} read", to, key, from);
    }
    ISOCHECK_ASSERT(false);
    return {};
}

std::string describeCycle(const History& h, const std::vector<DepEdge>& cycle) {
    std::string out;
    for (const DepEdge& e : cycle) {
        if (!out.empty()) out += "; ";
        out += describeEdge(h, e);
    }
    return out;
}

}  // namespace isocheck
