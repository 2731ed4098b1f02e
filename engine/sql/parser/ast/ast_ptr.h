// Forward declarations and owning pointer aliases for the AST: every node is owned by exactly one
// parent through a unique_ptr, and a ParseResult owns the statement roots. Nodes are immutable
// once the parser returns them, so a finished tree may be read from several threads.
#pragma once

#include <memory>

namespace runnel::sql::ast {

struct Expr;
struct Statement;
struct SqlType;
struct Query;

using ExprPtr = std::unique_ptr<Expr>;
using StatementPtr = std::unique_ptr<Statement>;
using SqlTypePtr = std::unique_ptr<SqlType>;
using QueryPtr = std::unique_ptr<Query>;

}  // namespace runnel::sql::ast
