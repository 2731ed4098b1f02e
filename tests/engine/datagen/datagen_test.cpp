#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <map>
#include <mutex>
#include <set>

#include "engine/datagen/card_authorizations.h"
#include "engine/datagen/generator.h"
#include "engine/datagen/orders.h"
#include "engine/datagen/page_views.h"

using namespace runnel;
using namespace runnel::datagen;

namespace {

// Acknowledges every record at once and remembers it.
class RecordingProducer : public client::Producer {
 public:
  void send(client::ProducerRecord record, client::SendCallback callback) override {
    std::lock_guard lock(mutex_);
    client::RecordMetadata meta{{record.topic, 0},
                                static_cast<std::int64_t>(records_.size()),
                                record.timestampMs.value_or(-1)};
    records_.push_back(std::move(record));
    if (callback) callback(meta);
  }
  Status flush(std::chrono::milliseconds) override { return Status::ok(); }
  Result<std::int32_t> partitionFor(const std::string&, const std::optional<Bytes>&) override {
    return 0;
  }
  Status close(std::chrono::milliseconds) override { return Status::ok(); }
  std::vector<client::ProducerRecord> records() {
    std::lock_guard lock(mutex_);
    return records_;
  }

 private:
  std::mutex mutex_;
  std::vector<client::ProducerRecord> records_;
};

QJsonObject parse(const std::string& json) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
  if (error.error != QJsonParseError::NoError)
    qFatal("bad JSON %s: %s", json.c_str(), qPrintable(error.errorString()));
  return doc.object();
}

}  // namespace

class DatagenTest : public QObject {
  Q_OBJECT
 private slots:
  void sameSeedSameStream() {
    for (const std::string& name : eventSourceNames()) {
      auto a = makeEventSource(name, 7);
      auto b = makeEventSource(name, 7);
      auto c = makeEventSource(name, 8);
      QVERIFY(a && b && c);
      bool differs = false;
      for (std::int64_t i = 0; i < 500; ++i) {
        const auto ra = a->next(1000 * i);
        const auto rb = b->next(1000 * i);
        const auto rc = c->next(1000 * i);
        QCOMPARE(ra.value, rb.value);
        QCOMPARE(ra.key, rb.key);
        differs |= ra.value != rc.value;
      }
      QVERIFY2(differs, name.c_str());
    }
    QVERIFY(makeEventSource("no-such-source", 1) == nullptr);
  }

  void valuesAreJsonWithTheDescribedFields() {
    for (const std::string& name : eventSourceNames()) {
      auto source = makeEventSource(name, 3);
      for (std::int64_t i = 0; i < 100; ++i) {
        const GeneratedRecord r = source->next(1'700'000'000'000 + i * 1000);
        const QJsonObject o = parse(r.value);
        QCOMPARE(o.size(), static_cast<qsizetype>(source->fields().size()));
        for (const FieldDescription& f : source->fields())
          QVERIFY2(o.contains(QString::fromStdString(f.name)), f.name.c_str());
        QCOMPARE(r.timestampMs, 1'700'000'000'000 + i * 1000);
      }
    }
  }

  void onlyStolenCardsExceedThreeAttemptsInAWindow() {
    CardAuthorizations source(42);
    constexpr std::int64_t kWindowMs = std::int64_t{5} * 60 * 1000;
    std::map<std::pair<std::string, std::int64_t>, int>
        perWindow;  // (card, window start) -> attempts
    for (std::int64_t i = 0; i < 20'000; ++i) {
      const GeneratedRecord r = source.next(i * 500);  // two attempts a second, ~2.8 hours
      QCOMPARE(QString::fromStdString(r.key), parse(r.value).value("card_number").toString());
      ++perWindow[{r.key, (r.timestampMs / kWindowMs) * kWindowMs}];
    }
    std::set<std::string> stolen;
    for (const FraudBurst& b : source.bursts())
      stolen.insert(b.cardNumber);
    QVERIFY2(source.bursts().size() > 20, "the stream should contain bursts");
    std::set<std::string> flagged;
    for (const auto& [cardWindow, attempts] : perWindow) {
      if (attempts > 3) flagged.insert(cardWindow.first);
    }
    for (const std::string& card : flagged)
      QVERIFY2(stolen.count(card), ("false positive: " + card).c_str());
    // Every burst whose attempts all fall inside one window must be caught there.
    for (const FraudBurst& b : source.bursts()) {
      const std::int64_t lastMs = b.firstAttemptMs + 60'000;
      if (b.firstAttemptMs / kWindowMs == lastMs / kWindowMs &&
          lastMs < std::int64_t{20'000} * 500) {
        const std::pair<std::string, std::int64_t> key{b.cardNumber,
                                                       (b.firstAttemptMs / kWindowMs) * kWindowMs};
        QVERIFY2(perWindow[key] >= b.attempts, b.cardNumber.c_str());
      }
    }
  }

  void generatorPacesAndStops() {
    RecordingProducer producer;
    ManualClock clock(1'700'000'000'000);  // sleeping advances it: the test runs instantly
    Generator::Options options;
    options.recordsPerSecond = 100;
    options.maxRecords = 50;
    Generator generator(std::make_unique<Orders>(1), producer, clock, options);
    QCOMPARE(generator.topic(), std::string("orders"));
    generator.start();
    QTRY_VERIFY(!generator.running());
    const GeneratorStats stats = generator.stats();
    QCOMPARE(stats.sent, std::int64_t{50});
    QCOMPARE(stats.acknowledged, std::int64_t{50});
    QCOMPARE(stats.failed, std::int64_t{0});
    const auto records = producer.records();
    QCOMPARE(records.size(), std::size_t{50});
    // 50 records at 100/s span about half a second of (manual) time.
    const std::int64_t span = *records.back().timestampMs - *records.front().timestampMs;
    QVERIFY2(span >= 400 && span <= 600, std::to_string(span).c_str());
  }

  void generatorRateChangesAndPause() {
    RecordingProducer producer;
    SystemClock clock;
    Generator generator(std::make_unique<PageViews>(2), producer, clock, {"clicks", 0, -1});
    generator.start();
    QTest::qWait(100);
    QCOMPARE(generator.stats().sent, std::int64_t{0});  // rate 0: paused
    generator.setRate(500);
    QTRY_VERIFY(generator.stats().sent >= 20);
    generator.stop();
    QVERIFY(!generator.running());
    QCOMPARE(producer.records().front().topic, std::string("clicks"));
  }

  void produceRecordsStampsTimes() {
    RecordingProducer producer;
    CardAuthorizations source(5);
    QVERIFY(produceRecords(source, producer, "authorization_attempts", 10, 1000, 250).isOk());
    const auto records = producer.records();
    QCOMPARE(records.size(), std::size_t{10});
    for (std::size_t i = 0; i < records.size(); ++i)
      QCOMPARE(*records[i].timestampMs, std::int64_t(1000 + 250 * i));
  }
};

QTEST_GUILESS_MAIN(DatagenTest)
#include "datagen_test.moc"
