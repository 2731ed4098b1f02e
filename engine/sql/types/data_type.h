// DataType: the type of a column or expression as the binder and the executor know it — ksqlDB's
// SQL types (BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL(p, s), STRING, BYTES, TIMESTAMP, DATE,
// TIME, ARRAY<T>, MAP<K, V>, STRUCT<...>) plus kNull, the type of a bare NULL literal, which
// converts to any type. Unlike ast::SqlType it has no source positions and no custom names (the
// binder resolves those). A plain, copyable value; safe to share between threads once built.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/sql/parser/ast/ast_type.h"

namespace runnel::sql {

enum class TypeKind : unsigned char {
  kNull,
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
};

class DataType;

struct StructFieldType;

class DataType {
 public:
  DataType() = default;
  explicit DataType(TypeKind kind) : kind_(kind) {}

  static DataType null() { return DataType(TypeKind::kNull); }
  static DataType boolean() { return DataType(TypeKind::kBoolean); }
  static DataType integer() { return DataType(TypeKind::kInteger); }
  static DataType bigint() { return DataType(TypeKind::kBigint); }
  static DataType doubleType() { return DataType(TypeKind::kDouble); }
  static DataType decimal(int precision, int scale);
  static DataType string() { return DataType(TypeKind::kString); }
  static DataType bytes() { return DataType(TypeKind::kBytes); }
  static DataType timestamp() { return DataType(TypeKind::kTimestamp); }
  static DataType date() { return DataType(TypeKind::kDate); }
  static DataType time() { return DataType(TypeKind::kTime); }
  static DataType array(DataType element);
  static DataType map(DataType key, DataType value);
  static DataType structType(std::vector<StructFieldType> fields);

  TypeKind kind() const { return kind_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  // ARRAY: the element; MAP: key then value.
  const DataType& element() const { return (*params_)[0]; }
  const DataType& mapKey() const { return (*params_)[0]; }
  const DataType& mapValue() const { return (*params_)[1]; }
  const std::vector<StructFieldType>& fields() const;

  bool isNull() const { return kind_ == TypeKind::kNull; }
  // INTEGER, BIGINT, DOUBLE, DECIMAL.
  bool isNumeric() const;
  bool isIntegral() const { return kind_ == TypeKind::kInteger || kind_ == TypeKind::kBigint; }
  bool isPrimitive() const { return kind_ < TypeKind::kArray; }

  // "BIGINT", "DECIMAL(10, 2)", "ARRAY<STRING>", "STRUCT<`A` INTEGER>".
  std::string toSql() const;

  friend bool operator==(const DataType& a, const DataType& b);

 private:
  TypeKind kind_ = TypeKind::kNull;
  int precision_ = 0;
  int scale_ = 0;
  std::shared_ptr<const std::vector<DataType>> params_;
  std::shared_ptr<const std::vector<StructFieldType>> fields_;
};

struct StructFieldType {
  std::string name;
  DataType type;
  friend bool operator==(const StructFieldType&, const StructFieldType&) = default;
};

// The common type two operands widen to (INTEGER < BIGINT < DECIMAL < DOUBLE; NULL goes to the
// other side), or an error naming both when there is none.
Result<DataType> commonType(const DataType& a, const DataType& b);
// True when a value of `from` may be used where `to` is expected without a CAST.
bool implicitlyConvertible(const DataType& from, const DataType& to);

// The type an ast::SqlType names. Custom types (CREATE TYPE) are looked up by the caller first;
// here they are an error.
Result<DataType> fromAst(const ast::SqlType& type);

}  // namespace runnel::sql
