#include "models/version_store.hpp"

#include <algorithm>
#include <range/v3/algorithm/stable_partition.hpp>  // as std::ranges::unique, fails with clang 14

#include "support/assert.hpp"

namespace isocheck {

std::uint32_t commitSeqOf(const State& s, VersionId v) {
    return v.writer == kInitialWriter ? 0 : s.txns[v.writer].commitSeq;
}

bool isCommitted(const State& s, VersionId v) {
    return v.writer == kInitialWriter || s.txns[v.writer].status == TxnStatus::Committed;
}

std::optional<std::size_t> ownVersion(const State& s, KeyId k, TxnId t) {
    const auto& chain = s.rows[k].chain;
    for (std::size_t i = chain.size(); i-- > 0;)
        if (chain[i].id.writer == t) return i;
    return std::nullopt;
}

std::size_t newestVisible(const State& s, KeyId k, TxnId t, bool uncommitted) {
    if (auto own = ownVersion(s, k, t)) return *own;
    const auto& chain = s.rows[k].chain;
    for (std::size_t i = chain.size(); i-- > 0;)
        if (uncommitted || isCommitted(s, chain[i].id)) return i;
    ISOCHECK_ASSERT(false);  // the initial version is always committed
}

std::vector<std::size_t> newestVisibleRows(const State& s, TxnId t, bool uncommitted) {
    std::vector<std::size_t> vset(s.rows.size());
    for (KeyId k = 0; k < vset.size(); ++k) vset[k] = newestVisible(s, k, t, uncommitted);
    return vset;
}

std::size_t visibleAt(const State& s, KeyId k, TxnId t, std::uint32_t snapshot) {
    if (auto own = ownVersion(s, k, t)) return *own;
    const auto& chain = s.rows[k].chain;
    std::size_t best = 0;  // the initial version
    std::uint32_t bestSeq = 0;
    for (std::size_t i = 1; i < chain.size(); ++i) {
        if (!isCommitted(s, chain[i].id)) continue;
        const auto seq = commitSeqOf(s, chain[i].id);
        if (seq <= snapshot && seq >= bestSeq) best = i, bestSeq = seq;  // later = newer
    }
    return best;
}

bool committedAfter(const State& s, KeyId k, std::uint32_t snapshot) {
    return std::ranges::any_of(s.rows[k].chain, [&](const Version& v) {
        return isCommitted(s, v.id) && commitSeqOf(s, v.id) > snapshot;
    });
}

bool retained(const State& s, KeyId k, std::size_t index, unsigned retention) {
    const auto& chain = s.rows[k].chain;
    // Retention limits committed versions; a transaction's own uncommitted
    // writes are always there for it to read (SPEC 2).
    if (retention == 0 || !isCommitted(s, chain[index].id)) return true;
    const auto mine = commitSeqOf(s, chain[index].id);
    // A writer's intermediate versions are not committed versions of the row:
    // count one version per committed writer, newer than the one read.
    std::vector<TxnId> newer;
    for (const Version& v : chain)
        if (isCommitted(s, v.id) && commitSeqOf(s, v.id) > mine &&
            std::ranges::find(newer, v.id.writer) == newer.end())
            newer.push_back(v.id.writer);
    return newer.size() < retention;
}

VersionId install(State& s, KeyId k, TxnId t, bool exists, Value value) {
    auto& ts = s.txns[t];
    Version v{VersionId{t, ts.writes++}, exists, exists ? value : Value{}};
    // Canonical order (State): committed versions, then uncommitted ones by
    // writer, so that two first-committer-wins writers of a row reach the
    // same chain in either order. Elsewhere row locks leave one live writer
    // per row and this appends.
    auto& chain = s.rows[k].chain;
    const auto at = std::ranges::find_if(chain, [&](const Version& o) {
        return !isCommitted(s, o.id) && o.id.writer > t;
    });
    chain.insert(at, v);
    return v.id;
}

void settleCommitted(State& s, TxnId t) {
    for (KeyId k = 0; k < s.rows.size(); ++k)
        if (ownVersion(s, k, t))
            ranges::stable_partition(s.rows[k].chain,
                                     [&](const Version& v) { return isCommitted(s, v.id); });
}

void removeVersions(State& s, TxnId t) {
    for (auto& row : s.rows)
        std::erase_if(row.chain, [t](const Version& v) { return v.id.writer == t; });
}

}  // namespace isocheck
