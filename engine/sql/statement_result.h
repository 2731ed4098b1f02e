// StatementResult: what running one statement produced, ready to print — a message ("Created
// query CSAS_POSSIBLE_FRAUD_1"), notices (how Runnel's behaviour differs from ksqlDB's), an
// optional table (SHOW, DESCRIBE, PRINT, EXPLAIN), the id of a query it started, and the error
// when it failed (rendered with line, column and caret). runnel-sql prints toText(); the studio
// reads the fields. A plain value.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace runnel::sql {

struct PhysicalPlan;

struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  // An aligned text table with a header rule, as ksqlDB's CLI prints one.
  std::string toText() const;
};

struct StatementResult {
  std::string statement;  // the statement's text as written
  Status status;
  std::string message;
  std::vector<std::string> notices;
  std::optional<ResultTable> table;
  std::optional<std::string> queryId;
  std::string planJson;  // EXPLAIN: the physical plan as JSON, for the studio to draw
  std::shared_ptr<const PhysicalPlan> plan;  // EXPLAIN: the same plan as data (planner/)

  bool ok() const { return status.isOk(); }
  // Error, or notices + message + table, ready for a terminal.
  std::string toText() const;
};

}  // namespace runnel::sql
