// libFuzzer target: loading plus exploring. A history the loader accepts is
// explored under every model with a small state bound (as --max-states), or
// replayed when it fixes a schedule, and every report is written from the
// result. An expression that overflows in some execution is an InputError
// (specs/format.md section 4), the one documented way out; anything else
// that escapes, a failed ISOCHECK_ASSERT (InternalError), a sanitizer
// report, a leak or a hang is a bug.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "fuzz_input.hpp"
#include "report/report.hpp"
#include "run/run.hpp"

namespace {

/// States per model: enough to reach deadlocks, aborts and cycles on the
/// examples' histories, small enough for hundreds of inputs a second.
constexpr std::uint64_t kMaxStates = 300;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace isocheck;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto history = fuzz::tryLoad(text, "fuzz.toml");
    if (!history) return 0;
    RunOptions options;
    options.maxStates = kMaxStates;
    // Both the reduced search and the reference one, chosen by the input so
    // that a crash reproduces from the input alone.
    options.reduction = size % 2 == 0 ? Reduction::SleepSets : Reduction::None;
    CheckedFile file{"fuzz.toml", std::move(*history), {}, {}};
    try {
        file.result = runHistory(file.history, options);
    } catch (const InputError& e) {
        (void)e.diagnostic().format();
        return 0;
    }
    (void)textReport(file.history, file.result);
    (void)markdownReport(file.history, file.result);
    (void)dotReport(file.history, file.result);
    (void)jsonReport(std::span<const CheckedFile>(&file, 1));
    (void)junitReport(std::span<const CheckedFile>(&file, 1));
    return 0;
}
