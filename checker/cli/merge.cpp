// `isocheck merge PART...`: combines the JSON reports of the shards of one
// run (`isocheck check --shard K/N --format json FILE...`, K = 1..N) into the
// report the single run prints, in any format.
//
// The shards explore disjoint parts of each model's tree, so the union of
// their findings is the single run's, and for every finding key (anomaly
// class, phenomenon, deadlock cycle, abort cause and transaction, final
// state) the single run's witness is the best of the shards' by the
// collector's total order (fewest steps, then the schedule compared by
// transaction positions). A shard's JSON holds the witness schedule but not
// everything the text, DOT and Markdown reports print (the trace with its
// values, the cycle's edges), so merge reloads the history file (the
// report's "file", path as given) and replays each chosen witness under the
// model, taking from the replay the finding with the same key. That finding,
// written as JSON, must be the object the shard wrote: when it is not, the
// file changed since the shards ran, and merge says so instead of printing
// a report that no run made.
//
// Stats: states and executions are the sums of the shards' (the parts are
// disjoint and part 1 counts the top of the tree); distinct executions are
// summed too, an upper bound, since a distinct execution can be reached in
// two parts (equal to the single run's when the reduction explores every
// distinct execution once); seconds are the sum of the shards' (the work
// done), peak memory the largest shard's. With a fixed schedule every shard
// replays the same schedule; merge replays it once more, as check does.

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "anomaly/expectations.hpp"
#include "cli/cli.hpp"
#include "compare/explain.hpp"
#include "compare/matrix.hpp"
#include "cli/commands.hpp"
#include "run/collector.hpp"
#include "explore/explorer.hpp"
#include "run/run.hpp"
#include "history/loader.hpp"
#include "models/registry.hpp"
#include "report/read_json.hpp"
#include "report/report.hpp"
#include "support/diagnostic.hpp"

namespace isocheck {
namespace {

[[noreturn]] void badInput(const std::string& file, const std::string& message,
                           const std::string& hint = {}) {
    Diagnostic d;
    d.file = file;
    d.message = message;
    d.hint = hint;
    throw InputError(std::move(d));
}

constexpr const char* kChangedHint =
    "the history file changed since the shards ran, or the shards ran another version of "
    "isocheck: run the shards again on this file";

// One shard's report of one history file.
struct Part {
    std::string source;  ///< the PART argument it came from
    ReportFile report;
};

// Every shard's report of one history file: the n-th report of a file in each
// PART (a run may name one file twice).
struct Group {
    std::string file;
    std::size_t occurrence = 0;
    std::vector<Part> parts;
};

std::string readPart(const std::string& path, bool& stdinTaken) {
    if (path == "-") {
        if (stdinTaken) throw UsageError("\"-\" (standard input) is given twice");
        stdinTaken = true;
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        badInput(path, "cannot read the report: it is a directory",
                 "give the JSON files that isocheck check --shard K/N --format json wrote");
    std::ifstream in(path, std::ios::binary);
    if (!in) badInput(path, std::string("cannot open the report: ") + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) badInput(path, std::string("cannot read the report: ") + std::strerror(errno));
    return text.str();
}

std::vector<Group> groupByFile(std::vector<std::pair<std::string, std::vector<ReportFile>>>& parts) {
    std::vector<Group> groups;
    for (auto& [source, files] : parts) {
        std::map<std::string, std::size_t> seen;  // occurrences of each file in this PART
        for (ReportFile& f : files) {
            const std::size_t occurrence = seen[f.file]++;
            auto it = std::ranges::find_if(groups, [&](const Group& g) {
                return g.file == f.file && g.occurrence == occurrence;
            });
            if (it == groups.end()) {
                groups.push_back(Group{f.file, occurrence, {}});
                it = std::prev(groups.end());
            }
            it->parts.push_back(Part{source, std::move(f)});
        }
    }
    return groups;
}

std::string sources(const Group& g) {
    std::vector<std::string> names;
    for (const Part& p : g.parts) names.push_back(p.source);
    return fmt::format("{}", fmt::join(names, ", "));
}

std::vector<std::string> modelNames(const ReportFile& f) {
    std::vector<std::string> out;
    for (const ReportModel& m : f.models) out.push_back(m.model);
    return out;
}

// The shards must be all the parts of one run: every file in every part, the
// same models and reductions, and (when the reports say which part they are)
// parts 1..N each once.
void validate(const std::vector<Group>& groups) {
    const Group& first = groups.front();
    const std::size_t n = first.parts.size();
    for (const Group& g : groups)
        if (g.parts.size() != n)
            badInput(g.parts.front().source,
                     fmt::format("{} is in {} of the reports ({}) but {} in {} ({}): the reports "
                                 "are not all the parts of one run",
                                 g.file, g.parts.size(), sources(g), first.file, n, sources(first)),
                     "give every part's report, each once, of one isocheck check --shard K/N run");
    for (const Group& g : groups) {
        const bool anyShard = std::ranges::any_of(g.parts, [](const Part& p) { return p.report.shard.has_value(); });
        if (anyShard) {
            std::vector<const Part*> byPart(n, nullptr);
            for (const Part& p : g.parts) {
                if (!p.report.shard)
                    badInput(p.source,
                             fmt::format("{}: this report says no shard (a run without --shard) but "
                                         "others of {} do: the reports are not the parts of one run",
                                         g.file, g.file));
                const ReportShard s = *p.report.shard;
                if (s.of != n)
                    badInput(p.source,
                             fmt::format("{}: this report is part {} of {}, but {} reports of the "
                                         "file were given ({})",
                                         g.file, s.part, s.of, n, sources(g)),
                             fmt::format("give the reports of all {} parts, each once", s.of));
                if (const Part* other = byPart[s.part - 1])
                    badInput(p.source, fmt::format("{}: part {} of {} is given twice (also {})",
                                                   g.file, s.part, s.of, other->source),
                             "give each part's report once");
                byPart[s.part - 1] = &p;
            }
        }
        const Part& base = g.parts.front();
        for (const Part& p : g.parts) {
            if (modelNames(p.report) != modelNames(base.report))
                badInput(p.source,
                         fmt::format("{}: this report has the models [{}] but {} has [{}]: the "
                                     "reports are not the parts of one run",
                                     g.file, fmt::join(modelNames(p.report), ", "), base.source,
                                     fmt::join(modelNames(base.report), ", ")));
            if (p.report.title != base.report.title)
                badInput(p.source, fmt::format("{}: this report's title differs from {}'s: the "
                                               "history file changed between the shards",
                                               g.file, base.source));
            for (std::size_t i = 0; i < p.report.models.size(); ++i)
                if (p.report.models[i].stats.reductions != base.report.models[i].stats.reductions)
                    badInput(p.source,
                             fmt::format("{} under {}: this report's reductions [{}] differ from "
                                         "{}'s [{}]: the shards ran with different --reduction",
                                         g.file, p.report.models[i].model,
                                         fmt::join(p.report.models[i].stats.reductions, ", "),
                                         base.source,
                                         fmt::join(base.report.models[i].stats.reductions, ", ")));
        }
    }
}

History loadHistory(const Group& g) {
    if (g.file == "<stdin>")
        badInput(sources(g), "the shards read their history from standard input (check -)",
                 "merge reads the history file again to replay the witnesses: run the shards "
                 "on the file instead");
    try {
        return loadHistoryFile(g.file);
    } catch (const InputError& e) {
        std::vector<Diagnostic> all(e.diagnostics().begin(), e.diagnostics().end());
        if (all.size() == 1 && all.front().hint.empty())
            all.front().hint = fmt::format("merge reads the history file again, at the path the "
                                           "reports give ({}): run merge where the shards ran, or "
                                           "copy the file there",
                                           sources(g));
        throw InputError(std::move(all));
    }
}

std::vector<TxnId> positions(const History& h, const std::vector<std::string>& names,
                             const std::string& source, const std::string& what) {
    std::vector<TxnId> out;
    for (const std::string& name : names) {
        const auto it = std::ranges::find(h.txns, name, &Txn::name);
        if (it == h.txns.end())
            badInput(h.file,
                     fmt::format("{} in {}: its witness schedule names transaction \"{}\", which "
                                 "the file does not have",
                                 what, source, name),
                     kChangedHint);
        out.push_back(static_cast<TxnId>(it - h.txns.begin()));
    }
    return out;
}

// The collector's total order on witnesses (betterWitness), on schedules.
bool betterSchedule(const std::vector<TxnId>& a, const std::vector<TxnId>& b) {
    if (a.size() != b.size()) return a.size() < b.size();
    return std::ranges::lexicographical_compare(a, b);
}

// The best witness of one finding key over the shards.
struct Choice {
    std::vector<TxnId> schedule;
    const Part* part = nullptr;
    const ReportFinding* finding = nullptr;
};

// Moves finding `index` of list `l` from `from` to the end of the same list of `to`.
void take(ModelResult& to, ModelResult& from, FindingList l, std::size_t index) {
    auto move = [&](auto& src, auto& dst) { dst.push_back(std::move(src.at(index))); };
    switch (l) {
        case FindingList::Anomalies: move(from.anomalies, to.anomalies); break;
        case FindingList::Phenomena: move(from.phenomena, to.phenomena); break;
        case FindingList::Deadlocks: move(from.deadlocks, to.deadlocks); break;
        case FindingList::Aborts: move(from.aborts, to.aborts); break;
        case FindingList::FinalStates: move(from.finalStates, to.finalStates); break;
        case FindingList::InvariantViolations:
            move(from.invariantViolations, to.invariantViolations);
            break;
        case FindingList::Probes: move(from.probes, to.probes); break;
    }
}

// Report order, as Collector::finish sorts.
void sortFindings(ModelResult& r) {
    std::ranges::sort(r.anomalies, {}, &AnomalyFinding::cls);
    std::ranges::sort(r.phenomena, {}, &PhenomenonFinding::ph);
    std::ranges::sort(r.finalStates);
    std::ranges::sort(r.invariantViolations, {}, &InvariantFinding::invariant);
    std::ranges::sort(r.aborts, {}, [](const AbortFinding& a) { return std::make_pair(a.txn, a.cause); });
    std::ranges::sort(r.deadlocks, {}, &DeadlockFinding::cycle);
    std::ranges::sort(r.probes, {}, &ProbeFinding::probe);
}

std::string describe(FindingList l, const std::string& key) {
    switch (l) {
        case FindingList::Anomalies: return "anomaly " + key;
        case FindingList::Phenomena: return "phenomenon " + key;
        case FindingList::Deadlocks: return "deadlock " + key;
        case FindingList::Aborts: return "abort " + key;
        case FindingList::FinalStates: return "final state " + key;
        case FindingList::InvariantViolations: return "violation of invariant " + key;
        case FindingList::Probes: return "probe " + key;
    }
    return key;
}

class ModelMerger {
public:
    ModelMerger(CheckedFile& probe, const ModelInfo& info, std::vector<std::pair<const Part*, const ReportModel*>> parts)
        : probe_(probe), h_(probe.history), info_(info), parts_(std::move(parts)) {}

    ModelResult run() {
        ModelResult r;
        r.model = std::string(info_.name);
        const Reduction reduction = reductionNamed(parts_.front().second->stats.reductions);
        if (h_.schedule) return fixedSchedule(reduction);

        for (const auto& [part, m] : parts_) {
            if (!m->complete && r.complete) {
                r.complete = false;
                r.stopReason = m->stopReason;
            }
            r.stats.executions += m->stats.executions;
            r.stats.distinctExecutions += m->stats.distinctExecutions;
            r.stats.states += m->stats.states;
            r.stats.seconds += m->stats.seconds;
            r.stats.peakMemoryKb = std::max(r.stats.peakMemoryKb, m->stats.peakMemoryKb);
            r.snapshotTooOld = r.snapshotTooOld || m->snapshotTooOld;
        }
        r.stats.reductions = parts_.front().second->stats.reductions;

        const auto opts = h_.modelOptions.find(r.model);
        const auto model = makeModel(info_, opts == h_.modelOptions.end() ? ModelOptions{} : opts->second);
        Explorer explorer(h_, *model, reduction);
        for (const FindingList l : kFindingLists)
            for (const auto& [key, choice] : choose(l)) replayInto(r, explorer, l, key, choice);
        sortFindings(r);

        // As runModel: a partial run judges no expectation (SPEC 4).
        if (const auto e = h_.expectations.find(r.model); e != h_.expectations.end() && r.complete) {
            r.expectationsChecked = true;
            r.mismatches = checkExpectation(e->second, r);
        }
        return r;
    }

private:
    // Key -> the best witness over the shards, in order of first appearance.
    std::vector<std::pair<std::string, Choice>> choose(FindingList l) const {
        std::vector<std::pair<std::string, Choice>> out;
        for (const auto& [part, m] : parts_) {
            for (const ReportFinding& f : m->list(l)) {
                Choice c{positions(h_, f.schedule, part->source,
                                   fmt::format("{} under {}", describe(l, f.key), info_.name)),
                         part, &f};
                auto it = std::ranges::find(out, f.key, &std::pair<std::string, Choice>::first);
                if (it == out.end()) out.emplace_back(f.key, std::move(c));
                else if (betterSchedule(c.schedule, it->second.schedule)) it->second = std::move(c);
            }
        }
        return out;
    }

    // Replays the witness and takes the finding with the same key; as JSON it
    // must be what the shard wrote.
    void replayInto(ModelResult& r, Explorer& explorer, FindingList l, const std::string& key,
                    const Choice& c) {
        const std::string what = fmt::format("{} under {} (witness from {})", describe(l, key),
                                             info_.name, c.part->source);
        Collector collector(h_);
        const ReplayResult replay = explorer.replay(c.schedule, collector);
        if (!replay.possible)
            badInput(h_.file,
                     fmt::format("{}: the witness cannot happen on this file: step {}: {}", what,
                                 replay.failedAt + 1, replay.why),
                     kChangedHint);
        ModelResult found;
        found.model = r.model;
        collector.finish(found);
        probe_.result.models.clear();
        probe_.result.models.push_back(std::move(found));
        const std::vector<ReportFile> again =
            readJsonReport(jsonReport(std::span<const CheckedFile>(&probe_, 1)), "(replay)");
        const std::vector<ReportFinding>& list = again.front().models.front().list(l);
        const auto it = std::ranges::find(list, key, &ReportFinding::key);
        if (it == list.end())
            badInput(h_.file, fmt::format("{}: replaying the witness does not give it", what),
                     kChangedHint);
        if (it->json != c.finding->json)
            badInput(h_.file,
                     fmt::format("{}: replaying the witness on this file gives another finding "
                                 "than the shard reported: {}",
                                 what, firstDifference(it->json, c.finding->json, "the replay", c.part->source)),
                     kChangedHint);
        take(r, probe_.result.models.front(), l, static_cast<std::size_t>(it - list.begin()));
    }

    // A fixed schedule: every shard replayed it; replay it once more, as check
    // does, and check that the shards saw the same.
    ModelResult fixedSchedule(Reduction reduction) {
        RunOptions o;
        o.onlyModels = {std::string(info_.name)};
        o.reduction = reduction;
        FileResult fr = runHistory(h_, o);
        ModelResult r = std::move(fr.models.at(0));
        probe_.result.models.assign(1, r);
        const std::vector<ReportFile> again =
            readJsonReport(jsonReport(std::span<const CheckedFile>(&probe_, 1)), "(replay)");
        const std::optional<std::string>& mine = again.front().models.front().fixedSchedule;
        for (const auto& [part, m] : parts_)
            if (m->fixedSchedule && m->fixedSchedule != mine)
                badInput(h_.file,
                         fmt::format("the fixed schedule under {}: replaying it on this file "
                                     "gives another verdict than {} reported: {}",
                                     info_.name, part->source,
                                     firstDifference(mine.value_or("null"), *m->fixedSchedule, "the replay",
                                                         part->source)),
                         kChangedHint);
        return r;
    }

    CheckedFile& probe_;
    const History& h_;
    const ModelInfo& info_;
    std::vector<std::pair<const Part*, const ReportModel*>> parts_;
};

CheckedFile mergeFile(const Group& g) {
    CheckedFile out{g.file, loadHistory(g), {}, {}, {}, {}};
    const History& h = out.history;
    const ReportFile& base = g.parts.front().report;
    if (base.title.value_or("") != h.title)
        badInput(h.file,
                 fmt::format("the reports ({}) give the title \"{}\" but the file has \"{}\"",
                             sources(g), base.title.value_or(""), h.title),
                 kChangedHint);
    const std::vector<std::string> names = modelNames(base);
    for (const std::string& name : names) {
        if (findModel(name) == nullptr)
            badInput(g.parts.front().source,
                     fmt::format("{}: unknown model \"{}\"", g.file, name),
                     "the report comes from another version of isocheck");
        if (std::ranges::count(names, name) > 1)
            badInput(g.parts.front().source,
                     fmt::format("{}: the model \"{}\" is reported twice", g.file, name));
    }
    // The history as a CheckedFile of its own, to write replayed findings as JSON.
    CheckedFile probe{g.file, h, {}, {}, {}, {}};
    for (const ModelInfo& info : modelRegistry()) {  // the single run's order
        const auto at = std::ranges::find(names, info.name);
        if (at == names.end()) continue;
        const std::size_t index = static_cast<std::size_t>(at - names.begin());
        std::vector<std::pair<const Part*, const ReportModel*>> parts;
        for (const Part& p : g.parts) parts.emplace_back(&p, &p.report.models[index]);
        out.result.models.push_back(ModelMerger(probe, info, std::move(parts)).run());
    }
    return out;
}

}  // namespace

int runMerge(const Args& args, std::ostream& out, std::ostream& /*err*/) {
    CLI::App app{"Combine the JSON reports of the shards of one run (isocheck check --shard K/N "
                 "--format json FILE..., K = 1..N) into the report of the single run. The history "
                 "files are read again, at the paths the reports name, to replay the witnesses.",
                 "isocheck merge"};
    std::vector<std::string> paths;
    std::string format = "text";
    app.add_option("PART", paths, "the shards' JSON reports, all N parts (- reads standard input)")
        ->required()
        ->type_name("");
    app.add_option("--format", format, "text (default), json, dot, markdown or html")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json", "dot", "markdown", "html"}));
    app.footer("examples:\n"
               "  isocheck check --shard 1/2 --format json lost.toml > part1.json\n"
               "  isocheck check --shard 2/2 --format json lost.toml > part2.json\n"
               "  isocheck merge part1.json part2.json\n"
               "  isocheck merge --format json part1.json part2.json > lost.json");
    if (const auto done = parseOptions(app, args, out)) return *done;

    std::vector<std::pair<std::string, std::vector<ReportFile>>> parts;
    bool stdinTaken = false;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string& path = paths[i];
        if (path.empty()) throw UsageError("an empty file name (give the path of a shard's JSON report)");
        std::error_code ec;
        for (std::size_t j = 0; j < i && path != "-"; ++j)
            if (paths[j] == path || std::filesystem::equivalent(paths[j], path, ec))
                throw UsageError(fmt::format("the report \"{}\" is given twice{} (give each part's "
                                             "report once)",
                                             path, paths[j] == path ? "" : " (as \"" + paths[j] + "\")"));
        parts.emplace_back(path, readJsonReport(readPart(path, stdinTaken), path));
    }
    const std::vector<Group> groups = groupByFile(parts);
    validate(groups);

    std::vector<CheckedFile> files;
    files.reserve(groups.size());
    for (const Group& g : groups) {
        files.push_back(mergeFile(g));
        files.back().matrix = levelMatrix(files.back().history, files.back().result);
        if (explains(format, false))
            files.back().explanations = explainFindings(files.back().history, files.back().result);
    }

    out << renderReport(format, files);
    return exitCodeOf(files);
}

}  // namespace isocheck
