// Tells whether a window can be opened at all, before QApplication tries and aborts: on Linux
// without $DISPLAY, $WAYLAND_DISPLAY or an explicit Qt platform there is nothing to draw on.
#pragma once

#include <string>
#include <vector>

namespace runnel::studio {

// Empty when a display is available (or the platform was chosen explicitly); otherwise the
// explanation to print, which points at runnel-server for headless use.
std::string missingDisplayExplanation(const std::vector<std::string>& qtArguments);

}  // namespace runnel::studio
