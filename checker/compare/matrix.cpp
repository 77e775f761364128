#include "compare/matrix.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <variant>

#include <fmt/format.h>

#include "anomaly/probes.hpp"
#include "compare/replay.hpp"

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

// How `model` keeps `witness` from happening (the cell of a row the model
// does not exhibit): the first difference when it replays the witness.
MatrixCell prevention(const History& h, const std::string& model, const Trace& witness) {
    Replay replay = replayWitness(h, model, witness);
    MatrixCell cell;
    cell.state = MatrixCell::State::Prevented;
    cell.how = std::move(replay.how);
    cell.detail = replay.difference == Replay::Difference::None ? "the same schedule runs without it"
                                                                : std::move(replay.detail);
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

namespace {

// A probe file's cell: what it probes, possible or prevented (how, when a
// probed row of the file's matrix says).
MatrixCell probeCell(const FileMatrix& f, std::size_t column) {
    const ModelResult& m = f.result->models.at(column);
    MatrixCell cell;
    cell.file = f.path;
    for (const std::string& p : f.probes)
        if (probeWitness(m, p) != nullptr) cell.exhibits.push_back(p);
    if (!cell.exhibits.empty()) {
        cell.state = MatrixCell::State::Possible;
        return cell;
    }
    if (!m.complete) {
        cell.state = MatrixCell::State::Unknown;
        return cell;
    }
    cell.state = MatrixCell::State::Prevented;
    for (std::size_t r = 0; r < f.matrix.rows.size() && cell.how.empty(); ++r)
        if (std::ranges::find(f.probes, f.matrix.rows[r].code) != f.probes.end() &&
            f.matrix.cells[r][column].state == MatrixCell::State::Prevented) {
            cell.how = f.matrix.cells[r][column].how;
            cell.detail = f.matrix.cells[r][column].detail;
        }
    if (cell.how.empty()) cell.how = "prevented";  // no model exhibits it: nothing to replay
    return cell;
}

}  // namespace

LevelMatrix matrixByFile(std::span<const FileMatrix> files) {
    LevelMatrix out;
    out.byFile = true;
    out.probes = !files.empty() && std::ranges::all_of(files, [](const FileMatrix& f) { return !f.probes.empty(); });
    for (const FileMatrix& f : files)
        for (const MatrixColumn& c : f.matrix.columns)
            if (std::ranges::find(out.columns, c) == out.columns.end()) out.columns.push_back(c);
    for (const FileMatrix& f : files) {
        out.rows.push_back({f.path, f.title});
        std::vector<MatrixCell>& cells = out.cells.emplace_back(out.columns.size());
        for (std::size_t c = 0; c < f.matrix.columns.size(); ++c) {
            const auto col = static_cast<std::size_t>(
                std::ranges::find(out.columns, f.matrix.columns[c]) - out.columns.begin());
            MatrixCell& cell = cells[col];
            if (!f.probes.empty()) {
                cell = probeCell(f, c);
                continue;
            }
            for (std::size_t r = 0; r < f.matrix.rows.size(); ++r) {
                const MatrixCell& from = f.matrix.cells[r][c];
                if (from.state == MatrixCell::State::Possible) {
                    cell.state = MatrixCell::State::Possible;
                    cell.exhibits.push_back(f.matrix.rows[r].code);
                } else if (from.state == MatrixCell::State::Prevented && cell.state != MatrixCell::State::Possible &&
                           cell.state != MatrixCell::State::Prevented) {
                    cell = from;
                } else if (from.state == MatrixCell::State::Unknown && cell.state == MatrixCell::State::NotSeen) {
                    cell.state = MatrixCell::State::Unknown;
                }
            }
            if (cell.state == MatrixCell::State::Possible) {
                cell.how.clear();
                cell.detail.clear();
            }
            cell.file = f.path;
        }
    }
    return out;
}

}  // namespace isocheck
