#pragma once
// From a model's name (theory/models.hpp, the table as data) to the model
// itself: the one place that knows which code implements which name.

#include <memory>

#include "history/history.hpp"
#include "models/model.hpp"
#include "theory/models.hpp"

namespace isocheck {

/// Builds the model `info` names; `options` were validated against
/// `info.options` by the loader.
[[nodiscard]] std::unique_ptr<IsolationModel> makeModel(const ModelInfo& info,
                                                        const ModelOptions& options);

}  // namespace isocheck
