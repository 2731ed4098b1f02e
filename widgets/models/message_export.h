// Writes browsed records out as JSON lines (one object per record: topic, partition, offset,
// timestamp, key, value, headers; text as strings, binary as base64 with a "…Encoding" field)
// or CSV (RFC 4180 quoting). Pure functions over the records; any thread.
#pragma once

#include <QIODevice>
#include <QString>
#include <deque>

#include "widgets/models/record_filter.h"

namespace runnel::widgets {

enum class ExportFormat { JsonLines, Csv };

// Returns an empty string on success, otherwise what went wrong (nothing is half-reported:
// the count of records written is in the message).
QString exportRecords(const std::deque<BrowsedRecord>& records, const QString& topic,
                      ExportFormat format, QIODevice& out);

}  // namespace runnel::widgets
