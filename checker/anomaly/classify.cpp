#include "anomaly/classify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <iterator>

#include "anomaly/phenomena.hpp"
#include "anomaly/reads.hpp"
#include "graph/cycles.hpp"
#include "graph/dsg.hpp"
#include "graph/format.hpp"

namespace isocheck {
namespace {

struct ReadAnomalies {
    std::optional<AnomalyFinding> aborted;       ///< G1a
    std::optional<AnomalyFinding> intermediate;  ///< G1b
};

/// G1a and G1b (Adya 1999, 3.1.3; D3): judged on committed readers only, on
/// every row they read (item reads and rows returned by predicate reads);
/// reading one's own versions never counts. The first such read in log order.
[[nodiscard]] ReadAnomalies readAnomalies(const History& h, const State& s, const Log& log) {
    const std::size_t keys = s.rows.size();
    thread_local std::vector<int> lastSeq;  // each writer's final write of each row (buffer kept)
    lastSeq.assign(s.txns.size() * keys, -1);
    for (const Event& ev : log.events)
        if (ev.kind == EventKind::Write) lastSeq.at(ev.txn * keys + ev.key) = ev.version.seq;

    ReadAnomalies out;
    forEachRowRead(h, log, [&](const RowRead& r) {
        const TxnId reader = r.event->txn;
        const TxnId writer = r.version.writer;
        if (s.txns.at(reader).status != TxnStatus::Committed) return;
        if (writer == kInitialWriter || writer == reader) return;
        const auto source = [&] {  // built only for a finding
            return fmt::format("{}{} by {}", describeRead(h, log, r),
                               r.exists ? " written" : ", deleted", txnName(h, writer));
        };
        const TxnStatus status = s.txns.at(writer).status;
        // G1a: T2 read a version written by T1, which aborted.
        if (status == TxnStatus::Aborted && !out.aborted) {
            out.aborted = AnomalyFinding{AnomalyClass::G1a,
                                         std::string(info(AnomalyClass::G1a).commonName),
                                         {},
                                         {},
                                         source() + ", which aborted"};
        }
        // G1b: T2 read a version of T1 that is not T1's final write of the row,
        // whether T1 then commits or aborts (Adya 1999 does not ask; then the
        // read is G1a as well).
        if (!out.intermediate &&
            r.version.seq != lastSeq.at(writer * keys + r.key)) {
            out.intermediate = AnomalyFinding{
                AnomalyClass::G1b,
                std::string(info(AnomalyClass::G1b).commonName),
                {},
                {},
                fmt::format("{}, which later wrote {} again{}", source(), h.keys.at(r.key),
                            status == TxnStatus::Aborted ? " and aborted" : "")};
        }
    });
    return out;
}

/// The witness's common name: a two-transaction cycle of the shape of P4 is a
/// lost update, of A5A a read skew, of A5B a write skew (Berenson et al. 1995,
/// 4.1 and 4.2); any other cycle goes by its class's name.
[[nodiscard]] std::string cycleName(AnomalyClass c, const std::vector<DepEdge>& cycle) {
    if (cycle.size() == 2) {
        for (const auto& [a, b] : {std::pair{cycle[0], cycle[1]}, std::pair{cycle[1], cycle[0]}}) {
            if (c == AnomalyClass::GSingle && hasShape(Phenomenon::P4, a, b))
                return std::string(info(Phenomenon::P4).commonName);
            if (c == AnomalyClass::GSingle && hasShape(Phenomenon::A5A, a, b))
                return std::string(info(Phenomenon::A5A).commonName);
            if (c == AnomalyClass::G2Item && hasShape(Phenomenon::A5B, a, b))
                return std::string(info(Phenomenon::A5B).commonName);
        }
    }
    return std::string(info(c).commonName);
}

}  // namespace

std::size_t ClassificationCache::Hash::operator()(const std::vector<DepEdge>& edges) const {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the edges' fields
    for (const DepEdge& e : edges)
        for (const std::uint64_t w : {std::uint64_t{e.from}, std::uint64_t{e.to},
                                      std::uint64_t(e.type), std::uint64_t{e.key},
                                      std::uint64_t{e.predicate}, std::uint64_t{e.predicateId}})
            h = (h ^ w) * 0x100000001b3ULL;
    return static_cast<std::size_t>(h);
}

namespace {

/// Whether the graph has no cycle: nodes with no edge from a node left are
/// taken away until none is left (Kahn), on bit sets.
bool acyclic(const std::vector<DepEdge>& edges) {
    std::uint64_t nodes = 0;
    std::array<std::uint64_t, 64> into{};  // into[t]: the nodes with an edge to t
    for (const DepEdge& e : edges) {
        if (e.from == e.to) return false;
        into[e.to] |= std::uint64_t{1} << e.from;
        nodes |= std::uint64_t{1} << e.from | std::uint64_t{1} << e.to;
    }
    for (bool progress = true; nodes != 0 && progress;) {
        progress = false;
        for (std::uint64_t rest = nodes; rest != 0; rest &= rest - 1) {
            const int t = std::countr_zero(rest);
            if ((into[static_cast<std::size_t>(t)] & nodes) != 0) continue;
            nodes &= ~(std::uint64_t{1} << t);
            progress = true;
        }
    }
    return nodes == 0;
}

}  // namespace

const GraphFindings& ClassificationCache::ofExecution(const History& h, const State& leaf,
                                                     const Log& log) {
    buildDependencyEdges(h, leaf, log, edges_);
    return of(edges_);
}

const GraphFindings& ClassificationCache::of(const std::vector<DepEdge>& edges) {
    // Every class is a cycle, and P4, A5A and A5B are two-edge cycles.
    if (acyclic(edges)) return none_;
    if (const auto it = newer_.find(edges); it != newer_.end()) return it->second;
    if (const auto it = older_.find(edges); it != older_.end()) {
        auto node = older_.extract(it);  // moved, not copied: the findings stay where they are
        makeRoom();
        return newer_.insert(std::move(node)).position->second;
    }
    GraphFindings out;
    out.cycles = findCycleClasses(edges);
    for (const Phenomenon p : {Phenomenon::P4, Phenomenon::A5A, Phenomenon::A5B}) {
        if (auto pair = findShape(p, edges)) {
            // One cycle, one starting point: like the anomalies' cycles
            // (cycles.hpp), the shape starts at its first transaction in the file.
            std::vector<DepEdge> two{pair->first, pair->second};
            if (two[1].from < two[0].from) std::swap(two[0], two[1]);
            out.shapes.push_back(ShapeWitness{p, std::move(two)});
        }
    }
    makeRoom();
    return newer_.emplace(edges, std::move(out)).first->second;
}

void ClassificationCache::makeRoom() {
    if (newer_.size() < generation_) return;
    older_ = std::move(newer_);
    newer_ = Graphs{};
}

AnomalyFinding cycleFinding(const History& h, const CycleWitness& w) {
    return AnomalyFinding{w.cls, cycleName(w.cls, w.edges), {}, w.edges, describeCycle(h, w.edges)};
}

PhenomenonFinding shapeFinding(const History& h, const ShapeWitness& w) {
    return PhenomenonFinding{w.ph, {}, w.edges, describeCycle(h, w.edges)};
}

ClassificationParts classifyParts(const History& h, const State& leaf, const Log& log,
                                  ClassificationCache& cache) {
    ClassificationParts out;
    out.graph = &cache.ofExecution(h, leaf, log);
    ReadAnomalies reads = readAnomalies(h, leaf, log);
    if (reads.aborted) out.reads.push_back(std::move(*reads.aborted));
    if (reads.intermediate) out.reads.push_back(std::move(*reads.intermediate));
    out.phenomena = logPhenomena(h, leaf, log);
    return out;
}

Classification classify(const History& h, const State& leaf, const Log& log,
                        ClassificationCache* cache) {
    ClassificationCache local;
    ClassificationParts parts = classifyParts(h, leaf, log, cache != nullptr ? *cache : local);
    Classification out;
    // Catalogue order: G0, G1a, G1b, G1c, G-single, G2-item, G2.
    const std::vector<CycleWitness>& cycles = parts.graph->cycles;
    const auto firstAfterG0 =
        std::ranges::find_if(cycles, [](const CycleWitness& w) { return w.cls >= AnomalyClass::G1a; });
    const auto found = [&h](const CycleWitness& w) { return cycleFinding(h, w); };
    std::ranges::transform(cycles.begin(), firstAfterG0, std::back_inserter(out.anomalies), found);
    std::ranges::move(parts.reads, std::back_inserter(out.anomalies));
    std::ranges::transform(firstAfterG0, cycles.end(), std::back_inserter(out.anomalies), found);
    out.phenomena = std::move(parts.phenomena);
    for (const ShapeWitness& w : parts.graph->shapes) out.phenomena.push_back(shapeFinding(h, w));
    return out;
}

}  // namespace isocheck
