// SavedConnection: one remote Kafka cluster the user can open from the studio — a name, the
// bootstrap servers and librdkafka properties (security.protocol, sasl.*, ssl.*, ...), as the
// connection dialog edits it and ConnectionStore keeps it. Plain value.
#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace runnel::widgets {

struct SavedConnection {
  QString name;
  QString bootstrapServers;                   // "broker1:9092,broker2:9092"
  QList<QPair<QString, QString>> properties;  // in the user's order; keys unique
  // Set on load: the secret properties were kept in the workspace in plain text (no key store
  // when they were saved), so the dialog can say so.
  bool secretsInPlainText = false;

  friend bool operator==(const SavedConnection&, const SavedConnection&) = default;
};

}  // namespace runnel::widgets
