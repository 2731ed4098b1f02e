#include "widgets/models/topic_rules.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace runnel::widgets {
namespace {
QString rulesTr(const char* text) {
  return QCoreApplication::translate("TopicRules", text);
}
}  // namespace

QString topicNameProblem(const QString& name) {
  if (name.isEmpty()) return rulesTr("Give the topic a name.");
  if (name == "." || name == "..") return rulesTr("A topic cannot be named \".\" or \"..\".");
  if (name.size() > kMaxTopicNameLength)
    return rulesTr("The name is %1 characters long; the limit is %2.")
        .arg(name.size())
        .arg(kMaxTopicNameLength);
  for (const QChar c : name) {
    const bool legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
    if (!legal) {
      const QString shown = c.isSpace() ? rulesTr("a space") : QStringLiteral("\"%1\"").arg(c);
      return rulesTr("The name contains %1; use only letters, digits, '.', '_' and '-'.")
          .arg(shown);
    }
  }
  return {};
}

QString topicNameCollision(const QString& name, const QStringList& existing) {
  if (!name.contains('.') && !name.contains('_')) return {};
  QString canonical = name;
  canonical.replace('.', '_');
  for (const QString& other : existing) {
    if (other == name) continue;
    QString o = other;
    o.replace('.', '_');
    if (o == canonical)
      return rulesTr(
                 "\"%1\" differs from \"%2\" only by '.' and '_', which Kafka's metrics treat "
                 "alike; they would collide.")
          .arg(name, other);
  }
  return {};
}

std::optional<qint64> parseDurationMs(const QString& text) {
  const QString t = text.trimmed().toLower();
  if (t == "forever" || t == "-1" || t == "infinite" || t == "never") return -1;
  static const QRegularExpression re(QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d|w)?$"));
  const auto m = re.match(t);
  if (!m.hasMatch()) return std::nullopt;
  const double n = m.captured(1).toDouble();
  const QString unit = m.captured(2);
  double factor = 1;
  if (unit == "s")
    factor = 1000;
  else if (unit == "m" || unit == "min")
    factor = 60'000;
  else if (unit == "h")
    factor = 3'600'000;
  else if (unit == "d")
    factor = 86'400'000;
  else if (unit == "w")
    factor = 7 * 86'400'000.0;
  const double ms = n * factor;
  if (ms > 9.0e18) return std::nullopt;
  return static_cast<qint64>(ms);
}

QString formatDurationMs(qint64 ms) {
  if (ms < 0) return rulesTr("forever");
  struct Unit {
    qint64 ms;
    const char* one;
    const char* many;
  };
  static const Unit units[] = {{7 * 86'400'000LL, "week", "weeks"},
                               {86'400'000LL, "day", "days"},
                               {3'600'000LL, "hour", "hours"},
                               {60'000LL, "minute", "minutes"},
                               {1000LL, "second", "seconds"}};
  for (const auto& u : units) {
    if (ms >= u.ms && ms % u.ms == 0) {
      const qint64 n = ms / u.ms;
      return QStringLiteral("%1 %2").arg(n).arg(rulesTr(n == 1 ? u.one : u.many));
    }
  }
  return QStringLiteral("%1 ms").arg(ms);
}

}  // namespace runnel::widgets
