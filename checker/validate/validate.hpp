#pragma once
// `isocheck validate`: the models checked against the theory on generated
// histories (specs/validate.md). For each history, under each selected model:
//  * nothing the theory table forbids is exhibited (theory/models.hpp);
//  * a model that never exhibits any anomaly class leaves only serializable
//    final states;
//  * under `snapshot`, every cycle of every committed execution's dependency
//    graph has two consecutive rw edges (Fekete et al. 2005, Theorem 2.1);
//  * every model the table calls weaker exhibits at least as much;
//  * sleep sets and the plain explorer agree (on every k-th history);
//  * every witness replays (on every k-th history);
//  * exploring again, with two workers, gives the same result (on every
//    k-th history).
// The first violation (by history, then model, then property) is shrunk to a
// minimal history on which the same property fails under the same model.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "history/generator.hpp"
#include "history/history.hpp"
#include "models/model.hpp"
#include "theory/models.hpp"

namespace isocheck {

/// Builds the model validated under a name; tests substitute a broken one.
using ModelFactory =
    std::function<std::unique_ptr<IsolationModel>(const ModelInfo&, const ModelOptions&)>;

enum class Property : std::uint8_t {
    Theory,              ///< nothing the theory table forbids
    SerializableStates,  ///< serializable models: only serializable final states
    SnapshotCycles,      ///< snapshot: every cycle has two consecutive rw edges
    Order,               ///< weaker models exhibit at least as much
    Reduction,           ///< sleep sets agree with the plain explorer
    Replay,              ///< every witness replays
    Determinism,         ///< exploring again (two workers) gives the same result
};
inline constexpr std::size_t kProperties = 7;

/// One line: what the property says, e.g. "nothing the theory forbids".
[[nodiscard]] std::string_view describe(Property p);

struct ValidateOptions {
    std::vector<std::string> models;      ///< --model; empty = every model
    std::uint64_t histories = 1000;       ///< --histories: per model
    std::uint64_t seed = 1;               ///< --seed
    unsigned jobs = 1;                    ///< --jobs: histories checked in parallel
    std::uint64_t reductionEvery = 10;    ///< Property::Reduction on every k-th history
    std::uint64_t replayEvery = 10;       ///< Property::Replay on every k-th history
    std::uint64_t determinismEvery = 100; ///< Property::Determinism on every k-th history
    GeneratorOptions generator = defaultValidateGenerator();
    ModelFactory factory;                 ///< empty: models/registry.hpp

    [[nodiscard]] static GeneratorOptions defaultValidateGenerator() {
        GeneratorOptions g;
        g.retention = true;
        g.firstCommitterWins = true;
        g.predicateWrites = true;
        g.readOnly = true;
        return g;
    }
};

struct Violation {
    Property property = Property::Theory;
    std::string model;
    std::uint64_t index = 0;        ///< which generated history (0-based)
    std::uint64_t seed = 0;         ///< the generator's seed of the history
    std::string what;               ///< on the generated history
    std::string original;           ///< the generated history (TOML)
    std::string shrunkWhat;         ///< on the shrunk history
    std::string shrunk;             ///< the shrunk history (TOML), with a description
    GeneratedHistory shrunkParts;   ///< the same, as parts
    std::size_t shrinkSteps = 0;    ///< edits that kept the violation
};

struct ValidateReport {
    std::vector<std::string> models;  ///< the models validated, registry order
    std::uint64_t histories = 0;      ///< histories checked in full (before any violation)
    /// Per property: how many histories it was checked on, and the checks
    /// made (one per model, or per pair of models for Order).
    std::array<std::uint64_t, kProperties> histories_checked{};
    std::array<std::uint64_t, kProperties> checks{};
    std::optional<Violation> violation;
};

/// The seed of the i-th generated history of a run with `seed`.
[[nodiscard]] std::uint64_t historySeed(std::uint64_t seed, std::uint64_t i);

[[nodiscard]] ValidateReport validateModels(const ValidateOptions& o);

/// Checks one property under one model on `h` (whatever the history's
/// index); what is violated, in words, or nullopt.
[[nodiscard]] std::optional<std::string> checkProperty(const ValidateOptions& o, const History& h,
                                                       Property p, const std::string& model);

}  // namespace isocheck
