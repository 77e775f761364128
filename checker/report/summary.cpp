// What every report says about a run as a whole: the counts, reductions, time
// and memory of one model in one line, and the words for a run that was
// stopped (SPEC 4: an incomplete run never says "none" nor "met").

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "report/report.hpp"

namespace isocheck {

std::string grouped(std::uint64_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string plural(std::uint64_t n, std::string_view noun) {
    return fmt::format("{} {}{}", grouped(n), noun, n == 1 ? "" : "s");
}

bool notExplored(const ModelResult& m) {
    return !m.complete && m.stats.states == 0 && m.stats.executions == 0 && !m.schedule;
}

std::string_view stoppedBy(const ModelResult& m) {
    if (m.complete) return "";
    switch (m.stopReason) {
        case StopReason::Timeout: return "--timeout";
        case StopReason::Interrupt: return "an interrupt";
        // An explorer that stopped without saying why stopped on its own
        // bound: --max-states is the only one it enforces itself.
        case StopReason::MaxStates:
        case StopReason::None: break;
    }
    return "--max-states";
}

bool hasExpectations(const History& h, const ModelResult& m) {
    return m.expectationsChecked || h.expectations.contains(m.model);
}

std::string_view noneFound(const ModelResult& m) {
    return m.complete ? "none" : "none found so far";
}

std::string statsFigures(const ExploreStats& s) {
    std::string reductions;
    for (const std::string& r : s.reductions) reductions += (reductions.empty() ? "" : "+") + r;
    // Seconds and memory are the only figures that change between runs; their
    // shape (`0.02 s`, `12 MB`, MB being 2^20 bytes) is fixed so that tests can
    // strip them (tests/timings.hpp).
    const double seconds = std::isfinite(s.seconds) && s.seconds > 0 ? s.seconds : 0.0;
    return fmt::format("{} ({} distinct), {}, reductions: {}, {:.2f} s, {} MB",
                       plural(s.executions, "execution"), grouped(s.distinctExecutions),
                       plural(s.states, "state"), reductions.empty() ? "none" : reductions,
                       seconds, grouped((s.peakMemoryKb + 512) / 1024));
}

std::string statsLine(const ModelResult& m) {
    if (notExplored(m))
        return fmt::format("{}: not explored; INCOMPLETE: stopped by {} before it started", m.model,
                           stoppedBy(m));
    std::string line = m.model + ": " + statsFigures(m.stats);
    if (!m.complete) line += fmt::format("; INCOMPLETE: stopped by {}", stoppedBy(m));
    return line;
}

std::string formatMismatch(const ExpectationMismatch& m) {
    return fmt::format("{}: expected {} found {}", m.key, m.expected, m.found);
}

}  // namespace isocheck
