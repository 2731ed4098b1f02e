#include <QtTest>

#include "engine/log/log_config.h"

using namespace runnel;

class LogConfigTest : public QObject {
  Q_OBJECT
 private slots:
  void kafkaDefaults() {
    const LogConfig c;
    QCOMPARE(c.segmentBytes, 1073741824);
    QCOMPARE(c.segmentMs, 604800000);
    QCOMPARE(c.retentionMs, 604800000);
    QCOMPARE(c.retentionBytes, -1);
    QCOMPARE(c.cleanupPolicy(), std::string("delete"));
    QCOMPARE(c.indexIntervalBytes, 4096);
    QCOMPARE(c.maxMessageBytes, 1048588);
    QCOMPARE(c.deleteRetentionMs, 86400000);
    QCOMPARE(c.minCompactionLagMs, 0);
    QCOMPARE(c.segmentIndexBytes, 10485760);
    QCOMPARE(c.flushMessages, INT64_MAX);
    QVERIFY(c.timestampType == record::TimestampType::kCreateTime);
  }

  void parsesProperties() {
    auto c = LogConfig::fromProperties({{"segment.bytes", "1048576"},
                                        {"retention.ms", "-1"},
                                        {"cleanup.policy", "compact, delete"},
                                        {"message.timestamp.type", "LogAppendTime"},
                                        {"flush.messages", "1"},
                                        {"min.compaction.lag.ms", "5000"}});
    QVERIFY2(c.isOk(), c.status().toString().c_str());
    QCOMPARE(c->segmentBytes, 1048576);
    QCOMPARE(c->retentionMs, -1);
    QVERIFY(c->cleanupCompact && c->cleanupDelete);
    QCOMPARE(c->cleanupPolicy(), std::string("compact,delete"));
    QVERIFY(c->timestampType == record::TimestampType::kLogAppendTime);
    QCOMPARE(c->flushMessages, 1);
    QCOMPARE(c->minCompactionLagMs, 5000);
    // Unset keys keep the base's values.
    LogConfig base;
    base.retentionBytes = 77;
    auto onBase = LogConfig::fromProperties({{"cleanup.policy", "compact"}}, base);
    QCOMPARE(onBase->retentionBytes, 77);
    QVERIFY(onBase->cleanupCompact && !onBase->cleanupDelete);
  }

  void rejectsBadValues_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("not a number") << "segment.bytes"
                                  << "lots"
                                  << "not an integer";
    QTest::newRow("trailing junk") << "retention.ms"
                                   << "100ms"
                                   << "not an integer";
    QTest::newRow("too small") << "segment.bytes"
                               << "3"
                               << "must be between 14";
    QTest::newRow("overflow") << "retention.bytes"
                              << "99999999999999999999"
                              << "out of the range";
    QTest::newRow("policy") << "cleanup.policy"
                            << "shred"
                            << "'delete' and 'compact'";
    QTest::newRow("timestamp type") << "message.timestamp.type"
                                    << "Now"
                                    << "CreateTime or LogAppendTime";
    QTest::newRow("unknown key") << "segment.byte"
                                 << "1"
                                 << "unknown log setting 'segment.byte'";
  }
  void rejectsBadValues() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, messagePart);
    auto c = LogConfig::fromProperties({{key.toStdString(), value.toStdString()}});
    QVERIFY(!c.isOk());
    QVERIFY(c.status().isInvalidArgument());
    QVERIFY2(c.status().message().find(messagePart.toStdString()) != std::string::npos,
             c.status().toString().c_str());
    if (key != "segment.byte") {
      QVERIFY2(c.status().message().find(key.toStdString()) != std::string::npos,
               c.status().toString().c_str());
    }
  }

  void knowsItsKeys() {
    QVERIFY(LogConfig::isLogConfigKey("segment.ms"));
    QVERIFY(LogConfig::isLogConfigKey("delete.retention.ms"));
    QVERIFY(!LogConfig::isLogConfigKey("min.insync.replicas"));
    LogConfig c;
    QVERIFY(c.set("min.insync.replicas", "2").isNotFound());
  }
};

QTEST_APPLESS_MAIN(LogConfigTest)
#include "log_config_test.moc"
