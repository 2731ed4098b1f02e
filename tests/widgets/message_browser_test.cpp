// The message browser and produce dialog: filters (key, value, header, JSON path) parse and
// match as documented; templates fill in per record; the table keeps at most its capacity and
// says how many it dropped; the detail is pretty JSON in reading order; exports round-trip.
// Over a real embedded cluster: records produced through DataActions show up in the browser from
// the right offset, searches narrow them, and live tail brings new ones in.
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/dialogs/produce_dialog.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/message_export.h"
#include "widgets/models/message_reader.h"
#include "widgets/models/message_table_model.h"
#include "widgets/models/produce_template.h"
#include "widgets/models/record_filter.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/panels/message_browser.h"
#include "widgets/style/theme.h"
#include "tests/widgets/screenshot.h"

using namespace runnel;
using namespace runnel::widgets;
using runnel::widgets::testing::shoot;

namespace {

BrowsedRecord rec(int offset, QByteArray key, QByteArray value,
                  QList<QPair<QString, QByteArray>> headers = {}) {
  BrowsedRecord r;
  r.partition = 0;
  r.offset = offset;
  r.timestampMs = 1'700'000'000'000LL + offset;
  r.key = std::move(key);
  r.value = std::move(value);
  r.headers = std::move(headers);
  return r;
}

bool matches(RecordFilter::Kind kind, const QString& text, const BrowsedRecord& r) {
  QString error;
  const auto f = RecordFilter::parse(kind, text, &error);
  if (!f) qFatal("filter %s did not parse: %s", qPrintable(text), qPrintable(error));
  return f->matches(r);
}

std::pair<bool, QString> outcome(QSignalSpy& spy) {
  if (spy.isEmpty() && !spy.wait(20000)) return {false, "no outcome"};
  const auto args = spy.takeFirst();
  return {args.at(1).toBool(), args.at(2).toString()};
}

QStringList column(const MessageTableModel& m, int col) {
  QStringList out;
  for (int r = 0; r < m.rowCount(); ++r)
    out << m.index(r, col).data().toString();
  return out;
}

}  // namespace

class MessageBrowserTest : public QObject {
  Q_OBJECT
 private slots:
  // Screenshots must look like the studio: apply the theme it applies (its palette and style
  // sheet colour the broker cards; without them they come out black).
  void initTestCase() { Theme::instance().apply(ThemeChoice::Light); }

  void filtersParseAndMatch() {
    const auto order =
        rec(1, "card-42", R"({"customer":{"id":7,"name":"Ada"},"items":[{"sku":"X1"}]})",
            {{"trace-id", "abc"}});
    QVERIFY(matches(RecordFilter::Kind::Key, "CARD-4", order));
    QVERIFY(!matches(RecordFilter::Kind::Key, "card-43", order));
    QVERIFY(matches(RecordFilter::Kind::Value, "ada", order));
    QVERIFY(matches(RecordFilter::Kind::Header, "trace-id", order));
    QVERIFY(matches(RecordFilter::Kind::Header, "trace-id=abc", order));
    QVERIFY(!matches(RecordFilter::Kind::Header, "trace-id=abd", order));
    QVERIFY(matches(RecordFilter::Kind::JsonPath, "$.customer.id", order));
    QVERIFY(matches(RecordFilter::Kind::JsonPath, "$.customer.id=7", order));
    QVERIFY(matches(RecordFilter::Kind::JsonPath, "$.customer.name = \"Ada\"", order));
    QVERIFY(matches(RecordFilter::Kind::JsonPath, "$.items[0].sku=X1", order));
    QVERIFY(!matches(RecordFilter::Kind::JsonPath, "$.items[1].sku", order));
    QVERIFY(!matches(RecordFilter::Kind::JsonPath, "$.customer.id=8", order));
    QVERIFY(!matches(RecordFilter::Kind::JsonPath, "$.a", rec(2, "k", "not json")));
    QVERIFY(!matches(RecordFilter::Kind::Value, "x", rec(3, "k", QByteArray())));  // null value
    QString error;
    QVERIFY(!RecordFilter::parse(RecordFilter::Kind::JsonPath, "customer.id", &error));
    QVERIFY(error.contains("$"));
    QVERIFY(!RecordFilter::parse(RecordFilter::Kind::JsonPath, "$.items[x]", &error));
    QVERIFY(error.contains("[0]"));
    QVERIFY(!RecordFilter::parse(RecordFilter::Kind::Header, "=v", &error));
    QVERIFY(RecordFilter::parse(RecordFilter::Kind::Value, "  ", &error)->isNone());
  }

  void templatesFillInPerRecord() {
    const TemplateContext ctx{7, 1'700'000'000'123LL};
    QCOMPARE(expandTemplate("order-{{i}}", ctx), QString("order-7"));
    QCOMPARE(expandTemplate("{{now}}", ctx), QString("1700000000123"));
    QCOMPARE(expandTemplate("{{iso}}", ctx), QString("2023-11-14T22:13:20.123Z"));
    const QString uuid = expandTemplate("{{uuid}}", ctx);
    QCOMPARE(uuid.size(), 36);
    QVERIFY(uuid != expandTemplate("{{uuid}}", ctx));
    QVERIFY(QStringList({"a", "b"}).contains(expandTemplate("{{pick:a|b}}", ctx)));
    QCOMPARE(expandTemplate("{{nope}} {{ i }}", ctx), QString("{{nope}} 7"));
    QCOMPARE(unknownPlaceholders("{{nope}} {{i}} {{pick:}}"),
             QStringList({"{{nope}}", "{{pick:}}"}));
  }

  void tableKeepsItsCapacityAndSaysSo() {
    MessageTableModel model(5);
    QList<BrowsedRecord> batch;
    for (int i = 0; i < 3; ++i)
      batch << rec(i, "k", "v");
    model.append(batch);
    batch.clear();
    for (int i = 3; i < 8; ++i)
      batch << rec(i, "k", "v");
    model.append(batch);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.droppedCount(), 3LL);
    QCOMPARE(model.record(0)->offset, 3LL);
    QCOMPARE(model.record(4)->offset, 7LL);
    batch.clear();
    for (int i = 8; i < 20; ++i)
      batch << rec(i, "k", "v");
    model.append(batch);  // one batch bigger than the table
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.record(0)->offset, 15LL);
    QCOMPARE(model.droppedCount(), 15LL);
  }

  void detailIsPrettyJsonInReadingOrder() {
    MessageTableModel model;
    model.setTopic("orders");
    model.append({rec(9, "k-9", R"({"amount":42,"tags":["a"]})", {{"h", "1"}}),
                  rec(10, QByteArray(), QByteArray("\x01\x02", 2))});
    const QString d = model.detailJson(0);
    QVERIFY2(d.contains("    \"value\": {\n        \"amount\": 42,"), qPrintable(d));
    QVERIFY(d.indexOf("\"topic\"") < d.indexOf("\"partition\""));
    QVERIFY(d.indexOf("\"offset\"") < d.indexOf("\"key\""));
    QVERIFY(d.indexOf("\"headers\"") < d.indexOf("\"value\""));
    QVERIFY(d.contains("\"key\": \"k-9\""));
    QVERIFY(QJsonDocument::fromJson(d.toUtf8()).isObject());
    const QString binary = model.detailJson(1);
    QVERIFY(binary.contains("\"key\": null"));
    QVERIFY2(binary.contains("hex:01 02"), qPrintable(binary));
    QCOMPARE(model.index(1, MessageTableModel::KeyColumn).data().toString(), QString("null"));
  }

  void exportsRoundTrip() {
    std::deque<BrowsedRecord> records = {rec(1, "k,1", "say \"hi\"", {{"h", "v"}}),
                                         rec(2, QByteArray(), QByteArray("\xff\x00", 2))};
    QBuffer jsonl;
    jsonl.open(QIODevice::WriteOnly);
    QVERIFY(exportRecords(records, "t", ExportFormat::JsonLines, jsonl).isEmpty());
    const QList<QByteArray> lines = jsonl.data().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(first["key"].toString(), QString("k,1"));
    QCOMPARE(first["value"].toString(), QString("say \"hi\""));
    QCOMPARE(first["headers"].toObject()["h"].toString(), QString("v"));
    QCOMPARE(first["offset"].toInt(), 1);
    const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
    QVERIFY(second["key"].isNull());
    QCOMPARE(second["valueEncoding"].toString(), QString("base64"));
    QCOMPARE(QByteArray::fromBase64(second["value"].toString().toLatin1()),
             QByteArray("\xff\x00", 2));

    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    QVERIFY(exportRecords(records, "t", ExportFormat::Csv, csv).isEmpty());
    const QList<QByteArray> rows = csv.data().split('\n');
    QCOMPARE(rows[0], QByteArray("topic,partition,offset,timestamp,key,value,headers"));
    QVERIFY2(rows[1].contains(",\"k,1\",\"say \"\"hi\"\"\",\"{\"\"h\"\":\"\"v\"\"}\""),
             rows[1].constData());
  }

  void browsesProducedRecordsOnARealCluster() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString());
    QVERIFY(client->admin().createTopic({"orders", 3, 2, {}, {}}).isOk());
    TopicListModel topics;
    QTRY_VERIFY([&] {
      topics.update(*client->observer().view());
      return topics.partitionsOf("orders") == 3;
    }());
    DataActions actions(client.get());
    QSignalSpy done(&actions, &DataActions::finished);

    // 20 records to partition 1 through the produce dialog, 10 more keyed by the partitioner.
    ProduceDialog dialog("orders", 3, &actions);
    dialog.keyEdit()->setText("k-{{i}}");
    dialog.valueEdit()->setPlainText(R"({"n": {{i}}, "at": {{now}}})");
    dialog.headersTable()->insertRow(0);
    dialog.headersTable()->setItem(0, 0, new QTableWidgetItem("trace"));
    dialog.headersTable()->setItem(0, 1, new QTableWidgetItem("t-{{i}}"));
    dialog.partitionCombo()->setCurrentIndex(2);  // partition 1
    dialog.countSpin()->setValue(20);
    QVERIFY2(dialog.preview().contains("k-0"), qPrintable(dialog.preview()));
    dialog.send();
    auto [ok, message] = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains("20 records") && message.contains("partition 1, offset 0"),
             qPrintable(message));
    QTRY_COMPARE(dialog.outcome(), message);

    ProduceRequest more;
    more.topic = "orders";
    more.keyTemplate = "other-{{i}}";
    more.valueTemplate = R"({"n": {{i}}})";
    more.count = 10;
    actions.produce(more);
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));

    MessageBrowser browser(new MessageReader(client.get()), &topics);
    browser.resize(1200, 600);
    browser.show();
    browser.startCombo()->setCurrentIndex(1);  // Beginning
    browser.setTopic("orders");
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
    QCOMPARE(browser.model()->rowCount(), 30);

    // Partition 1 from offset 15: exactly offsets 15..19.
    browser.partitionCombo()->setCurrentIndex(2);
    browser.startCombo()->setCurrentIndex(2);  // Offset
    browser.offsetSpin()->setValue(15);
    browser.read();
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
    // The 10 keyed records also put some on partition 1, after offset 19.
    const QStringList offsets = column(*browser.model(), MessageTableModel::OffsetColumn);
    QVERIFY(offsets.size() >= 5);
    QCOMPARE(offsets.mid(0, 5), QStringList({"15", "16", "17", "18", "19"}));
    QCOMPARE(column(*browser.model(), MessageTableModel::KeyColumn).mid(0, 5),
             QStringList({"k-15", "k-16", "k-17", "k-18", "k-19"}));
    for (const QString& p : column(*browser.model(), MessageTableModel::PartitionColumn))
      QCOMPARE(p, QString("1"));

    // Searches over every partition from the beginning.
    browser.partitionCombo()->setCurrentIndex(0);
    browser.startCombo()->setCurrentIndex(1);
    browser.searchKindCombo()->setCurrentIndex(3);  // JSON path
    browser.searchEdit()->setText("$.n=7");
    browser.read();
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
    QCOMPARE(browser.model()->rowCount(), 2);  // k-7 and other-7
    QVERIFY(browser.status().contains("2 of 30 records match"));
    browser.searchKindCombo()->setCurrentIndex(1);  // key
    browser.searchEdit()->setText("k-1");
    browser.read();
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
    QCOMPARE(browser.model()->rowCount(), 11);      // k-1, k-10 … k-19
    browser.searchKindCombo()->setCurrentIndex(2);  // header
    browser.searchEdit()->setText("trace=t-5");
    browser.read();
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
    QCOMPARE(column(*browser.model(), MessageTableModel::KeyColumn), QStringList({"k-5"}));
    browser.view()->selectRow(0);
    browser.view()->setCurrentIndex(browser.model()->index(0, 0));
    QVERIFY(browser.detail()->toPlainText().contains("\"trace\": \"t-5\""));
    QVERIFY(browser.detail()->toPlainText().contains("\"n\": 5"));
    browser.searchEdit()->setText("");
    browser.read();
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
    browser.view()->setCurrentIndex(browser.model()->index(4, 0));
    shoot(browser, "panel-messages.png");
    browser.searchEdit()->setText("trace=t-5");
    browser.read();
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);

    QTemporaryDir out;
    QVERIFY(browser.exportTo(out.filePath("one.jsonl")).isEmpty());
    QFile exported(out.filePath("one.jsonl"));
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(exported.readLine()).object()["key"].toString(),
             QString("k-5"));

    // Live tail: new records arrive without another Read.
    browser.searchEdit()->clear();
    browser.startCombo()->setCurrentIndex(0);  // newest
    browser.liveBox()->setChecked(true);       // reads
    QTRY_VERIFY_WITH_TIMEOUT(browser.status().contains("Live"), 15000);
    QCOMPARE(browser.model()->rowCount(), 30);
    more.keyTemplate = "late-{{i}}";
    more.count = 5;
    actions.produce(more);
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(browser.model()->rowCount(), 35, 15000);
    QVERIFY(browser.reading());
    browser.stopReading();
    QVERIFY(!browser.reading());
  }
};

QTEST_MAIN(MessageBrowserTest)
#include "message_browser_test.moc"
