#include <QtTest>

#include <cmath>

#include "engine/common/json_writer.h"

using runnel::JsonWriter;

class JsonWriterTest : public QObject {
  Q_OBJECT
 private slots:
  void nestedStructures() {
    JsonWriter w;
    w.beginObject()
        .key("card_number")
        .value("4111")
        .key("amount")
        .value(12.5)
        .key("tags")
        .beginArray()
        .value("a")
        .value(std::int64_t{2})
        .null()
        .endArray()
        .key("ok")
        .value(true)
        .key("nested")
        .beginObject()
        .endObject()
        .endObject();
    QCOMPARE(
        w.text(),
        std::string(
            R"({"card_number":"4111","amount":12.5,"tags":["a",2,null],"ok":true,"nested":{}})"));
  }
  void escapes() {
    JsonWriter w;
    w.value(std::string_view("quote\" back\\ nl\n tab\t bell\x07 é"));
    QCOMPARE(w.text(), std::string("\"quote\\\" back\\\\ nl\\n tab\\t bell\\u0007 é\""));
  }
  void numbers() {
    JsonWriter w;
    w.beginArray()
        .value(0.1)
        .value(1e21)
        .value(-3.0)
        .value(std::nan(""))
        .value(INFINITY)
        .value(INT64_MIN)
        .endArray();
    QCOMPARE(w.text(), std::string("[0.1,1e+21,-3,null,null,-9223372036854775808]"));
  }
};

QTEST_APPLESS_MAIN(JsonWriterTest)
#include "json_writer_test.moc"
