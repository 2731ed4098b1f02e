// Lesson: one guided lesson as the studio reads it from a JSON file in resources/lessons — a
// title, the scene it owns (topics, consumer groups, SQL objects it resets before a replay), and
// ordered steps, each with a short text, the action "Do it" performs, the panel to highlight and
// the checks that say the action had its effect on the cluster. Parsing validates every action
// and check against the vocabulary LessonScene understands, so a bad file is rejected with the
// file, step and field named. Plain values; parse on any thread.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace runnel::widgets {

struct LessonAction {
  QString kind;  // "create_topic", "produce", ...; empty: the step only explains
  QJsonObject args;
};

struct LessonCheck {
  QString kind;  // "end_offset", "committed", "leader_moved", ...
  QJsonObject args;
};

struct LessonStep {
  QString title;
  QString text;
  QString highlight;  // object name of the dock where the effect shows; empty: none
  LessonAction action;
  QList<LessonCheck> checks;
};

struct Lesson {
  QString id;  // the file's base name, "02-consumer-positions"
  QString title;
  QString summary;
  QStringList topics;  // deleted (with their records) when the lesson restarts
  QStringList groups;  // consumer groups deleted when it restarts
  QString sqlTag;      // push queries whose text contains it are terminated on restart
  QString sqlReset;    // SQL run on restart, before the topics go (DROP ... IF EXISTS)
  qint64 startMs = 0;  // event time of the first record the lesson produces
  QList<LessonStep> steps;

  // Parses one lesson file; on failure returns false and says why in *error.
  static bool parse(const QByteArray& json, const QString& id, Lesson* out, QString* error);
  // Every *.json lesson in `directory` (a path or a ":/lessons" resource), ordered by file name.
  // Files that do not parse are left out and described in *errors.
  static QList<Lesson> loadAll(const QString& directory, QStringList* errors = nullptr);

  static const QStringList& knownActions();
  static const QStringList& knownChecks();
};

}  // namespace runnel::widgets
