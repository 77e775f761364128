// libFuzzer target: loading plus exploring every model with a small state
// bound, and every report; see fuzz_input.hpp.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.hpp"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    isocheck::fuzz::exploreInput(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
