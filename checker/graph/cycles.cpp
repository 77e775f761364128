#include "graph/cycles.hpp"

#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <cstdint>
#include <range/v3/algorithm/unique.hpp>  // std::ranges::unique fails with clang 14 + libstdc++ 12

#include "support/assert.hpp"

namespace isocheck {
namespace {

/// What choosing an edge adds to a cycle's class (D3). A predicate wr counts
/// as a wr: G1c is a cycle of dependency edges with some wr (Adya 1999, 3.1.3).
enum Kind : unsigned { kWW, kWR, kItemRW, kPredRW, kKinds };

[[nodiscard]] Kind kindOf(const DepEdge& e) {
    if (e.type == DepType::WW) return kWW;
    if (e.type == DepType::WR) return kWR;
    return e.predicate ? kPredRW : kItemRW;
}

// A DP state summarises the edges chosen so far: (rw edges, capped at 2) * 4
// + (some wr edge) * 2 + (some predicate rw edge). Sets of states are bit sets.
constexpr unsigned kStates = 12;
using StateSet = std::uint16_t;
using KindSet = std::uint8_t;

constexpr unsigned stepState(unsigned st, unsigned kind) {
    unsigned rw = st / 4;
    unsigned wr = (st >> 1) & 1U;
    unsigned pred = st & 1U;
    if (kind == kWR) wr = 1;
    if (kind == kItemRW || kind == kPredRW) rw = std::min(rw + 1, 2U);
    if (kind == kPredRW) pred = 1;
    return rw * 4 + wr * 2 + pred;
}

/// D3, after Adya 1999: G0 and G1c (3.1.3), G-single (4.1.3), G2-item (3.2.4), G2 (3.2.3).
constexpr AnomalyClass stateClass(unsigned st) {
    const unsigned rw = st / 4;
    if (rw == 0) return (st & 2U) != 0 ? AnomalyClass::G1c : AnomalyClass::G0;
    if (rw == 1) return AnomalyClass::GSingle;
    return (st & 1U) != 0 ? AnomalyClass::G2 : AnomalyClass::G2Item;
}

constexpr std::array kCycleClasses{AnomalyClass::G0, AnomalyClass::G1c, AnomalyClass::GSingle,
                                   AnomalyClass::G2Item, AnomalyClass::G2};
constexpr std::size_t kSlots = kCycleClasses.size();

constexpr std::size_t slotOf(AnomalyClass c) {
    for (std::size_t i = 0; i < kSlots; ++i)
        if (kCycleClasses[i] == c) return i;
    return kSlots;
}

/// The classes (as slot bits) a cycle can still end in from a state, as
/// chosen edges only add: G0 needs no rw and no wr, G1c no rw, G-single at
/// most one rw, G2-item no predicate rw; G2 stays possible.
constexpr unsigned reachableSlots(unsigned st) {
    const unsigned rw = st / 4;
    const bool wr = (st & 2U) != 0;
    const bool pred = (st & 1U) != 0;
    unsigned out = 1U << slotOf(AnomalyClass::G2);
    if (rw == 0 && !wr) out |= 1U << slotOf(AnomalyClass::G0);
    if (rw == 0) out |= 1U << slotOf(AnomalyClass::G1c);
    if (rw <= 1) out |= 1U << slotOf(AnomalyClass::GSingle);
    if (!pred) out |= 1U << slotOf(AnomalyClass::G2Item);
    return out;
}

constexpr StateSet advance(StateSet set, KindSet kinds) {
    StateSet out = 0;
    for (unsigned st = 0; st < kStates; ++st) {
        if ((set >> st & 1U) == 0) continue;
        for (unsigned k = 0; k < kKinds; ++k)
            if ((kinds >> k & 1U) != 0) out = static_cast<StateSet>(out | 1U << stepState(st, k));
    }
    return out;
}

constexpr StateSet statesOfClass(AnomalyClass c) {
    StateSet out = 0;
    for (unsigned st = 0; st < kStates; ++st)
        if (stateClass(st) == c) out = static_cast<StateSet>(out | 1U << st);
    return out;
}

/// The edges from one transaction to another, summarised by kind.
struct PairEdges {
    KindSet kinds = 0;
    std::array<int, kKinds> smallest{-1, -1, -1, -1};  ///< index of the smallest edge of each kind
};

/// Enumerates every simple cycle once, from its smallest vertex, inside one
/// strongly connected component, and keeps the best witness per class.
class CycleSearch {
public:
    CycleSearch(const std::vector<DepEdge>& edges, const std::vector<PairEdges>& pairs,
                const std::vector<std::vector<int>>& successors)
        : edges_(edges),
          pairs_(pairs),
          successors_(successors),
          n_(static_cast<int>(successors.size())) {
        // A class needs edges of some kinds at all; the others need no search.
        std::array<int, kKinds> count{};
        for (const PairEdges& p : pairs)
            for (unsigned k = 0; k < kKinds; ++k) count[k] += (p.kinds >> k & 1U) != 0 ? 1 : 0;
        const int rw = count[kItemRW] + count[kPredRW];
        const auto possible = [&](AnomalyClass c, bool yes) {
            if (yes) possible_ |= 1U << slotOf(c);
        };
        possible(AnomalyClass::G0, count[kWW] >= 2);
        possible(AnomalyClass::G1c, count[kWR] >= 1);
        possible(AnomalyClass::GSingle, rw >= 1);
        possible(AnomalyClass::G2Item, count[kItemRW] >= 2);
        possible(AnomalyClass::G2, count[kPredRW] >= 1 && rw >= 2);
    }

    void run() {
        for (start_ = 0; start_ < n_; ++start_) {
            path_[0] = start_;
            sets_[0] = 1;  // state 0: no edge chosen yet
            onPath_ = std::uint64_t{1} << start_;
            extend(start_, 1);
        }
    }

    [[nodiscard]] std::vector<CycleWitness> witnesses() const {
        std::vector<CycleWitness> out;
        for (std::size_t i = 0; i < kSlots; ++i)
            if (!best_[i].empty()) out.push_back(CycleWitness{kCycleClasses[i], best_[i]});
        return out;
    }

private:
    [[nodiscard]] const PairEdges& pair(int u, int v) const {
        return pairs_[static_cast<std::size_t>(u) * static_cast<std::size_t>(n_) +
                      static_cast<std::size_t>(v)];
    }

    // path_[0..depth) is a simple path from start_; sets_[depth - 1] the
    // states reachable by choosing one edge per consecutive pair along it.
    void extend(int v, int depth) {
        for (const int w : successors_[static_cast<std::size_t>(v)]) {
            const StateSet next = advance(sets_[depth - 1], pair(v, w).kinds);
            if (w == start_) {
                close(depth, next);
            } else if (w > start_ && (onPath_ >> w & 1U) == 0 && worthExtending(next, depth + 1)) {
                path_[depth] = w;
                sets_[depth] = next;
                onPath_ |= std::uint64_t{1} << w;
                extend(w, depth + 1);
                onPath_ &= ~(std::uint64_t{1} << w);
            }
        }
    }

    /// Whether a cycle of `length` or more vertices, from these states, could
    /// still be a new class or a shortest witness (a tie may still win).
    [[nodiscard]] bool worthExtending(StateSet set, int length) const {
        unsigned slots = 0;
        for (unsigned st = 0; st < kStates; ++st)
            if ((set >> st & 1U) != 0) slots |= reachableSlots(st);
        slots &= possible_;
        for (std::size_t i = 0; i < kSlots; ++i) {
            if ((slots >> i & 1U) == 0) continue;
            if (best_[i].empty() || best_[i].size() >= static_cast<std::size_t>(length))
                return true;
        }
        return false;
    }

    void close(int length, StateSet final) {
        for (unsigned st = 0; st < kStates; ++st) {
            if ((final >> st & 1U) == 0) continue;
            const AnomalyClass c = stateClass(st);
            std::vector<DepEdge>& best = best_[slotOf(c)];
            const auto len = static_cast<std::size_t>(length);
            if (!best.empty() && best.size() < len) continue;
            std::vector<DepEdge> candidate = choose(length, c);
            if (best.empty() || candidate.size() < best.size() || candidate < best)
                best = std::move(candidate);
        }
    }

    /// The lexicographically smallest choice of edges along path_[0..length)
    /// giving class c: greedily the smallest edge whose kind still lets the
    /// rest of the cycle reach c (checked by a backward pass).
    [[nodiscard]] std::vector<DepEdge> choose(int length, AnomalyClass c) const {
        std::array<StateSet, kMaxTxns + 1> good{};
        good[static_cast<std::size_t>(length)] = statesOfClass(c);
        for (int i = length - 1; i >= 0; --i) {
            const KindSet kinds = pair(path_[i], path_[(i + 1) % length]).kinds;
            StateSet ok = 0;
            for (unsigned st = 0; st < kStates; ++st)
                if ((advance(static_cast<StateSet>(1U << st), kinds) & good[i + 1]) != 0)
                    ok = static_cast<StateSet>(ok | 1U << st);
            good[static_cast<std::size_t>(i)] = ok;
        }
        ISOCHECK_ASSERT((good[0] & 1U) != 0);
        std::vector<DepEdge> out;
        out.reserve(static_cast<std::size_t>(length));
        unsigned st = 0;
        for (int i = 0; i < length; ++i) {
            const PairEdges& p = pair(path_[i], path_[(i + 1) % length]);
            int pick = -1;
            unsigned pickKind = 0;
            for (unsigned k = 0; k < kKinds; ++k) {
                const int e = p.smallest[k];
                if (e < 0 || (good[i + 1] >> stepState(st, k) & 1U) == 0) continue;
                if (pick < 0 ||
                    edges_[static_cast<std::size_t>(e)] < edges_[static_cast<std::size_t>(pick)]) {
                    pick = e;
                    pickKind = k;
                }
            }
            ISOCHECK_ASSERT(pick >= 0);
            out.push_back(edges_[static_cast<std::size_t>(pick)]);
            st = stepState(st, pickKind);
        }
        return out;
    }

    const std::vector<DepEdge>& edges_;
    const std::vector<PairEdges>& pairs_;
    const std::vector<std::vector<int>>& successors_;
    int n_;
    unsigned possible_ = 0;  ///< slots of the classes the edge kinds allow at all
    int start_ = 0;
    std::uint64_t onPath_ = 0;
    std::array<int, kMaxTxns> path_{};
    std::array<StateSet, kMaxTxns + 1> sets_{};
    std::array<std::vector<DepEdge>, kSlots> best_;
};

}  // namespace

AnomalyClass cycleClass(const std::vector<DepEdge>& cycle) {
    ISOCHECK_ASSERT(!cycle.empty());
    unsigned st = 0;
    for (const DepEdge& e : cycle) st = stepState(st, kindOf(e));
    return stateClass(st);
}

std::vector<CycleWitness> findCycleClasses(const std::vector<DepEdge>& edges) {
    // Vertices are the transactions on some edge, numbered in TxnId order so
    // that a cycle found from its smallest vertex starts at its smallest transaction.
    std::vector<TxnId> txns;
    for (const DepEdge& e : edges) {
        if (e.from == e.to) continue;
        txns.push_back(e.from);
        txns.push_back(e.to);
    }
    std::ranges::sort(txns);
    txns.erase(ranges::unique(txns), txns.end());
    const auto n = txns.size();
    if (n < 2) return {};
    ISOCHECK_ASSERT(n <= kMaxTxns);
    const auto vertex = [&](TxnId t) {
        return static_cast<std::size_t>(std::ranges::lower_bound(txns, t) - txns.begin());
    };

    std::vector<PairEdges> pairs(n * n);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const DepEdge& e = edges[i];
        if (e.from == e.to) continue;
        PairEdges& p = pairs[vertex(e.from) * n + vertex(e.to)];
        const Kind k = kindOf(e);
        p.kinds = static_cast<KindSet>(p.kinds | 1U << k);
        int& s = p.smallest[k];
        if (s < 0 || e < edges[static_cast<std::size_t>(s)]) s = static_cast<int>(i);
    }

    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Graph g(n);
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t v = 0; v < n; ++v)
            if (pairs[u * n + v].kinds != 0) boost::add_edge(u, v, g);
    std::vector<int> component(n);
    boost::strong_components(g, boost::make_iterator_property_map(
                                    component.begin(), boost::get(boost::vertex_index, g)));

    // A cycle never leaves its strongly connected component.
    std::vector<std::vector<int>> successors(n);
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t v = 0; v < n; ++v)
            if (pairs[u * n + v].kinds != 0 && component[u] == component[v])
                successors[u].push_back(static_cast<int>(v));

    CycleSearch search(edges, pairs, successors);
    search.run();
    return search.witnesses();
}

}  // namespace isocheck
