#include "app/common/data_paths.h"

#include "engine/common/env.h"
#include "engine/common/environment.h"

namespace runnel::app {
namespace {
std::string envOr(const char* name, const std::string& fallback) {
  std::string value = environmentVariable(name);
  return value.empty() ? fallback : value;
}
}  // namespace

std::string defaultDataDirectory() {
  // joinPath, not std::filesystem::path: MSVC's path reads a narrow string in the ANSI code
  // page, and these values are UTF-8 (a user name with accents must survive).
#if defined(_WIN32)
  return joinPath(envOr("LOCALAPPDATA", envOr("APPDATA", ".")), "Runnel");
#elif defined(__APPLE__)
  return joinPath(envOr("HOME", "."), "Library/Application Support/Runnel");
#else
  const std::string xdg = envOr("XDG_DATA_HOME", joinPath(envOr("HOME", "."), ".local/share"));
  return joinPath(xdg, "Runnel");
#endif
}

std::string defaultClusterDirectory() {
  return joinPath(defaultDataDirectory(), "cluster");
}

std::string defaultLogDirectory() {
  return joinPath(defaultDataDirectory(), "logs");
}

}  // namespace runnel::app
