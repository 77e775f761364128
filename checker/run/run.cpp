#include "run/run.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "anomaly/expectations.hpp"
#include "run/collector.hpp"
#include "explore/explorer.hpp"
#include "models/registry.hpp"
#include "support/assert.hpp"

namespace isocheck {

std::vector<std::string> selectedModels(const History& h, const RunOptions& o) {
    const auto& wanted = !o.onlyModels.empty() ? o.onlyModels : h.models;
    std::vector<std::string> out;
    for (const ModelInfo& m : modelRegistry())
        if (wanted.empty() ? m.generic() : std::ranges::find(wanted, m.name) != wanted.end())
            out.emplace_back(m.name);
    return out;
}

std::vector<std::string> reductionNames(Reduction r) {
    switch (r) {
        case Reduction::None: return {};
        case Reduction::SleepSets: return {"sleep-sets"};
        case Reduction::Cached: return {"persistent-sets", "sleep-sets", "state-cache"};
    }
    return {};
}

Reduction reductionNamed(const std::vector<std::string>& names) {
    if (std::ranges::find(names, "state-cache") != names.end()) return Reduction::Cached;
    return names.empty() ? Reduction::None : Reduction::SleepSets;  // names it does not know: sleep sets
}

namespace {

std::uint64_t peakMemoryKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss);  // kilobytes on Linux
}

ModelResult runModel(const History& h, const ModelInfo& info, const RunOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    ModelResult r;
    r.model = std::string(info.name);
    const auto opts = h.modelOptions.find(r.model);
    const auto model = makeModel(info, opts == h.modelOptions.end() ? ModelOptions{} : opts->second);
    Explorer explorer(h, *model, o.reduction);
    if (h.schedule) {
        Collector collector(h);
        ReplayResult replay = explorer.replay(*h.schedule, collector, h.transcript);
        // SPEC 1.4: an execution that cannot happen exhibits nothing.
        if (replay.possible) {
            collector.finish(r);
            r.stats.executions = 1;
        }
        r.stats.states = replay.states;
        r.schedule = ScheduleVerdict{replay.possible, replay.failedAt, replay.why,
                                     replay.log.events, replay.wait, std::move(replay.outcomes)};
    } else {
        std::vector<std::unique_ptr<Collector>> collectors;
        std::vector<ExplorationObserver*> observers;
        for (unsigned i = 0; i < std::max(1u, o.jobs); ++i) {
            collectors.push_back(std::make_unique<Collector>(h));
            observers.push_back(collectors.back().get());
        }
        const ExploreLimits limits{o.maxStates, o.control, o.wholeTreeStates};
        const ExploreSummary summary =
            o.shardCount > 1 ? explorer.exploreShard(observers, limits, o.shardIndex, o.shardCount)
                             : explorer.exploreAll(observers, limits);
        for (std::size_t i = 1; i < collectors.size(); ++i)
            collectors[0]->merge(std::move(*collectors[i]));
        collectors[0]->finish(r, static_cast<unsigned>(collectors.size()));
        r.stats.states = summary.states;
        r.stats.executions = summary.executions;
        r.complete = summary.complete;
        r.stopReason = summary.stopReason;
        r.stats.reductions = reductionNames(o.reduction);
    }
    // SPEC 4: a partial report judges no expectation; nor does one part of
    // a sharded run (`isocheck merge` judges the whole).
    if (const auto e = h.expectations.find(r.model);
        e != h.expectations.end() && r.complete && o.shardCount == 1) {
        r.expectationsChecked = true;
        r.mismatches = checkExpectation(e->second, r);
    }
    r.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    r.stats.peakMemoryKb = peakMemoryKb();
    return r;
}

}  // namespace

FileResult runHistory(const History& h, const RunOptions& o) {
    FileResult result;
    for (const std::string& name : selectedModels(h, o)) {
        const ModelInfo* info = findModel(name);
        ISOCHECK_ASSERT(info != nullptr);  // names were validated on input
        if (o.control != nullptr && o.control->stopRequested()) break;
        result.models.push_back(runModel(h, *info, o));
    }
    return result;
}

}  // namespace isocheck
