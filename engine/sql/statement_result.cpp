#include "engine/sql/statement_result.h"

#include <algorithm>

namespace runnel::sql {
namespace {
// Display width in code points, so non-ASCII text lines up.
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::string ResultTable::toText() const {
  std::vector<std::size_t> widths(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i)
    widths[i] = width(columns[i]);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], width(row[i]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      out += " " + cell + std::string(widths[i] - width(cell), ' ') + " |";
    }
    return out + "\n";
  };
  std::string rule = "+";
  for (std::size_t w : widths)
    rule += std::string(w + 2, '-') + "+";
  rule += "\n";
  std::string out = rule + line(columns) + rule;
  for (const auto& row : rows)
    out += line(row);
  return out + rule;
}

std::string StatementResult::toText() const {
  if (!status.isOk()) return status.message() + "\n";
  std::string out;
  for (const auto& n : notices)
    out += "Notice: " + n + "\n";
  if (!message.empty()) out += message + "\n";
  if (table) out += table->toText();
  return out;
}

}  // namespace runnel::sql
