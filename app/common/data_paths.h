// Where Runnel keeps its data when the user does not say: the XDG data directory on Linux
// ($XDG_DATA_HOME/runnel or ~/.local/share/runnel), %APPDATA%\Runnel on Windows,
// ~/Library/Application Support/Runnel on macOS. Plain C++ so the headless binaries agree with
// the studio (which uses QStandardPaths for the same locations). Pure functions.
#pragma once

#include <string>

namespace runnel::app {

std::string defaultDataDirectory();
std::string defaultClusterDirectory();  // <data>/cluster
std::string defaultLogDirectory();      // <data>/logs

}  // namespace runnel::app
