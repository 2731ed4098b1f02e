// Readable, sortable ids for generated records ("o-0000042", "c-0007").
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace runnel::datagen {

inline std::string idOf(const char* prefix, std::int64_t n, int width) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s-%0*lld", prefix, width, static_cast<long long>(n));
  return buf;
}

}  // namespace runnel::datagen
