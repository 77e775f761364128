#include "history/model_tables.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "theory/catalogue.hpp"
#include "theory/models.hpp"

namespace isocheck {
namespace {

constexpr std::array<std::string_view, 7> kExpectKeys{
    "anomalies", "phenomena",       "deadlock", "snapshot_too_old",
    "invariants_hold", "possible", "steps"};

/// `steps = ["runs", "waits", ...]`: one outcome per step of the transcript.
std::vector<StepOutcome> readSteps(const TomlInput& in, const toml::node& n, const std::string& context,
                                   const History& h) {
    const std::string hint = R"(write steps = ["runs", "waits", "runs"], one per step of the transcript)";
    if (!h.transcript)
        in.fail(posOf(n), context + ": steps needs a transcript",
                "give transcript = [...] (a schedule lists only steps that take effect), or remove steps");
    const auto* arr = n.as_array();
    if (arr == nullptr) in.fail(posOf(n), context + ": steps must be an array, not " + describeType(n), hint);
    std::vector<StepOutcome> out;
    for (const toml::node& element : *arr) {
        const auto* s = element.as_string();
        const auto it = s == nullptr ? kStepOutcomeNames.end() : std::ranges::find(kStepOutcomeNames, s->get());
        if (it == kStepOutcomeNames.end())
            in.fail(posOf(element),
                    context + R"(: a step is "runs", "fails", "waits" or "waits, fails", not )" +
                        (s == nullptr ? describeType(element) : '"' + s->get() + '"'),
                    hint);
        out.push_back(static_cast<StepOutcome>(it - kStepOutcomeNames.begin()));
    }
    if (h.schedule && out.size() != h.schedule->size())
        in.fail(posOf(n),
                context + ": steps lists " + std::to_string(out.size()) + " outcomes for a transcript of " +
                    std::to_string(h.schedule->size()) + " steps",
                hint);
    return out;
}

/// Fails unless `name` is a registered model; `context` prefixes the message.
void checkModelName(const TomlInput& in, std::string_view name, SourcePos pos,
                    std::string_view context) {
    if (findModel(name) != nullptr) return;
    std::string hint;
    if (const auto near = suggestModel(name)) {
        hint = didYouMean(*near);
    } else {
        hint = "the generic models are " + joinNames(defaultModels()) +
               "; isocheck models lists the engine models too";
    }
    in.fail(pos, std::string(context) + ": unknown model \"" + std::string(name) + '"',
            std::move(hint));
}

/// The tables of `[expect.MODEL]` or `[model.NAME]` (`kind` is "expect" or
/// "model"), in file order, each named after a model this file checks. A
/// table with an error is left out; `modelsKnown` is false when `models`
/// itself had errors (then "not in models" would blame the wrong line).
[[nodiscard]] std::vector<std::pair<std::string, const toml::table*>> modelTables(
    const TomlInput& in, const toml::node& node, std::string_view kind, const History& h,
    bool modelsKnown, DiagnosticList& errors) {
    const std::string kindName(kind);
    const auto* table = node.as_table();
    if (table == nullptr) {
        errors.add(in.error(posOf(node),
                            kindName + " must be a table of models, not " + describeType(node),
                            "write [" + kindName + ".snapshot]"));
        return {};
    }
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, value] : *table) entries.emplace_back(&key, &value);
    std::ranges::sort(entries, {}, [](const auto& e) { return posOf(e.first->source()); });
    std::vector<std::pair<std::string, const toml::table*>> out;
    for (const auto& [key, value] : entries) {
        const std::string model(key->str());
        const std::string context = '[' + kindName + '.' + model + ']';
        // Named captures: clang 14 cannot capture structured bindings.
        errors.attempt([&, &key = key, &value = value] {
            checkModelName(in, model, posOf(key->source()), context);
            const auto* t = value->as_table();
            if (t == nullptr)
                in.fail(posOf(*value), context + ": must be a table, not " + describeType(*value),
                        "write " + context + " on a line of its own");
            // Stating expectations or options for a model the file does not
            // check would silently do nothing. The table is still read.
            if (modelsKnown && !h.models.empty() &&
                std::ranges::find(h.models, model) == h.models.end())
                errors.add(in.error(posOf(key->source()),
                                    context + ": " + model + " is not in models",
                                    "add it to models or remove " + context));
            out.emplace_back(model, t);
        });
    }
    return out;
}

[[nodiscard]] bool readBool(const TomlInput& in, const toml::node& node, const std::string& context,
                            std::string_view key) {
    const auto* b = node.as_boolean();
    if (b == nullptr)
        in.fail(
            posOf(node),
            context + ": " + std::string(key) + " must be true or false, not " + describeType(node),
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
    if (const auto near = closest(name, valid)) return didYouMean(*near);
    return "the " + std::string(key) + " are " + joinNames(valid);
}

/// `anomalies` or `phenomena`: distinct catalogue names, returned in catalogue
/// order. Each bad name is an error of its own.
template <typename Enum, typename Catalogue, typename Lookup, typename OtherLookup>
[[nodiscard]] std::vector<std::string> readNames(const TomlInput& in, const toml::node& node,
                                                 const std::string& context,
                                                 const Catalogue& catalogue, Lookup lookup,
                                                 OtherLookup isOther, bool anomalies,
                                                 DiagnosticList& errors) {
    const std::string key = anomalies ? "anomalies" : "phenomena";
    const std::string noun = anomalies ? "anomaly" : "phenomenon";
    std::vector<std::string_view> valid;
    for (const auto& entry : catalogue) valid.push_back(entry.name);
    const auto* arr = node.as_array();
    if (arr == nullptr)
        in.fail(posOf(node),
                context + ": " + key + " must be an array of names, not " + describeType(node),
                "write " + key + " = [\"" + std::string(valid.front()) + "\"], or [] for none");
    std::vector<Enum> found;
    for (const toml::node& element : *arr) {
        errors.attempt([&] {
            const auto* s = element.as_string();
            if (s == nullptr)
                in.fail(
                    posOf(element),
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
        });
    }
    std::ranges::sort(found);
    std::vector<std::string> out;
    out.reserve(found.size());
    for (const Enum e : found) out.emplace_back(info(e).name);
    return out;
}

[[nodiscard]] Expectation readExpectation(const TomlInput& in, const toml::table& t,
                                          const std::string& model, const History& h,
                                          DiagnosticList& errors) {
    const std::string context = "[expect." + model + ']';
    in.checkKeys(t, kExpectKeys, context, "key", context + " takes " + joinNames(kExpectKeys),
                 errors);
    // Omitted keys are not checked, so an empty table would check nothing at all.
    if (t.empty())
        errors.add(in.error(posOf(t), context + ": states no expectation",
                            "give anomalies, phenomena, deadlock, snapshot_too_old, invariants_hold, "
                            "possible or steps, or "
                            "remove " +
                                context));
    Expectation e;
    e.pos = posOf(t);
    if (const auto* n = t.get("anomalies"))
        errors.attempt([&] {
            e.anomalies = readNames<AnomalyClass>(in, *n, context, anomalyCatalogue(),
                                                  anomalyByName, phenomenonByName, true, errors);
        });
    if (const auto* n = t.get("phenomena"))
        errors.attempt([&] {
            e.phenomena = readNames<Phenomenon>(in, *n, context, phenomenonCatalogue(),
                                                phenomenonByName, anomalyByName, false, errors);
        });
    if (const auto* n = t.get("deadlock"))
        errors.attempt([&] { e.deadlock = readBool(in, *n, context, "deadlock"); });
    if (const auto* n = t.get("snapshot_too_old"))
        errors.attempt([&] { e.snapshotTooOld = readBool(in, *n, context, "snapshot_too_old"); });
    if (const auto* n = t.get("invariants_hold"))
        errors.attempt([&] { e.invariantsHold = readBool(in, *n, context, "invariants_hold"); });
    if (const auto* n = t.get("possible"))
        errors.attempt([&] {
            if (!h.schedule)
                in.fail(posOf(*n), context + ": possible needs a fixed schedule",
                        "give schedule = [...] or a textbook history, or remove possible");
            e.possible = readBool(in, *n, context, "possible");
        });
    if (const auto* n = t.get("steps")) errors.attempt([&] { e.steps = readSteps(in, *n, context, h); });
    return e;
}

void readOption(const TomlInput& in, const toml::node& n, const ModelOptionInfo& o,
                const std::string& context, ModelOptions& out) {
    const std::string name(o.name);
    if (o.type == ModelOptionInfo::Type::Bool) {
        out.values[name] = readBool(in, n, context, name);
        return;
    }
    // Models keep the retention as an unsigned int; never truncate it.
    constexpr std::int64_t kMax = std::numeric_limits<unsigned>::max();
    const auto* i = n.as_integer();
    if (i == nullptr || i->get() < 1 || i->get() > kMax)
        in.fail(posOf(n),
                context + ": " + name + " must be an integer from 1 to " + std::to_string(kMax) +
                    ", not " + (i == nullptr ? describeType(n) : std::to_string(i->get())),
                i != nullptr && i->get() > kMax
                    ? "omit " + name + " to keep every version"
                    : name + " = 1 keeps only the newest committed version");
    out.values[name] = i->get();
}

[[nodiscard]] ModelOptions readOptions(const TomlInput& in, const toml::table& t,
                                       const ModelInfo& model, DiagnosticList& errors) {
    const std::string context = "[model." + std::string(model.name) + ']';
    std::vector<std::string_view> names;
    for (const ModelOptionInfo& o : model.options) names.push_back(o.name);
    in.checkKeys(t, names, context, "option",
                 std::string(model.name) +
                     (names.empty() ? " takes no options" : " takes " + joinNames(names)),
                 errors);
    ModelOptions out;
    out.pos = posOf(t);
    for (const ModelOptionInfo& o : model.options)
        if (const toml::node* n = t.get(o.name))
            errors.attempt([&] { readOption(in, *n, o, context, out); });
    return out;
}

/// `models = [...]`; returns false when it had an error.
bool readModels(const TomlInput& in, const toml::node& node, History& h, DiagnosticList& errors) {
    const auto* arr = node.as_array();
    if (arr == nullptr || arr->empty()) {
        errors.add(
            in.error(posOf(node),
                     "models must be a non-empty array of model names, not " +
                         (arr == nullptr ? describeType(node) : std::string("an empty array")),
                     "omit models to check every model"));
        return false;
    }
    bool ok = true;
    for (const toml::node& element : *arr)
        ok = errors.attempt([&] {
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
        }) && ok;
    return ok;
}

}  // namespace

void readModelTables(const TomlInput& in, const toml::table& root, History& h,
                     DiagnosticList& errors) {
    bool modelsKnown = true;
    if (const auto* node = root.get("models")) modelsKnown = readModels(in, *node, h, errors);
    if (const auto* node = root.get("expect"))
        for (const auto& [model, table] : modelTables(in, *node, "expect", h, modelsKnown, errors))
            h.expectations[model] = readExpectation(in, *table, model, h, errors);
    if (const auto* node = root.get("model"))
        for (const auto& [model, table] : modelTables(in, *node, "model", h, modelsKnown, errors))
            h.modelOptions[model] = readOptions(in, *table, *findModel(model), errors);
}

}  // namespace isocheck
