#pragma once
// 128-bit fingerprints: two independently mixed 64-bit hashes of a stream of
// words. They stand for a value where storing the value would cost too much
// (the signatures of distinct executions, the explorer's state cache); with
// a few hundred million fingerprints, a collision has a probability below
// 10^-20, which is far below the rate of undetected hardware errors.

#include <cstdint>
#include <functional>

#include "execution/state.hpp"

namespace isocheck {

struct Fingerprint {
    std::uint64_t a = 0xcbf29ce484222325ULL;
    std::uint64_t b = 0x9e3779b97f4a7c15ULL;

    void add(std::uint64_t w) {
        // Lane a: xor, then Murmur3's 64-bit finaliser; lane b: add, then
        // SplitMix64's. Two different mixers, so the lanes do not collide together.
        a ^= w;
        a ^= a >> 33;
        a *= 0xff51afd7ed558ccdULL;
        a ^= a >> 33;
        a *= 0xc4ceb9fe1a85ec53ULL;
        a ^= a >> 33;
        b += w + 0x9e3779b97f4a7c15ULL;
        b = (b ^ (b >> 30)) * 0xbf58476d1ce4e5b9ULL;
        b = (b ^ (b >> 27)) * 0x94d049bb133111ebULL;
        b ^= b >> 31;
    }
    void add(const Fingerprint& f) { add(f.a), add(f.b); }
    bool operator==(const Fingerprint&) const = default;
};

struct FingerprintHash {
    std::size_t operator()(const Fingerprint& f) const { return static_cast<std::size_t>(f.a); }
};

/// Adds every field of the configuration, commit positions and snapshots as
/// their ranks (CommitRanks): alike states add the same.
void addState(Fingerprint& f, const State& s);

/// Adds what the event observed and did: everything in it but its position
/// in the log (a predicate read adds its observation, not its index).
void addEvent(Fingerprint& f, const Event& e, const Log& log);

}  // namespace isocheck
