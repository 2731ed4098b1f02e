#include "engine/sql/types/data_type.h"

#include <algorithm>

#include "engine/sql/parser/ast/sql_writer.h"

namespace runnel::sql {

DataType DataType::decimal(int precision, int scale) {
  DataType t(TypeKind::kDecimal);
  t.precision_ = precision;
  t.scale_ = scale;
  return t;
}

DataType DataType::array(DataType element) {
  DataType t(TypeKind::kArray);
  t.params_ =
      std::make_shared<const std::vector<DataType>>(std::vector<DataType>{std::move(element)});
  return t;
}

DataType DataType::map(DataType key, DataType value) {
  DataType t(TypeKind::kMap);
  t.params_ = std::make_shared<const std::vector<DataType>>(
      std::vector<DataType>{std::move(key), std::move(value)});
  return t;
}

DataType DataType::structType(std::vector<StructFieldType> fields) {
  DataType t(TypeKind::kStruct);
  t.fields_ = std::make_shared<const std::vector<StructFieldType>>(std::move(fields));
  return t;
}

const std::vector<StructFieldType>& DataType::fields() const {
  static const std::vector<StructFieldType> kNone;
  return fields_ ? *fields_ : kNone;
}

bool DataType::isNumeric() const {
  return kind_ == TypeKind::kInteger || kind_ == TypeKind::kBigint || kind_ == TypeKind::kDouble ||
         kind_ == TypeKind::kDecimal;
}

std::string DataType::toSql() const {
  switch (kind_) {
    case TypeKind::kNull:
      return "NULL";
    case TypeKind::kBoolean:
      return "BOOLEAN";
    case TypeKind::kInteger:
      return "INTEGER";
    case TypeKind::kBigint:
      return "BIGINT";
    case TypeKind::kDouble:
      return "DOUBLE";
    case TypeKind::kDecimal:
      return "DECIMAL(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
    case TypeKind::kString:
      return "STRING";
    case TypeKind::kBytes:
      return "BYTES";
    case TypeKind::kTimestamp:
      return "TIMESTAMP";
    case TypeKind::kDate:
      return "DATE";
    case TypeKind::kTime:
      return "TIME";
    case TypeKind::kArray:
      return "ARRAY<" + element().toSql() + ">";
    case TypeKind::kMap:
      return "MAP<" + mapKey().toSql() + ", " + mapValue().toSql() + ">";
    case TypeKind::kStruct: {
      std::string out = "STRUCT<";
      bool first = true;
      for (const auto& f : fields()) {
        if (!first) out += ", ";
        first = false;
        ast::SqlWriter w;
        w.identifier(ast::Identifier{f.name, false, {}});
        out += w.text() + " " + f.type.toSql();
      }
      return out + ">";
    }
  }
  return "?";
}

bool operator==(const DataType& a, const DataType& b) {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case TypeKind::kDecimal:
      return a.precision_ == b.precision_ && a.scale_ == b.scale_;
    case TypeKind::kArray:
    case TypeKind::kMap:
      return *a.params_ == *b.params_;
    case TypeKind::kStruct:
      return a.fields() == b.fields();
    default:
      return true;
  }
}

namespace {
int numericRank(TypeKind k) {
  switch (k) {
    case TypeKind::kInteger:
      return 1;
    case TypeKind::kBigint:
      return 2;
    case TypeKind::kDecimal:
      return 3;
    case TypeKind::kDouble:
      return 4;
    default:
      return 0;
  }
}
}  // namespace

Result<DataType> commonType(const DataType& a, const DataType& b) {
  if (a.isNull()) return b;
  if (b.isNull()) return a;
  if (a == b) return a;
  if (a.isNumeric() && b.isNumeric()) {
    if (a.kind() == TypeKind::kDecimal && b.kind() == TypeKind::kDecimal) {
      const int scale = std::max(a.scale(), b.scale());
      const int whole = std::max(a.precision() - a.scale(), b.precision() - b.scale());
      return DataType::decimal(std::min(38, whole + scale), scale);
    }
    if (a.kind() == TypeKind::kDecimal && b.isIntegral()) return a;
    if (b.kind() == TypeKind::kDecimal && a.isIntegral()) return b;
    return numericRank(a.kind()) >= numericRank(b.kind()) ? a : b;
  }
  if (a.kind() == TypeKind::kArray && b.kind() == TypeKind::kArray) {
    RUNNEL_ASSIGN_OR_RETURN(DataType e, commonType(a.element(), b.element()));
    return DataType::array(e);
  }
  if (a.kind() == TypeKind::kMap && b.kind() == TypeKind::kMap) {
    RUNNEL_ASSIGN_OR_RETURN(DataType k, commonType(a.mapKey(), b.mapKey()));
    RUNNEL_ASSIGN_OR_RETURN(DataType v, commonType(a.mapValue(), b.mapValue()));
    return DataType::map(k, v);
  }
  return Status::invalidArgument("incompatible types " + a.toSql() + " and " + b.toSql());
}

bool implicitlyConvertible(const DataType& from, const DataType& to) {
  if (from.isNull() || from == to) return true;
  if (from.isNumeric() && to.isNumeric()) return numericRank(from.kind()) <= numericRank(to.kind());
  if (from.kind() == TypeKind::kArray && to.kind() == TypeKind::kArray)
    return implicitlyConvertible(from.element(), to.element());
  if (from.kind() == TypeKind::kMap && to.kind() == TypeKind::kMap)
    return implicitlyConvertible(from.mapKey(), to.mapKey()) &&
           implicitlyConvertible(from.mapValue(), to.mapValue());
  return false;
}

Result<DataType> fromAst(const ast::SqlType& type) {
  switch (type.kind) {
    case ast::TypeKind::kBoolean:
      return DataType::boolean();
    case ast::TypeKind::kInteger:
      return DataType::integer();
    case ast::TypeKind::kBigint:
      return DataType::bigint();
    case ast::TypeKind::kDouble:
      return DataType::doubleType();
    case ast::TypeKind::kDecimal:
      return DataType::decimal(type.precision, type.scale);
    case ast::TypeKind::kString:
      return DataType::string();
    case ast::TypeKind::kBytes:
      return DataType::bytes();
    case ast::TypeKind::kTimestamp:
      return DataType::timestamp();
    case ast::TypeKind::kDate:
      return DataType::date();
    case ast::TypeKind::kTime:
      return DataType::time();
    case ast::TypeKind::kArray: {
      RUNNEL_ASSIGN_OR_RETURN(DataType e, fromAst(*type.params.at(0)));
      return DataType::array(e);
    }
    case ast::TypeKind::kMap: {
      RUNNEL_ASSIGN_OR_RETURN(DataType k, fromAst(*type.params.at(0)));
      RUNNEL_ASSIGN_OR_RETURN(DataType v, fromAst(*type.params.at(1)));
      return DataType::map(k, v);
    }
    case ast::TypeKind::kStruct: {
      std::vector<StructFieldType> fields;
      for (const auto& f : type.fields) {
        RUNNEL_ASSIGN_OR_RETURN(DataType t, fromAst(*f.type));
        fields.push_back({f.name.name, t});
      }
      return DataType::structType(std::move(fields));
    }
    case ast::TypeKind::kCustom:
      return Status::notFound("unknown type " + type.customName.name);
  }
  return Status::internal("unhandled type");
}

}  // namespace runnel::sql
