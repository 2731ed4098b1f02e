// The guided lessons, run to their end on a real embedded cluster (temporary directory) through
// the LessonRunner: every step's action must succeed and its checks hold on the cluster. On top
// of the lessons' own checks, the test reads the cluster itself for the points each lesson makes
// (three positions in lesson 2, a moved leader and no lost record in lesson 6, the rebalance in
// lesson 8), steps Back (the scene is replayed to the previous step) and checks that a replay
// writes the very same records.
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/models/lesson.h"
#include "widgets/models/lesson_runner.h"
#include "widgets/models/sql_session.h"

using namespace runnel;
using namespace runnel::widgets;

namespace {

QString lessonsDir() {
  return qEnvironmentVariable("RUNNEL_SOURCE_DIR", QStringLiteral(RUNNEL_SOURCE_DIR_FALLBACK)) +
         QStringLiteral("/resources/lessons");
}

}  // namespace

class LessonsTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<client::embedded::EmbeddedClusterClient> cluster_;
  SqlSession* sql_ = nullptr;
  LessonRunner* runner_ = nullptr;

  int indexOf(const QString& id) const {
    for (int i = 0; i < runner_->lessons().size(); ++i)
      if (runner_->lessons()[i].id.startsWith(id)) return i;
    return -1;
  }

  bool waitIdle(int ms = 60000) {
    QElapsedTimer t;
    t.start();
    while (runner_->busy() && t.elapsed() < ms)
      QTest::qWait(20);
    return !runner_->busy();
  }

  // Starts the lesson and does every step, in order, through Do it and Next.
  void runLesson(const QString& id) {
    const int index = indexOf(id);
    QVERIFY2(index >= 0, qPrintable(id));
    runner_->startLesson(index);
    QVERIFY(waitIdle());
    QVERIFY2(runner_->outcomeOk(), qPrintable(runner_->outcome()));
    const int steps = static_cast<int>(runner_->currentLesson()->steps.size());
    for (int s = 0; s < steps; ++s) {
      QCOMPARE(runner_->stepIndex(), s);
      QSignalSpy finished(runner_, &LessonRunner::stepFinished);
      runner_->doStep();
      QVERIFY(finished.wait(60000) || finished.size() == 1);
      QCOMPARE(finished.first().at(0).toInt(), s);
      QVERIFY2(finished.first().at(1).toBool(),
               qPrintable(QStringLiteral("%1 step %2: %3")
                              .arg(id)
                              .arg(s + 1)
                              .arg(finished.first().at(2).toString())));
      QVERIFY(runner_->stepDone(s));
      runner_->next();
    }
    QCOMPARE(runner_->stepIndex(), steps - 1);
  }

  std::int64_t committed(const std::string& group, const std::string& topic) {
    auto offsets = cluster_->admin().listConsumerGroupOffsets(group);
    if (!offsets.isOk()) return -2;
    auto it = offsets.value().find({topic, 0});
    return it == offsets.value().end() ? -1 : it->second.offset;
  }

  client::PartitionDescription partition(const std::string& topic, int p) {
    auto d = cluster_->admin().describeTopics({topic});
    if (!d.isOk() || d.value().empty()) return {};
    return d.value().front().partitions.at(static_cast<std::size_t>(p));
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    cluster_ = client::embedded::testing::openClient(dir_.filePath("cluster").toStdString(), 3);
    QDir().mkpath(dir_.filePath("sql"));
    sql_ = new SqlSession(*cluster_, dir_.filePath("sql"), this);
    QSignalSpy ready(sql_, &SqlSession::ready);
    sql_->start();
    QVERIFY(ready.wait(20000));
    QStringList errors;
    runner_ = new LessonRunner(cluster_.get(), this);
    runner_->setLessons(Lesson::loadAll(lessonsDir(), &errors));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    runner_->setSqlSession(sql_);
    QVERIFY(runner_->lessons().size() >= 9);  // the tour and the eight lessons
  }

  void cleanupTestCase() {
    runner_->shutdown();
    delete runner_;
    delete sql_;  // stops the queries before the cluster goes
    cluster_.reset();
  }

  void theLog() {
    runLesson("01");
    QCOMPARE(committed("lesson1-reader", "lesson1-events"), 10);
  }

  void consumerPositions() {
    runLesson("02");
    // Three groups, three different positions on the same log, and nothing consumed away.
    QCOMPARE(committed("alice", "lesson2-news"), 30);
    QCOMPARE(committed("bob", "lesson2-news"), 35);
    QCOMPARE(committed("carol", "lesson2-news"), 55);
  }

  void backReplaysThePreviousStep() {
    // Lesson 2 is at its last step (Alice read on to 30). Back twice: the scene is replayed up
    // to before Bob's read, so Bob and Carol have not read yet and Alice stands at 10.
    runner_->back();
    QVERIFY(waitIdle());
    QVERIFY2(runner_->outcomeOk(), qPrintable(runner_->outcome()));
    runner_->back();
    QVERIFY(waitIdle());
    QCOMPARE(runner_->stepIndex(), 3);
    QVERIFY(!runner_->stepDone(3));
    QCOMPARE(committed("alice", "lesson2-news"), 10);
    QCOMPARE(committed("bob", "lesson2-news"), -1);
    QCOMPARE(committed("carol", "lesson2-news"), -1);
    QSignalSpy finished(runner_, &LessonRunner::stepFinished);
    runner_->doStep();
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().at(1).toBool());
    QCOMPARE(committed("bob", "lesson2-news"), 35);
  }

  void replayWritesTheSameRecords() {
    auto readAll = [this](const std::string& topic) {
      auto consumer = cluster_->createConsumer({}).value();
      (void)consumer->assign({{topic, 0}});
      (void)consumer->seekToBeginning({{topic, 0}});
      std::vector<std::pair<std::int64_t, std::string>> out;
      for (int i = 0; i < 50 && out.size() < 25; ++i) {
        auto records = consumer->poll(std::chrono::milliseconds(100));
        if (!records.isOk()) break;
        for (const auto& r : records.value())
          out.emplace_back(r.timestampMs, std::string(r.value->begin(), r.value->end()));
      }
      return out;
    };
    runLesson("01");
    const auto first = readAll("lesson1-events");
    runLesson("01");
    const auto second = readAll("lesson1-events");
    QCOMPARE(first.size(), std::size_t(25));
    QVERIFY(first == second);
    QCOMPARE(first.front().first, runner_->currentLesson()->startMs);
  }

  void sequentialAccess() {
    runLesson("03");
    QCOMPARE(committed("latecomer", "lesson3-readings"), 70);
  }

  void partitionsScale() { runLesson("04"); }

  void replication() { runLesson("05"); }

  void failover() {
    runLesson("06");
    // After the kill and the restart: the partition has a live leader, all three replicas are
    // in sync again, and every one of the 400 acknowledged orders is in the log.
    const auto p = partition("lesson6-orders", 0);
    QVERIFY(p.leader >= 0);
    QCOMPARE(p.isr.size(), std::size_t(3));
    auto end =
        cluster_->admin().listOffsets({{{"lesson6-orders", 0}, client::OffsetSpec::latest()}});
    QVERIFY(end.isOk());
    QCOMPARE(end.value().begin()->second.offset, 400);
  }

  void streamProcessing() { runLesson("07"); }

  void consumerGroups() {
    runLesson("08");
    // After the last rebalance two members share all six partitions, three each.
    auto groups = cluster_->admin().describeConsumerGroups({"lesson8-shop"});
    QVERIFY(groups.isOk());
    const auto& g = groups.value().front();
    QCOMPARE(g.members.size(), std::size_t(2));
    for (const auto& m : g.members)
      QCOMPARE(m.assignment.size(), std::size_t(3));
  }
};

QTEST_MAIN(LessonsTest)
#include "lessons_test.moc"
