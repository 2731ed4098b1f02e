// StopSignals on POSIX: SIGINT and SIGTERM are blocked in every thread and taken by one thread
// with sigwait(), so no engine thread is interrupted mid-call and the callback may lock mutexes
// (a plain signal handler may not). SIGUSR2 wakes that thread at shutdown.
#include <pthread.h>
#include <signal.h>

#include <thread>

#include "app/server/stop_signals.h"

namespace runnel::app {

struct StopSignals::Impl {
  sigset_t signals;
  std::thread waiter;
};

StopSignals::StopSignals(std::function<void()> onStop) : impl_(std::make_unique<Impl>()) {
  sigemptyset(&impl_->signals);
  sigaddset(&impl_->signals, SIGINT);
  sigaddset(&impl_->signals, SIGTERM);
  sigaddset(&impl_->signals, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &impl_->signals, nullptr);
  impl_->waiter = std::thread([signals = impl_->signals, onStop = std::move(onStop)] {
    int received = 0;
    sigwait(&signals, &received);
    if (received != SIGUSR2) onStop();
  });
}

StopSignals::~StopSignals() {
  pthread_kill(impl_->waiter.native_handle(), SIGUSR2);
  impl_->waiter.join();
}

}  // namespace runnel::app
