// Identifier: a name in the AST (source, column, alias, function, property key) as ksqlDB
// resolves it: unquoted names are upper-cased, quoted ones (`x` or "x") keep their exact text.
// A plain value type.
#pragma once

#include <string>

#include "engine/sql/lexer/source_range.h"

namespace runnel::sql::ast {

struct Identifier {
  std::string name;     // canonical: upper-cased unless quoted; quotes removed
  bool quoted = false;  // written with quotes, so case and special characters are significant
  SourceRange range;

  bool empty() const { return name.empty(); }
};

}  // namespace runnel::sql::ast
