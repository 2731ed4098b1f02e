// StopSignals on Windows: a console control handler. Windows runs it on a thread of its own, so
// the callback may lock mutexes. For a closing console, log-off or shutdown Windows ends the
// process once the handler returns, so the handler then waits (up to the few seconds Windows
// grants) for the destructor, which main() reaches after closing the cluster.
#include <windows.h>

#include <condition_variable>
#include <mutex>

#include "app/server/stop_signals.h"

namespace runnel::app {
namespace {

std::mutex gMutex;
std::condition_variable gReleased;
std::function<void()>* gOnStop = nullptr;  // guarded by gMutex

BOOL WINAPI onConsoleEvent(DWORD event) {
  switch (event) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
      break;
    default:
      return FALSE;
  }
  std::unique_lock lock(gMutex);
  if (gOnStop == nullptr) return FALSE;
  (*gOnStop)();
  if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) {
    gReleased.wait(lock, [] { return gOnStop == nullptr; });
  }
  return TRUE;
}

}  // namespace

struct StopSignals::Impl {
  std::function<void()> onStop;
};

StopSignals::StopSignals(std::function<void()> onStop) : impl_(std::make_unique<Impl>()) {
  impl_->onStop = std::move(onStop);
  {
    std::lock_guard lock(gMutex);
    gOnStop = &impl_->onStop;
  }
  SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

StopSignals::~StopSignals() {
  {
    std::lock_guard lock(gMutex);
    gOnStop = nullptr;
  }
  gReleased.notify_all();
  SetConsoleCtrlHandler(onConsoleEvent, FALSE);
}

}  // namespace runnel::app
