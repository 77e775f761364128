#pragma once
// SIGINT and SIGTERM stop a run instead of killing it (SPEC 4): while an
// InterruptHandlers object lives, either signal requests StopReason::Interrupt
// on its RunControl, and the run prints what it found so far, marked
// incomplete. The handler only reads the clock and stores to atomics
// (async-signal-safe). A second signal a second or more after the first kills
// a run that does not stop soon enough; one sooner is the same request
// delivered twice (timeout(1) signals the child and then its process group). A signal the caller ignores (SIG_IGN, as a shell does for
// background jobs) stays ignored, as GNU programs do. One object at a time.

#include <csignal>

#include "execution/control.hpp"

namespace isocheck {

class InterruptHandlers {
public:
    explicit InterruptHandlers(RunControl& control);
    /// Restores the handlers in place before.
    ~InterruptHandlers();
    InterruptHandlers(const InterruptHandlers&) = delete;
    InterruptHandlers& operator=(const InterruptHandlers&) = delete;

private:
    static constexpr int kSignals[] = {SIGINT, SIGTERM};
    struct sigaction previous_[2] = {};
    bool installed_[2] = {false, false};
};

}  // namespace isocheck
