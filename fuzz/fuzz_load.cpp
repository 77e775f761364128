// libFuzzer target: the loader (TOML, every key and table, operations,
// expressions, predicates, schedules, expectations, model options) and the
// textbook notation; see fuzz_input.hpp.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.hpp"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    isocheck::fuzz::loadInput(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
