// Counting distinct executions across workers (run/signatures.hpp): the
// count must be the size of the union of what every worker saw, whatever
// the run size, the number of threads, and where the key space is cut.

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "run/signatures.hpp"

namespace isocheck {
namespace {

using Signature = SignatureRuns::Signature;

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

TEST_CASE("distinct signatures are counted over every worker's runs, on any number of threads") {
    // Two workers whose executions overlap by half, each seeing some twice;
    // runs of 1,000 so that repeats fall within and across runs. Beside
    // them, signatures at the ends of the key space and on the first words
    // where a count on two or three threads cuts it (2^64 / parts).
    std::vector<Signature> edges{{0, 0}, {0, 1}, {std::numeric_limits<std::uint64_t>::max(), 7}};
    for (const std::uint64_t parts : {32, 48})
        for (std::uint64_t p = 1; p < parts; ++p) {
            const std::uint64_t cut = p * (std::numeric_limits<std::uint64_t>::max() / parts + 1);
            edges.emplace_back(cut - 1, 0);
            edges.emplace_back(cut, 0);
        }
    const auto fill = [&](SignatureRuns& w, std::uint64_t from, std::uint64_t to) {
        for (std::uint64_t i = from; i < to; ++i) {
            w.add({splitmix(i), i});
            if (i % 3 == 0) w.add({splitmix(i), i});
        }
        for (const Signature& s : edges) w.add(s);
    };
    std::set<Signature> all(edges.begin(), edges.end());
    for (std::uint64_t i = 0; i < 150'000; ++i) all.insert({splitmix(i), i});
    const auto expected = static_cast<std::uint64_t>(all.size());

    for (const unsigned threads : {1U, 2U, 3U}) {
        CAPTURE(threads);
        SignatureRuns a(1000);
        SignatureRuns b(1000);
        fill(a, 0, 100'000);
        fill(b, 50'000, 150'000);
        // One worker's runs taken into the other's, as the collectors merge.
        a.absorb(std::move(b));
        CHECK(a.distinct(threads) == expected);
    }
}

TEST_CASE("a few signatures, none, or one repeated: counted on one thread") {
    SignatureRuns none;
    CHECK(none.distinct(2) == 0);

    SignatureRuns same(2);
    for (int i = 0; i < 5; ++i) same.add({42, 1});
    same.add({42, 2});
    CHECK(same.distinct(2) == 2);
}

}  // namespace
}  // namespace isocheck
