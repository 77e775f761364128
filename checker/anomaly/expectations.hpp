#pragma once
// Compares what a model run found with the file's `[expect.MODEL]` table
// (SPEC 1.4): one mismatch per key that differs, naming expected and found.

#include <vector>

#include "anomaly/result.hpp"
#include "history/history.hpp"

namespace isocheck {

[[nodiscard]] std::vector<ExpectationMismatch> checkExpectation(const Expectation& e,
                                                                const ModelResult& r);

}  // namespace isocheck
