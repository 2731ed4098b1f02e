#include <QtTest>

#include "app/common/command_line.h"

using runnel::app::CommandLine;

namespace {
// Keeps argv strings alive for a parse call.
struct Args {
  explicit Args(std::initializer_list<const char*> list) : storage(list.begin(), list.end()) {
    for (auto& s : storage)
      argv.push_back(s.data());
  }
  int argc() const { return static_cast<int>(argv.size()); }
  std::vector<std::string> storage;
  std::vector<char*> argv;
};

CommandLine makeServerLike() {
  CommandLine cli("tool", "A tool.", "[OPTIONS]");
  cli.addOption({"brokers", 'b', "N", "Brokers.", "3"});
  cli.addOption({"verbose", 'v', "", "Talk more.", ""});
  cli.addPassThrough("-platform", true);
  return cli;
}
}  // namespace

class CommandLineTest : public QObject {
  Q_OBJECT
 private slots:
  void defaultsApplyWhenAbsent() {
    CommandLine cli = makeServerLike();
    Args args{"tool"};
    QVERIFY(!cli.parse(args.argc(), args.argv.data()).has_value());
    QVERIFY(!cli.isSet("brokers"));
    QCOMPARE(cli.value("brokers"), std::string("3"));
  }
  void longShortAndInlineValues_data() {
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QString>("brokers");
    QTest::newRow("long") << QStringList{"tool", "--brokers", "5"} << "5";
    QTest::newRow("inline") << QStringList{"tool", "--brokers=7"} << "7";
    QTest::newRow("short") << QStringList{"tool", "-b", "2"} << "2";
  }
  void longShortAndInlineValues() {
    QFETCH(QStringList, argv);
    QFETCH(QString, brokers);
    std::vector<std::string> storage;
    storage.reserve(static_cast<std::size_t>(argv.size()));
    for (const QString& a : argv)
      storage.push_back(a.toStdString());
    std::vector<char*> raw;
    raw.reserve(storage.size());
    for (auto& s : storage)
      raw.push_back(s.data());
    CommandLine cli = makeServerLike();
    QVERIFY(!cli.parse(static_cast<int>(raw.size()), raw.data()).has_value());
    QCOMPARE(QString::fromStdString(cli.value("brokers")), brokers);
  }
  void unknownOptionIsAUsageError() {
    CommandLine cli = makeServerLike();
    Args args{"tool", "--nope"};
    QCOMPARE(cli.parse(args.argc(), args.argv.data()), std::optional<int>(CommandLine::kExitUsage));
  }
  void missingValueIsAUsageError() {
    CommandLine cli = makeServerLike();
    Args args{"tool", "--brokers"};
    QCOMPARE(cli.parse(args.argc(), args.argv.data()), std::optional<int>(CommandLine::kExitUsage));
  }
  void flagRejectsInlineValue() {
    CommandLine cli = makeServerLike();
    Args args{"tool", "--verbose=yes"};
    QCOMPARE(cli.parse(args.argc(), args.argv.data()), std::optional<int>(CommandLine::kExitUsage));
  }
  void helpAndVersionExitZero() {
    CommandLine a = makeServerLike();
    Args help{"tool", "--help"};
    QCOMPARE(a.parse(help.argc(), help.argv.data()), std::optional<int>(0));
    CommandLine b = makeServerLike();
    Args version{"tool", "-V"};
    QCOMPARE(b.parse(version.argc(), version.argv.data()), std::optional<int>(0));
    QVERIFY(b.versionText().rfind("tool ", 0) == 0);
    QVERIFY(a.helpText().find("--brokers N") != std::string::npos);
    QVERIFY(a.helpText().find("(default: 3)") != std::string::npos);
  }
  void passThroughKeepsQtArguments() {
    CommandLine cli = makeServerLike();
    Args args{"tool", "-platform", "offscreen", "-v", "file.sql"};
    QVERIFY(!cli.parse(args.argc(), args.argv.data()).has_value());
    const auto qt = cli.passThroughArguments();
    QCOMPARE(qt.size(), std::size_t{3});
    QCOMPARE(qt[1], std::string("-platform"));
    QCOMPARE(qt[2], std::string("offscreen"));
    QVERIFY(cli.isSet("verbose"));
    QCOMPARE(cli.positional(), std::vector<std::string>{"file.sql"});
  }
  void intValueChecksRange() {
    CommandLine cli = makeServerLike();
    Args args{"tool", "--brokers", "17"};
    QVERIFY(!cli.parse(args.argc(), args.argv.data()).has_value());
    QVERIFY(!cli.intValue("brokers", 1, 16).has_value());
    QCOMPARE(cli.intValue("brokers", 1, 20), std::optional<long>(17));
    CommandLine junk = makeServerLike();
    Args bad{"tool", "--brokers", "3x"};
    QVERIFY(!junk.parse(bad.argc(), bad.argv.data()).has_value());
    QVERIFY(!junk.intValue("brokers", 1, 16).has_value());
  }
  void repeatedOptionKeepsEveryValue() {
    CommandLine cli("tool", "A tool.", "[OPTIONS]");
    cli.addOption({"property", 'X', "KEY=VALUE", "A client property.", ""});
    Args args{"tool", "-X", "a=1", "--property=b=2", "--property", "c=3"};
    QVERIFY(!cli.parse(args.argc(), args.argv.data()).has_value());
    QCOMPARE(cli.values("property"), (std::vector<std::string>{"a=1", "b=2", "c=3"}));
    QCOMPARE(cli.value("property"), std::string("c=3"));
    QVERIFY(cli.values("other").empty());
  }
};

QTEST_APPLESS_MAIN(CommandLineTest)
#include "command_line_test.moc"
