#include "engine/sql/execution/operators/project_operator.h"

namespace runnel::sql {

std::vector<Value> ProjectOperator::project(const Row& row) const {
  std::vector<Value> out;
  out.reserve(expressions_.size());
  const RowContext ctx = row.context();
  for (const auto& e : expressions_)
    out.push_back(evaluate(*e, ctx));
  return out;
}

void ProjectOperator::process(Row row) {
  Row out;
  out.values = project(row);
  out.rowtime = row.rowtime;
  out.partition = row.partition;
  out.offset = row.offset;
  out.window = row.window;
  out.tombstone = row.tombstone;
  if (row.prior) {
    auto prior = std::make_shared<Row>(*row.prior);
    prior->values = project(*row.prior);
    prior->prior.reset();
    out.prior = std::move(prior);
  }
  forward(std::move(out));
}

}  // namespace runnel::sql
