#include "widgets/models/lesson.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace runnel::widgets {
namespace {

enum class Arg { String, Int, Bool, Object };

struct Field {
  const char* name;
  Arg type;
  bool required;
};

// What each action and check takes. LessonScene implements exactly these.
const std::map<QString, std::vector<Field>>& actionFields() {
  static const std::map<QString, std::vector<Field>> fields = {
      {"create_topic",
       {{"name", Arg::String, true},
        {"partitions", Arg::Int, true},
        {"rf", Arg::Int, true},
        {"configs", Arg::Object, false}}},
      {"produce",
       {{"topic", Arg::String, true},
        {"count", Arg::Int, true},
        {"keyed", Arg::Bool, false},
        {"keys", Arg::Int, false},
        {"seed", Arg::Int, false},
        {"source", Arg::String, false},
        {"spacing_ms", Arg::Int, false},
        {"producers", Arg::Int, false},
        {"batch_records", Arg::Int, false}}},
      {"read",
       {{"topic", Arg::String, true},
        {"group", Arg::String, true},
        {"count", Arg::Int, true},
        {"partition", Arg::Int, false},
        {"from_offset", Arg::Int, false},
        {"from", Arg::String, false}}},
      {"start_consumer",
       {{"group", Arg::String, true}, {"topic", Arg::String, true}, {"name", Arg::String, true}}},
      {"add_consumer_to_group", {{"group", Arg::String, true}, {"topic", Arg::String, true}}},
      {"stop_consumer", {{"name", Arg::String, true}}},
      {"kill_broker", {{"leader_of", Arg::Object, false}, {"broker", Arg::Int, false}}},
      {"restart_broker", {{"broker", Arg::Int, false}}},
      {"delete_records",
       {{"topic", Arg::String, true},
        {"partition", Arg::Int, true},
        {"before_offset", Arg::Int, true}}},
      {"run_sql", {{"sql", Arg::String, true}}},
  };
  return fields;
}

const std::vector<Field> kCompare = {
    {"equals", Arg::Int, false}, {"min", Arg::Int, false}, {"max", Arg::Int, false}};

const std::map<QString, std::vector<Field>>& checkFields() {
  static const std::map<QString, std::vector<Field>> fields = {
      {"topic",
       {{"topic", Arg::String, true}, {"partitions", Arg::Int, false}, {"rf", Arg::Int, false}}},
      {"end_offset", {{"topic", Arg::String, true}, {"partition", Arg::Int, false}}},
      {"log_start", {{"topic", Arg::String, true}, {"partition", Arg::Int, true}}},
      {"committed",
       {{"group", Arg::String, true}, {"topic", Arg::String, true}, {"partition", Arg::Int, true}}},
      {"segments", {{"topic", Arg::String, true}, {"partition", Arg::Int, true}}},
      {"leaders_on_brokers", {{"topic", Arg::String, true}}},
      {"partitions_with_records", {{"topic", Arg::String, true}}},
      {"isr", {{"topic", Arg::String, true}, {"partition", Arg::Int, false}}},
      {"leader_moved", {{"topic", Arg::String, true}, {"partition", Arg::Int, true}}},
      {"broker_alive", {{"alive", Arg::Bool, true}, {"broker", Arg::Int, false}}},
      {"acked_readable", {{"topic", Arg::String, true}}},
      {"group_members",
       {{"group", Arg::String, true},
        {"topic", Arg::String, true},
        {"all_assigned", Arg::Bool, false}}},
      {"group_lag", {{"group", Arg::String, true}, {"topic", Arg::String, true}}},
  };
  return fields;
}

// Checks that compare a number need at least one of equals/min/max.
bool comparesNumber(const QString& kind) {
  return kind != "topic" && kind != "leader_moved" && kind != "broker_alive" &&
         kind != "acked_readable";
}

bool typeMatches(const QJsonValue& v, Arg type) {
  switch (type) {
    case Arg::String:
      return v.isString() && !v.toString().isEmpty();
    case Arg::Int:
      return v.isDouble() && v.toDouble() == static_cast<double>(v.toInteger());
    case Arg::Bool:
      return v.isBool();
    case Arg::Object:
      return v.isObject();
  }
  return false;
}

const char* typeName(Arg type) {
  switch (type) {
    case Arg::String:
      return "a text";
    case Arg::Int:
      return "a whole number";
    case Arg::Bool:
      return "true or false";
    case Arg::Object:
      return "an object";
  }
  return "";
}

bool validateArgs(const QJsonObject& o, const QString& kindKey, std::vector<Field> fields,
                  bool compare, QString* error) {
  if (compare) fields.insert(fields.end(), kCompare.begin(), kCompare.end());
  bool hasCompare = false;
  for (const Field& f : fields) {
    const QJsonValue v = o.value(QLatin1String(f.name));
    if (v.isUndefined()) {
      if (f.required) {
        *error = QStringLiteral("\"%1\" is missing").arg(QLatin1String(f.name));
        return false;
      }
      continue;
    }
    if (!typeMatches(v, f.type)) {
      *error = QStringLiteral("\"%1\" must be %2").arg(QLatin1String(f.name), typeName(f.type));
      return false;
    }
    hasCompare = hasCompare || (compare && (QLatin1String(f.name) == QLatin1String("equals") ||
                                            QLatin1String(f.name) == QLatin1String("min") ||
                                            QLatin1String(f.name) == QLatin1String("max")));
  }
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (it.key() == kindKey || it.key() == QLatin1String("within_ms")) continue;
    bool known = false;
    for (const Field& f : fields)
      known = known || it.key() == QLatin1String(f.name);
    if (!known) {
      *error = QStringLiteral("unknown field \"%1\"").arg(it.key());
      return false;
    }
  }
  if (compare && !hasCompare) {
    *error = QStringLiteral("needs \"equals\", \"min\" or \"max\"");
    return false;
  }
  return true;
}

QStringList stringList(const QJsonValue& v) {
  QStringList out;
  for (const QJsonValue item : v.toArray())
    out << item.toString();
  return out;
}

}  // namespace

const QStringList& Lesson::knownActions() {
  static const QStringList names = [] {
    QStringList n;
    for (const auto& [name, fields] : actionFields())
      n << name;
    return n;
  }();
  return names;
}

const QStringList& Lesson::knownChecks() {
  static const QStringList names = [] {
    QStringList n;
    for (const auto& [name, fields] : checkFields())
      n << name;
    return n;
  }();
  return names;
}

bool Lesson::parse(const QByteArray& json, const QString& id, Lesson* out, QString* error) {
  QJsonParseError jsonError;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &jsonError);
  if (jsonError.error != QJsonParseError::NoError) {
    *error = QStringLiteral("%1: not valid JSON at character %2: %3")
                 .arg(id)
                 .arg(jsonError.offset)
                 .arg(jsonError.errorString());
    return false;
  }
  const QJsonObject root = doc.object();
  Lesson lesson;
  lesson.id = id;
  lesson.title = root.value("title").toString();
  lesson.summary = root.value("summary").toString();
  lesson.topics = stringList(root.value("topics"));
  lesson.groups = stringList(root.value("groups"));
  lesson.sqlTag = root.value("sql_tag").toString();
  lesson.sqlReset = root.value("sql_reset").toString();
  const QString start = root.value("start_time").toString();
  if (lesson.title.isEmpty()) {
    *error = QStringLiteral("%1: the lesson has no \"title\"").arg(id);
    return false;
  }
  const QDateTime startTime = QDateTime::fromString(start, Qt::ISODate);
  if (!startTime.isValid()) {
    *error = QStringLiteral(
                 "%1: \"start_time\" must be an ISO date and time, like "
                 "2024-03-01T09:00:00Z")
                 .arg(id);
    return false;
  }
  lesson.startMs = startTime.toMSecsSinceEpoch();
  const QJsonArray steps = root.value("steps").toArray();
  if (steps.isEmpty()) {
    *error = QStringLiteral("%1: the lesson has no \"steps\"").arg(id);
    return false;
  }
  for (int i = 0; i < steps.size(); ++i) {
    const QJsonObject s = steps.at(i).toObject();
    const QString where = QStringLiteral("%1, step %2").arg(id).arg(i + 1);
    LessonStep step;
    step.title = s.value("title").toString();
    step.text = s.value("text").toString();
    step.highlight = s.value("highlight").toString();
    if (step.title.isEmpty() || step.text.isEmpty()) {
      *error = where + QStringLiteral(": a step needs a \"title\" and a \"text\"");
      return false;
    }
    if (s.contains("action")) {
      const QJsonObject a = s.value("action").toObject();
      step.action.kind = a.value("do").toString();
      const auto known = actionFields().find(step.action.kind);
      if (known == actionFields().end()) {
        *error = where + QStringLiteral(": unknown action \"%1\" (known: %2)")
                             .arg(step.action.kind, knownActions().join(", "));
        return false;
      }
      QString why;
      if (!validateArgs(a, "do", known->second, false, &why)) {
        *error = where + QStringLiteral(", action %1: %2").arg(step.action.kind, why);
        return false;
      }
      step.action.args = a;
    }
    for (const QJsonValue c : s.value("check").toArray()) {
      const QJsonObject o = c.toObject();
      LessonCheck check{o.value("expect").toString(), o};
      const auto known = checkFields().find(check.kind);
      if (known == checkFields().end()) {
        *error = where + QStringLiteral(": unknown check \"%1\" (known: %2)")
                             .arg(check.kind, knownChecks().join(", "));
        return false;
      }
      QString why;
      if (!validateArgs(o, "expect", known->second, comparesNumber(check.kind), &why)) {
        *error = where + QStringLiteral(", check %1: %2").arg(check.kind, why);
        return false;
      }
      step.checks << check;
    }
    lesson.steps << step;
  }
  *out = std::move(lesson);
  return true;
}

QList<Lesson> Lesson::loadAll(const QString& directory, QStringList* errors) {
  QList<Lesson> lessons;
  const QDir dir(directory);
  for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
      if (errors) *errors << QStringLiteral("%1: cannot be read").arg(name);
      continue;
    }
    Lesson lesson;
    QString error;
    if (Lesson::parse(file.readAll(), name.chopped(5), &lesson, &error)) {
      lessons << lesson;
    } else if (errors) {
      *errors << error;
    }
  }
  return lessons;
}

}  // namespace runnel::widgets
