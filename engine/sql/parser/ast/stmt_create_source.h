// CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] name [(columns)] [WITH (...)]:
// declares a stream or table over an existing topic. Columns may be KEY (streams), PRIMARY KEY
// (tables), HEADERS or HEADER('key'). Owns its column types and property values.
#pragma once

#include <string>
#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/ast_type.h"
#include "engine/sql/parser/ast/stmt.h"

namespace runnel::sql::ast {

enum class SourceKind : unsigned char { kStream, kTable };

enum class ColumnConstraint : unsigned char { kNone, kKey, kPrimaryKey, kHeaders, kHeader };

struct ColumnDef {
  Identifier name;
  SqlTypePtr type;
  ColumnConstraint constraint = ColumnConstraint::kNone;
  std::string headerKey;  // kHeader
  SourceRange range;
};

struct CreateSourceStmt final : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateSource;
  CreateSourceStmt() : Statement(kKind) {}

  SourceKind sourceKind = SourceKind::kStream;
  bool orReplace = false;
  bool isSource = false;  // CREATE SOURCE STREAM|TABLE: read-only
  bool ifNotExists = false;
  Identifier name;
  std::vector<ColumnDef> columns;
  std::vector<Property> properties;

  void print(SqlWriter& w) const override;
};

}  // namespace runnel::sql::ast
