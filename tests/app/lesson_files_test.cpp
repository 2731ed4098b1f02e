// Every lesson file in resources/lessons parses, is compiled into the studio (:/lessons), names
// only actions and checks the LessonScene knows and only highlights docks the studio has, and
// owns the topics and groups it makes (so a replay can reset them). Broken files are rejected
// with the file, the step and the field named.
#include <QDir>
#include <QFile>
#include <QtTest>

#include "app/studio/dock_catalog.h"
#include "widgets/models/lesson.h"

using runnel::widgets::Lesson;

namespace {

QString lessonsDir() {
  return qEnvironmentVariable("RUNNEL_SOURCE_DIR", QStringLiteral(RUNNEL_SOURCE_DIR_FALLBACK)) +
         QStringLiteral("/resources/lessons");
}

QString parseError(const char* json) {
  Lesson lesson;
  QString error;
  if (Lesson::parse(QByteArray(json), QStringLiteral("broken"), &lesson, &error)) return {};
  return error;
}

}  // namespace

class LessonFilesTest : public QObject {
  Q_OBJECT
 private slots:
  void everyFileIsAValidLesson() {
    QStringList docks;
    for (const auto& spec : runnel::studio::dockCatalog())
      docks << spec.objectName;
    const QDir dir(lessonsDir());
    const QStringList files = dir.entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 9, qPrintable(dir.path()));  // the tour and eight lessons
    for (const QString& name : files) {
      QFile file(dir.filePath(name));
      QVERIFY(file.open(QIODevice::ReadOnly));
      Lesson lesson;
      QString error;
      QVERIFY2(Lesson::parse(file.readAll(), name, &lesson, &error), qPrintable(error));
      QVERIFY2(!lesson.summary.isEmpty(), qPrintable(name));
      for (int i = 0; i < lesson.steps.size(); ++i) {
        const auto& step = lesson.steps[i];
        const QString where = QStringLiteral("%1 step %2").arg(name).arg(i + 1);
        QVERIFY2(step.highlight.isEmpty() || docks.contains(step.highlight),
                 qPrintable(where + ": unknown highlight " + step.highlight));
        QVERIFY2(step.action.kind.isEmpty() || Lesson::knownActions().contains(step.action.kind),
                 qPrintable(where));
        // Plain and short: a few sentences a newcomer reads at a glance.
        QVERIFY2(step.text.size() <= 420, qPrintable(where + ": text too long"));
        const auto& a = step.action.args;
        if (step.action.kind == "create_topic")
          QVERIFY2(lesson.topics.contains(a.value("name").toString()),
                   qPrintable(where + ": the topic is not in the lesson's \"topics\""));
        if (a.contains("group"))
          QVERIFY2(lesson.groups.contains(a.value("group").toString()),
                   qPrintable(where + ": the group is not in the lesson's \"groups\""));
        for (const auto& check : step.checks)
          QVERIFY(Lesson::knownChecks().contains(check.kind));
      }
    }
  }

  void theStudioCarriesEveryFile() {
    const QStringList onDisk = QDir(lessonsDir()).entryList({"*.json"}, QDir::Files, QDir::Name);
    const QStringList built = QDir(":/lessons").entryList({"*.json"}, QDir::Files, QDir::Name);
    QCOMPARE(built, onDisk);
    QStringList errors;
    const auto lessons = Lesson::loadAll(QStringLiteral(":/lessons"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QCOMPARE(lessons.size(), onDisk.size());
    QCOMPARE(lessons.first().id, QStringLiteral("00-tour"));
  }

  void brokenFilesAreRejectedClearly() {
    QVERIFY(parseError("{").contains("not valid JSON"));
    QVERIFY(parseError(R"({"title":"t","start_time":"2024-01-01T00:00:00Z"})")
                .contains("no \"steps\""));
    QVERIFY(
        parseError(R"({"title":"t","start_time":"yesterday","steps":[]})").contains("start_time"));
    const QString unknown = parseError(
        R"({"title":"t","start_time":"2024-01-01T00:00:00Z","steps":[
            {"title":"a","text":"b"},
            {"title":"a","text":"b","action":{"do":"explode"}}]})");
    QVERIFY2(unknown.contains("broken, step 2") && unknown.contains("unknown action \"explode\""),
             qPrintable(unknown));
    const QString missing = parseError(
        R"({"title":"t","start_time":"2024-01-01T00:00:00Z","steps":[
            {"title":"a","text":"b","action":{"do":"produce","topic":"x"}}]})");
    QVERIFY2(missing.contains("\"count\" is missing"), qPrintable(missing));
    const QString badType = parseError(
        R"({"title":"t","start_time":"2024-01-01T00:00:00Z","steps":[
            {"title":"a","text":"b","action":{"do":"produce","topic":"x","count":"ten"}}]})");
    QVERIFY2(badType.contains("\"count\" must be a whole number"), qPrintable(badType));
    const QString noCompare = parseError(
        R"({"title":"t","start_time":"2024-01-01T00:00:00Z","steps":[
            {"title":"a","text":"b","check":[{"expect":"end_offset","topic":"x"}]}]})");
    QVERIFY2(noCompare.contains("\"equals\", \"min\" or \"max\""), qPrintable(noCompare));
    const QString extra = parseError(
        R"({"title":"t","start_time":"2024-01-01T00:00:00Z","steps":[
            {"title":"a","text":"b","check":[{"expect":"topic","topic":"x","colour":"red"}]}]})");
    QVERIFY2(extra.contains("unknown field \"colour\""), qPrintable(extra));
  }
};

QTEST_MAIN(LessonFilesTest)
#include "lesson_files_test.moc"
