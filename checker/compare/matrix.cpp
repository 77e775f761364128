#include "compare/matrix.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <variant>

#include <fmt/format.h>

#include "report/trace.hpp"
#include "run/run.hpp"

namespace isocheck {
namespace {

// A row of the matrix and where a model's result says it happened.
struct RowSource {
    MatrixRow row;
    // The witness of the row in `m`, or nothing when `m` does not exhibit it.
    std::optional<Trace> (*witness)(const ModelResult& m, std::size_t index);
    std::size_t index;  // the class or phenomenon, as an integer
};

std::optional<Trace> anomalyWitness(const ModelResult& m, std::size_t index) {
    for (const AnomalyFinding& a : m.anomalies)
        if (static_cast<std::size_t>(a.cls) == index) return a.witness;
    return std::nullopt;
}

std::optional<Trace> phenomenonWitness(const ModelResult& m, std::size_t index) {
    for (const PhenomenonFinding& p : m.phenomena)
        if (static_cast<std::size_t>(p.ph) == index) return p.witness;
    return std::nullopt;
}

std::optional<Trace> deadlockWitness(const ModelResult& m, std::size_t /*index*/) {
    if (m.deadlocks.empty()) return std::nullopt;
    return m.deadlocks.front().witness;
}

std::optional<Trace> snapshotTooOldWitness(const ModelResult& m, std::size_t /*index*/) {
    for (const AbortFinding& a : m.aborts)
        if (a.cause == AbortCause::SnapshotTooOld) return a.witness;
    return std::nullopt;
}

std::optional<Trace> invariantWitness(const ModelResult& m, std::size_t /*index*/) {
    if (m.invariantViolations.empty()) return std::nullopt;
    return m.invariantViolations.front().witness;
}

std::vector<RowSource> rowSources() {
    std::vector<RowSource> out;
    for (const AnomalyInfo& a : anomalyCatalogue())
        out.push_back({{std::string(a.name), std::string(a.commonName)}, anomalyWitness,
                       static_cast<std::size_t>(a.cls)});
    for (const PhenomenonInfo& p : phenomenonCatalogue())
        out.push_back({{std::string(p.name), std::string(p.commonName)}, phenomenonWitness,
                       static_cast<std::size_t>(p.ph)});
    out.push_back({{"deadlock", "deadlock"}, deadlockWitness, 0});
    out.push_back({{"snapshot-too-old", "snapshot too old"}, snapshotTooOldWitness, 0});
    out.push_back({{"invariant", "invariant violated"}, invariantWitness, 0});
    return out;
}

// The rule behind a serialization failure, from the model's own words.
std::string abortRule(const AbortFinding& a) {
    switch (a.cause) {
        case AbortCause::Deadlock: return "deadlock";
        case AbortCause::SnapshotTooOld: return "aborts (snapshot too old)";
        case AbortCause::User: return "aborts (user)";
        case AbortCause::None: break;
        case AbortCause::Serialization:
            if (a.why.find("pivot") != std::string::npos) return "aborts (SSI)";
            if (a.why.find("first-committer-wins") != std::string::npos)
                return "aborts (first-committer-wins)";
            return "aborts (first-updater-wins)";
    }
    return "aborts";
}

// Where the replay first read another version than the witness's read of
// the same operation: the index in `replay`, and what each read.
struct OtherRead {
    std::size_t index;
    std::string detail;
};

std::optional<OtherRead> otherRead(const History& h, const Trace& witness, const Trace& replay) {
    for (std::size_t i = 0; i < replay.size(); ++i) {
        const Event& e = replay[i];
        if (e.kind != EventKind::Read && e.kind != EventKind::PredicateRead) continue;
        const auto same = std::ranges::find_if(witness, [&](const Event& w) {
            return w.kind == e.kind && w.txn == e.txn && w.op == e.op;
        });
        if (same == witness.end()) continue;
        const bool differs = e.kind == EventKind::Read
                                 ? (same->version != e.version || same->value != e.value)
                                 : same->returned != e.returned;
        if (differs)
            return OtherRead{i, fmt::format("{} where the witness read {}", formatTrace(h, Trace{e}),
                                            formatTrace(h, Trace{*same}))};
    }
    return std::nullopt;
}

// Scheduled steps before index `i` of a trace.
std::size_t stepsBefore(const Trace& t, std::size_t i) {
    return static_cast<std::size_t>(
        std::count_if(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(i),
                      [](const Event& e) { return e.scheduled; }));
}

// How `model` keeps `witness` from happening (the cell of a row the model
// does not exhibit). The witness's schedule is submitted step by step: a step
// that would wait lets the next step of another transaction go first, and
// once a transaction has ended (aborted) its remaining steps are dropped and
// the rest runs as a fixed schedule's tail does (SPEC 3.1). Then the earliest
// difference names the cell: a read of another version before any wait (a
// read after a wait reads otherwise because of it), else the first abort (a
// wait before it included), else the wait.
MatrixCell prevention(const History& h, const std::string& model, const Trace& witness) {
    MatrixCell cell;
    cell.state = MatrixCell::State::Prevented;
    std::vector<TxnId> schedule = scheduleOf(witness);
    History g = h;
    g.expectations.clear();
    RunOptions options;
    options.onlyModels = {model};
    std::string firstWait;
    std::size_t firstWaitStep = 0;
    // Each round moves one step of another transaction before a waiting one,
    // or shortens the schedule, so the rounds are bounded.
    const std::size_t rounds = schedule.size() * schedule.size() + 2;
    for (std::size_t round = 0; round < rounds; ++round) {
        g.schedule = schedule;
        const FileResult r = runHistory(g, options);
        const ModelResult& m = r.models.front();
        const ScheduleVerdict& v = *m.schedule;
        if (!v.possible && v.failedAt < schedule.size()) {
            if (v.wait.waitsFor != 0) {
                if (firstWait.empty()) {
                    firstWait = v.wait.why;
                    firstWaitStep = v.failedAt;
                }
                const TxnId waiting = schedule[v.failedAt];
                const auto next =
                    std::find_if(schedule.begin() + static_cast<std::ptrdiff_t>(v.failedAt),
                                 schedule.end(), [&](TxnId t) { return t != waiting; });
                if (next != schedule.end()) {
                    const TxnId other = *next;
                    schedule.erase(next);
                    schedule.insert(schedule.begin() + static_cast<std::ptrdiff_t>(v.failedAt), other);
                    continue;
                }
            }
            // The step's transaction has ended (or nothing else can go first):
            // run what could happen, then the tail.
            schedule.resize(v.failedAt);
            continue;
        }
        const Trace& trace = v.trace;
        const auto read = otherRead(h, witness, trace);
        const auto abortAt = std::ranges::find_if(trace, [](const Event& e) {
            return e.kind == EventKind::Abort && e.cause != AbortCause::User && e.cause != AbortCause::None;
        });
        const std::size_t abortIndex = static_cast<std::size_t>(abortAt - trace.begin());
        const bool aborted = abortAt != trace.end();
        const std::size_t readStep = read ? stepsBefore(trace, read->index) : 0;
        const bool readFirst = read && (firstWait.empty() || readStep < firstWaitStep) &&
                               (!aborted || read->index < abortIndex);
        // A read decides when it came first, or when nothing else happened.
        const bool readDecides = read && (readFirst || (!aborted && firstWait.empty()));
        if (readDecides) {
            cell.how = "reads another version";
            cell.detail = read->detail;
        } else if (aborted) {
            const auto finding = std::ranges::find_if(m.aborts, [&](const AbortFinding& a) {
                return a.txn == abortAt->txn && a.cause == abortAt->cause;
            });
            AbortFinding a;
            a.cause = abortAt->cause;
            a.txn = abortAt->txn;
            if (finding != m.aborts.end()) a.why = finding->why;
            cell.how = abortRule(a);
            cell.detail = fmt::format("{} aborts: {}", h.txns.at(a.txn).name,
                                      a.why.empty() ? causeName(a.cause) : a.why);
            if (!firstWait.empty()) cell.detail = firstWait + "; then " + cell.detail;
        } else if (!firstWait.empty()) {
            cell.how = "waits for a lock";
            cell.detail = firstWait;
        } else {
            cell.how = "prevented";
            cell.detail = "the same schedule runs without it";
        }
        return cell;
    }
    cell.how = "waits for a lock";
    cell.detail = firstWait;
    return cell;
}

}  // namespace

std::string columnLabel(const History& h, const std::string& model) {
    const auto it = h.modelOptions.find(model);
    if (it == h.modelOptions.end() || it->second.values.empty()) return model;
    std::string options;
    for (const auto& [name, value] : it->second.values) {
        if (!options.empty()) options += ", ";
        if (const bool* b = std::get_if<bool>(&value)) options += *b ? name : "no " + name;
        else if (const auto* i = std::get_if<std::int64_t>(&value)) options += fmt::format("{} {}", name, *i);
        else options += fmt::format("{} {}", name, std::get<std::string>(value));
    }
    return fmt::format("{} ({})", model, options);
}

LevelMatrix levelMatrix(const History& h, const FileResult& r) {
    LevelMatrix out;
    for (const ModelResult& m : r.models) out.columns.push_back({m.model, columnLabel(h, m.model)});
    for (const RowSource& source : rowSources()) {
        out.rows.push_back(source.row);
        std::vector<MatrixCell>& cells = out.cells.emplace_back(r.models.size());
        // The witness of the first model that exhibits the row, in run order.
        std::optional<Trace> witness;
        for (std::size_t c = 0; c < r.models.size(); ++c) {
            if (auto w = source.witness(r.models[c], source.index)) {
                cells[c].state = MatrixCell::State::Possible;
                if (!witness) witness = std::move(w);
            }
        }
        for (std::size_t c = 0; c < r.models.size(); ++c) {
            const ModelResult& m = r.models[c];
            if (cells[c].state == MatrixCell::State::Possible) continue;
            // A fixed schedule is one execution: nothing to compare with.
            if (!m.complete) cells[c].state = MatrixCell::State::Unknown;
            else if (witness && !h.schedule) cells[c] = prevention(h, m.model, *witness);
        }
    }
    return out;
}

LevelMatrix mergeMatrices(std::span<const std::pair<std::string, LevelMatrix>> files) {
    LevelMatrix out;
    for (const auto& [file, m] : files)
        for (const MatrixColumn& c : m.columns)
            if (std::ranges::find(out.columns, c) == out.columns.end()) out.columns.push_back(c);
    for (const RowSource& source : rowSources()) out.rows.push_back(source.row);
    out.cells.assign(out.rows.size(), std::vector<MatrixCell>(out.columns.size()));
    // Stronger findings win: possible, then prevented, then unknown; the first file keeps it.
    const auto rank = [](MatrixCell::State s) {
        switch (s) {
            case MatrixCell::State::Possible: return 3;
            case MatrixCell::State::Prevented: return 2;
            case MatrixCell::State::Unknown: return 1;
            case MatrixCell::State::NotSeen: break;
        }
        return 0;
    };
    for (const auto& [file, m] : files) {
        for (std::size_t c = 0; c < m.columns.size(); ++c) {
            const auto col = static_cast<std::size_t>(
                std::ranges::find(out.columns, m.columns[c]) - out.columns.begin());
            for (std::size_t r = 0; r < m.rows.size(); ++r) {
                const MatrixCell& cell = m.cells[r][c];
                MatrixCell& into = out.cells[r][col];
                if (rank(cell.state) <= rank(into.state)) continue;
                into = cell;
                into.file = file;
            }
        }
    }
    return out;
}

}  // namespace isocheck
