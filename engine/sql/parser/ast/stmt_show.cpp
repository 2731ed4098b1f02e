#include "engine/sql/parser/ast/stmt_show.h"

namespace runnel::sql::ast {
namespace {

std::string_view targetName(ListTarget t) {
  switch (t) {
    case ListTarget::kTopics:
      return "TOPICS";
    case ListTarget::kStreams:
      return "STREAMS";
    case ListTarget::kTables:
      return "TABLES";
    case ListTarget::kQueries:
      return "QUERIES";
    case ListTarget::kFunctions:
      return "FUNCTIONS";
    case ListTarget::kProperties:
      return "PROPERTIES";
    case ListTarget::kTypes:
      return "TYPES";
    case ListTarget::kVariables:
      return "VARIABLES";
    case ListTarget::kConnectors:
      return "CONNECTORS";
  }
  return "STREAMS";
}

}  // namespace

void ListStmt::print(SqlWriter& w) const {
  w << "SHOW ";
  if (all) w << "ALL ";
  w << targetName(target);
  if (extended) w << " EXTENDED";
}

void DescribeStmt::print(SqlWriter& w) const {
  w << "DESCRIBE ";
  if (all) {
    w << targetName(*all);
  } else {
    w.identifier(name);
  }
  if (extended) w << " EXTENDED";
}

void DescribeFunctionStmt::print(SqlWriter& w) const {
  w << "DESCRIBE FUNCTION ";
  w.identifier(name);
}

void PrintStmt::print(SqlWriter& w) const {
  w << "PRINT ";
  if (topicQuoted) {
    w.stringLiteral(topic);
  } else {
    w << topic;
  }
  if (fromBeginning) w << " FROM BEGINNING";
  if (interval) w << " INTERVAL " << std::to_string(*interval);
  if (limit) w << " LIMIT " << std::to_string(*limit);
}

void TerminateStmt::print(SqlWriter& w) const {
  w << "TERMINATE ";
  if (all) {
    w << "ALL";
  } else {
    w.identifier(queryId);
  }
}

void DropStmt::print(SqlWriter& w) const {
  w << (sourceKind == SourceKind::kStream ? "DROP STREAM " : "DROP TABLE ");
  if (ifExists) w << "IF EXISTS ";
  w.identifier(name);
  if (deleteTopic) w << " DELETE TOPIC";
}

}  // namespace runnel::sql::ast
