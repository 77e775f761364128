#include "history/model_tables.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "theory/catalogue.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

constexpr std::array<std::string_view, 5> kExpectKeys{"anomalies", "phenomena", "deadlock",
                                                      "snapshot_too_old", "possible"};

/// Fails unless `name` is a registered model; `context` prefixes the message.
void checkModelName(const TomlInput& in, std::string_view name, SourcePos pos,
                    std::string_view context) {
    if (findModel(name) != nullptr) return;
    std::string hint;
    if (const auto near = suggestModel(name)) {
        hint = didYouMean(*near);
    } else {
        std::vector<std::string_view> names;
        for (const ModelInfo& m : modelRegistry()) names.push_back(m.name);
        hint = "the models are " + joinNames(names);
    }
    in.fail(pos, std::string(context) + ": unknown model \"" + std::string(name) + '"',
            std::move(hint));
}

/// The tables of `[expect.MODEL]` or `[model.NAME]` (`kind` is "expect" or
/// "model"), in file order, each named after a model this file checks.
[[nodiscard]] std::vector<std::pair<std::string, const toml::table*>> modelTables(
    const TomlInput& in, const toml::node& node, std::string_view kind, const History& h) {
    const std::string kindName(kind);
    const auto* table = node.as_table();
    if (table == nullptr)
        in.fail(posOf(node), kindName + " must be a table of models, not " + describeType(node),
                "write [" + kindName + ".snapshot]");
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, value] : *table) entries.emplace_back(&key, &value);
    std::ranges::sort(entries, {}, [](const auto& e) { return posOf(e.first->source()); });
    std::vector<std::pair<std::string, const toml::table*>> out;
    for (const auto& [key, value] : entries) {
        const std::string model(key->str());
        const std::string context = '[' + kindName + '.' + model + ']';
        checkModelName(in, model, posOf(key->source()), context);
        const auto* t = value->as_table();
        if (t == nullptr)
            in.fail(posOf(*value), context + ": must be a table, not " + describeType(*value),
                    "write " + context + " on a line of its own");
        // Stating expectations or options for a model the file does not check
        // would silently do nothing.
        if (!h.models.empty() && std::ranges::find(h.models, model) == h.models.end())
            in.fail(posOf(key->source()), context + ": " + model + " is not in models",
                    "add it to models or remove " + context);
        out.emplace_back(model, t);
    }
    return out;
}

[[nodiscard]] bool readBool(const TomlInput& in, const toml::node& node, const std::string& context,
                            std::string_view key) {
    const auto* b = node.as_boolean();
    if (b == nullptr)
        in.fail(posOf(node),
                context + ": " + std::string(key) + " must be true or false, not " +
                    describeType(node),
                "write " + std::string(key) + (key == "first-committer-wins" ? " = true" : " = false"));
    return b->get();
}

/// Users write the common name ("lost update") as often as the short one.
[[nodiscard]] std::string unknownNameHint(std::string_view name,
                                          std::span<const std::string_view> valid,
                                          std::string_view key) {
    for (const AnomalyInfo& a : anomalyCatalogue())
        if (a.commonName == name) return "that is " + std::string(a.name) + ", an anomaly";
    for (const PhenomenonInfo& p : phenomenonCatalogue())
        if (p.commonName == name) return "that is " + std::string(p.name) + ", a phenomenon";
    if (const auto near = closestName(name, valid)) return didYouMean(*near);
    return "the " + std::string(key) + " are " + joinNames(valid);
}

/// `anomalies` or `phenomena`: distinct catalogue names, returned in catalogue order.
template <typename Enum, typename Catalogue, typename Lookup, typename OtherLookup>
[[nodiscard]] std::vector<std::string> readNames(const TomlInput& in, const toml::node& node,
                                                 const std::string& context,
                                                 const Catalogue& catalogue, Lookup lookup,
                                                 OtherLookup isOther, bool anomalies) {
    const std::string key = anomalies ? "anomalies" : "phenomena";
    const std::string noun = anomalies ? "anomaly" : "phenomenon";
    std::vector<std::string_view> valid;
    for (const auto& entry : catalogue) valid.push_back(entry.name);
    const auto* arr = node.as_array();
    if (arr == nullptr)
        in.fail(posOf(node), context + ": " + key + " must be an array of names, not " + describeType(node),
                "write " + key + " = [\"" + std::string(valid.front()) + "\"], or [] for none");
    std::vector<Enum> found;
    for (const toml::node& element : *arr) {
        const auto* s = element.as_string();
        if (s == nullptr)
            in.fail(posOf(element),
                    context + ": " + key + " must hold names, not " + describeType(element),
                    "write " + key + " = [\"" + std::string(valid.front()) + "\"], or [] for none");
        const std::string& name = s->get();
        const std::optional<Enum> e = lookup(name);
        if (!e) {
            if (isOther(name))
                in.fail(posOf(element),
                        context + ": " + name + " is " +
                            (anomalies ? "a phenomenon" : "an anomaly") + ", not " +
                            (anomalies ? "an anomaly" : "a phenomenon"),
                        "list it under " + std::string(anomalies ? "phenomena" : "anomalies"));
            in.fail(posOf(element), context + ": unknown " + noun + " \"" + name + '"',
                    unknownNameHint(name, valid, key));
        }
        if (std::ranges::find(found, *e) != found.end())
            in.fail(posOf(element), context + ": " + name + " is listed twice",
                    "list each " + noun + " once");
        found.push_back(*e);
    }
    std::ranges::sort(found);
    std::vector<std::string> out;
    for (const Enum e : found) out.emplace_back(info(e).name);
    return out;
}

[[nodiscard]] Expectation readExpectation(const TomlInput& in, const toml::table& t,
                                          const std::string& model, const History& h) {
    const std::string context = "[expect." + model + ']';
    in.checkKeys(t, kExpectKeys, context, "key", context + " takes " + joinNames(kExpectKeys));
    // Omitted keys are not checked, so an empty table would check nothing at all.
    if (t.empty())
        in.fail(posOf(t), context + ": states no expectation",
                "give anomalies, phenomena, deadlock, snapshot_too_old or possible, or remove " +
                    context);
    Expectation e;
    e.pos = posOf(t);
    if (const auto* n = t.get("anomalies"))
        e.anomalies = readNames<AnomalyClass>(in, *n, context, anomalyCatalogue(), anomalyByName,
                                              phenomenonByName, true);
    if (const auto* n = t.get("phenomena"))
        e.phenomena = readNames<Phenomenon>(in, *n, context, phenomenonCatalogue(),
                                            phenomenonByName, anomalyByName, false);
    if (const auto* n = t.get("deadlock")) e.deadlock = readBool(in, *n, context, "deadlock");
    if (const auto* n = t.get("snapshot_too_old"))
        e.snapshotTooOld = readBool(in, *n, context, "snapshot_too_old");
    if (const auto* n = t.get("possible")) {
        if (!h.schedule)
            in.fail(posOf(*n), context + ": possible needs a fixed schedule",
                    "give schedule = [...] or a textbook history, or remove possible");
        e.possible = readBool(in, *n, context, "possible");
    }
    return e;
}

[[nodiscard]] ModelOptions readOptions(const TomlInput& in, const toml::table& t,
                                       const ModelInfo& model) {
    const std::string context = "[model." + std::string(model.name) + ']';
    std::vector<std::string_view> names;
    for (const ModelOptionInfo& o : model.options) names.push_back(o.name);
    in.checkKeys(t, names, context, "option",
                 std::string(model.name) +
                     (names.empty() ? " takes no options" : " takes " + joinNames(names)));
    ModelOptions out;
    out.pos = posOf(t);
    for (const ModelOptionInfo& o : model.options) {
        const toml::node* n = t.get(o.name);
        if (n == nullptr) continue;
        const std::string name(o.name);
        if (o.type == ModelOptionInfo::Type::Bool) {
            out.values[name] = readBool(in, *n, context, name);
            continue;
        }
        // Models keep the retention as an unsigned int; never truncate it.
        constexpr std::int64_t kMax = std::numeric_limits<unsigned>::max();
        const auto* i = n->as_integer();
        if (i == nullptr || i->get() < 1 || i->get() > kMax)
            in.fail(posOf(*n),
                    context + ": " + name + " must be an integer from 1 to " +
                        std::to_string(kMax) + ", not " +
                        (i == nullptr ? describeType(*n) : std::to_string(i->get())),
                    i != nullptr && i->get() > kMax
                        ? "omit " + name + " to keep every version"
                        : name + " = 1 keeps only the newest committed version");
        out.values[name] = i->get();
    }
    return out;
}

}  // namespace

void readModelTables(const TomlInput& in, const toml::table& root, History& h) {
    if (const auto* node = root.get("models")) {
        const auto* arr = node->as_array();
        if (arr == nullptr || arr->empty())
            in.fail(posOf(*node),
                    "models must be a non-empty array of model names, not " +
                        (arr == nullptr ? describeType(*node) : std::string("an empty array")),
                    "omit models to check every model");
        for (const toml::node& element : *arr) {
            const auto* s = element.as_string();
            if (s == nullptr)
                in.fail(posOf(element),
                        "models: a model name must be a string, not " + describeType(element),
                        R"(write models = ["snapshot"])");
            checkModelName(in, s->get(), posOf(element), "models");
            if (std::ranges::find(h.models, s->get()) != h.models.end())
                in.fail(posOf(element), "models: " + s->get() + " is listed twice",
                        "list each model once");
            h.models.push_back(s->get());
        }
    }
    if (const auto* node = root.get("expect"))
        for (const auto& [model, table] : modelTables(in, *node, "expect", h))
            h.expectations[model] = readExpectation(in, *table, model, h);
    if (const auto* node = root.get("model"))
        for (const auto& [model, table] : modelTables(in, *node, "model", h))
            h.modelOptions[model] = readOptions(in, *table, *findModel(model));
}

}  // namespace isocheck
