// Throughput of the SQL front end, as the editor and the engine use it: tokenizing, splitting and
// parsing a realistic ~2.4 KB script many times, and one 8 MB script. Each figure is printed as a
// ratio to a baseline measured in the same run (a plain byte loop over the same text), so runs
// on different machines compare. CPU time, not wall time, so a busy machine skews less.
#include <cstdio>
#include <ctime>
#include <string>
#include <utility>

#include "engine/sql/lexer/lexer.h"
#include "engine/sql/parser/parser.h"
#include "engine/sql/parser/statement_splitter.h"

namespace {

const char* const kStatements[] = {
    "CREATE STREAM possible_fraud AS\nSELECT card_number, count(*)\nFROM authorization_attempts\n"
    "WINDOW TUMBLING (SIZE 5 MINUTE)\nGROUP BY card_number\nHAVING count(*) > 3;\n",
    "CREATE STREAM pageviews (viewtime BIGINT, userid VARCHAR KEY, pageid STRING) "
    "WITH (kafka_topic='pageviews', value_format='JSON', partitions=3);\n",
    "SELECT o.id, p.amount * 1.1 AS total, CASE WHEN o.x > 10 THEN 'big' ELSE 'small' END AS size "
    "FROM orders o LEFT JOIN payments p WITHIN 1 HOUR ON o.id = p.id "
    "WHERE o.x BETWEEN 1 AND 100 AND name LIKE 'a%' EMIT CHANGES;\n",
    "-- comment line\nINSERT INTO orders (id, item, price) VALUES (1, 'pen', 2.50);\n",
};

template <typename F>
std::pair<double, size_t> cpuSeconds(F&& fn) {
  std::clock_t start = std::clock();
  size_t result = fn();
  return {double(std::clock() - start) / CLOCKS_PER_SEC, result};
}

// Sums a byte-dependent value so the loop cannot be folded away.
size_t baselineLoop(const std::string& text, int reps) {
  size_t n = 0;
  for (int r = 0; r < reps; ++r) {
    for (char c : text)
      n += static_cast<unsigned char>(c) == ';' ? 1 : 0;
    asm volatile("" : "+r"(n));
  }
  return n;
}

void report(const char* what, double mb, std::pair<double, size_t> t, double baseline) {
  std::printf("  %-16s %8.1f MB/s   %6.1fx the baseline's time\n", what, mb / t.first,
              t.first / baseline);
}

void run(const char* title, const std::string& text, int reps) {
  double mb = double(text.size()) * reps / 1e6;
  auto base = cpuSeconds([&] { return baselineLoop(text, reps); });
  auto lex = cpuSeconds([&] {
    size_t n = 0;
    for (int r = 0; r < reps; ++r)
      n += runnel::sql::tokenize(text).size();
    return n;
  });
  auto split = cpuSeconds([&] {
    size_t n = 0;
    for (int r = 0; r < reps; ++r)
      n += runnel::sql::splitStatements(text).size();
    return n;
  });
  auto parse = cpuSeconds([&] {
    size_t n = 0;
    for (int r = 0; r < reps; ++r)
      n += runnel::sql::parseScript(text).statements.size();
    return n;
  });
  std::printf("%s: %zu bytes x %d, %zu statements parsed\n", title, text.size(), reps,
              parse.second);
  std::printf("  %-16s %8.1f MB/s\n", "baseline loop", mb / base.first);
  report("tokenize", mb, lex, base.first);
  report("splitStatements", mb, split, base.first);
  report("parseScript", mb, parse, base.first);
  std::printf("  %-16s %8.2f us\n", "per statement", parse.first * 1e6 / double(parse.second));
}

}  // namespace

int main() {
  std::string small;
  for (int i = 0; i < 4; ++i) {
    for (const char* s : kStatements)
      small += s;
  }
  std::string large;
  while (large.size() < (8u << 20))
    large += small;
  run("editor-sized script", small, 4000);
  run("8 MB script", large, 1);
  return 0;
}
