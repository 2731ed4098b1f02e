// SourceRange: where a token or AST node sits in the SQL text it came from.
// Offsets and lengths are in bytes of the UTF-8 text; line and column are 1-based, and a column
// counts code points (not bytes) so a caret lines up under non-ASCII text. A plain value type.
#pragma once

#include <cstdint>

namespace runnel::sql {

struct SourceRange {
  uint32_t offset = 0;  // byte offset of the first character
  uint32_t length = 0;  // bytes covered
  uint32_t line = 1;    // 1-based line of the first character
  uint32_t column = 1;  // 1-based column (in code points) of the first character

  uint32_t end() const { return offset + length; }

  // The range from the start of `first` to the end of `last` (line and column of `first`).
  static SourceRange span(const SourceRange& first, const SourceRange& last) {
    SourceRange r = first;
    r.length = last.end() > first.offset ? last.end() - first.offset : first.length;
    return r;
  }

  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

}  // namespace runnel::sql
