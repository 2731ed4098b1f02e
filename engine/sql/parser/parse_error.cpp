#include "engine/sql/parser/parse_error.h"

#include <algorithm>

namespace runnel::sql {

std::string ParseError::toString() const {
  return "line " + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

std::string ParseError::render(std::string_view text) const {
  std::string out = toString();
  size_t at = std::min<size_t>(offset, text.size());
  size_t lineStart = 0;
  if (at > 0) {
    size_t newline = text.rfind('\n', at - 1);
    if (newline != std::string_view::npos) lineStart = newline + 1;
  }
  size_t lineEnd = text.find('\n', at);
  if (lineEnd == std::string_view::npos) lineEnd = text.size();
  std::string_view lineText = text.substr(lineStart, lineEnd - lineStart);
  if (!lineText.empty() && lineText.back() == '\r') lineText.remove_suffix(1);

  out.push_back('\n');
  out.append(lineText);
  out.push_back('\n');
  for (size_t i = lineStart; i < at && i - lineStart < lineText.size(); ++i) {
    char c = text[i];
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    out.push_back(c == '\t' ? '\t' : ' ');
  }
  out.push_back('^');
  if (!hint.empty()) {
    out.append("\nhint: ");
    out.append(hint);
  }
  return out;
}

std::string renderErrors(const std::vector<ParseError>& errors, std::string_view text) {
  std::string out;
  for (const ParseError& e : errors) {
    if (!out.empty()) out.append("\n\n");
    out.append(e.render(text));
  }
  return out;
}

}  // namespace runnel::sql
