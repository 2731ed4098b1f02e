// Window: the kind of window a windowed source or aggregation uses, and one window's bounds.
// Tumbling and hopping windows are time windows [start, start + size); session windows span
// their first and last event [start, end]. Plain values.
#pragma once

#include <cstdint>
#include <string_view>

namespace runnel::sql {

enum class WindowKind : unsigned char { kNone, kTumbling, kHopping, kSession };

std::string_view windowKindName(WindowKind kind);  // "TUMBLING", "HOPPING", "SESSION", ""

struct WindowBounds {
  std::int64_t start = 0;
  std::int64_t end = 0;  // exclusive for time windows; the last event's time for sessions
  friend bool operator==(const WindowBounds&, const WindowBounds&) = default;
};

}  // namespace runnel::sql
