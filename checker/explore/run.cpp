#include "explore/run.hpp"

#include <algorithm>

#include "anomaly/expectations.hpp"
#include "explore/collector.hpp"
#include "explore/explorer.hpp"
#include "models/registry.hpp"
#include "support/assert.hpp"

namespace isocheck {

std::vector<std::string> selectedModels(const History& h, const RunOptions& o) {
    const auto& wanted = !o.onlyModels.empty() ? o.onlyModels : h.models;
    std::vector<std::string> out;
    for (const ModelInfo& m : modelRegistry())
        if (wanted.empty() || std::ranges::find(wanted, m.name) != wanted.end())
            out.emplace_back(m.name);
    return out;
}

namespace {

ModelResult runModel(const History& h, const ModelInfo& info, const RunOptions& o) {
    ModelResult r;
    r.model = std::string(info.name);
    const auto opts = h.modelOptions.find(r.model);
    const auto model = info.make(opts == h.modelOptions.end() ? ModelOptions{} : opts->second);
    Collector collector(h, r);
    Explorer explorer(h, *model, collector);
    if (h.schedule) {
        ReplayResult replay = explorer.replay(*h.schedule);
        if (!replay.possible) {
            // SPEC 1.4: an execution that cannot happen exhibits nothing.
            r = ModelResult{};
            r.model = std::string(info.name);
        }
        r.stats.states = replay.states;
        r.schedule = ScheduleVerdict{replay.possible, replay.failedAt, replay.why, replay.state.log};
    } else {
        const ExploreSummary summary = explorer.exploreAll({o.maxStates});
        r.stats.states = summary.states;
        r.complete = summary.complete;
    }
    collector.finish();
    if (const auto e = h.expectations.find(r.model); e != h.expectations.end()) {
        r.expectationsChecked = true;
        r.mismatches = checkExpectation(e->second, r);
    }
    return r;
}

}  // namespace

FileResult runHistory(const History& h, const RunOptions& o) {
    FileResult result;
    for (const std::string& name : selectedModels(h, o)) {
        const ModelInfo* info = findModel(name);
        ISOCHECK_ASSERT(info != nullptr);  // names were validated on input
        result.models.push_back(runModel(h, *info, o));
    }
    return result;
}

}  // namespace isocheck
