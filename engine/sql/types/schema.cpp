#include "engine/sql/types/schema.h"

#include "engine/sql/parser/ast/sql_writer.h"

namespace runnel::sql {

std::optional<PseudoColumn> pseudoColumnByName(std::string_view name) {
  if (name == "ROWTIME") return PseudoColumn::kRowtime;
  if (name == "ROWPARTITION") return PseudoColumn::kRowPartition;
  if (name == "ROWOFFSET") return PseudoColumn::kRowOffset;
  if (name == "WINDOWSTART") return PseudoColumn::kWindowStart;
  if (name == "WINDOWEND") return PseudoColumn::kWindowEnd;
  return std::nullopt;
}

std::string_view pseudoColumnName(PseudoColumn column) {
  switch (column) {
    case PseudoColumn::kRowtime:
      return "ROWTIME";
    case PseudoColumn::kRowPartition:
      return "ROWPARTITION";
    case PseudoColumn::kRowOffset:
      return "ROWOFFSET";
    case PseudoColumn::kWindowStart:
      return "WINDOWSTART";
    case PseudoColumn::kWindowEnd:
      return "WINDOWEND";
  }
  return "?";
}

DataType pseudoColumnType(PseudoColumn column) {
  return column == PseudoColumn::kRowPartition ? DataType::integer() : DataType::bigint();
}

int Schema::indexOf(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

std::vector<int> Schema::keyIndexes() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].role == ColumnRole::kKey) out.push_back(static_cast<int>(i));
  return out;
}

std::vector<int> Schema::valueIndexes() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].role != ColumnRole::kKey) out.push_back(static_cast<int>(i));
  return out;
}

std::size_t Schema::keyCount() const {
  return keyIndexes().size();
}

std::string Schema::toSql() const {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += ", ";
    ast::SqlWriter w;
    w.identifier(ast::Identifier{c.name, false, {}});
    out += w.text() + " " + c.type.toSql();
    if (c.role == ColumnRole::kKey) out += " KEY";
    if (c.role == ColumnRole::kHeaders)
      out += c.headerKey.empty() ? " HEADERS" : " HEADER('" + c.headerKey + "')";
  }
  return out;
}

}  // namespace runnel::sql
