#include "engine/sql/execution/operators/filter_operator.h"

namespace runnel::sql {

void FilterOperator::process(Row row) {
  if (!table_) {
    if (passes(row)) forward(std::move(row));
    return;
  }
  const bool now = passes(row);
  const bool before = row.prior && passes(*row.prior);
  if (!before) row.prior.reset();  // downstream never saw it
  if (now) {
    forward(std::move(row));
  } else if (before) {
    row.tombstone = true;
    forward(std::move(row));
  }
}

}  // namespace runnel::sql
