#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "engine/meta/metadata_store.h"

using namespace runnel;

namespace {
TopicRecord orders() {
  TopicRecord t;
  t.name = "orders";
  t.id = Uuid::random();
  t.partitionCount = 3;
  t.replicationFactor = 2;
  t.configs = {{"retention.ms", "60000"}, {"cleanup.policy", "delete"}};
  t.createdMs = 1700000000000;
  return t;
}

std::vector<PartitionRecord> ordersPartitions() {
  return {{"orders", 0, {1, 2}, 1, 0, {1, 2}, 0},
          {"orders", 1, {2, 3}, 2, 0, {2, 3}, 0},
          {"orders", 2, {3, 1}, 3, 0, {3, 1}, 0}};
}

std::unique_ptr<MetadataStore> openOrDie(const std::string& path) {
  auto store = MetadataStore::open(path);
  if (!store.isOk()) qFatal("%s", store.status().toString().c_str());
  return std::move(store).value();
}
}  // namespace

class MetadataStoreTest : public QObject {
  Q_OBJECT
 private slots:
  void topicsAndPartitionsRoundTrip() {
    auto store = openOrDie(":memory:");
    QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
    auto topic = store->topic("orders");
    QVERIFY(topic.isOk());
    QCOMPARE(topic->partitionCount, 3);
    QCOMPARE(topic->configs.at("retention.ms"), std::string("60000"));
    auto parts = store->partitions("orders");
    QVERIFY(parts.isOk());
    QCOMPARE(parts.value(), ordersPartitions());
    QVERIFY(store->topic("nope").status().isNotFound());
  }

  void duplicateTopicIsRefusedAndNothingChanges() {
    auto store = openOrDie(":memory:");
    QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
    TopicRecord again = orders();
    again.partitionCount = 9;
    QVERIFY(store->createTopic(again, {}).isAlreadyExists());
    QCOMPARE(store->topic("orders")->partitionCount, 3);
  }

  void survivesReopen() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/meta.db").toStdString();
    std::string clusterId;
    {
      auto store = openOrDie(path);
      clusterId = store->clusterId();
      QCOMPARE(clusterId.size(), std::size_t{22});
      QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
      PartitionRecord moved = ordersPartitions()[0];
      moved.leader = 2;
      moved.leaderEpoch = 1;
      moved.isr = {2};
      moved.partitionEpoch = 1;
      QVERIFY(store->updatePartitions({moved}).isOk());
      QVERIFY(store->commitOffsets({{"app", "orders", 0, 42, 1, "m", 5}}).isOk());
    }
    auto store = openOrDie(path);
    QCOMPARE(store->clusterId(), clusterId);
    auto parts = store->partitions();
    QVERIFY(parts.isOk());
    QCOMPARE(parts->size(), std::size_t{3});
    QCOMPARE(parts->at(0).leader, 2);
    QCOMPARE(parts->at(0).isr, std::vector<std::int32_t>{2});
    auto offsets = store->committedOffsets("app");
    QVERIFY(offsets.isOk());
    QCOMPARE(offsets->size(), std::size_t{1});
    QCOMPARE(offsets->at(0).offset, std::int64_t{42});
  }

  void updateOfUnknownPartitionRollsBackTheBatch() {
    auto store = openOrDie(":memory:");
    QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
    PartitionRecord good = ordersPartitions()[1];
    good.leader = 3;
    PartitionRecord bad{"orders", 7, {1}, 1, 0, {1}, 0};
    QVERIFY(store->updatePartitions({good, bad}).isNotFound());
    QCOMPARE(store->partitions("orders")->at(1).leader, 2);  // unchanged: one transaction
  }

  void configsCanBeSetAndRemoved() {
    auto store = openOrDie(":memory:");
    QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
    QVERIFY(store->setTopicConfig("orders", "segment.bytes", std::string("1048576")).isOk());
    QVERIFY(store->setTopicConfig("orders", "retention.ms", std::nullopt).isOk());
    auto t = store->topic("orders");
    QCOMPARE(t->configs.count("retention.ms"), std::size_t{0});
    QCOMPARE(t->configs.at("segment.bytes"), std::string("1048576"));
    QVERIFY(store->setTopicConfig("ghost", "a", std::string("b")).isNotFound());
  }

  void addPartitionsContinuesNumbering() {
    auto store = openOrDie(":memory:");
    QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
    QVERIFY(store->addPartitions("orders", {{"orders", 4, {1}, 1, 0, {1}, 0}}).isInvalidArgument());
    QVERIFY(store->addPartitions("orders", {{"orders", 3, {1, 2}, 1, 0, {1, 2}, 0}}).isOk());
    QCOMPARE(store->topic("orders")->partitionCount, 4);
    QCOMPARE(store->partitions("orders")->size(), std::size_t{4});
  }

  void deleteTopicRemovesPartitionsAndConfigs() {
    auto store = openOrDie(":memory:");
    QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
    QVERIFY(store->deleteTopic("orders").isOk());
    QVERIFY(store->topics()->empty());
    QVERIFY(store->partitions()->empty());
    QVERIFY(store->deleteTopic("orders").isNotFound());
    QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());  // the name is free again
    QCOMPARE(store->topic("orders")->configs.size(), std::size_t{2});
  }

  void offsetsPerGroup() {
    auto store = openOrDie(":memory:");
    QVERIFY(store
                ->commitOffsets({{"a", "t", 0, 1, -1, "", 0},
                                 {"a", "t", 1, 2, -1, "", 0},
                                 {"b", "t", 0, 9, -1, "", 0}})
                .isOk());
    QVERIFY(store->commitOffsets({{"a", "t", 0, 5, -1, "", 0}}).isOk());  // overwrites
    auto a = store->committedOffsets("a");
    QCOMPARE(a->size(), std::size_t{2});
    QCOMPARE(a->at(0).offset, std::int64_t{5});
    QCOMPARE(store->groupsWithOffsets().value(), (std::vector<std::string>{"a", "b"}));
    QVERIFY(store->deleteOffsets("a", "t", 1).isOk());
    QCOMPARE(store->committedOffsets("a")->size(), std::size_t{1});
    QVERIFY(store->deleteOffsets("a").isOk());
    QVERIFY(store->committedOffsets("a")->empty());
  }

  void producerIdsAreNeverReused() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/meta.db").toStdString();
    {
      auto store = openOrDie(path);
      QCOMPARE(store->allocateProducerIds(1000).value(), std::int64_t{0});
      QCOMPARE(store->allocateProducerIds(10).value(), std::int64_t{1000});
    }
    auto store = openOrDie(path);
    QCOMPARE(store->allocateProducerIds(1).value(), std::int64_t{1010});
    QVERIFY(store->allocateProducerIds(0).status().isInvalidArgument());
  }

  void keyValueSettings() {
    auto store = openOrDie(":memory:");
    QVERIFY(!store->value("controller.epoch")->has_value());
    QVERIFY(store->setValue("controller.epoch", "3").isOk());
    QCOMPARE(store->value("controller.epoch")->value(), std::string("3"));
  }

  void unwritableLocationIsAClearError() {
    auto store = MetadataStore::open("/proc/runnel-cannot-write-here/meta.db");
    QVERIFY(!store.isOk());
    QVERIFY(store.status().isIoError());
    QVERIFY(store.status().message().find("meta.db") != std::string::npos);
  }

  void reassignmentInProgressRoundTrips() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/meta.db").toStdString();
    {
      auto store = openOrDie(path);
      QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
      PartitionRecord p = ordersPartitions()[0];
      p.replicas = {3, 2, 1};
      p.addingReplicas = {3};
      p.removingReplicas = {1};
      QVERIFY(store->updatePartitions({p}).isOk());
    }
    auto store = openOrDie(path);
    auto parts = store->partitions("orders");
    QVERIFY(parts.isOk());
    QCOMPARE(parts->at(0).replicas, (std::vector<std::int32_t>{3, 2, 1}));
    QCOMPARE(parts->at(0).addingReplicas, (std::vector<std::int32_t>{3}));
    QCOMPARE(parts->at(0).removingReplicas, (std::vector<std::int32_t>{1}));
    QVERIFY(parts->at(1).addingReplicas.empty() && parts->at(1).removingReplicas.empty());
  }

  // A store written before reassignments existed (schema 1) is upgraded in place.
  void schemaOneIsUpgraded() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/meta.db").toStdString();
    {
      auto store = openOrDie(path);
      QVERIFY(store->createTopic(orders(), ordersPartitions()).isOk());
    }
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db,
                          "ALTER TABLE partitions DROP COLUMN adding_replicas;"
                          "ALTER TABLE partitions DROP COLUMN removing_replicas;"
                          "UPDATE settings SET value = '1' WHERE key = 'schema_version';",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(db);
    auto store = openOrDie(path);
    auto parts = store->partitions("orders");
    QVERIFY(parts.isOk());
    QCOMPARE(*parts, ordersPartitions());
    PartitionRecord p = ordersPartitions()[1];
    p.addingReplicas = {1};
    QVERIFY(store->updatePartitions({p}).isOk());
    QCOMPARE(store->partitions("orders")->at(1).addingReplicas, (std::vector<std::int32_t>{1}));
  }

  void garbageFileIsReportedAsCorruption() {
    QTemporaryDir dir;
    const QString path = dir.path() + "/meta.db";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    auto store = MetadataStore::open(path.toStdString());
    QVERIFY(!store.isOk());
    QVERIFY2(store.status().isCorruption(), store.status().toString().c_str());
  }
};

QTEST_APPLESS_MAIN(MetadataStoreTest)
#include "metadata_store_test.moc"
