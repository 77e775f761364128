#pragma once
// What lets a long exploration be watched and stopped from outside: a stop
// request (SIGINT, SIGTERM, --timeout) and live counters for a progress line.
// The explorer's workers poll `stopRequested` and add to the counters in
// batches; the command line owns the object and the threads that read it.

#include <atomic>
#include <cstdint>

namespace isocheck {

/// Why a run ended before exploring everything.
enum class StopReason : std::uint8_t { None, MaxStates, Timeout, Interrupt };

struct RunControl {
    /// Set (from any thread or a signal handler) to stop every worker soon;
    /// the run then reports what it found so far, marked incomplete.
    std::atomic<StopReason> stop{StopReason::None};
    /// Live totals over all workers and models of the current file, for progress.
    std::atomic<std::uint64_t> states{0};
    std::atomic<std::uint64_t> executions{0};

    [[nodiscard]] bool stopRequested() const {
        return stop.load(std::memory_order_relaxed) != StopReason::None;
    }
    /// Records the first reason only.
    void requestStop(StopReason why) {
        StopReason none = StopReason::None;
        stop.compare_exchange_strong(none, why);
    }
};

}  // namespace isocheck
