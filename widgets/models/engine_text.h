// Text conversions shared by the models that adapt engine data: engine names and messages are
// UTF-8 std::string, lesson actions are JSON. Pure functions; any thread. (Shared rather than
// copied per file: copies of one file-local helper collide in CI's unity batches.)
#pragma once

#include <QJsonObject>
#include <QString>
#include <string>

namespace runnel::widgets {

inline QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

// A JSON object's string member as UTF-8; empty when missing or not a string.
inline std::string jsonString(const QJsonObject& o, const char* key) {
  return o.value(QLatin1String(key)).toString().toStdString();
}

}  // namespace runnel::widgets
