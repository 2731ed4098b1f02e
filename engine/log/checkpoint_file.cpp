#include "engine/log/checkpoint_file.h"

#include <charconv>
#include <string_view>

namespace runnel {
namespace {

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool parseFields(std::string_view line, std::vector<std::int64_t>& out) {
  out.clear();
  std::size_t pos = 0;
  while (pos < line.size()) {
    if (line[pos] == ' ') {
      ++pos;
      continue;
    }
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(line.data() + pos, line.data() + line.size(), v);
    if (ec != std::errc()) return false;
    out.push_back(v);
    pos = static_cast<std::size_t>(end - line.data());
    if (pos < line.size() && line[pos] != ' ') return false;
  }
  return true;
}

}  // namespace

Status writeCheckpoint(Env& env, const std::string& path,
                       const std::vector<CheckpointEntry>& entries) {
  std::string text =
      std::to_string(kCheckpointVersion) + "\n" + std::to_string(entries.size()) + "\n";
  for (const auto& entry : entries) {
    for (std::size_t i = 0; i < entry.size(); ++i) {
      if (i > 0) text += ' ';
      text += std::to_string(entry[i]);
    }
    text += '\n';
  }
  return writeFileAtomically(env, path, asBytes(text));
}

Result<std::optional<std::vector<CheckpointEntry>>> readCheckpoint(Env& env,
                                                                   const std::string& path,
                                                                   std::size_t fieldsPerEntry) {
  if (!env.fileExists(path)) return std::optional<std::vector<CheckpointEntry>>();
  RUNNEL_ASSIGN_OR_RETURN(Bytes bytes, readFileFully(env, path));
  const auto lines = splitLines(asChars(bytes));
  const auto bad = [&](const std::string& why) {
    return Status::corruption("checkpoint " + path + ": " + why);
  };
  std::vector<std::int64_t> fields;
  if (lines.size() < 2) return bad("missing version or count line");
  if (!parseFields(lines[0], fields) || fields.size() != 1) return bad("bad version line");
  if (fields[0] != kCheckpointVersion)
    return bad("unsupported version " + std::to_string(fields[0]));
  if (!parseFields(lines[1], fields) || fields.size() != 1 || fields[0] < 0)
    return bad("bad count line");
  const auto count = static_cast<std::size_t>(fields[0]);
  if (lines.size() != count + 2) {
    return bad("expected " + std::to_string(count) + " entries, found " +
               std::to_string(lines.size() - 2));
  }
  std::vector<CheckpointEntry> entries;
  for (std::size_t i = 0; i < count; ++i) {
    if (!parseFields(lines[i + 2], fields) || fields.size() != fieldsPerEntry) {
      return bad("malformed entry on line " + std::to_string(i + 3));
    }
    entries.push_back(fields);
  }
  return std::optional(std::move(entries));
}

Status writeOffsetCheckpoint(Env& env, const std::string& path, std::int64_t offset) {
  return writeCheckpoint(env, path, {{offset}});
}

Result<std::optional<std::int64_t>> readOffsetCheckpoint(Env& env, const std::string& path) {
  RUNNEL_ASSIGN_OR_RETURN(auto entries, readCheckpoint(env, path, 1));
  if (!entries) return std::optional<std::int64_t>();
  if (entries->size() != 1)
    return Status::corruption("checkpoint " + path + ": expected one offset");
  return std::optional((*entries)[0][0]);
}

}  // namespace runnel
