#pragma once
// Shared helpers of the test suite: load inline histories, run one model.

#include <algorithm>
#include <string>
#include <vector>

#include "anomaly/result.hpp"
#include "run/run.hpp"
#include "history/loader.hpp"

namespace isocheck::test {

inline ModelResult runModel(const std::string& toml, const std::string& model,
                            Reduction reduction = Reduction::Cached, unsigned jobs = 1) {
    const History h = parseHistory(toml, "test.toml");
    RunOptions o;
    o.onlyModels = {model};
    o.reduction = reduction;
    o.jobs = jobs;
    FileResult r = runHistory(h, o);
    return std::move(r.models.at(0));
}

inline std::vector<std::string> anomalyNames(const ModelResult& r) {
    std::vector<std::string> out;
    for (const auto& a : r.anomalies) out.emplace_back(info(a.cls).name);
    return out;
}

inline std::vector<std::string> phenomenonNames(const ModelResult& r) {
    std::vector<std::string> out;
    for (const auto& p : r.phenomena) out.emplace_back(info(p.ph).name);
    return out;
}

inline bool hasAbort(const ModelResult& r, AbortCause cause, TxnId t) {
    return std::ranges::any_of(r.aborts, [&](const AbortFinding& a) { return a.cause == cause && a.txn == t; });
}

using Names = std::vector<std::string>;

}  // namespace isocheck::test
