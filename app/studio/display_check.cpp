#include "app/studio/display_check.h"

#include <algorithm>

#include "engine/common/environment.h"

namespace runnel::studio {

std::string missingDisplayExplanation(const std::vector<std::string>& qtArguments) {
#if defined(__linux__) || defined(__FreeBSD__)
  auto has = [](const char* name) { return !environmentVariable(name).empty(); };
  if (has("DISPLAY") || has("WAYLAND_DISPLAY") || has("QT_QPA_PLATFORM")) return {};
  if (std::find(qtArguments.begin(), qtArguments.end(), "-platform") != qtArguments.end())
    return {};
  return "runnel: no display found ($DISPLAY and $WAYLAND_DISPLAY are not set), so the studio "
         "cannot open its window.\n"
         "  To run the embedded cluster without a GUI, start the headless server instead:\n"
         "      runnel-server --brokers 3        (Kafka clients connect to localhost:9092)\n"
         "  To run the studio on a virtual display:  xvfb-run -a runnel\n";
#else
  (void)qtArguments;
  return {};
#endif
}

}  // namespace runnel::studio
