// CPU time of the whole process (user + system, every thread), the benchmarks' fair measure on a
// shared machine where wall time says more about the neighbours. getrusage() on POSIX,
// GetProcessTimes() on Windows. Free function; thread-safe.
#pragma once

#if defined(_WIN32)
#include <windows.h>
#else
#include <sys/resource.h>
#endif

namespace runnel::bench {

inline double processCpuSeconds() {
#if defined(_WIN32)
  FILETIME created{}, exited{}, kernel{}, user{};
  if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)) return 0;
  auto ticks = [](const FILETIME& t) {  // 100 ns units
    return static_cast<double>((static_cast<unsigned long long>(t.dwHighDateTime) << 32) |
                               t.dwLowDateTime);
  };
  return (ticks(kernel) + ticks(user)) / 1e7;
#else
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
#endif
}

}  // namespace runnel::bench
