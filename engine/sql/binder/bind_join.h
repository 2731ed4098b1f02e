// bindJoin(): the JOIN of a FROM clause — which kind of join it is (stream-table, table-table,
// stream-stream), whether that kind allows its type and WITHIN, and the ON condition split into
// one key expression per side. Used by bindQuery(); errors carry the statement's caret.
// Stateless; call on the binding thread.
#pragma once

#include <string>

#include "engine/sql/binder/bound_query.h"

namespace runnel::sql {

Result<BoundJoin> bindJoin(const ast::Join& join, const SourceInfo& left,
                           const std::string& leftName, const Catalog& catalog,
                           ExpressionBinder& binder);

}  // namespace runnel::sql
