#include "engine/sql/binder/columns_read.h"

namespace runnel::sql {
namespace {

void mark(const BoundExpr* expr, std::vector<bool>& read) {
  if (!expr) return;
  if (expr->kind == BoundKind::kColumn && expr->column >= 0) {
    const auto slot = static_cast<std::size_t>(expr->column);
    if (slot < read.size()) read[slot] = true;
  }
  for (const auto& child : expr->children)
    mark(child.get(), read);
}

}  // namespace

std::vector<bool> columnsRead(const BoundQuery& query) {
  if (query.join) return {};
  std::vector<bool> read(query.source.schema.columns.size(), false);
  mark(query.where.get(), read);
  for (const auto& g : query.aggregation.groupBy)
    mark(g.get(), read);
  for (const auto& a : query.aggregation.aggregates)
    for (const auto& arg : a.args)
      mark(arg.get(), read);
  for (const auto& p : query.partitionBy)
    mark(p.get(), read);
  if (!query.aggregated)
    for (const auto& e : query.projection)
      mark(e.get(), read);
  return read;
}

}  // namespace runnel::sql
