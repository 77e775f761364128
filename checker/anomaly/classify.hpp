#pragma once
// Classification of one complete execution: Adya's classes from the cycles
// of its DSG (plus G1a and G1b by definition) and Berenson's phenomena judged
// on the versions actually read and written (SPEC section 3, specs/semantics.md).
// Witness traces are left empty here; the collector fills them.

#include <unordered_map>
#include <vector>

#include "anomaly/result.hpp"
#include "execution/state.hpp"
#include "graph/cycles.hpp"
#include "history/history.hpp"

namespace isocheck {

struct Classification {
    std::vector<AnomalyFinding> anomalies;     ///< at most one per class, catalogue order
    std::vector<PhenomenonFinding> phenomena;  ///< at most one per phenomenon, catalogue order
};

/// A phenomenon's two-edge shape in a dependency graph (P4, A5A, A5B).
struct ShapeWitness {
    Phenomenon ph;
    std::vector<DepEdge> edges;  ///< the two edges, from the first transaction in the file
};

/// What a dependency graph exhibits: its cycles' classes and the two-edge
/// shapes of P4, A5A and A5B, as edges only; their names and text are
/// written (cycleFinding, shapeFinding) for a finding that is kept.
struct GraphFindings {
    std::vector<CycleWitness> cycles;  ///< catalogue order
    std::vector<ShapeWitness> shapes;  ///< P4, A5A, A5B
};

/// The finding a cycle of class `w.cls` is reported as: its common name
/// (a lost update, a read or write skew where it has that shape) and its
/// edges in words. No witness trace.
[[nodiscard]] AnomalyFinding cycleFinding(const History& h, const CycleWitness& w);
[[nodiscard]] PhenomenonFinding shapeFinding(const History& h, const ShapeWitness& w);

/// The classification of dependency graphs already seen: many executions
/// share one graph (memoised per distinct graph). One cache per worker: a
/// cache shared by the workers behind a mutex classified each graph once
/// but measured slower (transfer-6 under snapshot, --jobs 2: 0.203 s against
/// 0.193 s, perf stat -r 10), the lookups of 28,863 cyclic executions
/// costing more than the 7,677 graphs classified twice.
///
/// Bounded: the graphs are kept in two generations of at most `generation`
/// each (kGeneration unless a test asks for fewer); when the newer one is
/// full, the older is dropped and the newer takes its place, and a graph
/// found in the older moves to the newer. So a long run keeps the graphs it
/// meets again, not every graph it ever met.
class ClassificationCache {
public:
    static constexpr std::size_t kGeneration = std::size_t{1} << 17;
    explicit ClassificationCache(std::size_t generation = kGeneration) : generation_(generation) {}

    /// The findings of the graph of `edges`; valid until the next call.
    [[nodiscard]] const GraphFindings& of(const std::vector<DepEdge>& edges);
    /// The graph of the execution that ended in `leaf`, classified; valid until the next call.
    [[nodiscard]] const GraphFindings& ofExecution(const History& h, const State& leaf, const Log& log);
    /// The graphs kept.
    [[nodiscard]] std::size_t size() const { return newer_.size() + older_.size(); }

private:
    struct Hash {
        std::size_t operator()(const std::vector<DepEdge>& edges) const;
    };
    using Graphs = std::unordered_map<std::vector<DepEdge>, GraphFindings, Hash>;
    /// Makes room for one more graph in newer_.
    void makeRoom();
    std::size_t generation_;
    Graphs newer_;
    Graphs older_;
    const GraphFindings none_{};  ///< an acyclic graph's (most are): neither looked up nor kept
    std::vector<DepEdge> edges_;  ///< the current execution's, its buffer reused
};

/// A classification in its parts, the graph's findings not copied out of
/// the cache: for a caller that keeps few of them (the collector, which
/// keeps one witness per finding).
struct ClassificationParts {
    const GraphFindings* graph = nullptr;      ///< owned by the cache
    std::vector<AnomalyFinding> reads;         ///< G1a, G1b
    std::vector<PhenomenonFinding> phenomena;  ///< P0 to P3, judged on the log
};
[[nodiscard]] ClassificationParts classifyParts(const History& h, const State& leaf, const Log& log,
                                                ClassificationCache& cache);

[[nodiscard]] Classification classify(const History& h, const State& leaf, const Log& log,
                                      ClassificationCache* cache = nullptr);

}  // namespace isocheck
