#include "anomaly/expectations.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace isocheck {
namespace {

// Names in catalogue order (unknown names last, alphabetically), so that
// expected and found read alike whatever order the file wrote them in.
template <typename Lookup>
std::vector<std::string> catalogueOrder(const std::set<std::string>& names, Lookup rank) {
    std::vector<std::string> out(names.begin(), names.end());
    std::ranges::stable_sort(out, {}, rank);
    return out;
}

std::string formatNames(const std::vector<std::string>& names) {
    std::string out = "[";
    for (const std::string& n : names) out += (out.size() == 1 ? "\"" : ", \"") + n + "\"";
    return out + "]";
}

std::string formatBool(bool b) { return b ? "true" : "false"; }

template <typename Lookup>
void compareSets(const char* key, const std::vector<std::string>& expected,
                 std::set<std::string> found, Lookup rank,
                 std::vector<ExpectationMismatch>& out) {
    std::set<std::string> wanted(expected.begin(), expected.end());
    if (wanted == found) return;
    std::vector<std::string> e = catalogueOrder(std::move(wanted), rank);
    std::vector<std::string> f = catalogueOrder(std::move(found), rank);
    out.push_back({key, formatNames(e), formatNames(f), std::move(e), std::move(f)});
}

void compareBool(const char* key, std::optional<bool> expected, bool found,
                 std::vector<ExpectationMismatch>& out) {
    if (expected && *expected != found)
        out.push_back({key, formatBool(*expected), formatBool(found), *expected, found});
}

std::size_t anomalyRank(const std::string& name) {
    const auto c = anomalyByName(name);
    return c ? static_cast<std::size_t>(*c) : anomalyCatalogue().size();
}

std::size_t phenomenonRank(const std::string& name) {
    const auto p = phenomenonByName(name);
    return p ? static_cast<std::size_t>(*p) : phenomenonCatalogue().size();
}

}  // namespace

std::vector<ExpectationMismatch> checkExpectation(const Expectation& e, const ModelResult& r) {
    std::vector<ExpectationMismatch> out;
    if (e.anomalies) {
        std::set<std::string> found;
        for (const AnomalyFinding& a : r.anomalies) found.emplace(info(a.cls).name);
        compareSets("anomalies", *e.anomalies, std::move(found), anomalyRank, out);
    }
    if (e.phenomena) {
        std::set<std::string> found;
        for (const PhenomenonFinding& p : r.phenomena) found.emplace(info(p.ph).name);
        compareSets("phenomena", *e.phenomena, std::move(found), phenomenonRank, out);
    }
    compareBool("deadlock", e.deadlock, !r.deadlocks.empty(), out);
    compareBool("snapshot_too_old", e.snapshotTooOld, r.snapshotTooOld, out);
    // A fixed schedule that cannot happen has no final state: nothing violates (SPEC 3.1).
    compareBool("invariants_hold", e.invariantsHold, r.invariantViolations.empty(), out);
    if (e.possible) {
        // `possible` only means something for a fixed schedule (SPEC 1.4).
        if (r.schedule)
            compareBool("possible", e.possible, r.schedule->possible, out);
        else
            out.push_back({"possible", formatBool(*e.possible), "no fixed schedule", *e.possible,
                           std::monostate{}});
    }
    if (e.steps) {
        // Only a transcript has steps (the loader checks); one that could not
        // be sent to the end has fewer outcomes than steps.
        const auto names = [](const std::vector<StepOutcome>& steps) {
            std::vector<std::string> out;
            out.reserve(steps.size());
            for (const StepOutcome o : steps) out.emplace_back(nameOf(o));
            return out;
        };
        std::vector<std::string> expected = names(*e.steps);
        std::vector<std::string> found = r.schedule ? names(r.schedule->outcomes) : std::vector<std::string>{};
        if (expected != found)
            out.push_back({"steps", formatNames(expected), formatNames(found), std::move(expected),
                           std::move(found)});
    }
    return out;
}

}  // namespace isocheck
