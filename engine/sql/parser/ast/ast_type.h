// SqlType: a column or CAST type as written (BIGINT, DECIMAL(10, 2), ARRAY<STRING>,
// MAP<STRING, INT>, STRUCT<name STRING, ...>, or a custom type name from CREATE TYPE).
// Synonyms are folded (INT = INTEGER, VARCHAR = STRING). Owns its parameter types.
#pragma once

#include <string>
#include <vector>

#include "engine/sql/parser/ast/ast_identifier.h"
#include "engine/sql/parser/ast/ast_ptr.h"

namespace runnel::sql::ast {

enum class TypeKind : unsigned char {
  kBoolean,
  kInteger,
  kBigint,
  kDouble,
  kDecimal,
  kString,
  kBytes,
  kTimestamp,
  kDate,
  kTime,
  kArray,
  kMap,
  kStruct,
  kCustom,  // a name registered with CREATE TYPE; the binder resolves it
};

struct StructField {
  Identifier name;
  SqlTypePtr type;
};

struct SqlType {
  TypeKind kind = TypeKind::kString;
  SourceRange range;
  int precision = 0;                // DECIMAL
  int scale = 0;                    // DECIMAL
  std::vector<SqlTypePtr> params;   // ARRAY: {element}; MAP: {key, value}
  std::vector<StructField> fields;  // STRUCT
  Identifier customName;            // kCustom

  std::string toSql() const;
};

}  // namespace runnel::sql::ast
