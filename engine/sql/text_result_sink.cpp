#include "engine/sql/text_result_sink.h"

#include "engine/common/json_writer.h"
#include "engine/sql/formats/json_codec.h"

namespace runnel::sql {

void TextResultSink::onStart(const std::string&, const Schema& columns, bool, WindowKind window) {
  columns_ = columns;
  windowed_ = window != WindowKind::kNone;
  if (style_ != Style::kTable) return;
  std::string header = "|";
  if (windowed_) header += " WINDOWSTART | WINDOWEND |";
  for (const auto& c : columns.columns)
    header += " " + c.name + " |";
  onLine_(header);
}

void TextResultSink::onRow(const ResultRow& row) {
  if (style_ == Style::kJson) {
    std::string out = "{";
    bool first = true;
    auto field = [&](const std::string& name, const std::string& json) {
      if (!first) out += ",";
      first = false;
      JsonWriter::appendQuoted(out, name);
      out += ":" + json;
    };
    if (row.window) {
      field("WINDOWSTART", std::to_string(row.window->start));
      field("WINDOWEND", std::to_string(row.window->end));
    }
    for (std::size_t i = 0; i < row.values.size() && i < columns_.columns.size(); ++i)
      field(columns_.columns[i].name, toJson(row.values[i]));
    if (row.tombstone) field("_deleted", "true");
    onLine_(out + "}");
    return;
  }
  std::string line = "|";
  if (windowed_) {
    line += " " + (row.window ? formatTimestamp(row.window->start) : std::string("null")) + " |";
    line += " " + (row.window ? formatTimestamp(row.window->end) : std::string("null")) + " |";
  }
  for (const auto& v : row.values)
    line += " " + v.toString() + " |";
  if (row.tombstone) line += " (deleted)";
  onLine_(line);
}

}  // namespace runnel::sql
