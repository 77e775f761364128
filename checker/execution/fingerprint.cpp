#include "execution/fingerprint.hpp"

namespace isocheck {
namespace {

void addValue(Fingerprint& f, const Value& v) {
    f.add(v.has_value());
    if (v) f.add(static_cast<std::uint64_t>(*v));
}

std::uint64_t word(const VersionId& v) { return std::uint64_t{v.writer} << 16 | v.seq; }

}  // namespace

void addState(Fingerprint& f, const State& s) {
    const CommitRanks ranks = commitRanks(s);  // alike states, alike fingerprints
    for (std::size_t i = 0; i < s.txns.size(); ++i) {
        const TxnState& t = s.txns[i];
        f.add(std::uint64_t{t.pc} | std::uint64_t{static_cast<std::uint8_t>(t.status)} << 16 |
              std::uint64_t{static_cast<std::uint8_t>(t.cause)} << 24 |
              std::uint64_t{t.writes} << 32 | std::uint64_t{t.inConflict} << 48 |
              std::uint64_t{t.outConflict} << 49 | std::uint64_t{t.doomed} << 50);
        if ((t.rwOut | t.seenCommitted | t.committedBefore) != 0) {  // postgres-serializable only
            f.add(0xFFFFFFFD00000000ULL);  // unlike any rank word below (its commit rank is ~0u - 2)
            f.add(t.rwOut);
            f.add(t.seenCommitted);
            f.add(t.committedBefore);
        }
        if (t.sentAt != 0) f.add(0xFFFFFFFC00000000ULL | t.sentAt);  // transcripts only
        if (t.innodbLocks != 0) f.add(0xFFFFFFFA00000000ULL | t.innodbLocks);  // InnoDB models only
        if (t.extraLocks != 0) f.add(0xFFFFFFF600000000ULL | t.extraLocks);    // InnoDB transcripts only
        if (t.changes != t.writes) f.add(0xFFFFFFF800000000ULL | t.changes);  // a write left its row as it was
        if (t.scanPassed != 0) {                                       // transcripts only
            f.add(0xFFFFFFF900000000ULL);
            f.add(t.scanPassed);
        }
        if (t.scanChanges != 0) f.add(0xFFFFFFF700000000ULL | t.scanChanges);  // transcripts only
        f.add(std::uint64_t{ranks.snapshot[i]} | std::uint64_t{ranks.commit[i]} << 32);
        for (const Binding& b : t.bindings) {
            f.add(b.bound);
            if (b.bound) addValue(f, b.value);
        }
    }
    for (const Row& r : s.rows) {
        f.add(0xFFFFFFFF00000000ULL | r.chain.size());
        for (const Version& v : r.chain) {
            f.add(word(v.id) | std::uint64_t{v.exists} << 32);
            if (v.exists) addValue(f, v.value);
        }
    }
    for (const ItemLock& l : s.locks) {
        f.add(l.shared);
        f.add(l.exclusive);
        f.add(l.sireads);
    }
    for (const auto* locks : {&s.predicateLocks, &s.predicateMarkers}) {
        f.add(0xFFFFFFFE00000000ULL | locks->size());
        for (const PredicateLock& p : *locks) f.add(std::uint64_t{p.txn} << 16 | p.predicate);
    }
    for (const LockRequest& r : s.queue) {  // transcripts only
        f.add(0xFFFFFFFB00000000ULL | std::uint64_t{r.txn} << 2 | std::uint64_t{r.nextKey} << 1 |
              std::uint64_t{r.exclusive});
        f.add(r.rows);
    }
}

void addEvent(Fingerprint& f, const Event& e, const Log& log) {
    f.add(std::uint64_t{static_cast<std::uint8_t>(e.kind)} | std::uint64_t{e.txn} << 8 |
          std::uint64_t{e.op} << 24 | std::uint64_t{e.scheduled} << 40 |
          std::uint64_t{e.exists} << 41 | std::uint64_t{e.dirty} << 42 |
          std::uint64_t{static_cast<std::uint8_t>(e.cause)} << 48);
    f.add(std::uint64_t{e.key} << 32 | word(e.version));
    addValue(f, e.value);
    f.add(e.returned);
    if (e.kind != EventKind::PredicateRead) return;
    const PredicateObservation& p = log.predicateReads.at(e.predicateRead);
    f.add(std::uint64_t{p.txn} << 32 | std::uint64_t{p.op} << 16 | p.predicate);
    for (const VersionId& v : p.vset) f.add(word(v));
    for (const KeyId k : p.returned) f.add(k);
    for (const bool d : p.dirty) f.add(d);
}

}  // namespace isocheck
