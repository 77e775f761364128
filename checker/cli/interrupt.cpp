#include "cli/interrupt.hpp"

#include <atomic>

namespace isocheck {
namespace {

// The handler's only way to the run: set before the handlers are installed,
// cleared after they are restored.
std::atomic<RunControl*> gControl{nullptr};

// Only lock-free atomics may be touched from a signal handler.
static_assert(std::atomic<RunControl*>::is_always_lock_free);
static_assert(std::atomic<StopReason>::is_always_lock_free);

extern "C" void onStopSignal(int /*signal*/) {
    if (RunControl* control = gControl.load(std::memory_order_relaxed))
        control->requestStop(StopReason::Interrupt);
}

}  // namespace

InterruptHandlers::InterruptHandlers(RunControl& control) {
    gControl.store(&control);
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    for (std::size_t i = 0; i < std::size(kSignals); ++i) {
        if (::sigaction(kSignals[i], nullptr, &previous_[i]) != 0) continue;
        const bool ignored = (previous_[i].sa_flags & SA_SIGINFO) == 0 &&
                             previous_[i].sa_handler == SIG_IGN;
        if (ignored) continue;
        installed_[i] = ::sigaction(kSignals[i], &action, nullptr) == 0;
    }
}

InterruptHandlers::~InterruptHandlers() {
    for (std::size_t i = 0; i < std::size(kSignals); ++i)
        if (installed_[i]) ::sigaction(kSignals[i], &previous_[i], nullptr);
    gControl.store(nullptr);
}

}  // namespace isocheck
