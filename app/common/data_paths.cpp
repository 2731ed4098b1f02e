#include "app/common/data_paths.h"

#include <cstdlib>
#include <filesystem>

namespace runnel::app {
namespace {
std::string envOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v && *v) ? std::string(v) : fallback;
}
}  // namespace

std::string defaultDataDirectory() {
  namespace fs = std::filesystem;
#if defined(_WIN32)
  return (fs::path(envOr("LOCALAPPDATA", envOr("APPDATA", "."))) / "Runnel").string();
#elif defined(__APPLE__)
  return (fs::path(envOr("HOME", ".")) / "Library" / "Application Support" / "Runnel").string();
#else
  const std::string xdg =
      envOr("XDG_DATA_HOME", (fs::path(envOr("HOME", ".")) / ".local" / "share").string());
  return (fs::path(xdg) / "Runnel").string();
#endif
}

std::string defaultClusterDirectory() {
  return (std::filesystem::path(defaultDataDirectory()) / "cluster").string();
}

std::string defaultLogDirectory() {
  return (std::filesystem::path(defaultDataDirectory()) / "logs").string();
}

}  // namespace runnel::app
