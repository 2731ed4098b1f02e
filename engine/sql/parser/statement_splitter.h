// Splits a script into its statements' source ranges without parsing them, using the lexer so
// ';' inside strings, quoted identifiers and comments does not split. The editor uses it to run
// "the statement under the cursor" and to run a script statement by statement. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/sql/lexer/source_range.h"

namespace runnel::sql {

struct StatementSpan {
  // From the statement's first token through its ';' (or its last token when unterminated).
  // Comments and whitespace around the statement are not included.
  SourceRange range;
  bool terminated = false;  // ends with ';'

  std::string_view text(std::string_view script) const {
    return script.substr(range.offset, range.length);
  }
};

// The non-empty statements of `script`, in order.
std::vector<StatementSpan> splitStatements(std::string_view script);

// The statement under a cursor at byte `offset`: the one whose range contains it (its end
// included), else the closest one before it, else the first one after it; nullopt when the
// script has no statements.
std::optional<StatementSpan> statementAt(std::string_view script, uint32_t offset);

}  // namespace runnel::sql
