#include "exercise/exercise.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/enumerate.hpp>
#include <range/v3/view/join.hpp>
#include <range/v3/view/transform.hpp>

#include "compare/explain.hpp"
#include "compare/matrix.hpp"
#include "history/generator.hpp"
#include "history/loader.hpp"
#include "report/report.hpp"
#include "report/trace.hpp"
#include "run/run.hpp"
#include "search/search.hpp"
#include "support/diagnostic.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

// The programs a level draws from (specs/exercise.md section 2).
struct Level {
    std::string name;
    std::vector<SearchBounds> pools;
    std::vector<std::string> kinds;
};

Level levelOf(const std::string& name) {
    SearchBounds small;
    small.txns = 2;
    small.ops = 2;
    SearchBounds medium;
    medium.forUpdate = true;
    SearchBounds predicates;
    predicates.predicates = true;
    SearchBounds three;
    three.txns = 3;
    three.ops = 2;
    if (name == "beginner") return {name, {small}, {"allows", "schedule", "mechanism", "final-values"}};
    if (name == "intermediate")
        return {name, {medium}, {"allows", "schedule", "mechanism", "deadlock", "final-values", "remove-one", "add-one"}};
    return {name, {medium, predicates, three},
            {"allows", "schedule", "mechanism", "deadlock", "final-values", "remove-one", "add-one", "snapshot-too-old"}};
}

std::string joined(const std::vector<std::string>& items, std::string_view sep = ", ") {
    return items | ranges::views::join(std::string(sep)) | ranges::to<std::string>();
}

// "read-committed, repeatable-read and snapshot".
std::string listed(const std::vector<std::string>& items) {
    if (items.empty()) return "none";
    if (items.size() == 1) return items.front();
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return joined(head) + " and " + items.back();
}

std::string code(const std::string& s) { return "`" + s + "`"; }

// The history as a person reads it: a table of transactions, the initial
// rows, the fixed schedule if any.
std::string historyMarkdown(const History& h) {
    std::string out = "| transaction | operations |\n|---|---|\n";
    for (const Txn& t : h.txns) {
        std::vector<std::string> ops;
        for (const Op& op : t.ops) ops.push_back(code(op.text));
        out += fmt::format("| {} | {} |\n", t.name, joined(ops));
    }
    std::vector<std::pair<KeyId, Value>> initial;
    for (KeyId k = 0; k < h.initial.size(); ++k)
        if (h.initial[k]) initial.emplace_back(k, *h.initial[k]);
    out += fmt::format("\nInitial rows: {}", code(formatRows(h, initial)));
    std::vector<std::string> absent;
    for (KeyId k = 0; k < h.initial.size(); ++k)
        if (!h.initial[k]) absent.push_back(h.keys[k]);
    if (!absent.empty()) out += fmt::format(" ({} absent: writing {} inserts it)", listed(absent), absent.size() == 1 ? "it" : "one");
    out += ".\n";
    for (const auto& [model, options] : h.modelOptions)
        for (const auto& [name, value] : options.values)
            if (const auto* n = std::get_if<std::int64_t>(&value))
                out += fmt::format("\n{} keeps {} = {}.\n", model, name, *n);
    if (h.schedule) {
        std::vector<std::string> steps;
        for (const TxnId t : *h.schedule) steps.push_back(h.txns.at(t).name);
        out += fmt::format("\nSchedule: {}.\n", code(joined(steps, " ")));
    }
    return out;
}

// A drawn exercise, before it is numbered.
struct Draft {
    std::string kind;
    std::string title;
    std::string question;
    std::string answer;
    std::string header;  // top-level keys after title and description: models, schedule
    std::string body;    // the program
};

RunOptions only(const std::vector<std::string>& models) {
    RunOptions o;
    o.onlyModels = models;
    return o;
}

class Generator {
public:
    Generator(const ExerciseOptions& o) : options_(o), rng_(o.seed), level_(levelOf(o.level)) {
        models_ = o.models;
        if (models_.empty())
            for (const std::string_view m : defaultModels()) models_.emplace_back(m);
        for (const SearchBounds& b : level_.pools) {
            std::vector<std::string> programs = programTexts(b, 50000);
            pool_.insert(pool_.end(), programs.begin(), programs.end());
        }
        SearchBounds retention;
        retention.retention = true;
        retentionPool_ = programTexts(retention, 50000);
    }

    std::vector<Draft> draw() {
        std::vector<Draft> out;
        std::size_t failures = 0;
        while (out.size() < options_.count && failures < 64) {
            const std::string& kind = level_.kinds[pick(level_.kinds.size())];
            std::optional<Draft> d;
            for (int attempt = 0; attempt < 300 && !d; ++attempt) d = tryKind(kind);
            if (d) {
                out.push_back(std::move(*d));
            } else {
                ++failures;
            }
        }
        return out;
    }

private:
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_.next() % n); }

    std::optional<Draft> tryKind(const std::string& kind) {
        const bool sto = kind == "snapshot-too-old";
        const std::vector<std::string>& pool = sto ? retentionPool_ : pool_;
        if (pool.empty()) return std::nullopt;
        const std::size_t index = pick(pool.size());
        if (!used_.insert({kind, index, sto}).second) return std::nullopt;
        const std::string& body = pool[index];
        if (kind == "allows") return allows(body);
        if (kind == "schedule") return schedule(body);
        if (kind == "mechanism") return mechanism(body);
        if (kind == "deadlock") return deadlock(body);
        if (kind == "final-values") return finalValues(body);
        if (kind == "remove-one") return removeOne(body);
        if (kind == "add-one") return addOne(body);
        return snapshotTooOld(body);
    }

    // Which levels allow an anomaly: some do, some do not.
    std::optional<Draft> allows(const std::string& body) {
        const History h = parseHistory(body, "exercise.toml");
        const FileResult r = runHistory(h, only(models_));
        std::vector<std::string> yes;
        std::vector<std::string> no;
        for (const ModelResult& m : r.models) (m.anomalies.empty() ? no : yes).push_back(m.model);
        if (yes.empty() || no.empty()) return std::nullopt;
        Draft d;
        d.kind = "allows";
        d.title = "Which levels allow an anomaly?";
        d.question = fmt::format(
            "Under which of these levels can the two transactions below produce an anomaly, an "
            "execution no serial order explains (Adya's classes G0 to G2): {}? For each level "
            "that allows one, name its class and give a schedule that shows it.",
            listed(models_));
        d.answer = fmt::format("Allowed under {}; not under {}.\n", listed(yes), listed(no));
        const std::vector<ModelExplanations> why = explainFindings(h, r);
        for (const auto [i, m] : ranges::views::enumerate(r.models)) {
            if (m.anomalies.empty()) continue;
            const AnomalyFinding& a = m.anomalies.front();
            d.answer += fmt::format("\n- **{}**: {} ({}), {}; {}. {}\n", m.model, info(a.cls).name, a.name,
                                    a.cycle.empty() ? a.detail : code(formatCycle(h, a.cycle)),
                                    code(scheduleLine(h, a.witness)), why[i].anomalies.front().allowedBy);
        }
        d.body = body;
        return d;
    }

    // Can this schedule happen under one level: half the time one that cannot.
    std::optional<Draft> schedule(const std::string& body) {
        History h = parseHistory(body, "exercise.toml");
        // A random interleaving: each step takes the next operation of a
        // transaction drawn among those with operations left.
        std::vector<std::size_t> left;
        for (const Txn& t : h.txns) left.push_back(t.ops.size());
        std::vector<TxnId> steps;
        for (std::size_t remaining = std::accumulate(left.begin(), left.end(), std::size_t{0}); remaining > 0; --remaining) {
            std::vector<TxnId> live;
            for (TxnId t = 0; t < left.size(); ++t)
                if (left[t] > 0) live.push_back(t);
            const TxnId t = live[pick(live.size())];
            --left[t];
            steps.push_back(t);
        }
        const std::string& model = models_[pick(models_.size())];
        h.schedule = steps;
        const FileResult r = runHistory(h, only({model}));
        const ScheduleVerdict& v = *r.models.front().schedule;
        const bool wantImpossible = pick(2) == 0;
        if (v.possible == wantImpossible) return std::nullopt;
        std::vector<std::string> names;
        names.reserve(steps.size());
        for (const TxnId t : steps) names.push_back(h.txns.at(t).name);
        Draft d;
        d.kind = "schedule";
        d.title = fmt::format("Can this schedule happen under {}?", model);
        d.question = fmt::format(
            "The schedule below gives, step by step, the transaction whose next operation runs. "
            "Can it happen under {}? If it cannot, at which step does an operation have to wait "
            "or abort, and why?",
            model);
        d.answer = v.possible ? fmt::format("Yes: {}.\n", code(formatTrace(h, v.trace)))
                              : fmt::format("No: step {} ({}) cannot run: {}. What ran before: {}.\n", v.failedAt + 1,
                                            names.at(v.failedAt), v.why, code(formatTrace(h, v.trace)));
        std::vector<std::string> quoted;
        quoted.reserve(names.size());
        for (const std::string& n : names) quoted.push_back("\"" + n + "\"");
        d.header = fmt::format("models = [\"{}\"]\nschedule = [{}]\n", model, joined(quoted));
        d.body = body;
        return d;
    }

    // How one level prevents an anomaly another allows (the matrix's cell).
    std::optional<Draft> mechanism(const std::string& body) {
        const History h = parseHistory(body, "exercise.toml");
        const FileResult r = runHistory(h, only(models_));
        const LevelMatrix m = levelMatrix(h, r);
        std::vector<std::pair<std::size_t, std::size_t>> cells;  // (row, column) prevented, row possible somewhere
        for (std::size_t row = 0; row < m.rows.size(); ++row) {
            const std::string& rowCode = m.rows[row].code;
            if (rowCode == "deadlock" || rowCode == "snapshot-too-old" || rowCode == "invariant") continue;
            const auto& cellsOfRow = m.cells[row];
            const auto possible = std::ranges::find(cellsOfRow, MatrixCell::State::Possible, &MatrixCell::state);
            if (possible == cellsOfRow.end()) continue;
            for (std::size_t c = 0; c < cellsOfRow.size(); ++c)
                if (cellsOfRow[c].state == MatrixCell::State::Prevented && cellsOfRow[c].how != "prevented")
                    cells.emplace_back(row, c);
        }
        if (cells.empty()) return std::nullopt;
        const auto [row, column] = cells[pick(cells.size())];
        const std::size_t first = static_cast<std::size_t>(
            std::ranges::find(m.cells[row], MatrixCell::State::Possible, &MatrixCell::state) - m.cells[row].begin());
        const ModelResult& shows = r.models.at(first);
        const std::string& model = m.columns[column].model;
        const std::string& what = m.rows[row].code;
        const Trace* witness = nullptr;
        for (const AnomalyFinding& a : shows.anomalies)
            if (info(a.cls).name == what) witness = &a.witness;
        for (const PhenomenonFinding& p : shows.phenomena)
            if (info(p.ph).name == what) witness = &p.witness;
        if (witness == nullptr) return std::nullopt;
        Draft d;
        d.kind = "mechanism";
        d.title = fmt::format("How does {} prevent {}?", model, what);
        d.question = fmt::format(
            "Under {} this history shows {} ({}), for example with {}. Under {} it cannot happen. "
            "Run the same schedule under {}: what stops it? Does an operation wait for a lock, "
            "does a transaction abort (by which rule), or does a read see another version?",
            shows.model, what, m.rows[row].name, code(scheduleLine(h, *witness)), model, model);
        const MatrixCell& cell = m.cells[row][column];
        std::string how = cell.how;
        how.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(how.front())));
        d.answer = fmt::format("{} (the first thing that differs when the schedule runs under {}): {}.\n", how,
                               model, cell.detail);
        d.body = body;
        return d;
    }

    // A deadlock under a level: the waits and the victim.
    std::optional<Draft> deadlock(const std::string& body) {
        const History h = parseHistory(body, "exercise.toml");
        const FileResult r = runHistory(h, only(models_));
        std::vector<const ModelResult*> with;
        for (const ModelResult& m : r.models)
            if (!m.deadlocks.empty()) with.push_back(&m);
        if (with.empty()) return std::nullopt;
        const ModelResult& m = *with[pick(with.size())];
        const DeadlockFinding& dl = m.deadlocks.front();
        Draft d;
        d.kind = "deadlock";
        d.title = fmt::format("A deadlock under {}", m.model);
        d.question = fmt::format(
            "Under {} these transactions can deadlock. Give a schedule that leads to the "
            "deadlock, say what each transaction is waiting for, and which one is aborted as the "
            "victim (isocheck's rule: the last in the file among those on the cycle).",
            m.model);
        std::vector<std::string> waits;
        for (const Wait& w : dl.waits) waits.push_back(w.why);
        d.answer = fmt::format("After {} ({}): {}. {}, so the victim is {}.\n", code(formatTrace(h, dl.witness)),
                               code(scheduleLine(h, dl.witness)), joined(waits, "; "), formatWaitsFor(h, dl.cycle),
                               h.txns.at(dl.victim).name);
        d.body = body;
        return d;
    }

    // The final values under a level, some of which no serial order gives.
    std::optional<Draft> finalValues(const std::string& body) {
        const History h = parseHistory(body, "exercise.toml");
        const std::string& model = models_[pick(models_.size())];
        const FileResult r = runHistory(h, only({model}));
        const ModelResult& m = r.models.front();
        if (m.finalStates.size() < 2) return std::nullopt;
        const bool anyNot = std::ranges::any_of(m.finalStates, [](const FinalStateFinding& f) { return !f.serializable; });
        if (!anyNot && pick(3) != 0) return std::nullopt;  // mostly ones with a surprise
        Draft d;
        d.kind = "final-values";
        d.title = fmt::format("Final values under {}", model);
        d.question = fmt::format(
            "Which final values of the rows are possible when these transactions run under {}? "
            "Which of them could no serial order (one transaction after the other) produce?",
            model);
        for (const FinalStateFinding& f : m.finalStates) {
            d.answer += fmt::format("- {}: {}", code(formatRows(h, f.rows)),
                                    f.serializable ? "a serial order gives it" : "**no serial order gives it**");
            if (!f.serializable) d.answer += fmt::format(", for example {}", code(scheduleLine(h, f.witness)));
            d.answer += '\n';
        }
        d.body = body;
        return d;
    }

    // Which single operation to remove to make a level's anomaly impossible.
    std::optional<Draft> removeOne(const std::string& body) {
        const History h = parseHistory(body, "exercise.toml");
        const std::string& model = models_[pick(models_.size())];
        const ModelResult m = runHistory(h, only({model})).models.front();
        if (m.anomalies.empty()) return std::nullopt;
        std::vector<std::string> fixes;
        std::vector<std::string> keep;
        for (const Txn& t : h.txns) {
            for (std::size_t i = 0; i + 1 < t.ops.size(); ++i) {
                if (t.ops.size() <= 2) continue;  // a transaction keeps one operation
                const std::string variant = withoutOp(body, t.name, t.ops[i].text);
                std::optional<History> g;
                try {
                    g = parseHistory(variant, "exercise.toml");
                } catch (const InputError&) {
                    continue;  // e.g. a write that used the removed read
                }
                const std::string op = fmt::format("{}'s {}", t.name, code(t.ops[i].text));
                (runHistory(*g, only({model})).models.front().anomalies.empty() ? fixes : keep).push_back(op);
            }
        }
        if (fixes.empty()) return std::nullopt;
        Draft d;
        d.kind = "remove-one";
        d.title = fmt::format("One operation fewer under {}", model);
        d.question = fmt::format(
            "Under {} these transactions can produce an anomaly ({}). Which single operation "
            "(not a commit) could you remove so that no execution under {} has any anomaly?",
            model, info(m.anomalies.front().cls).name, model);
        d.answer = fmt::format("Removing {} does it.", listed(fixes));
        if (!keep.empty()) d.answer += fmt::format(" Removing {} does not.", listed(keep));
        d.answer += fmt::format(" With everything in place: {} ({}), {}.\n", info(m.anomalies.front().cls).name,
                                m.anomalies.front().name, code(scheduleLine(h, m.anomalies.front().witness)));
        d.body = body;
        return d;
    }

    // Which single read or write to add to make an anomaly possible under a level.
    std::optional<Draft> addOne(const std::string& body) {
        const History h = parseHistory(body, "exercise.toml");
        const std::string& model = models_[pick(models_.size())];
        if (!runHistory(h, only({model})).models.front().anomalies.empty()) return std::nullopt;
        std::vector<std::string> candidates;
        for (KeyId k = 0; k < h.keys.size(); ++k)
            if (h.initial[k]) candidates.insert(candidates.end(), {"r " + h.keys[k], "w " + h.keys[k] + " = 9"});
        std::vector<std::string> adds;
        std::vector<std::string> witnesses;
        for (const Txn& t : h.txns) {
            for (std::size_t at = 0; at < t.ops.size(); ++at) {  // before each operation, the commit included
                for (const std::string& op : candidates) {
                    const std::string variant = withOp(body, t.name, at, op);
                    std::optional<History> g;
                    try {
                        g = parseHistory(variant, "exercise.toml");
                    } catch (const InputError&) {
                        continue;
                    }
                    const ModelResult m = runHistory(*g, only({model})).models.front();
                    if (m.anomalies.empty()) continue;
                    const std::string where = at == 0 ? "first" : fmt::format("after {}", code(t.ops[at - 1].text));
                    adds.push_back(fmt::format("{} in {} ({}: {})", code(op), t.name, where, info(m.anomalies.front().cls).name));
                }
            }
        }
        if (adds.empty() || adds.size() > 12) return std::nullopt;  // none, or too many to be a question
        Draft d;
        d.kind = "add-one";
        d.title = fmt::format("One operation more under {}", model);
        d.question = fmt::format(
            "Under {} these transactions never produce an anomaly. Add a single operation, a read "
            "`r K` or a write `w K = 9` of a row K that exists, anywhere before a transaction's "
            "commit, so that some execution under {} does. Which additions work?",
            model, model);
        d.answer = fmt::format("{} of them: {}.\n", adds.size(), listed(adds));
        d.body = body;
        return d;
    }

    // A read that fails with snapshot too old, and whether one more version helps.
    std::optional<Draft> snapshotTooOld(const std::string& body) {
        const History h = parseHistory(body, "exercise.toml");
        const FileResult r = runHistory(h, only({"snapshot"}));
        const ModelResult& m = r.models.front();
        const auto sto = std::ranges::find(m.aborts, AbortCause::SnapshotTooOld, &AbortFinding::cause);
        if (sto == m.aborts.end()) return std::nullopt;
        std::string two = body;
        for (std::size_t at = two.find("retention = 1"); at != std::string::npos; at = two.find("retention = 1", at))
            two.replace(at, 13, "retention = 2");
        const bool stillTwo = runHistory(parseHistory(two, "exercise.toml"), only({"snapshot"})).models.front().snapshotTooOld;
        Draft d;
        d.kind = "snapshot-too-old";
        d.title = "Snapshot too old";
        d.question =
            "Under snapshot isolation that keeps only the newest committed version of each row "
            "(retention = 1), one read of these transactions can fail with \"snapshot too old\" "
            "(Oracle's ORA-01555). Which read, after which steps, and why? Would keeping two "
            "versions (retention = 2) prevent it?";
        d.answer = fmt::format("{} after {} ({}): {}. With retention = 2: {}.\n", h.txns.at(sto->txn).name,
                               code(formatTrace(h, sto->witness)), code(scheduleLine(h, sto->witness)), sto->why,
                               stillTwo ? "no, some schedule still overwrites the version twice"
                                        : "yes, the version the snapshot needs is still kept");
        d.header = "models = [\"snapshot\"]\n";
        d.body = body;
        return d;
    }

    // `body` with `op` inserted before operation `at` of transaction `txn`.
    static std::string withOp(const std::string& body, const std::string& txn, std::size_t at, const std::string& op) {
        const std::size_t name = body.find("name = \"" + txn + "\"");
        std::size_t pos = body.find("ops = [", name) + 7;
        for (std::size_t i = 0; i < at; ++i) pos = body.find("\", ", pos) + 2;
        return body.substr(0, pos) + "\"" + op + "\", " + body.substr(pos);
    }

    // `body` without the operation `text` of transaction `txn` (its first occurrence).
    static std::string withoutOp(const std::string& body, const std::string& txn, const std::string& text) {
        const std::size_t name = body.find("name = \"" + txn + "\"");
        const std::size_t ops = body.find("ops = [", name);
        const std::size_t end = body.find(']', ops);
        std::string list = body.substr(ops, end - ops);
        const std::string quoted = "\"" + text + "\"";
        const std::size_t at = list.find(quoted);
        list.erase(at, quoted.size() + (list.compare(at + quoted.size(), 2, ", ") == 0 ? 2 : 0));
        return body.substr(0, ops) + list + body.substr(end);
    }

    ExerciseOptions options_;
    SplitMix64 rng_;
    Level level_;
    std::vector<std::string> models_;
    std::vector<std::string> pool_;
    std::vector<std::string> retentionPool_;
    std::set<std::tuple<std::string, std::size_t, bool>> used_;
};

std::string esc(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

// The little Markdown the exercises use, as HTML: paragraphs, `- ` lists,
// tables, `code` and **bold**.
std::string inlineHtml(std::string_view s) {
    std::string out;
    bool inCode = false;
    bool bold = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '`') {
            out += inCode ? "</code>" : "<code>";
            inCode = !inCode;
        } else if (!inCode && s.compare(i, 2, "**") == 0) {
            out += bold ? "</strong>" : "<strong>";
            bold = !bold;
            ++i;
        } else {
            out += esc(s.substr(i, 1));
        }
    }
    return out;
}

std::string markdownToHtml(const std::string& md) {
    std::string out;
    std::vector<std::string> lines;
    for (std::size_t start = 0, nl; start < md.size(); start = nl + 1) {
        nl = md.find('\n', start);
        if (nl == std::string::npos) nl = md.size();
        lines.push_back(md.substr(start, nl - start));
    }
    for (std::size_t i = 0; i < lines.size();) {
        const std::string& l = lines[i];
        if (l.empty()) {
            ++i;
        } else if (l.starts_with("## ")) {
            out += "<h2>" + inlineHtml(l.substr(3)) + "</h2>\n";
            ++i;
        } else if (l.starts_with("# ")) {
            out += "<h1>" + inlineHtml(l.substr(2)) + "</h1>\n";
            ++i;
        } else if (l.starts_with("| ")) {
            out += "<table>";
            bool head = true;
            for (; i < lines.size() && lines[i].starts_with("|"); ++i) {
                if (lines[i].starts_with("|---")) continue;
                std::string row = lines[i].substr(1);
                out += "<tr>";
                for (std::size_t at = 0, bar; (bar = row.find(" |", at)) != std::string::npos; at = bar + 2) {
                    std::string cell = row.substr(at, bar - at);
                    cell.erase(0, cell.find_first_not_of(' '));
                    out += fmt::format("<{0}>{1}</{0}>", head ? "th" : "td", inlineHtml(cell));
                }
                out += "</tr>";
                head = false;
            }
            out += "</table>\n";
        } else if (l.starts_with("- ")) {
            out += "<ul>";
            for (; i < lines.size() && lines[i].starts_with("- "); ++i) out += "<li>" + inlineHtml(lines[i].substr(2)) + "</li>";
            out += "</ul>\n";
        } else {
            std::string para;
            for (; i < lines.size() && !lines[i].empty() && !lines[i].starts_with("| ") && !lines[i].starts_with("- ") &&
                   !lines[i].starts_with("#");
                 ++i)
                para += (para.empty() ? "" : " ") + lines[i];
            out += "<p>" + inlineHtml(para) + "</p>\n";
        }
    }
    return out;
}

}  // namespace

ExerciseSet makeExercises(const ExerciseOptions& o) {
    Generator generator(o);
    ExerciseSet set;
    const std::string heading = fmt::format("level {}, seed {}", o.level, o.seed);
    set.worksheetMarkdown = fmt::format(
        "# Isolation exercises ({})\n\nEach exercise is a history file in this folder (its `description` is the "
        "question); run `isocheck check` on it only after answering. The answers are in answers.md.\n",
        heading);
    set.answersMarkdown = fmt::format(
        "# Answers ({})\n\nEvery answer was found by exploring every execution of the history under each "
        "level; each exercise's file states it as `[expect]` tables, which `isocheck verify` checks. A "
        "`schedule = [...]` line pasted at the top of the file replays the execution it names.\n",
        heading);
    const std::vector<Draft> drafts = generator.draw();
    for (const auto [i, d] : ranges::views::enumerate(drafts)) {
        Exercise e;
        e.name = fmt::format("exercise-{:02}", i + 1);
        e.kind = d.kind;
        e.title = fmt::format("Exercise {}: {}", i + 1, d.title);
        e.question = d.question;
        e.answer = d.answer;
        std::string description = d.question;
        // A question fits a TOML multi-line string: no three quotes, no backslashes.
        std::string text = fmt::format("title = \"{}\"\ndescription = \"\"\"\n{}\n\"\"\"\n{}\n{}", e.title, description,
                                       d.header, d.body);
        const History h = parseHistory(text, e.name + ".toml");
        e.history = historyMarkdown(h);
        e.toml = text + expectTables(h, runHistory(h, {}));
        set.worksheetMarkdown += fmt::format("\n## {}\n\n{}\n\n{}\nFile: `{}.toml`.\n", e.title, e.question, e.history, e.name);
        set.answersMarkdown += fmt::format("\n## {}\n\n{}", e.title, e.answer);
        set.exercises.push_back(std::move(e));
    }
    set.worksheetHtml = htmlPage("Isolation exercises (" + heading + ")", markdownToHtml(set.worksheetMarkdown));
    set.answersHtml = htmlPage("Answers (" + heading + ")", markdownToHtml(set.answersMarkdown));
    return set;
}

}  // namespace isocheck
