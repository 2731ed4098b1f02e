// bindQuery(): a SELECT against the catalog.
#include <set>

#include "engine/sql/binder/bind_join.h"
#include "engine/sql/binder/bound_query.h"
#include "engine/sql/parser/ast/ast.h"

namespace runnel::sql {
namespace {

std::string outputName(const ast::SelectItem& item, int& generated) {
  if (item.alias) return item.alias->name;
  if (const auto* ref = item.expr->tryAs<ast::ColumnRefExpr>()) return ref->column.name;
  if (const auto* d = item.expr->tryAs<ast::DereferenceExpr>()) return d->field.name;
  return "KSQL_COL_" + std::to_string(generated++);
}

BoundExprPtr columnExpr(const Column& c, int slot) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = BoundKind::kColumn;
  e->type = c.type;
  e->column = slot;
  e->sql = c.name;
  return e;
}

bool isBoolean(const BoundExprPtr& e) {
  return e->type.kind() == TypeKind::kBoolean || e->type.isNull();
}

}  // namespace

Result<BoundQuery> bindQuery(const ast::Query& query, const Catalog& catalog, std::string_view text,
                             BindOptions options) {
  ExpressionBinder binder(text);
  BoundQuery out;
  const auto& from = query.from.source;
  auto source = catalog.find(from.name.name);
  if (!source) {
    std::vector<std::string> names;
    for (const auto& s : catalog.list())
      names.push_back(s.name);
    const std::string s = suggestName(from.name.name, names);
    return binder.error(
        from.name.range, "no stream or table named " + from.name.name,
        s.empty() ? "SHOW STREAMS and SHOW TABLES list them" : "did you mean " + s + "?");
  }
  out.source = *source;
  out.input = out.source.schema;
  BindScope scope;
  scope.sources.push_back({from.effectiveName().name, &out.source.schema, 0});
  scope.windowBounds = out.source.windowed();
  if (!query.from.joins.empty()) {
    if (query.from.joins.size() > 1)
      return binder.error(query.from.joins[1].range,
                          "joining more than two sources in one query is not supported yet",
                          "join two of them in a CREATE ... AS SELECT first");
    RUNNEL_ASSIGN_OR_RETURN(out.join, bindJoin(query.from.joins[0], out.source,
                                               from.effectiveName().name, catalog, binder));
    scope.sources.push_back({out.join->rightName, &out.join->right.schema, out.join->rightOffset});
    out.input.columns.clear();
    for (const auto& s : scope.sources)
      for (const auto& c : s.schema->columns)
        out.input.columns.push_back({s.name + "_" + c.name, c.type, ColumnRole::kValue, {}});
  }

  if (query.where) {
    RUNNEL_ASSIGN_OR_RETURN(out.where, binder.bind(*query.where, scope));
    if (!isBoolean(out.where))
      return binder.error(query.where->range,
                          "WHERE needs a BOOLEAN condition, not " + out.where->type.toSql());
  }

  const bool tableInput = out.join ? out.join->kind == JoinKind::kTableTable : out.source.isTable();
  out.aggregated = !query.groupBy.empty();
  if (query.window && !out.aggregated)
    return binder.error(query.window->range,
                        "WINDOW needs GROUP BY: windows group rows for aggregation");
  if (query.window) {
    const auto& w = *query.window;
    BoundWindow bw;
    bw.kind = w.type == ast::WindowType::kTumbling  ? WindowKind::kTumbling
              : w.type == ast::WindowType::kHopping ? WindowKind::kHopping
                                                    : WindowKind::kSession;
    bw.sizeMs = w.size.toMillis();
    if (bw.sizeMs <= 0) return binder.error(w.size.range, "window size must be positive");
    if (bw.kind == WindowKind::kHopping) {
      if (!w.advance) return binder.error(w.range, "HOPPING windows need ADVANCE BY");
      bw.advanceMs = w.advance->toMillis();
      if (bw.advanceMs <= 0 || bw.advanceMs > bw.sizeMs)
        return binder.error(w.advance->range,
                            "ADVANCE BY must be positive and at most the window size");
    } else if (w.advance) {
      return binder.error(w.advance->range, "ADVANCE BY applies to HOPPING windows only");
    }
    bw.graceMs = w.grace ? w.grace->toMillis() : kDefaultGraceMs;
    bw.retentionMs = w.retention ? w.retention->toMillis()
                                 : std::max(bw.sizeMs + bw.graceMs, kMinDefaultRetentionMs);
    if (w.retention && bw.retentionMs < bw.sizeMs + bw.graceMs)
      return binder.error(w.retention->range,
                          "RETENTION must be at least the window size plus the grace period (" +
                              std::to_string((bw.sizeMs + bw.graceMs) / 1000) + " seconds)");
    out.window = bw;
  }

  if (out.aggregated) {
    if (tableInput && out.join)
      return binder.error(query.groupBy[0]->range,
                          "aggregating a table-table join is not supported yet");
    if (tableInput && out.window)
      return binder.error(query.window->range,
                          "a table cannot be aggregated in windows: windows group the events of "
                          "a stream");
    out.tableAggregation = tableInput;
    if (!query.partitionBy.empty())
      return binder.error(query.partitionBy[0]->range,
                          "PARTITION BY cannot be combined with GROUP BY");
    for (const auto& g : query.groupBy) {
      RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*g, scope));
      out.aggregation.groupBy.push_back(bound);
    }
    const auto keys = out.source.keyColumns();
    // A join or a table's aggregation reads every partition of its inputs in one task: rows of a
    // group meet anyway (and a table's prior row stays with its change).
    out.needsRepartition =
        !out.join && !out.tableAggregation && keys.size() != out.aggregation.groupBy.size();
    for (std::size_t i = 0;
         !out.join && !out.tableAggregation && !out.needsRepartition && i < keys.size(); ++i)
      out.needsRepartition = out.aggregation.groupBy[i]->kind != BoundKind::kColumn ||
                             out.aggregation.groupBy[i]->sql != keys[i].name;
  }

  BindScope projectionScope = scope;
  if (out.aggregated) {
    projectionScope.aggregation = &out.aggregation;
    projectionScope.windowBounds = out.window.has_value() || out.source.windowed();
  }

  int generated = 0;
  std::set<std::string> names;
  for (const auto& item : query.select) {
    if (item.kind == ast::SelectItemKind::kAll || item.kind == ast::SelectItemKind::kSourceAll) {
      if (out.aggregated) return binder.error(item.range, "SELECT * cannot be used with GROUP BY");
      bool sourceFound = false;
      for (const auto& s : scope.sources) {
        if (item.kind == ast::SelectItemKind::kSourceAll && item.source.name != s.name) continue;
        sourceFound = true;
        for (std::size_t i = 0; i < s.schema->columns.size(); ++i) {
          Column c = s.schema->columns[i];
          const int slot = s.offset + static_cast<int>(i);
          BoundExprPtr e = columnExpr(c, slot);
          if (out.join) {
            // ksqlDB's names for a join's columns: <SOURCE>_<COLUMN>.
            e = columnExpr({s.name + "." + c.name, c.type, c.role, {}}, slot);
            c.name = s.name + "_" + c.name;
          }
          if (!names.insert(c.name).second)
            return binder.error(item.range, "duplicate output column " + c.name);
          out.projection.push_back(e);
          out.output.columns.push_back({c.name, c.type, ColumnRole::kValue});
        }
      }
      if (!sourceFound) return binder.error(item.range, "unknown source " + item.source.name);
      continue;
    }
    if (item.kind == ast::SelectItemKind::kStructAll)
      return binder.error(item.range, "'->*' is not supported yet");
    RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr e, binder.bind(*item.expr, projectionScope));
    const std::string name = outputName(item, generated);
    if (!names.insert(name).second)
      return binder.error(item.range, "duplicate output column " + name,
                          "give it another name with AS");
    out.projection.push_back(e);
    out.output.columns.push_back(
        {name, e->type.isNull() ? DataType::string() : e->type, ColumnRole::kValue});
  }

  if (query.having) {
    if (!out.aggregated) return binder.error(query.having->range, "HAVING needs GROUP BY");
    RUNNEL_ASSIGN_OR_RETURN(out.having, binder.bind(*query.having, projectionScope));
    if (!isBoolean(out.having))
      return binder.error(query.having->range,
                          "HAVING needs a BOOLEAN condition, not " + out.having->type.toSql());
  }

  if (out.tableAggregation) {
    for (const auto& a : out.aggregation.aggregates)
      if (!a.aggregator->undoable())
        return binder.error(query.groupBy[0]->range,
                            a.sql +
                                " cannot aggregate a table: a changed or deleted row cannot be "
                                "taken back out of it (COUNT, SUM and AVG can)");
  }

  for (const auto& p : query.partitionBy) {
    if (tableInput) return binder.error(p->range, "PARTITION BY applies to streams only");
    RUNNEL_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*p, scope));
    out.partitionBy.push_back(bound);
  }

  // Key columns of the output.
  std::vector<std::string> keyText;  // for the error message
  std::size_t keyCount = 0;
  std::vector<bool> keyFound;
  if (out.aggregated) {
    keyFound.assign(out.aggregation.groupBy.size(), false);
    for (std::size_t i = 0; i < out.projection.size(); ++i) {
      const auto& p = out.projection[i];
      if (p->kind == BoundKind::kColumn && static_cast<std::size_t>(p->column) < keyFound.size() &&
          !keyFound[static_cast<std::size_t>(p->column)]) {
        keyFound[static_cast<std::size_t>(p->column)] = true;
        out.output.columns[i].role = ColumnRole::kKey;
      }
    }
    for (const auto& g : out.aggregation.groupBy)
      keyText.push_back(g->sql);
  } else if (!out.partitionBy.empty()) {
    keyFound.assign(out.partitionBy.size(), false);
    for (std::size_t i = 0; i < out.projection.size(); ++i)
      for (std::size_t k = 0; k < out.partitionBy.size(); ++k)
        if (!keyFound[k] && out.projection[i]->sql == out.partitionBy[k]->sql) {
          keyFound[k] = true;
          out.output.columns[i].role = ColumnRole::kKey;
          break;
        }
    for (const auto& g : out.partitionBy)
      keyText.push_back(g->sql);
  } else if (out.join) {
    // ksqlDB keys a join's result by the join key; either side's key expression names it.
    keyFound.assign(1, false);
    for (std::size_t i = 0; i < out.projection.size(); ++i) {
      const std::string& sql = out.projection[i]->sql;
      if (!keyFound[0] && (sql == out.join->leftKeySql || sql == out.join->rightKeySql)) {
        keyFound[0] = true;
        out.output.columns[i].role = ColumnRole::kKey;
      }
    }
    keyText.push_back(out.join->leftKeySql);
  } else {
    const auto keys = out.source.schema.keyIndexes();
    keyFound.assign(keys.size(), false);
    for (std::size_t i = 0; i < out.projection.size(); ++i) {
      const auto& p = out.projection[i];
      for (std::size_t k = 0; k < keys.size(); ++k)
        if (!keyFound[k] && p->kind == BoundKind::kColumn && p->column == keys[k]) {
          keyFound[k] = true;
          out.output.columns[i].role = ColumnRole::kKey;
        }
    }
    for (int k : keys)
      keyText.push_back(out.source.schema.columns[static_cast<std::size_t>(k)].name);
  }
  for (bool f : keyFound)
    keyCount += f ? 1 : 0;
  if (options.persistent && keyCount != keyFound.size()) {
    std::string missing;
    for (std::size_t k = 0; k < keyFound.size(); ++k)
      if (!keyFound[k]) missing += (missing.empty() ? "" : ", ") + keyText[k];
    return binder.error(
        query.range,
        "the key is missing from the projection: include " + missing + " in the SELECT",
        "a persistent query's result is keyed like ksqlDB's: by its GROUP BY / PARTITION BY "
        "expressions or the source's key columns");
  }

  out.outputType = out.aggregated || tableInput ? SourceType::kTable : SourceType::kStream;
  if (out.window) {
    out.outputWindow = out.window->kind;
    out.outputWindowSizeMs = out.window->kind == WindowKind::kSession ? 0 : out.window->sizeMs;
  } else if (out.source.windowed()) {
    out.outputWindow = out.source.windowKind;
    out.outputWindowSizeMs = out.source.windowSizeMs;
  }
  out.emitMode = query.emitMode == ast::EmitMode::kNone ? ast::EmitMode::kChanges : query.emitMode;
  if (out.emitMode == ast::EmitMode::kFinal && !out.window)
    return binder.error(query.range, "EMIT FINAL needs a windowed aggregation");
  out.limit = query.limit;
  return out;
}

}  // namespace runnel::sql
