// `isocheck models` prints the registry; `isocheck exercise` is registered so
// that it answers, but this version does not generate exercises.

#include <algorithm>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

std::string_view typeName(ModelOptionInfo::Type t) {
    switch (t) {
        case ModelOptionInfo::Type::Bool: return "true or false";
        case ModelOptionInfo::Type::PositiveInt: return "positive integer";
    }
    return "?";
}

std::vector<std::string_view> neverNames(const ModelInfo& m) {
    std::vector<std::string_view> out;
    for (const NeverClass& c : m.neverClasses) out.push_back(info(c.cls).name);
    for (const NeverPhenomenon& p : m.neverPhenomena) out.push_back(info(p.ph).name);
    return out;
}

/// Pairs of models neither of which the table calls at least as strong as
/// the other, among the generic models and within each engine (across
/// engines almost every pair is, which says little).
std::vector<std::pair<std::string_view, std::string_view>> incomparable() {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    const auto all = modelRegistry();
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = i + 1; j < all.size(); ++j)
            if (all[i].engine == all[j].engine && !atLeastAsStrong(all[i].name, all[j].name) &&
                !atLeastAsStrong(all[j].name, all[i].name))
                out.emplace_back(all[i].name, all[j].name);
    return out;
}

void printText(std::ostream& out) {
    std::size_t width = 0;
    for (const ModelInfo& m : modelRegistry()) width = std::max(width, m.name.size());
    for (const ModelInfo& m : modelRegistry()) {
        out << fmt::format("{:<{}}  {}\n", m.name, width, m.summary);
        for (const ModelOptionInfo& o : m.options)
            out << fmt::format("{:<{}}  option {} ({}): {}\n", "", width, o.name, typeName(o.type),
                               o.summary);
        out << fmt::format("{:<{}}  never exhibits: {}\n", "", width,
                           fmt::join(neverNames(m), ", "));
        if (const auto weaker = weakerModels(m.name); !weaker.empty())
            out << fmt::format("{:<{}}  at least as strong as: {}\n", "", width,
                               fmt::join(weaker, ", "));
    }
    out << "\nstrength: A >= B when, on every history, whatever A exhibits B exhibits too\n";
    for (const ModelInfo& m : modelRegistry())
        for (const StrongerThan& s : m.atLeastAsStrongAs)
            out << fmt::format("  {} >= {}: {}\n", m.name, s.model, s.source);
    out << "incomparable (the generic models, and each engine's):\n";
    for (const auto& [a, b] : incomparable()) out << fmt::format("  {} and {}\n", a, b);
    out << "\nthe source of every claim: isocheck models --format json; specs/models.md "
           "section 4\n";
}

void printJson(std::ostream& out) {
    using Json = nlohmann::ordered_json;
    Json models = Json::array();
    for (const ModelInfo& m : modelRegistry()) {
        Json options = Json::array();
        for (const ModelOptionInfo& o : m.options)
            options.push_back({{"name", o.name}, {"type", typeName(o.type)}, {"summary", o.summary}});
        Json classes = Json::array();
        for (const NeverClass& c : m.neverClasses)
            classes.push_back(
                {{"code", info(c.cls).name}, {"name", info(c.cls).commonName}, {"source", c.source}});
        Json phenomena = Json::array();
        for (const NeverPhenomenon& p : m.neverPhenomena)
            phenomena.push_back(
                {{"code", info(p.ph).name}, {"name", info(p.ph).commonName}, {"source", p.source}});
        Json stronger = Json::array();
        for (const StrongerThan& s : m.atLeastAsStrongAs)
            stronger.push_back({{"model", s.model}, {"source", s.source}});
        Json weaker = Json::array();
        for (std::string_view w : weakerModels(m.name)) weaker.push_back(w);
        models.push_back({{"name", m.name},
                          {"summary", m.summary},
                          {"engine", m.generic() ? Json(nullptr) : Json(m.engine)},
                          {"options", options},
                          {"never_exhibits", {{"anomalies", classes}, {"phenomena", phenomena}}},
                          {"at_least_as_strong_as", stronger},
                          {"weaker", weaker}});
    }
    Json pairs = Json::array();
    for (const auto& [a, b] : incomparable()) pairs.push_back({a, b});
    const Json doc{{"models", models}, {"incomparable", pairs}};
    out << doc.dump(2) << '\n';
}

}  // namespace

int runModels(const Args& args, std::ostream& out, std::ostream& /*err*/) {
    CLI::App app{"List the isolation models, their summaries and their options (set in a "
                 "history file as [model.NAME] tables), what each never exhibits and which "
                 "models it is at least as strong as, each claim with its source.",
                 "isocheck models"};
    std::string format = "text";
    app.add_option("--format", format, "text (default) or json")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json"}));
    app.footer("examples:\n"
               "  isocheck models\n"
               "  isocheck models --format json\n"
               "  isocheck check --model snapshot --model serializable-snapshot lost.toml");
    if (const auto done = parseOptions(app, args, out)) return *done;

    if (format == "json") printJson(out);
    else printText(out);
    return kExitOk;
}

}  // namespace isocheck
