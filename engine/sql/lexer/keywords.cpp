#include "engine/sql/lexer/keywords.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

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
  for (const KeywordInfo& k : kTable)
    n = std::max(n, k.spelling.size());
  return n;
}();

constexpr bool tableIsSorted() {
  for (size_t i = 1; i < kTable.size(); ++i) {
    if (!(kTable[i - 1].spelling < kTable[i].spelling)) return false;
  }
  return true;
}
static_assert(tableIsSorted(), "RUNNEL_SQL_KEYWORDS must be listed in alphabetical order");

// Lookup is on the lexer's hot path (every word of every statement), so it is an open-addressing
// hash table built at compile time rather than a search: one hash, usually one comparison.
constexpr size_t kSlots = 512;  // a power of two, over twice the keyword count
static_assert(kSlots > 2 * kTable.size());

constexpr uint32_t hashUpper(std::string_view upper) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (char c : upper)
    h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

constexpr std::array<uint8_t, kSlots> kSlotTable = [] {
  std::array<uint8_t, kSlots> slots{};  // 0 = empty, else keyword value (table index + 1)
  for (size_t i = 0; i < kTable.size(); ++i) {
    size_t slot = hashUpper(kTable[i].spelling) & (kSlots - 1);
    while (slots[slot] != 0)
      slot = (slot + 1) & (kSlots - 1);
    slots[slot] = static_cast<uint8_t>(i + 1);
  }
  return slots;
}();
static_assert(kTable.size() < 255, "keyword values must fit the slot table's bytes");

}  // namespace

std::span<const KeywordInfo> keywordTable() {
  return kTable;
}

Keyword lookupKeyword(std::string_view word) {
  if (word.empty() || word.size() > kMaxKeywordLength) return Keyword::kNone;
  char upper[kMaxKeywordLength];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::string_view key(upper, word.size());
  for (size_t slot = hashUpper(key) & (kSlots - 1);; slot = (slot + 1) & (kSlots - 1)) {
    uint8_t entry = kSlotTable[slot];
    if (entry == 0) return Keyword::kNone;
    if (kTable[entry - 1].spelling == key) return kTable[entry - 1].keyword;
  }
}

const KeywordInfo& keywordInfo(Keyword keyword) {
  static constexpr KeywordInfo kNoKeyword{"", Keyword::kNone, false, KeywordClass::kClause};
  size_t index = static_cast<size_t>(keyword);
  return index >= 1 && index <= kTable.size() ? kTable[index - 1] : kNoKeyword;
}

}  // namespace runnel::sql
