#include "engine/common/environment.h"

#if defined(_WIN32)
#include <windows.h>

#include "engine/common/windows_text.h"
#else
#include <unistd.h>

#include <cstdlib>
#endif

namespace runnel {

std::string environmentVariable(const char* name) {
#if defined(_WIN32)
  // The W call gives UTF-16 whatever the code page; a value that grows between the size query
  // and the read (another thread) just takes another round.
  const std::wstring wideName = toWide(name);
  std::wstring value(64, L'\0');
  for (;;) {
    const DWORD n =
        GetEnvironmentVariableW(wideName.c_str(), value.data(), static_cast<DWORD>(value.size()));
    if (n == 0) return {};
    if (n < value.size()) {
      value.resize(n);
      return toUtf8(value);
    }
    value.resize(n);
  }
#else
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
#endif
}

std::uint32_t processId() {
#if defined(_WIN32)
  return static_cast<std::uint32_t>(GetCurrentProcessId());
#else
  return static_cast<std::uint32_t>(::getpid());
#endif
}

}  // namespace runnel
