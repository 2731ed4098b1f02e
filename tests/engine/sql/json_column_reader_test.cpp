// JsonColumnReader (JSON values decoded straight into the columns a query reads) against the
// generic path it replaces (parseJson, then coerceJson of each column's field): the same values,
// the same rejections with the same messages, for every column read and for pushdown masks.
#include <QtTest>

#include <random>

#include "engine/sql/formats/json_codec.h"
#include "engine/sql/formats/json_column_reader.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

std::vector<Column> columns() {
  return {{"CARD_NUMBER", DataType::string(), ColumnRole::kValue, {}},
          {"AMOUNT", DataType::doubleType(), ColumnRole::kValue, {}},
          {"attempt_id", DataType::bigint(), ColumnRole::kValue, {}},
          {"OK", DataType::boolean(), ColumnRole::kValue, {}},
          {"N", DataType::integer(), ColumnRole::kValue, {}},
          {"AT", DataType::timestamp(), ColumnRole::kValue, {}},
          {"TAGS", DataType::array(DataType::string()), ColumnRole::kValue, {}}};
}

// The generic path, as deserializeValue did it for every JSON object.
Result<std::vector<Value>> generic(std::string_view text, const std::vector<Column>& cols,
                                   const std::vector<bool>& needed) {
  RUNNEL_ASSIGN_OR_RETURN(Value doc, parseJson(text));
  if (doc.kind() != TypeKind::kStruct)
    return Status::invalidArgument("expected a JSON object, got " + doc.toLiteral());
  std::vector<Value> out;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    RUNNEL_ASSIGN_OR_RETURN(Value v, coerceJson(doc.field(cols[i].name), cols[i].type));
    out.push_back(needed.empty() || needed[i] ? v : Value());
  }
  return out;
}

// Empty when both agree, else what differs.
std::string compare(std::string_view text, const std::vector<bool>& needed = {}) {
  JsonColumnReader reader(columns(), needed);
  std::vector<Value> got;
  const Status s = reader.read(text, got);
  auto want = generic(text, columns(), needed);
  if (s.isOk() != want.isOk())
    return "ok " + std::to_string(s.isOk()) + " vs " + std::to_string(want.isOk()) + ": " +
           (s.isOk() ? want.status().message() : s.message());
  if (!s.isOk()) return s.message() == want.status().message() ? "" : s.message();
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!(got[i] == (*want)[i]) || got[i].kind() != (*want)[i].kind())
      return "column " + std::to_string(i) + ": " + got[i].toLiteral() + " vs " +
             (*want)[i].toLiteral();
  return "";
}

}  // namespace

class JsonColumnReaderTest : public QObject {
  Q_OBJECT

 private slots:
  void agreesWithGenericPath_data() {
    QTest::addColumn<QString>("json");
    QTest::newRow("flat") << "{\"card_number\":\"4000123\",\"amount\":12.5,\"attempt_id\":7}";
    QTest::newRow("every column") << "{\"CARD_NUMBER\":\"x\",\"AMOUNT\":-3,\"attempt_id\":9,\"OK\":"
                                     "true,\"N\":5,\"AT\":1700000000000,\"TAGS\":[\"a\",\"b\"]}";
    QTest::newRow("missing fields") << "{\"amount\":1.0}";
    QTest::newRow("empty object") << "{}";
    QTest::newRow("whitespace") << " \n{ \"amount\" : 1e3 ,\t\"OK\" : false } \r\n";
    QTest::newRow("escaped string") << "{\"card_number\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\"}";
    QTest::newRow("escaped name") << "{\"card_n\\u0075mber\":\"x\"}";
    QTest::newRow("nested object in unread field") << "{\"meta\":{\"a\":[1,{\"b\":null}]},\"N\":1}";
    QTest::newRow("nested object into STRING") << "{\"card_number\":{\"a\":1}}";
    QTest::newRow("array into STRING") << "{\"card_number\":[1,2]}";
    QTest::newRow("number into STRING") << "{\"card_number\":12.50}";
    QTest::newRow("boolean into STRING") << "{\"card_number\":true}";
    QTest::newRow("string into DOUBLE") << "{\"amount\":\"2.5\"}";
    QTest::newRow("bad string into DOUBLE") << "{\"amount\":\"abc\"}";
    QTest::newRow("object into BIGINT") << "{\"attempt_id\":{}}";
    QTest::newRow("double into BIGINT") << "{\"attempt_id\":2.9}";
    QTest::newRow("BIGINT overflow") << "{\"attempt_id\":99999999999999999999}";
    QTest::newRow("INTEGER wraps") << "{\"N\":4294967297}";
    QTest::newRow("number into BOOLEAN") << "{\"OK\":1}";
    QTest::newRow("string into BOOLEAN") << "{\"OK\":\"yes\"}";
    QTest::newRow("iso text into TIMESTAMP") << "{\"AT\":\"2024-01-31T12:00:00Z\"}";
    QTest::newRow("double into TIMESTAMP") << "{\"AT\":1.5}";
    QTest::newRow("wrong element type") << "{\"TAGS\":[1,{\"x\":2}]}";
    QTest::newRow("array not array") << "{\"TAGS\":\"a\"}";
    QTest::newRow("nulls") << "{\"card_number\":null,\"amount\":null,\"TAGS\":null}";
    QTest::newRow("exact name beats case") << "{\"Amount\":1,\"AMOUNT\":2,\"amount\":3}";
    QTest::newRow("first case match wins") << "{\"Amount\":1,\"amount\":3}";
    QTest::newRow("first exact wins") << "{\"AMOUNT\":1,\"AMOUNT\":2}";
    QTest::newRow("bad value in shadowed field") << "{\"amount\":\"x\",\"AMOUNT\":2}";
    QTest::newRow("not an object") << "[1,2]";
    QTest::newRow("scalar") << "42";
    QTest::newRow("truncated") << "{\"amount\":1";
    QTest::newRow("trailing comma") << "{\"amount\":1,}";
    QTest::newRow("trailing text") << "{\"amount\":1} x";
    QTest::newRow("bad literal") << "{\"OK\":tru}";
    QTest::newRow("literal prefix") << "{\"OK\":truex}";
    QTest::newRow("bad number") << "{\"amount\":1.2.3}";
    QTest::newRow("lone minus") << "{\"amount\":-}";
    QTest::newRow("bad escape") << "{\"card_number\":\"\\x\"}";
    QTest::newRow("short unicode escape") << "{\"card_number\":\"\\u12\"}";
    QTest::newRow("control character") << "{\"card_number\":\"a\tb\"}";
    QTest::newRow("unterminated string") << "{\"card_number\":\"abc";
    QTest::newRow("missing colon") << "{\"amount\" 1}";
    QTest::newRow("unquoted name") << "{amount:1}";
    QTest::newRow("empty") << "";
  }
  void agreesWithGenericPath() {
    QFETCH(QString, json);
    const std::string text = json.toStdString();
    QVERIFY2(compare(text).empty(), compare(text).c_str());
    // Pushdown: only the card read; unread columns stay NULL but bad ones still reject.
    const std::vector<bool> cardOnly = {true, false, false, false, false, false, false};
    QVERIFY2(compare(text, cardOnly).empty(), compare(text, cardOnly).c_str());
    const std::vector<bool> none(7, false);
    QVERIFY2(compare(text, none).empty(), compare(text, none).c_str());
  }

  void readsOnlyNeededColumns() {
    JsonColumnReader reader(columns(), {true, false, true, false, false, false, false});
    std::vector<Value> out;
    QVERIFY(reader
                .read("{\"card_number\":\"4000\",\"amount\":1.5,\"attempt_id\":3,\"TAGS\":[\"x\"]}",
                      out)
                .isOk());
    QCOMPARE(out.size(), std::size_t(7));
    QCOMPARE(out[0].asString(), std::string("4000"));
    QVERIFY(out[1].isNull());  // not read
    QCOMPARE(out[2].asInt(), std::int64_t(3));
    QVERIFY(out[6].isNull());
    // An unread column that cannot be read as its type still rejects the record, clearly.
    const Status bad = reader.read("{\"card_number\":\"4000\",\"amount\":{\"x\":1}}", out);
    QVERIFY(!bad.isOk());
    QVERIFY2(bad.message().find("as DOUBLE") != std::string::npos, bad.message().c_str());
  }

  void deepNestingIsRejectedLikeTheGenericPath() {
    std::string deep = "{\"meta\":";
    for (int i = 0; i < 200; ++i)
      deep += "[";
    for (int i = 0; i < 200; ++i)
      deep += "]";
    deep += "}";
    QVERIFY2(compare(deep).empty(), compare(deep).c_str());
    JsonColumnReader reader(columns());
    std::vector<Value> out;
    QVERIFY(!reader.read(deep, out).isOk());
  }

  // Random corruptions of valid documents: whatever the bytes, both paths agree.
  void mutationsAgree() {
    const std::vector<std::string> seeds = {
        "{\"card_number\":\"4000000000001234\",\"amount\":123.45,\"merchant\":\"m1\",\"country\":"
        "\"US\",\"attempt_id\":17}",
        "{\"CARD_NUMBER\":\"a\\\"b\",\"OK\":true,\"N\":-5,\"AT\":\"2024-01-01\",\"TAGS\":[\"x\","
        "\"y\"],\"z\":{\"q\":[1,2.5e3,null]}}"};
    std::mt19937 rng(42);
    const std::string alphabet = "{}[]\":,\\ 0123456789.eE+-truefalsnul\tx\x01";
    int checked = 0;
    for (int round = 0; round < 4000; ++round) {
      std::string doc = seeds[static_cast<std::size_t>(round) % seeds.size()];
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits && !doc.empty(); ++e) {
        const std::size_t at = rng() % doc.size();
        switch (rng() % 3) {
          case 0:
            doc[at] = alphabet[rng() % alphabet.size()];
            break;
          case 1:
            doc.erase(at, 1);
            break;
          default:
            doc.insert(doc.begin() + static_cast<std::ptrdiff_t>(at),
                       alphabet[rng() % alphabet.size()]);
        }
      }
      const std::vector<bool> needed = {rng() % 2 == 0, rng() % 2 == 0, rng() % 2 == 0,
                                        rng() % 2 == 0, rng() % 2 == 0, rng() % 2 == 0,
                                        rng() % 2 == 0};
      const std::string diff = compare(doc, needed);
      // The message is built only on failure: this loop checks 4000 documents.
      if (!diff.empty()) QFAIL(std::string(doc).append(" -> ").append(diff).c_str());
      ++checked;
    }
    QCOMPARE(checked, 4000);
  }
};

QTEST_GUILESS_MAIN(JsonColumnReaderTest)
#include "json_column_reader_test.moc"
