// libFuzzer target: the loader (TOML, every key and table, operations,
// expressions, predicates, schedules, expectations, model options) and the
// textbook notation. Each input is read twice: as a whole history file, and
// as the string of `history = "..."` (SPEC 1.2). Bad input must end in
// InputError, the one documented way out (exit 2); anything else that
// escapes, a sanitizer report, a leak or a hang is a bug.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_input.hpp"
#include "history/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    isocheck::fuzz::tryLoad(text, "fuzz.toml");
    isocheck::fuzz::tryLoad(isocheck::fuzz::textbookFile(text), "textbook.toml");
    return 0;
}
