// BoundQuery: a SELECT after binding — its source, typed expressions over known row slots, the
// aggregation (GROUP BY keys, aggregate calls, window), and the output schema with its key
// columns — everything the planner needs and nothing from the AST. Also the binder's entry
// points for queries and for CREATE STREAM|TABLE's column list and WITH properties.
// A plain value; immutable once bound, shareable between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/sql/binder/bind_scope.h"
#include "engine/sql/catalog/catalog.h"
#include "engine/sql/parser/ast/query.h"
#include "engine/sql/parser/ast/stmt_create_source.h"

namespace runnel::sql {

struct BoundWindow {
  WindowKind kind = WindowKind::kTumbling;
  std::int64_t sizeMs = 0;     // the gap for SESSION windows
  std::int64_t advanceMs = 0;  // HOPPING
  std::int64_t graceMs = 0;
  std::int64_t retentionMs = 0;
};

// ksqlDB's defaults when WINDOW has no GRACE PERIOD (Kafka Streams' old 24 hours) and no
// RETENTION (window size + grace, at least a day kept for pull queries).
inline constexpr std::int64_t kDefaultGraceMs = 24LL * 3600 * 1000;
inline constexpr std::int64_t kMinDefaultRetentionMs = 24LL * 3600 * 1000;

enum class JoinKind : unsigned char { kStreamTable, kTableTable, kStreamStream };

// `FROM left JOIN right ON leftKey = rightKey`: the joined row is the left source's columns
// followed by the right source's (from `rightOffset`), NULLs for a side an outer join lacks.
struct BoundJoin {
  JoinKind kind = JoinKind::kStreamTable;
  ast::JoinType type = ast::JoinType::kInner;
  SourceInfo right;
  std::string leftName;  // the names expressions use for the sources (aliases)
  std::string rightName;
  BoundExprPtr leftKey;    // over the left source's own row
  BoundExprPtr rightKey;   // over the right source's own row
  std::string leftKeySql;  // the keys as bound in the joined row (to find them in SELECT)
  std::string rightKeySql;
  int rightOffset = 0;
  // Stream-stream WITHIN (before, after): a right record at tr joins a left one at tl when
  // tl - before <= tr <= tl + after.
  std::int64_t beforeMs = 0;
  std::int64_t afterMs = 0;
  std::int64_t graceMs = 0;
};

std::string_view joinKindName(JoinKind kind);
std::string_view joinTypeName(ast::JoinType type);

struct BoundQuery {
  SourceInfo source;
  std::optional<BoundJoin> join;
  // The row WHERE, GROUP BY and SELECT read: the source's schema, or for a join both sources'
  // columns side by side, named <SOURCE>_<COLUMN> as ksqlDB's SELECT * names them.
  Schema input;
  BoundExprPtr where;  // over the source row; may be null

  bool aggregated = false;
  // GROUP BY over a table: each change takes the row it replaces out of its group (undo) before
  // adding the new one, as Kafka Streams' KTable aggregation subtracts and adds.
  bool tableAggregation = false;
  AggregationContext aggregation;  // groupBy over the source row; aggregate calls
  std::optional<BoundWindow> window;
  BoundExprPtr having;  // over the post-aggregation row; may be null
  // GROUP BY a different key than the source's: rows move through a repartition topic first.
  bool needsRepartition = false;

  std::vector<BoundExprPtr> partitionBy;  // streams: the new key, over the source row

  // One expression per output column, in SELECT order, over the source row (or over the
  // post-aggregation row when aggregated). `output` names and types them; its key columns are
  // the GROUP BY / PARTITION BY expressions (or the source's key columns passed through).
  std::vector<BoundExprPtr> projection;
  Schema output;
  SourceType outputType = SourceType::kStream;
  WindowKind outputWindow = WindowKind::kNone;
  std::int64_t outputWindowSizeMs = 0;

  ast::EmitMode emitMode = ast::EmitMode::kChanges;
  std::optional<std::int64_t> limit;
  std::vector<std::string> notices;
};

struct BindOptions {
  bool persistent = false;  // CREATE ... AS SELECT / INSERT INTO: the key must be projected
};

// Binds a query against the catalog. `text` is the statement text for error carets.
Result<BoundQuery> bindQuery(const ast::Query& query, const Catalog& catalog, std::string_view text,
                             BindOptions options = {});

// The canonical value of a WITH property (strings unquoted, numbers as written), or nullopt.
std::optional<std::string> propertyText(const std::vector<ast::Property>& properties,
                                        std::string_view upperName);

// CREATE STREAM|TABLE name (columns) WITH (...): the SourceInfo it declares, and the partition
// and replica counts to create its topic with when it does not exist (PARTITIONS, REPLICAS).
struct BoundCreateSource {
  SourceInfo source;
  std::optional<std::int32_t> partitions;
  std::optional<std::int16_t> replicas;
};
Result<BoundCreateSource> bindCreateSource(const ast::CreateSourceStmt& stmt,
                                           std::string_view text);

// The WITH properties accepted by CREATE ... AS SELECT (the sink's topic, formats, partitions).
struct SinkProperties {
  std::optional<std::string> topic;
  std::optional<Format> keyFormat;
  std::optional<Format> valueFormat;
  std::optional<std::int32_t> partitions;
  std::optional<std::int16_t> replicas;
  std::optional<std::string> timestampColumn;
};
Result<SinkProperties> bindSinkProperties(const std::vector<ast::Property>& properties,
                                          std::string_view text);

}  // namespace runnel::sql
