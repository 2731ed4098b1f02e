// columnsRead: which of a query's source columns its expressions read (WHERE, GROUP BY, the
// aggregate arguments, PARTITION BY and, unaggregated, the SELECT list), so the source decodes
// only those (projection pushdown). The mask is over query.source.schema.columns; it is empty,
// meaning every column, when the query joins (the joined row is built from whole rows).
// A pure function of an immutable BoundQuery; thread-safe.
#pragma once

#include <vector>

#include "engine/sql/binder/bound_query.h"

namespace runnel::sql {

std::vector<bool> columnsRead(const BoundQuery& query);

}  // namespace runnel::sql
