// Writes browsed records out as JSON lines (one object per record: topic, partition, offset,
// timestamp, key, value, headers; text as strings, binary as base64 with a "…Encoding" field)
// or CSV (RFC 4180 quoting). Headers are an object of name: value, or a list of {name, value}
// when names repeat or are out of order (an object would merge or sort them); message_import
// reads all of it back. Pure functions over the records; any thread.
#pragma once

#include <QIODevice>
#include <QString>
#include <deque>

#include "widgets/models/record_filter.h"

namespace runnel::widgets {

class OperationToken;

enum class ExportFormat { JsonLines, Csv };

// Returns an empty string on success, otherwise what went wrong (nothing is half-reported:
// the count of records written is in the message). `token` (optional) gets the count written as
// progress and is checked for cancel: a cancelled export returns a message saying so.
QString exportRecords(const std::deque<BrowsedRecord>& records, const QString& topic,
                      ExportFormat format, QIODevice& out, OperationToken* token = nullptr);

}  // namespace runnel::widgets
