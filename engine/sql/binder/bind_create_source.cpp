// bindCreateSource() and bindSinkProperties(): CREATE STREAM|TABLE column lists and WITH (...).
#include <set>

#include "engine/sql/binder/bound_query.h"
#include "engine/sql/parser/ast/ast.h"

namespace runnel::sql {
namespace {

const std::set<std::string>& knownSourceProperties() {
  static const std::set<std::string> k = {
      "KAFKA_TOPIC", "VALUE_FORMAT", "KEY_FORMAT",        "FORMAT",          "PARTITIONS",
      "REPLICAS",    "TIMESTAMP",    "TIMESTAMP_FORMAT",  "VALUE_DELIMITER", "KEY_DELIMITER",
      "WINDOW_TYPE", "WINDOW_SIZE",  "WRAP_SINGLE_VALUE", "RETENTION_MS"};
  return k;
}

Status checkKnown(const std::vector<ast::Property>& props, const ExpressionBinder& binder) {
  for (const auto& p : props)
    if (!knownSourceProperties().count(p.name))
      return binder.error(
          p.range, "unknown property " + p.name,
          "supported: KAFKA_TOPIC, VALUE_FORMAT, KEY_FORMAT, FORMAT, PARTITIONS, REPLICAS, "
          "TIMESTAMP, "
          "TIMESTAMP_FORMAT, VALUE_DELIMITER, WRAP_SINGLE_VALUE, WINDOW_TYPE, WINDOW_SIZE");
  return Status::ok();
}

const ast::Property* findProp(const std::vector<ast::Property>& props, std::string_view name) {
  for (const auto& p : props)
    if (p.name == name) return &p;
  return nullptr;
}

Result<std::optional<std::int64_t>> intProperty(const std::vector<ast::Property>& props,
                                                std::string_view name,
                                                const ExpressionBinder& binder) {
  const ast::Property* p = findProp(props, name);
  if (!p) return std::optional<std::int64_t>();
  const auto* lit = p->value->tryAs<ast::LiteralExpr>();
  if (!lit ||
      (lit->literalKind != ast::LiteralKind::kInteger &&
       lit->literalKind != ast::LiteralKind::kBigint) ||
      lit->intValue <= 0)
    return binder.error(p->range, std::string(name) + " must be a positive whole number");
  return std::optional<std::int64_t>(lit->intValue);
}

Result<Format> formatProperty(const std::vector<ast::Property>& props, std::string_view name,
                              const ExpressionBinder& binder) {
  const ast::Property* p = findProp(props, name);
  auto f = formatFromName(*propertyText(props, name));
  if (!f) return binder.error(p->range, f.status().message());
  return *f;
}

// "5 MINUTES", "30 SECONDS", "1 HOUR" as WINDOW_SIZE takes it.
std::optional<std::int64_t> parseDurationText(const std::string& text) {
  std::size_t i = 0;
  std::int64_t n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
    n = n * 10 + (text[i++] - '0');
  if (i == 0) return std::nullopt;
  while (i < text.size() && text[i] == ' ')
    ++i;
  std::string unit;
  for (; i < text.size(); ++i)
    unit.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(text[i]))));
  if (!unit.empty() && unit.back() == 'S') unit.pop_back();
  if (unit == "MILLISECOND") return n;
  if (unit == "SECOND") return n * 1000;
  if (unit == "MINUTE") return n * 60000;
  if (unit == "HOUR") return n * 3600000;
  if (unit == "DAY") return n * 86400000;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> propertyText(const std::vector<ast::Property>& properties,
                                        std::string_view upperName) {
  const ast::Property* p = findProp(properties, upperName);
  if (!p) return std::nullopt;
  if (const auto* lit = p->value->tryAs<ast::LiteralExpr>()) {
    switch (lit->literalKind) {
      case ast::LiteralKind::kString:
        return lit->text;
      case ast::LiteralKind::kBoolean:
        return std::string(lit->boolValue ? "true" : "false");
      case ast::LiteralKind::kNull:
        return std::string();
      default:
        return lit->text;
    }
  }
  return ast::toSql(*p->value);
}

Result<BoundCreateSource> bindCreateSource(const ast::CreateSourceStmt& stmt,
                                           std::string_view text) {
  ExpressionBinder binder(text);
  BoundCreateSource out;
  SourceInfo& s = out.source;
  s.name = stmt.name.name;
  s.type = stmt.sourceKind == ast::SourceKind::kTable ? SourceType::kTable : SourceType::kStream;
  s.readOnly = stmt.isSource;
  const auto& props = stmt.properties;
  RUNNEL_RETURN_IF_ERROR(checkKnown(props, binder));
  s.topic = propertyText(props, "KAFKA_TOPIC").value_or(s.name);
  if (s.topic.empty()) return binder.error(stmt.range, "KAFKA_TOPIC must not be empty");

  if (findProp(props, "FORMAT")) {
    RUNNEL_ASSIGN_OR_RETURN(Format f, formatProperty(props, "FORMAT", binder));
    s.keyFormat = s.valueFormat = f;
  } else if (!findProp(props, "VALUE_FORMAT")) {
    return binder.error(stmt.range, "VALUE_FORMAT (or FORMAT) is required",
                        "e.g. WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON')");
  }
  if (findProp(props, "VALUE_FORMAT")) {
    RUNNEL_ASSIGN_OR_RETURN(s.valueFormat, formatProperty(props, "VALUE_FORMAT", binder));
  }
  if (findProp(props, "KEY_FORMAT")) {
    RUNNEL_ASSIGN_OR_RETURN(s.keyFormat, formatProperty(props, "KEY_FORMAT", binder));
  } else if (!findProp(props, "FORMAT")) {
    s.keyFormat = Format{FormatKind::kKafka};
  }
  if (auto d = propertyText(props, "VALUE_DELIMITER")) {
    if (*d == "TAB") *d = "\t";
    if (*d == "SPACE") *d = " ";
    if (d->size() != 1)
      return binder.error(findProp(props, "VALUE_DELIMITER")->range,
                          "VALUE_DELIMITER must be one character");
    s.valueFormat.delimiter = (*d)[0];
  }
  if (auto w = propertyText(props, "WRAP_SINGLE_VALUE"))
    s.valueFormat.wrapSingleValue = *w != "false";

  std::set<std::string> names;
  for (const auto& c : stmt.columns) {
    if (!names.insert(c.name.name).second)
      return binder.error(c.name.range, "duplicate column " + c.name.name);
    if (pseudoColumnByName(c.name.name))
      return binder.error(c.name.range, c.name.name + " is a reserved pseudo-column name");
    auto type = fromAst(*c.type);
    if (!type) return binder.error(c.type->range, type.status().message());
    Column col{c.name.name, *type, ColumnRole::kValue, c.headerKey};
    switch (c.constraint) {
      case ast::ColumnConstraint::kKey:
        if (s.isTable())
          return binder.error(c.range, "tables declare their key with PRIMARY KEY, not KEY");
        col.role = ColumnRole::kKey;
        break;
      case ast::ColumnConstraint::kPrimaryKey:
        if (!s.isTable())
          return binder.error(c.range, "streams declare their key with KEY, not PRIMARY KEY");
        col.role = ColumnRole::kKey;
        break;
      case ast::ColumnConstraint::kHeaders:
      case ast::ColumnConstraint::kHeader:
        return binder.error(c.range, "HEADER columns are not supported yet");
      case ast::ColumnConstraint::kNone:
        break;
    }
    s.schema.columns.push_back(std::move(col));
  }
  if (stmt.columns.empty())
    return binder.error(
        stmt.range, "declare the columns: without a schema registry the column list is required");
  // Key columns first, as ksqlDB orders them.
  std::stable_partition(s.schema.columns.begin(), s.schema.columns.end(),
                        [](const Column& c) { return c.role == ColumnRole::kKey; });
  if (s.isTable() && s.keyColumns().empty())
    return binder.error(stmt.range, "a table needs a PRIMARY KEY column");
  if (auto st = checkFormatSupports(s.keyFormat, s.keyColumns(), true); !st.isOk())
    return binder.error(stmt.range, st.message());
  if (auto st = checkFormatSupports(s.valueFormat, s.valueColumns(), false); !st.isOk())
    return binder.error(stmt.range, st.message());
  if (s.keyColumns().empty() && !findProp(props, "KEY_FORMAT") && !findProp(props, "FORMAT"))
    s.keyFormat = Format{FormatKind::kKafka};

  if (auto ts = propertyText(props, "TIMESTAMP")) {
    std::string upper = *ts;
    for (auto& ch : upper)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const int i = s.schema.indexOf(upper) >= 0 ? s.schema.indexOf(upper) : s.schema.indexOf(*ts);
    if (i < 0)
      return binder.error(findProp(props, "TIMESTAMP")->range,
                          "TIMESTAMP column " + *ts + " does not exist");
    const TypeKind k = s.schema.columns[static_cast<std::size_t>(i)].type.kind();
    if (k != TypeKind::kBigint && k != TypeKind::kTimestamp && k != TypeKind::kString)
      return binder.error(findProp(props, "TIMESTAMP")->range,
                          "a TIMESTAMP column must be BIGINT, TIMESTAMP or STRING");
    s.timestampColumn = s.schema.columns[static_cast<std::size_t>(i)].name;
  }
  s.timestampFormat = propertyText(props, "TIMESTAMP_FORMAT").value_or("");

  if (auto wt = propertyText(props, "WINDOW_TYPE")) {
    std::string upper = *wt;
    for (auto& ch : upper)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (upper == "TUMBLING")
      s.windowKind = WindowKind::kTumbling;
    else if (upper == "HOPPING")
      s.windowKind = WindowKind::kHopping;
    else if (upper == "SESSION")
      s.windowKind = WindowKind::kSession;
    else
      return binder.error(findProp(props, "WINDOW_TYPE")->range,
                          "WINDOW_TYPE must be TUMBLING, HOPPING or SESSION");
    if (s.windowKind != WindowKind::kSession) {
      auto size = propertyText(props, "WINDOW_SIZE");
      auto ms = size ? parseDurationText(*size) : std::nullopt;
      if (!ms)
        return binder.error(stmt.range,
                            "a TUMBLING or HOPPING source needs WINDOW_SIZE, e.g. '5 MINUTES'");
      s.windowSizeMs = *ms;
    }
  }
  RUNNEL_ASSIGN_OR_RETURN(auto partitions, intProperty(props, "PARTITIONS", binder));
  RUNNEL_ASSIGN_OR_RETURN(auto replicas, intProperty(props, "REPLICAS", binder));
  if (partitions) out.partitions = static_cast<std::int32_t>(*partitions);
  if (replicas) out.replicas = static_cast<std::int16_t>(*replicas);
  return out;
}

Result<SinkProperties> bindSinkProperties(const std::vector<ast::Property>& props,
                                          std::string_view text) {
  ExpressionBinder binder(text);
  RUNNEL_RETURN_IF_ERROR(checkKnown(props, binder));
  SinkProperties out;
  out.topic = propertyText(props, "KAFKA_TOPIC");
  if (findProp(props, "FORMAT")) {
    RUNNEL_ASSIGN_OR_RETURN(Format f, formatProperty(props, "FORMAT", binder));
    out.keyFormat = out.valueFormat = f;
  }
  if (findProp(props, "VALUE_FORMAT")) {
    RUNNEL_ASSIGN_OR_RETURN(Format f, formatProperty(props, "VALUE_FORMAT", binder));
    out.valueFormat = f;
  }
  if (findProp(props, "KEY_FORMAT")) {
    RUNNEL_ASSIGN_OR_RETURN(Format f, formatProperty(props, "KEY_FORMAT", binder));
    out.keyFormat = f;
  }
  if (auto d = propertyText(props, "VALUE_DELIMITER"); d && d->size() == 1) {
    if (!out.valueFormat) out.valueFormat = Format{FormatKind::kDelimited};
    out.valueFormat->delimiter = (*d)[0];
  }
  RUNNEL_ASSIGN_OR_RETURN(auto partitions, intProperty(props, "PARTITIONS", binder));
  RUNNEL_ASSIGN_OR_RETURN(auto replicas, intProperty(props, "REPLICAS", binder));
  if (partitions) out.partitions = static_cast<std::int32_t>(*partitions);
  if (replicas) out.replicas = static_cast<std::int16_t>(*replicas);
  out.timestampColumn = propertyText(props, "TIMESTAMP");
  return out;
}

}  // namespace runnel::sql
