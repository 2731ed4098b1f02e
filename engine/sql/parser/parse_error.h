// ParseError: one syntax error with its exact position (1-based line and column, byte offset and
// length of the offending text) and a message in the style of a good compiler. render() adds
// the offending source line and a caret under the token. A plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace runnel::sql {

struct ParseError {
  uint32_t line = 1;
  uint32_t column = 1;  // in code points, as SourceRange
  uint32_t offset = 0;  // bytes
  uint32_t length = 0;  // bytes; 0 at the end of the input
  std::string message;  // "mismatched input 'FORM' expecting FROM"
  std::string hint;     // optional: "did you mean FROM?"

  // "line 3:6: mismatched input 'FORM' expecting FROM".
  std::string toString() const;
  // toString(), then the offending line of `text` and a caret under the error's column (tabs in
  // the line are repeated so the caret lines up), then the hint if there is one. `text` must be
  // the text that was parsed.
  std::string render(std::string_view text) const;
};

// Every error rendered, separated by blank lines.
std::string renderErrors(const std::vector<ParseError>& errors, std::string_view text);

}  // namespace runnel::sql
