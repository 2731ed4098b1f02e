#include "engine/sql/formats/format.h"

#include <cstring>

#include "engine/common/json_writer.h"
#include "engine/sql/formats/json_codec.h"

namespace runnel::sql {

std::string_view windowKindName(WindowKind kind) {
  switch (kind) {
    case WindowKind::kTumbling:
      return "TUMBLING";
    case WindowKind::kHopping:
      return "HOPPING";
    case WindowKind::kSession:
      return "SESSION";
    case WindowKind::kNone:
      return "";
  }
  return "";
}

std::string Format::name() const {
  switch (kind) {
    case FormatKind::kNone:
      return "NONE";
    case FormatKind::kKafka:
      return "KAFKA";
    case FormatKind::kJson:
      return "JSON";
    case FormatKind::kDelimited:
      return "DELIMITED";
  }
  return "?";
}

Result<Format> formatFromName(std::string_view name) {
  std::string upper(name);
  for (auto& c : upper)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  Format f;
  if (upper == "KAFKA")
    f.kind = FormatKind::kKafka;
  else if (upper == "JSON")
    f.kind = FormatKind::kJson;
  else if (upper == "DELIMITED")
    f.kind = FormatKind::kDelimited;
  else if (upper == "NONE")
    f.kind = FormatKind::kNone;
  else if (upper == "AVRO" || upper == "PROTOBUF" || upper == "PROTOBUF_NOSR" || upper == "JSON_SR")
    return Status::notSupported("format " + upper +
                                " needs a schema registry, which Runnel does not have yet; use "
                                "JSON, DELIMITED or KAFKA");
  else
    return Status::invalidArgument("unknown format '" + std::string(name) +
                                   "' (use JSON, DELIMITED, KAFKA or NONE)");
  return f;
}

Status checkFormatSupports(const Format& format, const std::vector<Column>& columns, bool isKey) {
  const char* what = isKey ? "key" : "value";
  if (format.kind == FormatKind::kNone && !columns.empty())
    return Status::invalidArgument(std::string("format NONE cannot hold ") + what + " columns");
  if (format.kind == FormatKind::kKafka) {
    if (columns.size() > 1)
      return Status::invalidArgument(std::string("format KAFKA holds a single ") + what +
                                     " column; there are " + std::to_string(columns.size()) +
                                     " (use JSON or DELIMITED)");
    for (const auto& c : columns) {
      const TypeKind k = c.type.kind();
      if (k != TypeKind::kInteger && k != TypeKind::kBigint && k != TypeKind::kDouble &&
          k != TypeKind::kString && k != TypeKind::kBytes)
        return Status::invalidArgument("format KAFKA does not support type " + c.type.toSql() +
                                       " (column " + c.name + ")");
    }
  }
  if (format.kind == FormatKind::kDelimited) {
    for (const auto& c : columns)
      if (!c.type.isPrimitive())
        return Status::invalidArgument("format DELIMITED does not support type " + c.type.toSql() +
                                       " (column " + c.name + ")");
  }
  return Status::ok();
}

namespace {

Result<Bytes> kafkaSerialize(const Column& column, const Value& v) {
  Bytes out;
  switch (column.type.kind()) {
    case TypeKind::kInteger:
      out.resize(4);
      storeBigEndian32(out.data(),
                       static_cast<std::uint32_t>(static_cast<std::int32_t>(v.asInt())));
      return out;
    case TypeKind::kBigint:
      out.resize(8);
      storeBigEndian64(out.data(), static_cast<std::uint64_t>(v.asInt()));
      return out;
    case TypeKind::kDouble: {
      const double d = v.asDouble();
      std::uint64_t bits;
      std::memcpy(&bits, &d, 8);
      out.resize(8);
      storeBigEndian64(out.data(), bits);
      return out;
    }
    case TypeKind::kString:
    case TypeKind::kBytes:
      return toBytes(v.asString());
    default:
      return Status::invalidArgument("format KAFKA does not support " + column.type.toSql());
  }
}

Result<Value> kafkaDeserialize(const Column& column, ByteView b) {
  auto wrongSize = [&] {
    return Status::invalidArgument(
        "KAFKA " + column.type.toSql() + " needs " +
        std::string(column.type.kind() == TypeKind::kInteger ? "4" : "8") + " bytes, got " +
        std::to_string(b.size()));
  };
  switch (column.type.kind()) {
    case TypeKind::kInteger:
      if (b.size() != 4) return wrongSize();
      return Value::integer(static_cast<std::int32_t>(loadBigEndian32(b.data())));
    case TypeKind::kBigint:
      if (b.size() != 8) return wrongSize();
      return Value::bigint(static_cast<std::int64_t>(loadBigEndian64(b.data())));
    case TypeKind::kDouble: {
      if (b.size() != 8) return wrongSize();
      const std::uint64_t bits = loadBigEndian64(b.data());
      double d;
      std::memcpy(&d, &bits, 8);
      return Value::doubleValue(d);
    }
    case TypeKind::kString:
      return Value::string(std::string(asChars(b)));
    case TypeKind::kBytes:
      return Value::bytes(std::string(asChars(b)));
    default:
      return Status::invalidArgument("format KAFKA does not support " + column.type.toSql());
  }
}

std::vector<std::optional<std::string>> splitDelimited(std::string_view text, char delimiter) {
  std::vector<std::optional<std::string>> out;
  std::size_t i = 0;
  for (;;) {
    std::string field;
    bool quoted = false;
    if (i < text.size() && text[i] == '"') {
      quoted = true;
      ++i;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(text[i++]);
      }
    }
    while (i < text.size() && text[i] != delimiter)
      field.push_back(text[i++]);
    if (!quoted && field.empty())
      out.emplace_back(std::nullopt);
    else
      out.emplace_back(std::move(field));
    if (i >= text.size()) break;
    ++i;  // the delimiter
  }
  return out;
}

Bytes withWindow(Bytes key, WindowKind kind, const WindowBounds& w) {
  const std::size_t at = key.size();
  if (kind == WindowKind::kSession) {
    key.resize(at + 16);
    storeBigEndian64(key.data() + at, static_cast<std::uint64_t>(w.end));
    storeBigEndian64(key.data() + at + 8, static_cast<std::uint64_t>(w.start));
  } else {
    key.resize(at + 8);
    storeBigEndian64(key.data() + at, static_cast<std::uint64_t>(w.start));
  }
  return key;
}

}  // namespace

Result<std::optional<Bytes>> serializeKey(const Format& format,
                                          const std::vector<Column>& keyColumns,
                                          const std::vector<Value>& values, WindowKind windowKind,
                                          const std::optional<WindowBounds>& window) {
  std::optional<Bytes> key;
  bool allNull = true;
  for (const auto& v : values)
    allNull = allNull && v.isNull();
  if (!keyColumns.empty() && !allNull) {
    switch (format.kind) {
      case FormatKind::kNone:
        break;
      case FormatKind::kKafka: {
        RUNNEL_ASSIGN_OR_RETURN(Bytes b, kafkaSerialize(keyColumns[0], values[0]));
        key = std::move(b);
        break;
      }
      case FormatKind::kJson: {
        // A single key column is written bare; several as an object.
        if (keyColumns.size() == 1) {
          key = toBytes(toJson(values[0]));
        } else {
          Value::Fields fields;
          for (std::size_t i = 0; i < keyColumns.size(); ++i)
            fields.emplace_back(keyColumns[i].name, values[i]);
          key = toBytes(toJson(Value::structValue(std::move(fields))));
        }
        break;
      }
      case FormatKind::kDelimited: {
        RUNNEL_ASSIGN_OR_RETURN(std::optional<Bytes> b, serializeValue(format, keyColumns, values));
        key = std::move(b);
        break;
      }
    }
  }
  if (window && windowKind != WindowKind::kNone)
    return std::optional<Bytes>(withWindow(key.value_or(Bytes{}), windowKind, *window));
  return key;
}

Result<DecodedKey> deserializeKey(const Format& format, const std::vector<Column>& keyColumns,
                                  const std::optional<Bytes>& bytes,
                                  const WindowedKeyInfo& windowed) {
  DecodedKey out;
  // A view, not a copy: this runs for every record a query reads.
  std::optional<ByteView> key;
  if (bytes) key = ByteView(*bytes);
  if (windowed.kind != WindowKind::kNone && key) {
    const std::size_t suffix =
        windowed.kind == WindowKind::kSession ? kSessionWindowSuffixBytes : kTimeWindowSuffixBytes;
    if (key->size() < suffix)
      return Status::invalidArgument("windowed key shorter than its window");
    const std::uint8_t* tail = key->data() + key->size() - suffix;
    WindowBounds w;
    if (windowed.kind == WindowKind::kSession) {
      w.end = static_cast<std::int64_t>(loadBigEndian64(tail));
      w.start = static_cast<std::int64_t>(loadBigEndian64(tail + 8));
    } else {
      w.start = static_cast<std::int64_t>(loadBigEndian64(tail));
      w.end = w.start + windowed.sizeMs;
    }
    out.window = w;
    key = key->first(key->size() - suffix);
  }
  if (keyColumns.empty()) return out;
  if (!key || (format.kind != FormatKind::kKafka && key->empty())) {
    out.values.assign(keyColumns.size(), Value());
    return out;
  }
  switch (format.kind) {
    case FormatKind::kNone:
      out.values.assign(keyColumns.size(), Value());
      break;
    case FormatKind::kKafka: {
      RUNNEL_ASSIGN_OR_RETURN(Value v, kafkaDeserialize(keyColumns[0], *key));
      out.values.push_back(std::move(v));
      break;
    }
    case FormatKind::kJson: {
      RUNNEL_ASSIGN_OR_RETURN(Value generic, parseJson(asChars(*key)));
      if (keyColumns.size() == 1 && generic.kind() != TypeKind::kStruct) {
        RUNNEL_ASSIGN_OR_RETURN(Value v, coerceJson(generic, keyColumns[0].type));
        out.values.push_back(std::move(v));
      } else {
        if (generic.kind() != TypeKind::kStruct && keyColumns.size() > 1)
          return Status::invalidArgument("expected a JSON object for a multi-column key");
        for (const auto& c : keyColumns) {
          Value field = generic.kind() == TypeKind::kStruct ? generic.field(c.name) : generic;
          if (keyColumns.size() == 1 && generic.kind() == TypeKind::kStruct &&
              c.type.kind() == TypeKind::kStruct)
            field = generic;
          RUNNEL_ASSIGN_OR_RETURN(Value v, coerceJson(field, c.type));
          out.values.push_back(std::move(v));
        }
      }
      break;
    }
    case FormatKind::kDelimited: {
      RUNNEL_ASSIGN_OR_RETURN(
          auto values, deserializeValue(format, keyColumns, Bytes(key->begin(), key->end())));
      out.values = values ? std::move(*values) : std::vector<Value>(keyColumns.size());
      break;
    }
  }
  return out;
}

Result<std::optional<Bytes>> serializeValue(const Format& format,
                                            const std::vector<Column>& columns,
                                            const std::vector<Value>& values) {
  switch (format.kind) {
    case FormatKind::kNone:
      return std::optional<Bytes>();
    case FormatKind::kKafka: {
      if (columns.empty()) return std::optional<Bytes>();
      if (values[0].isNull()) return std::optional<Bytes>();
      RUNNEL_ASSIGN_OR_RETURN(Bytes b, kafkaSerialize(columns[0], values[0]));
      return std::optional<Bytes>(std::move(b));
    }
    case FormatKind::kJson: {
      if (columns.size() == 1 && !format.wrapSingleValue)
        return std::optional<Bytes>(toBytes(toJson(values[0])));
      std::string out = "{";
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out.push_back(',');
        JsonWriter::appendQuoted(out, columns[i].name);
        out.push_back(':');
        appendJson(out, values[i]);
      }
      out.push_back('}');
      return std::optional<Bytes>(toBytes(out));
    }
    case FormatKind::kDelimited: {
      std::string out;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out.push_back(format.delimiter);
        if (values[i].isNull()) continue;
        std::string text = values[i].kind() == TypeKind::kTimestamp ||
                                   values[i].kind() == TypeKind::kDate ||
                                   values[i].kind() == TypeKind::kTime
                               ? std::to_string(values[i].asInt())
                               : values[i].toString();
        const bool needsQuotes = text.empty() || text.find(format.delimiter) != std::string::npos ||
                                 text.find('"') != std::string::npos ||
                                 text.find('\n') != std::string::npos;
        if (needsQuotes) {
          out.push_back('"');
          for (char c : text) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
          }
          out.push_back('"');
        } else {
          out += text;
        }
      }
      return std::optional<Bytes>(toBytes(out));
    }
  }
  return Status::internal("unknown format");
}

Result<std::optional<std::vector<Value>>> deserializeValue(const Format& format,
                                                           const std::vector<Column>& columns,
                                                           const std::optional<Bytes>& bytes) {
  if (!bytes) return std::optional<std::vector<Value>>();
  std::vector<Value> out;
  switch (format.kind) {
    case FormatKind::kNone:
      out.assign(columns.size(), Value());
      break;
    case FormatKind::kKafka: {
      if (columns.empty()) break;
      RUNNEL_ASSIGN_OR_RETURN(Value v, kafkaDeserialize(columns[0], *bytes));
      out.push_back(std::move(v));
      break;
    }
    case FormatKind::kJson: {
      RUNNEL_ASSIGN_OR_RETURN(Value generic, parseJson(asChars(*bytes)));
      const bool bare =
          columns.size() == 1 && (!format.wrapSingleValue || generic.kind() != TypeKind::kStruct ||
                                  (columns[0].type.kind() == TypeKind::kStruct &&
                                   generic.field(columns[0].name).isNull()));
      if (!bare && generic.kind() != TypeKind::kStruct) {
        if (generic.isNull()) return std::optional<std::vector<Value>>();
        return Status::invalidArgument("expected a JSON object, got " + generic.toLiteral());
      }
      for (const auto& c : columns) {
        RUNNEL_ASSIGN_OR_RETURN(Value v,
                                coerceJson(bare ? generic : generic.field(c.name), c.type));
        out.push_back(std::move(v));
      }
      break;
    }
    case FormatKind::kDelimited: {
      auto fields = splitDelimited(asChars(*bytes), format.delimiter);
      if (fields.size() != columns.size())
        return Status::invalidArgument("expected " + std::to_string(columns.size()) +
                                       " delimited fields, got " + std::to_string(fields.size()));
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (!fields[i]) {
          out.emplace_back();
          continue;
        }
        Value text = Value::string(*fields[i]);
        const TypeKind k = columns[i].type.kind();
        if (k == TypeKind::kTimestamp || k == TypeKind::kDate || k == TypeKind::kTime) {
          RUNNEL_ASSIGN_OR_RETURN(Value n, castValue(text, DataType::bigint()));
          RUNNEL_ASSIGN_OR_RETURN(Value v, coerceJson(n, columns[i].type));
          out.push_back(std::move(v));
        } else {
          RUNNEL_ASSIGN_OR_RETURN(Value v, castValue(text, columns[i].type));
          out.push_back(std::move(v));
        }
      }
      break;
    }
  }
  return std::optional<std::vector<Value>>(std::move(out));
}

}  // namespace runnel::sql
