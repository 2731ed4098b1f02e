// Import and long operations: hand-written and exported JSON lines / CSV parse into the records
// they say, with every bad line listed by number; an export -> import round trip over a real
// embedded cluster gives back the same keys, values, headers, partitions and timestamps; a
// large produce or import cancelled midway stops, and the count it reports is exactly what
// the topic holds; progress only goes up and is published at most ~30 times a second.
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/dialogs/import_dialog.h"
#include "widgets/dialogs/produce_dialog.h"
#include "widgets/models/csv_reader.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/long_operation.h"
#include "widgets/models/message_import.h"
#include "widgets/models/message_reader.h"
#include "widgets/models/result_export.h"
#include "widgets/models/message_table_model.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/panels/message_browser.h"
#include "widgets/panels/progress_strip.h"
#include "widgets/style/theme.h"
#include "tests/widgets/screenshot.h"

using namespace runnel;
using namespace runnel::widgets;
using runnel::widgets::testing::shoot;

namespace {

ImportParse parse(const QByteArray& text, ExportFormat format) {
  return parseImport(text, format);
}

QStringList lines(const QList<ImportProblem>& problems) {
  QStringList out;
  for (const auto& p : problems)
    out << QString::number(p.line);
  return out;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Records in a topic, as the message browser reads them from the beginning.
std::vector<BrowsedRecord> readTopic(client::ClusterClient* client, TopicListModel* topics,
                                     const QString& topic) {
  MessageBrowser browser(new MessageReader(client), topics);
  browser.startCombo()->setCurrentIndex(1);  // Beginning
  browser.setTopic(topic);
  QElapsedTimer t;
  t.start();
  while ((browser.reading() || !browser.status().contains("end")) && t.elapsed() < 15000)
    QTest::qWait(20);
  const auto& r = browser.model()->records();
  std::vector<BrowsedRecord> out(r.begin(), r.end());
  std::sort(out.begin(), out.end(), [](const BrowsedRecord& a, const BrowsedRecord& b) {
    return std::tie(a.partition, a.offset) < std::tie(b.partition, b.offset);
  });
  return out;
}

qint64 recordsIn(client::ClusterClient* client, const std::string& topic, int partitions) {
  std::map<client::TopicPartition, client::OffsetSpec> specs;
  for (int p = 0; p < partitions; ++p)
    specs[{topic, p}] = client::OffsetSpec::latest();
  auto listed = client->admin().listOffsets(specs);
  if (!listed.isOk()) return -1;
  qint64 n = 0;
  for (const auto& [tp, o] : *listed)
    n += o.offset;
  return n;
}

}  // namespace

class ImportProgressTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    Theme::instance().apply(ThemeChoice::Light);
    QDir().mkpath(dir_.path());
    client_ = client::embedded::testing::openClient(dir_.filePath("cluster").toStdString());
    for (const char* t : {"orig", "back-jsonl", "back-csv", "bad", "many", "imported"})
      QVERIFY(client_->admin().createTopic({t, 3, 2, {}, {}}).isOk());
    QVERIFY(client_->admin().createTopic({"one", 1, 1, {}, {}}).isOk());
    QTRY_VERIFY([&] {
      topics_.update(*client_->observer().view());
      return topics_.partitionsOf("one") == 1 && topics_.partitionsOf("imported") == 3;
    }());
    actions_ = std::make_unique<DataActions>(client_.get());
  }

  void cleanupTestCase() {
    actions_.reset();
    client_.reset();
  }

  void csvRowsFollowRfc4180() {
    const QList<CsvRow> rows =
        readCsv("a,\"b,c\"\r\n\n\"multi\nline\",\"say \"\"hi\"\"\"\nx\"y,z\n\"open,");
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0].fields, QStringList({"a", "b,c"}));
    QCOMPARE(rows[0].line, 1);
    QCOMPARE(rows[1].line, 3);  // the blank line 2 gives no row
    QCOMPARE(rows[1].fields, QStringList({"multi\nline", "say \"hi\""}));
    QCOMPARE(rows[2].line, 5);
    QVERIFY(rows[2].error.contains("quote"));
    QCOMPARE(rows[3].line, 6);
    QVERIFY(rows[3].error.contains("never closed"));
  }

  void handWrittenFilesParse() {
    // Only a value column, no header.
    ImportParse p = parse("hello\nworld\n", ExportFormat::Csv);
    QCOMPARE(p.records.size(), 2);
    QVERIFY(p.records[0].key.isNull());
    QCOMPARE(p.records[1].value, QByteArray("world"));
    // key,value without a header; quoted commas and newlines; JSON values stay JSON text.
    p = parse("k1,\"a,b\"\nk2,\"two\nlines\"\nk3,\"{\"\"n\"\":1}\"\n", ExportFormat::Csv);
    QCOMPARE(p.records.size(), 3);
    QCOMPARE(p.records[0].key, QByteArray("k1"));
    QCOMPARE(p.records[0].value, QByteArray("a,b"));
    QCOMPARE(p.records[1].value, QByteArray("two\nlines"));
    QCOMPARE(p.records[2].line, 4);
    QCOMPARE(p.records[2].value, QByteArray("{\"n\":1}"));
    // A header row in any order and case; an unknown column is noted, not silently dropped.
    p = parse("Value,KEY,partition,note\nv1,k1,2,x\nv2,,,y\n", ExportFormat::Csv);
    QCOMPARE(p.records.size(), 2);
    QCOMPARE(p.records[0].partition, std::optional<int>(2));
    QVERIFY(p.records[1].key.isNull());
    QVERIFY(!p.records[1].partition);
    QCOMPARE(p.notes.size(), 1);
    QVERIFY(p.notes[0].contains("note"));
    // JSON lines: values of any JSON type kept as JSON text; ISO or millisecond timestamps.
    p = parse(R"({"value": {"amount": 12.5, "tags": ["a"]}}
{"key": "k", "value": 42, "timestamp": "2026-11-26T10:00:00.000Z"}

{"key": "k", "value": "text", "timestampMs": 1700000000000, "headers": {"h": "v"}}
)",
              ExportFormat::JsonLines);
    QCOMPARE(p.problems.size(), 0);
    QCOMPARE(p.records.size(), 3);
    QCOMPARE(p.records[0].value, QByteArray(R"({"amount":12.5,"tags":["a"]})"));
    QVERIFY(p.records[0].key.isNull());
    QCOMPARE(p.records[1].value, QByteArray("42"));
    QCOMPARE(p.records[1].timestampMs, std::optional<qint64>(1'795'687'200'000LL));
    QCOMPARE(p.records[2].line, 4);
    QCOMPARE(p.records[2].headers.value(0).second, QByteArray("v"));
  }

  void malformedLinesAreListedWithTheirNumbers() {
    ImportParse p = parse(R"({"key": "a", "value": "1"}
{"key": "b", "value": 
[1, 2]
{"key": "c", "value": "3", "partition": -1}
{"topic": "x"}
{"key": "d", "valueEncoding": "base64", "value": "***"}
{"key": "e", "value": "5", "headers": "h"}
{"key": "f", "value": "6", "timestamp": "yesterday"}
{"key": "g", "value": "7"}
)",
                          ExportFormat::JsonLines);
    QCOMPARE(p.records.size(), 2);
    QCOMPARE(lines(p.problems), QStringList({"2", "3", "4", "5", "6", "7", "8"}));
    QVERIFY(p.problems[0].reason.contains("not valid JSON"));
    QVERIFY(p.problems[1].reason.contains("object"));
    QVERIFY(p.problems[2].reason.contains("partition"));
    QVERIFY(p.problems[3].reason.contains("neither"));
    QVERIFY(p.problems[4].reason.contains("base64"));
    QVERIFY(p.problems[5].reason.contains("headers"));
    QVERIFY(p.problems[6].reason.contains("timestamp"));

    p = parse(
        "key,value,partition,timestamp\nk1,v1,0,\nk2,v2,one,\nk3,v3\n"
        "k4,\"v\"4,0,\nk5,v5,1,2026-13-01\nk6,v6,1,1700000000000\n",
        ExportFormat::Csv);
    QCOMPARE(p.records.size(), 2);
    QCOMPARE(lines(p.problems), QStringList({"3", "4", "5", "6"}));
    QVERIFY(p.problems[1].reason.contains("header row names 4"));
    QCOMPARE(describeProblems(p.problems, 2).count("line "), 2);
    QVERIFY(describeProblems(p.problems, 2).contains("2 more"));

    p = parse("a,b,c\n", ExportFormat::Csv);
    QCOMPARE(lines(p.problems), QStringList({"1"}));
    QVERIFY(p.problems[0].reason.contains("header row"));
  }

  void exportThenImportGivesTheSameRecords() {
    // The originals: text, JSON and binary values, null and present keys, headers that repeat
    // and are out of order, each on a chosen partition with a chosen timestamp.
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
    ImportRequest originals;
    originals.topic = "orig";
    originals.topicPartitions = 3;
    for (int i = 0; i < 30; ++i) {
      ImportedRecord r;
      r.partition = i % 3;
      r.timestampMs = base + i * qint64{1000};
      if (i % 5 != 0) r.key = QByteArray("key-") + QByteArray::number(i);
      r.value = i % 4 == 0   ? QByteArray("{\"n\":") + QByteArray::number(i) + ",\"s\":\"a,b\"}"
                : i % 4 == 1 ? QByteArray("line one\nline \"two\", " + QByteArray::number(i))
                : i % 4 == 2 ? QByteArray("\xff\x00\x01", 3) + QByteArray::number(i)
                             : QByteArray("plain ") + QByteArray::number(i);
      if (i % 2 == 0)
        r.headers = {{"z-trace", "t" + QByteArray::number(i)}, {"a", "1"}, {"a", "2"}};
      if (i % 3 == 0) r.headers.append({"bin", QByteArray("\x00\xfe", 2)});
      originals.records << r;
    }
    QSignalSpy done(actions_.get(), &DataActions::finished);
    actions_->importRecords(originals);
    QVERIFY(done.wait(20000));
    QVERIFY2(done.first().at(1).toBool(), qPrintable(done.first().at(2).toString()));
    const auto orig = readTopic(client_.get(), &topics_, "orig");
    QCOMPARE(orig.size(), size_t(30));

    for (const QString& format : {QString("jsonl"), QString("csv")}) {
      MessageBrowser browser(new MessageReader(client_.get()), &topics_);
      browser.startCombo()->setCurrentIndex(1);
      browser.setTopic("orig");
      QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
      const QString path = dir_.filePath("orig." + format);
      LongOperation* exporting = browser.exportInBackground(path);
      QSignalSpy exported(exporting, &LongOperation::finished);
      QVERIFY(exported.wait(10000));
      QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(2).toString()));
      QCOMPARE(exporting->done(), qint64(30));

      const QString target = "back-" + format;
      ImportDialog dialog("orig", &topics_, actions_.get());
      dialog.topicCombo()->setCurrentText(target);
      dialog.loadFile(path);
      QTRY_VERIFY(!dialog.loading());
      QCOMPARE(dialog.parsed().problems.size(), 0);
      QCOMPARE(dialog.previewTable()->rowCount(), 30);
      QVERIFY(dialog.importButton()->isEnabled());
      QSignalSpy imported(&dialog, &ImportDialog::importFinished);
      dialog.startImport();
      QVERIFY(imported.wait(20000));
      QVERIFY2(imported.first().at(0).toBool(), qPrintable(dialog.outcome()));
      QVERIFY2(dialog.outcome().contains("Imported 30 records into " + target) &&
                   dialog.outcome().contains("No line was rejected"),
               qPrintable(dialog.outcome()));

      const auto back = readTopic(client_.get(), &topics_, target);
      QCOMPARE(back.size(), orig.size());
      for (size_t i = 0; i < orig.size(); ++i) {
        QCOMPARE(back[i].partition, orig[i].partition);
        QCOMPARE(back[i].offset, orig[i].offset);
        QCOMPARE(back[i].timestampMs, orig[i].timestampMs);
        QCOMPARE(back[i].key, orig[i].key);
        QCOMPARE(back[i].key.isNull(), orig[i].key.isNull());
        QCOMPARE(back[i].value, orig[i].value);
        QCOMPARE(back[i].headers, orig[i].headers);
      }
    }
  }

  void badLinesAreRejectedAndTheRestImported() {
    const QString path = dir_.filePath("bad.csv");
    QVERIFY(writeFile(path, "key,value,partition\nk1,v1,0\nk2,v2,9\nk3,\"v3\nk4,v4,1\n"));
    // Line 4 opens a quote that never closes: it swallows the rest, and says so.
    ImportDialog dialog("bad", &topics_, actions_.get());
    dialog.resize(900, 560);
    dialog.loadFile(path);
    QTRY_VERIFY(!dialog.loading());
    QCOMPARE(dialog.parsed().records.size(), 2);
    QCOMPARE(lines(dialog.parsed().problems), QStringList({"4"}));
    QCOMPARE(dialog.problemList()->count(), 1);
    QVERIFY(dialog.problemList()->item(0)->text().startsWith("Line 4:"));
    // Partition 9 is not in "bad" (3 partitions): previewed and produced by key.
    QCOMPARE(dialog.previewTable()->item(1, 1)->text(), QString("by key"));
    QCOMPARE(dialog.previewTable()->item(0, 1)->text(), QString("0"));
    QVERIFY2(dialog.summary().contains("1 line rejected"), qPrintable(dialog.summary()));

    QSignalSpy imported(&dialog, &ImportDialog::importFinished);
    dialog.startImport();
    QVERIFY(imported.wait(20000));
    const QString outcome = dialog.outcome();
    QVERIFY2(outcome.contains("Imported 2 records") && outcome.contains("1 line rejected") &&
                 outcome.contains("line 4:") && outcome.contains("went by key"),
             qPrintable(outcome));
    QCOMPARE(recordsIn(client_.get(), "bad", 3), qint64(2));
  }

  void importPreviewScreenshot() {
    if (qEnvironmentVariable("RUNNEL_SCREENSHOT_DIR").isEmpty()) QSKIP("screenshots only");
    const QString path = dir_.filePath("orders.jsonl");
    QByteArray text;
    for (int i = 0; i < 40; ++i) {
      if (i == 6)
        text += "{\"key\": \"order-6\", \"value\": {\"amount\": 12.50,}\n";
      else if (i == 17)
        text += "{\"key\": \"order-17\", \"partition\": \"two\", \"value\": 1}\n";
      else
        text += QStringLiteral(R"({"topic":"orders","partition":%1,"offset":%2,)"
                               R"("timestamp":"2026-11-26T09:%3:00.000Z","key":"order-%4",)"
                               R"("value":{"orderId":%4,"customer":"%5","amount":%6},)"
                               R"("headers":{"source":"web"}})")
                    .arg(i % 3)
                    .arg(i / 3)
                    .arg(i % 60, 2, 10, QChar('0'))
                    .arg(i)
                    .arg(QStringList({"ada", "grace", "linus", "margaret"})[i % 4])
                    .arg(10 + i * 3.25, 0, 'f', 2)
                    .toUtf8() +
                "\n";
    }
    QVERIFY(writeFile(path, text));
    ImportDialog dialog("imported", &topics_, actions_.get());
    dialog.resize(980, 600);
    dialog.show();
    dialog.loadFile(path);
    QTRY_VERIFY(!dialog.loading());
    QCOMPARE(lines(dialog.parsed().problems), QStringList({"7", "18"}));
    shoot(dialog, "panel-import.png");
  }

  void cancellingALargeProduceStopsAndCountsRight() {
    ProduceDialog dialog("many", 3, actions_.get());
    dialog.resize(620, 600);
    dialog.show();
    dialog.countSpin()->setValue(1'000'000);
    dialog.send();
    LongOperation* op = dialog.operation();
    QVERIFY(op);
    QSignalSpy progress(op, &LongOperation::progressed);
    QSignalSpy finished(op, &LongOperation::finished);
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(op->done() >= 20'000, 20000);
    QVERIFY(dialog.progressStrip()->isVisible());
    QVERIFY(dialog.progressStrip()->cancelButton()->isVisible());
    shoot(dialog, "panel-progress.png");
    dialog.progressStrip()->cancelButton()->click();
    QVERIFY(finished.wait(20000));
    const qint64 elapsedMs = clock.elapsed();
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(finished.first().at(1).toBool());  // cancelled
    const qint64 produced = op->done();
    QVERIFY2(produced < 1'000'000, "cancel came too late to test anything");
    QVERIFY2(dialog.outcome().startsWith("Cancelled: " + QLocale().toString(produced) + " of "),
             qPrintable(dialog.outcome()));
    QCOMPARE(recordsIn(client_.get(), "many", 3), produced);

    // Progress only goes up, and at ~30 updates a second at most.
    qint64 last = -1;
    for (const auto& args : progress) {
      QVERIFY(args.at(0).toLongLong() >= last);
      last = args.at(0).toLongLong();
      QCOMPARE(args.at(1).toLongLong(), qint64(1'000'000));
    }
    QCOMPARE(last, produced);
    QVERIFY2(progress.size() <= 2 + elapsedMs / 30, qPrintable(QString::number(progress.size())));
  }

  void cancellingALargeImportStopsAndCountsRight() {
    QByteArray text = "key,value\n";
    for (int i = 0; i < 200'000; ++i)
      text += "k" + QByteArray::number(i) + ",value " + QByteArray::number(i) + "\n";
    const QString path = dir_.filePath("many.csv");
    QVERIFY(writeFile(path, text));
    ImportDialog dialog("one", &topics_, actions_.get());
    dialog.loadFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.loading(), 20000);
    QCOMPARE(dialog.parsed().records.size(), 200'000);
    QSignalSpy imported(&dialog, &ImportDialog::importFinished);
    dialog.startImport();
    LongOperation* op = dialog.operation();
    QSignalSpy progress(op, &LongOperation::progressed);
    QTRY_VERIFY_WITH_TIMEOUT(op->done() >= 5'000, 20000);
    op->cancel();
    QVERIFY(imported.wait(20000));
    const qint64 produced = op->done();
    QVERIFY(produced < 200'000);
    QVERIFY2(dialog.outcome().startsWith("Import cancelled: " + QLocale().toString(produced)),
             qPrintable(dialog.outcome()));
    QCOMPARE(recordsIn(client_.get(), "one", 1), produced);
    qint64 last = -1;
    for (const auto& args : progress) {
      QVERIFY(args.at(0).toLongLong() >= last);
      last = args.at(0).toLongLong();
    }
  }

  void aFailureMidwaySaysHowManyWereProduced() {
    // Record 500 is larger than max.request.size: the producer refuses it, the import stops.
    ImportRequest request;
    request.topic = "failing";
    request.topicPartitions = 3;
    for (int i = 0; i < 1000; ++i) {
      ImportedRecord r;
      r.key = "k" + QByteArray::number(i);
      r.value = i == 500 ? QByteArray(2 << 20, 'x') : QByteArray("v");
      request.records << r;
    }
    QVERIFY(client_->admin().createTopic({"failing", 3, 2, {}, {}}).isOk());
    LongOperation op("Importing", "records");
    QSignalSpy finished(&op, &LongOperation::finished);
    actions_->importRecords(request, op.token());
    QVERIFY(finished.wait(20000));
    QVERIFY(!finished.first().at(0).toBool());
    const QString message = finished.first().at(2).toString();
    QVERIFY2(message.startsWith("Import into failing failed after 500 of 1,000 records were "
                                "produced") ||
                 message.startsWith("Import into failing failed after 500 of 1000 records were "
                                    "produced"),
             qPrintable(message));
    QVERIFY2(message.contains("RECORD_TOO_LARGE"), qPrintable(message));
    QCOMPARE(op.done(), qint64(500));
    QCOMPARE(recordsIn(client_.get(), "failing", 3), qint64(500));
  }

  void resultExportReportsProgressAndCancels() {
    ResultSnapshot snapshot;
    snapshot.columns = {"card", "total, eur", "note"};
    for (int i = 0; i < 5000; ++i)
      snapshot.rows << QStringList{QString::number(i), QString::number(i * 2), "say \"hi\"\nbye"};
    OperationToken token;
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    QVERIFY(writeResult(snapshot, false, csv, &token).isEmpty());
    QCOMPARE(token.done(), qint64(5000));
    QCOMPARE(token.total(), qint64(5000));
    const QList<CsvRow> rows = readCsv(QString::fromUtf8(csv.data()));
    QCOMPARE(rows.size(), 5001);
    QCOMPARE(rows[0].fields, snapshot.columns);
    QCOMPARE(rows[4000].fields, snapshot.rows[3999]);

    QBuffer json;
    json.open(QIODevice::WriteOnly);
    QVERIFY(writeResult(snapshot, true, json).isEmpty());
    const QJsonArray array = QJsonDocument::fromJson(json.data()).array();
    QCOMPARE(array.size(), 5000);
    QCOMPARE(array[7].toObject()["total, eur"].toString(), QString("14"));

    OperationToken cancelled;
    cancelled.cancel();
    QBuffer none;
    none.open(QIODevice::WriteOnly);
    QVERIFY(writeResult(snapshot, false, none, &cancelled).contains("cancelled after 0 of 5000"));
  }

  void exportFailureIsReadable() {
    MessageBrowser browser(new MessageReader(client_.get()), &topics_);
    browser.startCombo()->setCurrentIndex(1);
    browser.setTopic("bad");
    QTRY_VERIFY_WITH_TIMEOUT(!browser.reading() && browser.status().contains("end"), 15000);
    LongOperation* op = browser.exportInBackground("/nonexistent-dir/x.csv");
    QSignalSpy finished(op, &LongOperation::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(browser.status().contains("Cannot write /nonexistent-dir/x.csv"),
             qPrintable(browser.status()));
    QVERIFY(browser.progressStrip()->text().contains("Cannot write"));
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<client::ClusterClient> client_;
  TopicListModel topics_;
  std::unique_ptr<DataActions> actions_;
};

QTEST_MAIN(ImportProgressTest)
#include "import_progress_test.moc"
