// The bodies of the fuzz targets (fuzz/fuzz_input.hpp) in every build, g++
// included, over every example, pin and past fuzzer finding (tests/fuzz/):
// bad input may only end in InputError, never in another exception.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_input.hpp"
#include "scratch.hpp"

namespace isocheck {
namespace {

namespace fs = std::filesystem;

[[nodiscard]] std::vector<fs::path> filesIn(const char* dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(fs::path(ISOCHECK_SOURCE_DIR) / dir))
        if (e.is_regular_file()) out.push_back(e.path());
    std::ranges::sort(out);
    return out;
}

}  // namespace

TEST_CASE("fuzz targets: every example and pin loads, explores and reports") {
    std::vector<fs::path> files = filesIn("examples");
    const std::vector<fs::path> pins = filesIn("specs/pins");
    files.insert(files.end(), pins.begin(), pins.end());
    std::erase_if(files, [](const fs::path& p) { return p.extension() != ".toml"; });
    REQUIRE(files.size() >= 30);
    for (const fs::path& f : files) {
        const std::string name = f.string();
        CAPTURE(name);
        const std::string text = test::slurp(f);
        // A seed the loader rejected would fuzz nothing beyond the loader.
        CHECK(fuzz::tryLoad(text, name).has_value());
        CHECK_NOTHROW(fuzz::loadInput(text));
        CHECK_NOTHROW(fuzz::exploreInput(text));
    }
}

TEST_CASE("fuzz targets: every past finding in tests/fuzz/ runs clean") {
    for (const fs::path& f : filesIn("tests/fuzz")) {
        const std::string name = f.string();
        CAPTURE(name);
        const std::string text = test::slurp(f);
        CHECK_NOTHROW(fuzz::loadInput(text));
        CHECK_NOTHROW(fuzz::exploreInput(text));
    }
}

TEST_CASE("fuzz_load: any bytes become a valid TOML string for the textbook parser") {
    CHECK(fuzz::textbookFile("r1[x] c1") == "history = \"r1[x] c1\"\n");
    CHECK(fuzz::textbookFile(std::string("\"\\\x01\x7f\xff", 5)) ==
          "history = \"\\\"\\\\\\u0001\\u007f\\u00ff\"\n");
    const auto h = fuzz::tryLoad(fuzz::textbookFile("r1[x] w2[x] c2 c1"), "t.toml");
    REQUIRE(h.has_value());
    CHECK(h->txns.size() == 2);
    REQUIRE(h->schedule.has_value());
    CHECK(h->schedule->size() == 4);
    // Bytes that are no operation reach the textbook parser and are rejected.
    CHECK_FALSE(fuzz::tryLoad(fuzz::textbookFile(std::string("r1[x]\xff", 6)), "t.toml").has_value());
}

}  // namespace isocheck
