#include "engine/client/assignors/java_collections.h"

namespace runnel::assignors {
namespace {

// Decodes UTF-8 into UTF-16 code units, as new String(bytes, UTF_8) would (malformed sequences
// become U+FFFD, one per bad byte, which is close enough for identifiers).
std::vector<std::uint16_t> toUtf16(std::string_view s) {
  std::vector<std::uint16_t> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = 0xFFFD;
    std::size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6) {
      len = 2;
    } else if ((c >> 4) == 0xE) {
      len = 3;
    } else if ((c >> 3) == 0x1E) {
      len = 4;
    }
    if (len > 1) {
      if (i + len > s.size()) {
        len = 1;
      } else {
        cp = c & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
          const auto cc = static_cast<unsigned char>(s[i + k]);
          if ((cc >> 6) != 0x2) {
            cp = 0xFFFD;
            len = 1;
            break;
          }
          cp = (cp << 6) | (cc & 0x3F);
        }
      }
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<std::uint16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<std::uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<std::uint16_t>(cp));
    }
    i += len;
  }
  return out;
}

bool isAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::int32_t javaStringHash(std::string_view utf8) {
  std::uint32_t h = 0;  // unsigned: Java's int arithmetic wraps
  if (isAscii(utf8)) {
    for (char c : utf8)
      h = 31 * h + static_cast<unsigned char>(c);
  } else {
    for (std::uint16_t u : toUtf16(utf8))
      h = 31 * h + u;
  }
  return static_cast<std::int32_t>(h);
}

int javaStringCompare(std::string_view a, std::string_view b) {
  if (isAscii(a) && isAscii(b)) return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
  const auto ua = toUtf16(a);
  const auto ub = toUtf16(b);
  const std::size_t n = std::min(ua.size(), ub.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (ua[i] != ub[i]) return ua[i] < ub[i] ? -1 : 1;
  }
  return ua.size() < ub.size() ? -1 : (ua.size() == ub.size() ? 0 : 1);
}

std::int32_t javaHash(const TopicPartition& tp) {
  std::uint32_t result = 31u + static_cast<std::uint32_t>(tp.partition);
  result = 31u * result + static_cast<std::uint32_t>(javaStringHash(tp.topic));
  return static_cast<std::int32_t>(result);
}

}  // namespace runnel::assignors
