#include "engine/sql/lexer/keywords.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>

namespace runnel::sql {
namespace {

constexpr std::array kTable = {
#define RUNNEL_SQL_KEYWORD_ENTRY(id, spelling, reserved, cls) \
  KeywordInfo{spelling, Keyword::id, reserved, KeywordClass::cls},
    RUNNEL_SQL_KEYWORDS(RUNNEL_SQL_KEYWORD_ENTRY)
#undef RUNNEL_SQL_KEYWORD_ENTRY
};

// The enum follows the table's order, so entry i describes Keyword(i + 1).
constexpr size_t kMaxKeywordLength = [] {
  size_t n = 0;
  for (const KeywordInfo& k : kTable) n = std::max(n, k.spelling.size());
  return n;
}();

constexpr bool tableIsSorted() {
  for (size_t i = 1; i < kTable.size(); ++i) {
    if (!(kTable[i - 1].spelling < kTable[i].spelling)) return false;
  }
  return true;
}
static_assert(tableIsSorted(), "RUNNEL_SQL_KEYWORDS must be listed in alphabetical order");

}  // namespace

std::span<const KeywordInfo> keywordTable() { return kTable; }

Keyword lookupKeyword(std::string_view word) {
  if (word.empty() || word.size() > kMaxKeywordLength) return Keyword::kNone;
  char upper[kMaxKeywordLength];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::string_view key(upper, word.size());
  auto it = std::lower_bound(kTable.begin(), kTable.end(), key,
                             [](const KeywordInfo& k, std::string_view w) { return k.spelling < w; });
  if (it == kTable.end() || it->spelling != key) return Keyword::kNone;
  return it->keyword;
}

const KeywordInfo& keywordInfo(Keyword keyword) {
  static constexpr KeywordInfo kNoKeyword{"", Keyword::kNone, false, KeywordClass::kClause};
  size_t index = static_cast<size_t>(keyword);
  assert(index >= 1 && index <= kTable.size());
  return index >= 1 && index <= kTable.size() ? kTable[index - 1] : kNoKeyword;
}

}  // namespace runnel::sql
