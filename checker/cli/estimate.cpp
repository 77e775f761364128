#include "cli/estimate.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include <fmt/format.h>

namespace isocheck {
namespace {

// log10(n!), exact enough for an estimate, for any n.
double log10Factorial(std::size_t n) {
    return std::lgamma(static_cast<double>(n) + 1) / std::numbers::ln10;
}

}  // namespace

WorkEstimate estimateWork(const History& h) {
    WorkEstimate e;
    std::size_t ops = 0;
    for (const Txn& t : h.txns) {
        ops += t.ops.size();
        e.interleavings -= log10Factorial(t.ops.size());
    }
    e.interleavings += log10Factorial(ops);

    std::vector<std::size_t> writes(h.keys.size(), 0);
    std::vector<std::size_t> reads(h.keys.size(), 0);
    for (const Txn& t : h.txns) {
        for (const Op& op : t.ops) {
            if (op.kind == OpKind::PredicateRead)
                for (std::size_t& r : reads) ++r;
            else if (op.itemReads() && op.key < reads.size())
                ++reads[op.key];
            if (op.writes() && op.key < writes.size()) ++writes[op.key];
        }
    }
    for (std::size_t k = 0; k < h.keys.size(); ++k) {
        if (writes[k] == 0) continue;  // every read of k reads the initial version
        const double readChoices =
            std::min(log10Factorial(reads[k]),
                     static_cast<double>(reads[k]) * std::log10(static_cast<double>(writes[k]) + 1));
        e.executions += log10Factorial(writes[k]) + readChoices;
    }
    e.executions = std::min(e.executions, e.interleavings);
    return e;
}

std::string formatMagnitude(double log10) {
    if (log10 < 6) return fmt::format("{:.0f}", std::pow(10.0, log10));
    double exponent = std::floor(log10);
    double mantissa = std::pow(10.0, log10 - exponent);
    if (mantissa >= 9.95) {  // 9.97e14 would print as 10.0e14
        mantissa /= 10;
        exponent += 1;
    }
    return fmt::format("{:.1f}e{:.0f}", mantissa, exponent);
}

std::optional<std::string> workWarning(const History& h, Reduction reduction) {
    if (h.schedule) return std::nullopt;
    const WorkEstimate e = estimateWork(h);
    std::size_t ops = 0;
    for (const Txn& t : h.txns) ops += t.ops.size();
    const std::string what = fmt::format("{} transactions ({} operations)", h.txns.size(), ops);
    std::string estimate;
    if (reduction == Reduction::None) {
        if (e.interleavings <= kWarnInterleavings) return std::nullopt;
        estimate = fmt::format("about {} interleavings of {}, explored one by one under "
                               "--reduction none",
                               formatMagnitude(e.interleavings), what);
    } else {
        if (e.executions <= kWarnExecutions) return std::nullopt;
        estimate = fmt::format("up to about {} distinct executions of {}",
                               formatMagnitude(e.executions), what);
    }
    return fmt::format("{}: {} under each model may not finish in reasonable time; bound the "
                       "work with --max-states N or --timeout SECONDS, or check fewer models "
                       "with --model NAME",
                       h.file, estimate);
}

}  // namespace isocheck
