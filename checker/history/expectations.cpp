#include "history/expectations.hpp"

#include <algorithm>
#include <array>

#include "anomaly/catalogue.hpp"
#include "models/registry.hpp"

namespace isocheck {
namespace {

constexpr std::array<std::string_view, 5> kExpectKeys{"anomalies", "phenomena", "deadlock",
                                                      "snapshot_too_old", "possible"};

/// Fails unless `name` is a registered model.
void checkModelName(const TomlInput& in, std::string_view name, SourcePos pos) {
    if (findModel(name) != nullptr) return;
    std::string hint;
    if (const auto near = suggestModel(name)) {
        hint = "did you mean " + std::string(*near) + '?';
    } else {
        std::vector<std::string_view> names;
        for (const ModelInfo& m : modelRegistry()) names.push_back(m.name);
        hint = "the models are " + joinNames(names);
    }
    in.fail(pos, "unknown model \"" + std::string(name) + '"', std::move(hint));
}

/// A table of tables, one per model (`[expect.MODEL]`, `[model.NAME]`), in file order.
[[nodiscard]] std::vector<std::pair<const toml::key*, const toml::table*>> modelTables(
    const TomlInput& in, const toml::node& node, std::string_view name, const History& h) {
    const auto* table = node.as_table();
    if (table == nullptr)
        in.fail(posOf(node), std::string(name) + " must be a table of models",
                "write [" + std::string(name) + ".snapshot]");
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, value] : *table) entries.emplace_back(&key, &value);
    std::ranges::sort(entries, {}, [](const auto& e) { return posOf(e.first->source()); });
    std::vector<std::pair<const toml::key*, const toml::table*>> out;
    for (const auto& [key, value] : entries) {
        const std::string model(key->str());
        checkModelName(in, model, posOf(key->source()));
        const auto* t = value->as_table();
        if (t == nullptr)
            in.fail(posOf(*value), std::string(name) + '.' + model + " must be a table",
                    "write [" + std::string(name) + '.' + model + "] on a line of its own");
        // Stating expectations or options for a model the file does not check
        // would silently do nothing.
        if (!h.models.empty() && std::ranges::find(h.models, model) == h.models.end())
            in.fail(posOf(key->source()), model + " is not among the models this file checks",
                    "add it to models or remove [" + std::string(name) + '.' + model + ']');
        out.emplace_back(key, t);
    }
    return out;
}

[[nodiscard]] bool readBool(const TomlInput& in, const toml::node& node, std::string_view key) {
    const auto* b = node.as_boolean();
    if (b == nullptr)
        in.fail(posOf(node), std::string(key) + " must be true or false");
    return b->get();
}

/// `anomalies` or `phenomena`: distinct catalogue names, returned in catalogue order.
template <typename Enum, typename Lookup, typename Other>
[[nodiscard]] std::vector<std::string> readNames(const TomlInput& in, const toml::node& node,
                                                 std::string_view key, Lookup lookup,
                                                 Other otherLookup, std::string_view otherKey,
                                                 const auto& catalogue) {
    const auto* arr = node.as_array();
    if (arr == nullptr)
        in.fail(posOf(node), std::string(key) + " must be an array of names",
                std::string(key) + " = [\"" + std::string(catalogue.front().name) + "\"]");
    std::vector<std::string_view> valid;
    for (const auto& entry : catalogue) valid.push_back(entry.name);
    std::vector<Enum> found;
    for (const toml::node& element : *arr) {
        const auto* s = element.as_string();
        if (s == nullptr) in.fail(posOf(element), std::string(key) + " must hold strings");
        const std::string& name = s->get();
        const std::optional<Enum> e = lookup(name);
        if (!e) {
            std::string hint;
            if (otherLookup(name))
                hint = name + " belongs under " + std::string(otherKey);
            else if (const auto near = closestName(name, valid))
                hint = "did you mean " + std::string(*near) + '?';
            else
                hint = std::string(key) + " are " + joinNames(valid);
            in.fail(posOf(element), '"' + name + "\" is not one of the " + std::string(key),
                    std::move(hint));
        }
        if (std::ranges::find(found, *e) != found.end())
            in.fail(posOf(element), name + " is listed twice in " + std::string(key),
                    "list each name once");
        found.push_back(*e);
    }
    std::ranges::sort(found);
    std::vector<std::string> out;
    for (const Enum e : found) out.emplace_back(info(e).name);
    return out;
}

[[nodiscard]] Expectation readExpectation(const TomlInput& in, const toml::table& t,
                                          std::string_view model, const History& h) {
    in.checkKeys(t, kExpectKeys, "[expect." + std::string(model) + ']');
    Expectation e;
    e.pos = posOf(t);
    if (const auto* n = t.get("anomalies"))
        e.anomalies = readNames<AnomalyClass>(in, *n, "anomalies", anomalyByName, phenomenonByName,
                                              "phenomena", anomalyCatalogue());
    if (const auto* n = t.get("phenomena"))
        e.phenomena = readNames<Phenomenon>(in, *n, "phenomena", phenomenonByName, anomalyByName,
                                            "anomalies", phenomenonCatalogue());
    if (const auto* n = t.get("deadlock")) e.deadlock = readBool(in, *n, "deadlock");
    if (const auto* n = t.get("snapshot_too_old"))
        e.snapshotTooOld = readBool(in, *n, "snapshot_too_old");
    if (const auto* n = t.get("possible")) {
        if (!h.schedule)
            in.fail(posOf(*n), "possible needs a fixed schedule",
                    "give schedule = [...] or a textbook history, or remove possible");
        e.possible = readBool(in, *n, "possible");
    }
    return e;
}

[[nodiscard]] ModelOptions readOptions(const TomlInput& in, const toml::table& t,
                                       const ModelInfo& model) {
    std::vector<std::string_view> names;
    for (const ModelOptionInfo& o : model.options) names.push_back(o.name);
    const std::string what = "[model." + std::string(model.name) + ']';
    in.checkKeys(t, names, what);
    ModelOptions out;
    out.pos = posOf(t);
    for (const ModelOptionInfo& o : model.options) {
        const toml::node* n = t.get(o.name);
        if (n == nullptr) continue;
        const std::string name(o.name);
        if (o.type == ModelOptionInfo::Type::Bool) {
            out.values[name] = readBool(in, *n, name);
            continue;
        }
        const auto* i = n->as_integer();
        if (i == nullptr || i->get() < 1)
            in.fail(posOf(*n), name + " must be a positive integer",
                    name + " = 1 keeps only the newest committed version");
        out.values[name] = i->get();
    }
    return out;
}

}  // namespace

void readModelTables(const TomlInput& in, const toml::table& root, History& h) {
    if (const auto* node = root.get("models")) {
        const auto* arr = node->as_array();
        if (arr == nullptr || arr->empty())
            in.fail(posOf(*node), "models must be a non-empty array of model names",
                    "omit models to check every model");
        for (const toml::node& element : *arr) {
            const auto* s = element.as_string();
            if (s == nullptr) in.fail(posOf(element), "models must hold strings");
            checkModelName(in, s->get(), posOf(element));
            if (std::ranges::find(h.models, s->get()) != h.models.end())
                in.fail(posOf(element), "model " + s->get() + " is listed twice",
                        "list each model once");
            h.models.push_back(s->get());
        }
    }
    if (const auto* node = root.get("expect"))
        for (const auto& [key, table] : modelTables(in, *node, "expect", h))
            h.expectations[std::string(key->str())] = readExpectation(in, *table, key->str(), h);
    if (const auto* node = root.get("model"))
        for (const auto& [key, table] : modelTables(in, *node, "model", h))
            h.modelOptions[std::string(key->str())] = readOptions(in, *table, *findModel(key->str()));
}

}  // namespace isocheck
