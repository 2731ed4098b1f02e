// The rules a topic's name and settings must follow (Kafka's: legal characters, length, the
// '.'/'_' collision), checked before anything reaches the cluster so the create and configure
// dialogs can say precisely what is wrong. Pure functions; any thread.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace runnel::widgets {

inline constexpr int kMaxTopicNameLength = 249;

// An empty string when the name is acceptable, otherwise a sentence saying what is wrong.
QString topicNameProblem(const QString& name);
// A warning (not an error) when the name could collide with an existing one because Kafka's
// metrics treat '.' and '_' alike; empty when there is nothing to say.
QString topicNameCollision(const QString& name, const QStringList& existing);

// Parses a duration a person types for retention: "7d", "12h", "30m", "45s", "500ms", a bare
// number of milliseconds, or "forever"/"-1" (returns -1). nullopt when it cannot be read.
std::optional<qint64> parseDurationMs(const QString& text);
// "7 days", "12 hours", "forever" — the inverse, for showing a retention.ms value.
QString formatDurationMs(qint64 ms);

}  // namespace runnel::widgets
