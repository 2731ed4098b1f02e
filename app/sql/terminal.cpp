#include "app/sql/terminal.h"

#include <csignal>
#include <cstdio>

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace runnel::app {
namespace {
#if defined(_WIN32)
void (*volatile gHandler)(int) = nullptr;

// The C runtime resets SIGINT to the default before each call, so the next Ctrl+C would end the
// process: re-install first.
void rearmAndCall(int signal) {
  std::signal(SIGINT, rearmAndCall);
  gHandler(signal);
}
#endif
}  // namespace

bool stdinIsTerminal() {
#if defined(_WIN32)
  return _isatty(_fileno(stdin)) != 0;
#else
  return isatty(STDIN_FILENO) != 0;
#endif
}

void onInterrupt(void (*handler)(int)) {
#if defined(_WIN32)
  gHandler = handler;
  std::signal(SIGINT, rearmAndCall);
#else
  // sigaction, unlike signal(), keeps the handler installed after it runs on every POSIX system.
  struct sigaction action {};
  action.sa_handler = handler;
  sigaction(SIGINT, &action, nullptr);
#endif
}

}  // namespace runnel::app
