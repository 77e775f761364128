#pragma once
// The closed table of built-in models as data: name, one-line summary,
// options, and the theory: what each model can never exhibit and which
// models it is at least as strong as, every claim with its source
// (specs/models.md section 4). `isocheck models` prints it; the loader
// validates model names and `[model.NAME]` options against it; the tests and
// `isocheck validate` check the models against its claims. The models
// themselves (the code) are built from a name by models/registry.hpp, one
// layer up.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "theory/catalogue.hpp"

namespace isocheck {

struct ModelOptionInfo {
    std::string_view name;     ///< e.g. "retention"
    enum class Type : unsigned char { Bool, PositiveInt } type;
    std::string_view summary;
};

/// A claim of the theory: the model never exhibits this class, whatever the history.
struct NeverClass {
    AnomalyClass cls;
    std::string_view source;  ///< citation and the reason in a few words
};

/// A claim of the theory: the model never exhibits this phenomenon.
struct NeverPhenomenon {
    Phenomenon ph;
    std::string_view source;
};

/// A claim of the theory: the model is at least as strong as `model`: on
/// every history, every class and phenomenon it exhibits, `model` exhibits
/// too (specs/models.md section 4).
struct StrongerThan {
    std::string_view model;
    std::string_view source;
};

struct ModelInfo {
    std::string_view name;     ///< e.g. "snapshot"
    std::string_view summary;  ///< one line
    std::span<const ModelOptionInfo> options;
    std::span<const NeverClass> neverClasses = {};          ///< catalogue order
    std::span<const NeverPhenomenon> neverPhenomena = {};   ///< catalogue order
    std::span<const StrongerThan> atLeastAsStrongAs = {};   ///< direct claims only
    std::string_view abbreviation = {};  ///< "SI": a column of the matrix across levels
    /// The database engine whose level this models ("PostgreSQL"); empty for
    /// the generic models of the literature. Engine models are run only when
    /// named (SPEC 1: a file without `models` gets the generic ones).
    std::string_view engine = {};
    /// Whether every final state is one a serial order of its committed
    /// transactions leaves although some anomaly class is not excluded
    /// (postgres-serializable: a lost delete is a cycle over versions, not
    /// over values). A model that excludes every class leaves only those.
    bool serializableStates = false;

    [[nodiscard]] bool generic() const { return engine.empty(); }
};

/// Every built-in model, in the order reports list them: the generic ones
/// weakest first, then each engine's, weakest first.
[[nodiscard]] std::span<const ModelInfo> modelRegistry();
/// The models a file without `models` is checked under: the generic ones.
[[nodiscard]] std::vector<std::string_view> defaultModels();
[[nodiscard]] const ModelInfo* findModel(std::string_view name);
/// Whether the theory says `m` never exhibits `c` (or `p`).
[[nodiscard]] bool neverExhibits(const ModelInfo& m, AnomalyClass c);
[[nodiscard]] bool neverExhibits(const ModelInfo& m, Phenomenon p);

/// Whether `stronger` is at least as strong as `weaker` by the table: the
/// reflexive and transitive closure of the direct claims.
[[nodiscard]] bool atLeastAsStrong(std::string_view stronger, std::string_view weaker);

/// Every other model that `m` is at least as strong as (the closure), in
/// registry order.
[[nodiscard]] std::vector<std::string_view> weakerModels(std::string_view m);

/// The registered name closest to `name` (support/spelling.hpp's `closest`), if any.
[[nodiscard]] std::optional<std::string_view> suggestModel(std::string_view name);

}  // namespace isocheck
