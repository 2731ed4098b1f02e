// JsonColumnReader: reads a JSON object straight into a row's value columns, without building
// a generic Value for the document — one pass finds where each column's field is, then only
// the columns the query reads (the `needed` mask: projection pushdown) are decoded; the others
// stay NULL and are only checked to be readable as their type. Common shapes (plain strings,
// numbers, booleans, null) decode in place; anything else (escapes, nested values, numbers
// into STRING, text into numbers, malformed documents) goes through parseJson + coerceJson, so
// the values and the error messages are exactly those of the generic path.
// Keeps scratch buffers between calls: one reader per thread (a SourceOperator owns one).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/sql/types/schema.h"
#include "engine/sql/types/value.h"

namespace runnel::sql {

class JsonColumnReader {
 public:
  // `needed[i]` says whether columns[i] is decoded; empty = every column.
  explicit JsonColumnReader(std::vector<Column> columns, std::vector<bool> needed = {});

  // Fills `out` (resized to the columns) from the JSON object `text`. Fields are matched to
  // columns by exact name first, then ignoring case (the first such field wins, as
  // Value::field does); absent fields are NULL. A document that is not an object, or whose
  // columns cannot be read as their types, gives an error (and leaves `out` unspecified).
  Status read(std::string_view text, std::vector<Value>& out);

  const std::vector<Column>& columns() const { return columns_; }

 private:
  struct Span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    char first = 0;     // the value's first character ('"', '{', '[', 't', 'f', 'n', digit, '-')
    bool plain = true;  // a string without escapes, or a number without '.', 'e' or 'E'
    unsigned rank = 0;  // 0 = no field yet, 1 = matched ignoring case, 2 = exact
  };

  // Pass 1: validates the object's structure and records each column's field; false when the
  // document needs the generic path (not an object, escaped names, malformed).
  bool scan(std::string_view text);
  bool skipValue(std::string_view s, std::size_t& pos, Span& span, int depth) const;
  void match(std::string_view name, const Span& span);
  // Pass 2: one column from its span; false = not a shape decoded in place.
  bool decodeFast(std::string_view text, const Span& span, const DataType& type, Value& out) const;
  bool compatible(const Span& span, const DataType& type) const;
  Status decodeGeneric(std::string_view text, const Span& span, const DataType& type,
                       Value& out) const;
  Status readGeneric(std::string_view text, std::vector<Value>& out) const;

  std::vector<Column> columns_;
  std::vector<bool> needed_;
  std::vector<Span> spans_;
};

}  // namespace runnel::sql
