// Values, the value codec, JSON and the Kafka record formats (KAFKA, JSON, DELIMITED), with
// Kafka Streams' windowed key framing.
#include <QtTest>

#include "engine/sql/execution/state/state_store.h"
#include "engine/sql/formats/format.h"
#include "engine/sql/formats/json_codec.h"
#include "engine/sql/types/value_codec.h"

using namespace runnel;
using namespace runnel::sql;

class FormatsTest : public QObject {
  Q_OBJECT

 private slots:
  void codecRoundTrips() {
    const std::vector<Value> row = {
        Value(),
        Value::boolean(true),
        Value::integer(-7),
        Value::bigint(1LL << 40),
        Value::doubleValue(-0.25),
        Value::decimal(12.5, 2),
        Value::string("héllo"),
        Value::bytes(std::string("\0\xff", 2)),
        Value::timestamp(1700000000123),
        Value::date(19000),
        Value::time(3600000),
        Value::array({Value::integer(1), Value()}),
        Value::map({{Value::string("k"), Value::doubleValue(1)}}),
        Value::structValue({{"A", Value::string("x")}, {"b", Value::array({})}})};
    const std::string bytes = encodeRow(row);
    auto back = decodeRow(bytes);
    QVERIFY(back.isOk());
    QCOMPARE(back->size(), row.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      QVERIFY2((*back)[i] == row[i], row[i].toString().c_str());
      QCOMPARE((*back)[i].kind(), row[i].kind());
    }
    // Truncations are reported, never read past the end.
    for (std::size_t cut = 0; cut < bytes.size(); ++cut)
      QVERIFY(!decodeRow(bytes.substr(0, cut)).isOk());
  }

  void casts_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string to int") << "42" << int(TypeKind::kInteger) << "42";
    QTest::newRow("string to double") << "2.5" << int(TypeKind::kDouble) << "2.5";
    QTest::newRow("string to boolean") << "TRUE" << int(TypeKind::kBoolean) << "true";
    QTest::newRow("iso timestamp")
        << "2023-11-14T22:13:20.123Z" << int(TypeKind::kTimestamp) << "2023-11-14T22:13:20.123";
    QTest::newRow("space timestamp")
        << "2023-11-14 22:13:20" << int(TypeKind::kTimestamp) << "2023-11-14T22:13:20.000";
    QTest::newRow("date") << "1815-12-10" << int(TypeKind::kDate) << "1815-12-10";
    QTest::newRow("bad int") << "4x" << int(TypeKind::kInteger) << "error";
  }
  void casts() {
    QFETCH(QString, input);
    QFETCH(int, target);
    QFETCH(QString, expected);
    auto v = castValue(Value::string(input.toStdString()), DataType(static_cast<TypeKind>(target)));
    QCOMPARE(QString::fromStdString(v ? v->toString() : "error"), expected);
  }

  void jsonParsesAndCoerces() {
    auto v = parseJson(
        " {\"Card_Number\":\"4111\",\"n\":12,\"d\":1e3,\"ok\":true,\"list\":[1,\"x\",null],\"s\":"
        "\"\\u00e9\\ud83d\\ude00\"} ");
    QVERIFY(v.isOk());
    QCOMPARE(v->field("CARD_NUMBER").asString(), std::string("4111"));  // case-insensitive fallback
    QCOMPARE(v->field("n").kind(), TypeKind::kBigint);
    QCOMPARE(v->field("d").asDouble(), 1000.0);
    QCOMPARE(v->field("s").asString(), std::string("\xc3\xa9\xf0\x9f\x98\x80"));
    QCOMPARE(coerceJson(v->field("n"), DataType::string())->asString(), std::string("12"));
    QCOMPARE(coerceJson(v->field("n"), DataType::timestamp())->kind(), TypeKind::kTimestamp);
    QVERIFY(!coerceJson(v->field("ok"), DataType::integer()).isOk());
    for (const char* bad : {"", "{", "{\"a\" 1}", "[1,]", "\"\\q\"", "01x", "{\"a\":1} x", "nul"})
      QVERIFY2(!parseJson(bad).isOk(), bad);
    QCOMPARE(toJson(*v), std::string("{\"Card_Number\":\"4111\",\"n\":12,\"d\":1000.0,\"ok\":true,"
                                     "\"list\":[1,\"x\",null],\"s\":\""
                                     "\xc3\xa9\xf0\x9f\x98\x80"
                                     "\"}"));
  }

  void kafkaKeysAndWindowFraming() {
    const std::vector<Column> key = {{"K", DataType::integer(), ColumnRole::kKey}};
    auto plain = serializeKey(Format{FormatKind::kKafka}, key, {Value::integer(258)},
                              WindowKind::kNone, std::nullopt);
    QCOMPARE(toHex(**plain), std::string("00000102"));
    auto tumbling = serializeKey(Format{FormatKind::kKafka}, key, {Value::integer(1)},
                                 WindowKind::kTumbling, WindowBounds{300000, 600000});
    QCOMPARE(toHex(**tumbling), std::string("00000001") + "00000000000493e0");
    auto session = serializeKey(Format{FormatKind::kKafka}, key, {Value::integer(1)},
                                WindowKind::kSession, WindowBounds{5, 9});
    QCOMPARE(toHex(**session), std::string("00000001") + "0000000000000009" + "0000000000000005");
    auto decoded =
        deserializeKey(Format{FormatKind::kKafka}, key, *tumbling, {WindowKind::kTumbling, 300000});
    QVERIFY(decoded.isOk());
    QCOMPARE(decoded->values[0].asInt(), std::int64_t(1));
    QCOMPARE(decoded->window->start, std::int64_t(300000));
    QCOMPARE(decoded->window->end, std::int64_t(600000));
    QVERIFY(!deserializeKey(Format{FormatKind::kKafka}, key, toBytes("abc"), {}).isOk());
    QVERIFY(!checkFormatSupports(Format{FormatKind::kKafka}, {key[0], key[0]}, true).isOk());
  }

  void jsonAndDelimitedValues() {
    const std::vector<Column> cols = {{"NAME", DataType::string()}, {"QTY", DataType::integer()}};
    auto json = serializeValue(Format{FormatKind::kJson}, cols, {Value::string("a,\"b"), Value()});
    QCOMPARE(std::string(asChars(**json)), std::string("{\"NAME\":\"a,\\\"b\",\"QTY\":null}"));
    auto back = deserializeValue(Format{FormatKind::kJson}, cols, *json);
    QCOMPARE((**back)[0].asString(), std::string("a,\"b"));
    QVERIFY((**back)[1].isNull());
    auto csv = serializeValue(Format{FormatKind::kDelimited}, cols,
                              {Value::string("a,\"b"), Value::integer(3)});
    QCOMPARE(std::string(asChars(**csv)), std::string("\"a,\"\"b\",3"));
    auto csvBack = deserializeValue(Format{FormatKind::kDelimited}, cols, *csv);
    QCOMPARE((**csvBack)[0].asString(), std::string("a,\"b"));
    QCOMPARE((**csvBack)[1].asInt(), std::int64_t(3));
    QVERIFY(!deserializeValue(Format{FormatKind::kDelimited}, cols, toBytes("1,2,3")).isOk());
    // A null value is a tombstone, not an error.
    auto tombstone = deserializeValue(Format{FormatKind::kJson}, cols, std::nullopt);
    QVERIFY(tombstone.isOk() && !tombstone->has_value());
    // Unwrapped single values.
    Format bare{FormatKind::kJson};
    bare.wrapSingleValue = false;
    auto single = serializeValue(bare, {cols[1]}, {Value::integer(9)});
    QCOMPARE(std::string(asChars(**single)), std::string("9"));
  }

  void stateStoreCommitsAtomicallyWithOffsets() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("q.db").toStdString();
    {
      auto store = StateStore::open(path).value();
      store->put("a", "1");
      store->put("b", "2");
      QVERIFY(store->commit({{{"t", 0}, 10}}).isOk());
      store->put("a", "3");
      store->erase("b");
      store->put("c", "4");  // never committed: lost on reopen
    }
    auto store = StateStore::open(path).value();
    QCOMPARE(*store->get("a"), std::string("1"));
    QCOMPARE(*store->get("b"), std::string("2"));
    QVERIFY(!store->get("c"));
    QCOMPARE(store->committedOffsets().at({"t", 0}), std::int64_t(10));
    store->erase("a");
    QVERIFY(store->commit({{{"t", 0}, 12}}).isOk());
    store.reset();
    store = StateStore::open(path).value();
    QVERIFY(!store->get("a"));
    QCOMPARE(store->scanPrefix("b").size(), std::size_t(1));
    QCOMPARE(store->committedOffsets().at({"t", 0}), std::int64_t(12));
  }
};

QTEST_APPLESS_MAIN(FormatsTest)
#include "formats_test.moc"
