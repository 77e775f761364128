// The matrix across levels in text, Markdown, HTML and JSON (compare/matrix.hpp
// computes it). Text is for a terminal: short column heads and short cells,
// with a legend of only the abbreviations that appear.

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <range/v3/view/enumerate.hpp>
#include <range/v3/view/transform.hpp>
#include <range/v3/view/join.hpp>
#include <range/v3/range/conversion.hpp>

#include "report/report.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

struct Tag {
    std::string_view how;    // MatrixCell::how
    std::string_view tag;    // the text cell
    std::string_view means;  // the legend
};

constexpr Tag kTags[] = {
    {"waits for a lock", "waits", "a step waits for a lock until the row cannot happen"},
    {"deadlock", "deadlock", "the witness runs into a deadlock; the victim is aborted"},
    {"aborts (first-updater-wins)", "FUW", "a writer aborts: a newer committed version (first-updater-wins)"},
    {"aborts (first-committer-wins)", "FCW", "a committer aborts: a newer committed version (first-committer-wins)"},
    {"aborts (SSI)", "SSI", "a transaction aborts as a pivot of two rw-conflicts (SSI)"},
    {"aborts (snapshot too old)", "too-old", "a read aborts: its version is no longer kept"},
    {"reads another version", "version", "a read sees another (older, committed) version than the witness"},
    {"prevented", "no", "the witness schedule runs without it"},
};

std::string tagOf(const MatrixCell& c) {
    switch (c.state) {
        case MatrixCell::State::Possible:
            return c.exhibits.empty() ? std::string("YES")
                                      : c.exhibits | ranges::views::join(std::string(",")) | ranges::to<std::string>();
        case MatrixCell::State::NotSeen: return "-";
        case MatrixCell::State::Unknown: return "?";
        case MatrixCell::State::Prevented: break;
    }
    for (const Tag& t : kTags)
        if (t.how == c.how) return std::string(t.tag);
    return "no";
}

// "SI", and "SI*", "SI**" for the model's columns with options, in order.
std::string abbreviation(const LevelMatrix& matrix, std::size_t column) {
    const MatrixColumn& c = matrix.columns[column];
    const ModelInfo* m = findModel(c.model);
    std::string out = m != nullptr && !m->abbreviation.empty() ? std::string(m->abbreviation) : c.model;
    if (c.label == c.model) return out;
    std::size_t variant = 1;
    for (std::size_t i = 0; i < column; ++i)
        if (matrix.columns[i].model == c.model && matrix.columns[i].label != c.model) ++variant;
    return out + std::string(variant, '*');
}

// A Markdown table cell: no raw HTML, no pipes, no emphasis from the text.
std::string cellEscape(std::string_view text) {
    std::string out;
    for (const char ch : text) {
        switch (ch) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '|': case '*': case '_': case '`': case '\\': case '[': case ']':
                out += '\\';
                out += ch;
                break;
            case '\n': out += ' '; break;
            default: out += ch;
        }
    }
    return out;
}

std::string_view stateName(MatrixCell::State s) {
    switch (s) {
        case MatrixCell::State::Possible: return "possible";
        case MatrixCell::State::Prevented: return "prevented";
        case MatrixCell::State::Unknown: return "unknown";
        case MatrixCell::State::NotSeen: break;
    }
    return "not seen";
}

std::string rowLabel(const LevelMatrix& m, const MatrixRow& r) {
    if (m.byFile) return r.code;
    std::string dashed = r.name;
    std::ranges::replace(dashed, ' ', '-');
    return dashed == r.code || r.name.starts_with(r.code) ? r.name : r.code + ' ' + r.name;
}

bool seenAnywhere(const std::vector<MatrixCell>& row) {
    return std::ranges::any_of(row, [](const MatrixCell& c) { return c.state != MatrixCell::State::NotSeen; });
}

}  // namespace

std::string matrixText(const LevelMatrix& m, bool everyRow) {
    std::vector<std::string> heads;
    for (std::size_t c = 0; c < m.columns.size(); ++c) heads.push_back(abbreviation(m, c));
    std::vector<std::size_t> widths;
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
        std::size_t w = heads[c].size();
        for (const auto& row : m.cells) w = std::max(w, tagOf(row[c]).size());
        widths.push_back(w);
    }
    std::size_t label = 0;
    for (const auto [r, row] : ranges::views::enumerate(m.rows))
        if (everyRow || seenAnywhere(m.cells[r])) label = std::max(label, rowLabel(m, row).size());

    std::string out = m.byFile ? "across levels, by file: what each model exhibits on the file; otherwise how "
                                 "it prevents what another model exhibits there\n"
                               : "across levels: YES possible; otherwise how the model prevents the "
                                 "witness of a model where it is possible\n";
    std::string head = fmt::format("  {:<{}}", "", label);
    for (std::size_t c = 0; c < heads.size(); ++c) head += fmt::format("  {:<{}}", heads[c], widths[c]);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    out += head + '\n';
    std::vector<std::string> used;
    std::vector<std::string> unseen;
    for (const auto [r, row] : ranges::views::enumerate(m.rows)) {
        if (!everyRow && !seenAnywhere(m.cells[r])) {
            unseen.push_back(row.code);
            continue;
        }
        std::string line = fmt::format("  {:<{}}", rowLabel(m, row), label);
        for (std::size_t c = 0; c < m.columns.size(); ++c) {
            const std::string tag = tagOf(m.cells[r][c]);
            line += fmt::format("  {:<{}}", tag, widths[c]);
            if (m.cells[r][c].state == MatrixCell::State::Prevented &&
                std::ranges::find(used, tag) == used.end())
                used.push_back(tag);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    if (!unseen.empty())
        out += "  no model exhibits: " +
               (unseen | ranges::views::join(std::string(", ")) | ranges::to<std::string>()) + '\n';
    const auto columnLegend =
        ranges::views::enumerate(m.columns) | ranges::views::transform([&](const auto& entry) {
            return abbreviation(m, entry.first) + " " + entry.second.label;
        });
    out += "  columns: " + (columnLegend | ranges::views::join(std::string(", ")) | ranges::to<std::string>()) + '\n';
    for (const Tag& t : kTags)
        if (std::ranges::find(used, t.tag) != used.end())
            out += fmt::format("  {}: {}\n", t.tag, t.means);
    return out;
}

namespace {

// Hermitage's table (its README): a row per model, a column per probe file
// (its name without directory, extension and a leading "NN-"), ✓ prevented,
// — possible.
std::string probeMarkdown(const LevelMatrix& m) {
    const auto stem = [](const std::string& path) {
        const std::size_t slash = path.find_last_of('/');
        std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
        if (name.ends_with(".toml")) name.resize(name.size() - 5);
        // A leading "NN-" only orders the files.
        const std::size_t digits = name.find_first_not_of("0123456789");
        if (digits != 0 && digits != std::string::npos && name[digits] == '-') name.erase(0, digits + 1);
        return name;
    };
    std::string out = "| engine | model |";
    for (const MatrixRow& r : m.rows) out += ' ' + cellEscape(stem(r.code)) + " |";
    out += "\n|:--|:--|";
    for (std::size_t r = 0; r < m.rows.size(); ++r) out += ":-:|";
    out += '\n';
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
        const ModelInfo* info = findModel(m.columns[c].model);
        out += fmt::format("| {} | {} |", info != nullptr ? info->engine : "", cellEscape(m.columns[c].label));
        for (std::size_t r = 0; r < m.rows.size(); ++r) {
            const MatrixCell& cell = m.cells[r][c];
            out += cell.state == MatrixCell::State::Possible    ? " — |"
                   : cell.state == MatrixCell::State::Prevented ? " ✓ |"
                                                                : " ? |";
        }
        out += '\n';
    }
    return out;
}

}  // namespace

std::string matrixMarkdown(const LevelMatrix& m) {
    if (m.probes) return probeMarkdown(m);
    std::string out = "| |";
    for (const MatrixColumn& c : m.columns) out += ' ' + cellEscape(c.label) + " |";
    out += "\n|---|";
    for (std::size_t c = 0; c < m.columns.size(); ++c) out += "---|";
    out += '\n';
    for (const auto [r, row] : ranges::views::enumerate(m.rows)) {
        out += m.byFile ? fmt::format("| `{}` {} |", row.code, cellEscape(row.name))
                        : fmt::format("| {} {} |", row.code, row.name);
        for (const MatrixCell& cell : m.cells[r]) {
            std::string text;
            switch (cell.state) {
                case MatrixCell::State::Possible: text = m.byFile ? "**" + tagOf(cell) + "**" : "**possible**"; break;
                case MatrixCell::State::Prevented:
                    text = cell.how == "prevented" ? cell.how : "prevented: " + cell.how;
                    break;
                case MatrixCell::State::Unknown: text = "unknown (incomplete)"; break;
                case MatrixCell::State::NotSeen: text = "-"; break;
            }
            // The file that shows a possible row; prevented ones name theirs in JSON.
            if (!m.byFile && !cell.file.empty() && cell.state == MatrixCell::State::Possible)
                text += " (" + cellEscape(cell.file) + ")";
            out += ' ' + text + " |";
        }
        out += '\n';
    }
    return out;
}

std::string matrixHtml(const LevelMatrix& m) {
    const auto esc = [](std::string_view text) {
        std::string out;
        for (const char ch : text) {
            switch (ch) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += "&quot;"; break;
                case '\'': out += "&#39;"; break;
                default: out += ch;
            }
        }
        return out;
    };
    std::string out = "<table class=\"matrix\"><thead><tr><th></th>";
    for (const MatrixColumn& c : m.columns) out += "<th scope=\"col\">" + esc(c.label) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (const auto [r, row] : ranges::views::enumerate(m.rows)) {
        out += fmt::format("<tr><th scope=\"row\">{}</th>", esc(rowLabel(m, row)));
        for (const MatrixCell& cell : m.cells[r]) {
            const std::string file = cell.file.empty() ? "" : "<small>" + esc(cell.file) + "</small>";
            switch (cell.state) {
                case MatrixCell::State::Possible:
                    out += m.byFile ? "<td class=\"possible\">" + esc(tagOf(cell)) + "</td>"
                                    : "<td class=\"possible\">possible" + file + "</td>";
                    break;
                case MatrixCell::State::Prevented:
                    out += fmt::format("<td class=\"prevented\" title=\"{}\">{}{}</td>", esc(cell.detail),
                                       esc(cell.how), file);
                    break;
                case MatrixCell::State::Unknown: out += "<td class=\"unknown\">unknown (incomplete run)</td>"; break;
                case MatrixCell::State::NotSeen: out += "<td class=\"notseen\">&#8211;</td>"; break;
            }
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

nlohmann::ordered_json matrixJson(const LevelMatrix& m) {
    using Json = nlohmann::ordered_json;
    Json columns = Json::array();
    for (const MatrixColumn& c : m.columns) columns.push_back(Json{{"model", c.model}, {"label", c.label}});
    Json rows = Json::array();
    for (const auto [r, row] : ranges::views::enumerate(m.rows)) {
        Json cells = Json::array();
        for (const MatrixCell& cell : m.cells[r]) {
            Json j{{"state", stateName(cell.state)}};
            if (cell.state == MatrixCell::State::Prevented) {
                j["how"] = cell.how;
                j["detail"] = cell.detail;
            }
            if (!cell.exhibits.empty()) j["exhibits"] = cell.exhibits;
            if (!cell.file.empty()) j["file"] = cell.file;
            cells.push_back(std::move(j));
        }
        rows.push_back(Json{{"code", row.code}, {"name", row.name}, {"cells", std::move(cells)}});
    }
    Json out{{"columns", std::move(columns)}, {"rows", std::move(rows)}};
    if (m.byFile) out["rows_are"] = "files";
    return out;
}

}  // namespace isocheck
