#pragma once
// A run watched from a thread of its own (SPEC 4, issue 5 item 6): at the
// --timeout deadline it requests StopReason::Timeout, and when given a
// terminal it draws one progress line, rewritten in place every half second
// once the run has lasted a second:
//   counter-7.toml: snapshot (2/2): 1,204,311 states, 351,200 executions, 802,874 states/s, 1.5 s
// The line is cleared when the run ends, before anything else is printed.
// The thread sleeps on a condition variable, so stop() returns at once.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "execution/control.hpp"

namespace isocheck {

class RunMonitor {
public:
    using Seconds = std::chrono::duration<double>;

    /// `timeout`: the --timeout, if any. `progress`: where to draw the
    /// progress line (a terminal), or null for none. Starts a thread only
    /// when there is something to do.
    RunMonitor(RunControl& control, std::optional<Seconds> timeout, std::ostream* progress);
    /// stop().
    ~RunMonitor();
    RunMonitor(const RunMonitor&) = delete;
    RunMonitor& operator=(const RunMonitor&) = delete;

    /// What the run explores now, `index` of `count` models (1-based). A new
    /// file sets the control's live counters back to zero: they count the
    /// current file. Call between explorations only.
    void working(const std::string& file, const std::string& model, std::size_t index,
                 std::size_t count);

    /// Ends the thread and clears the progress line; idempotent.
    void stop();

private:
    using Clock = std::chrono::steady_clock;

    void loop();
    void draw(Clock::time_point now);
    void clear();

    RunControl& control_;
    std::ostream* progress_;
    const Clock::time_point start_ = Clock::now();
    std::optional<Clock::time_point> deadline_;

    std::mutex mutex_;  // guards everything below
    std::condition_variable wake_;
    bool done_ = false;
    std::string file_;
    std::string model_;
    std::size_t index_ = 0;
    std::size_t count_ = 0;
    Clock::time_point fileStart_ = start_;
    std::size_t drawn_ = 0;  ///< length of the line on the terminal, 0 when none

    std::thread thread_;  // last: starts once the members above exist
};

}  // namespace isocheck
