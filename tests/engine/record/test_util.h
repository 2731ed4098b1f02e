// Helpers shared by the record tests.
#pragma once

#include <string>

#include "engine/common/bytes.h"

namespace runnel::testing {

inline Bytes fromHex(std::string_view s) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(s.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

}  // namespace runnel::testing
