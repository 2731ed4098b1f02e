// ClientListModel: the Kafka clients connected to the embedded cluster's listeners, as a table
// for the Clients panel — who each one says it is (client id, software name and version from
// ApiVersions), where it connects from, which broker it talks to, and how busy it is. It polls a
// source once a second on its own worker thread (the GUI thread never waits on the listeners)
// and turns consecutive snapshots into per-second rates. GUI thread only, except the source.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "engine/kafka/server/connected_client.h"

namespace runnel::widgets {

class JobThread;

class ClientListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  using Source = std::function<std::vector<kafka::ConnectedClient>()>;

  enum Column {
    ClientColumn,
    SoftwareColumn,
    AddressColumn,
    BrokerColumn,
    ConnectedColumn,
    RequestsColumn,
    RequestRateColumn,
    BytesInRateColumn,
    BytesOutRateColumn,
    kColumns
  };
  enum Role { SortRole = Qt::UserRole + 1 };

  struct Row {
    kafka::ConnectedClient client;
    double requestsPerSec = 0;
    double bytesInPerSec = 0;
    double bytesOutPerSec = 0;
  };

  // `source` runs on the model's worker thread; an empty source leaves the list empty.
  explicit ClientListModel(Source source, QObject* parent = nullptr);
  ~ClientListModel() override;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  const Row* row(int r) const;
  // Distinct client ids (an application usually opens one connection per broker).
  int applicationCount() const;

  // Applies a snapshot taken `atMs` (milliseconds since the epoch); public for tests.
  void apply(std::vector<kafka::ConnectedClient> clients, qint64 atMs);
  // Polls now instead of waiting for the next tick (tests, and when the panel is shown).
  void refresh();
  // Stops polling and joins the worker before the source's owner goes away.
  void shutdown();

 signals:
  void updated();

 private:
  using Key = std::pair<std::int32_t, std::uint64_t>;  // broker id, connection id

  Source source_;
  QTimer timer_;
  std::vector<Row> rows_;  // ordered by key
  qint64 lastAtMs_ = 0;
  bool polling_ = false;
  std::unique_ptr<JobThread> worker_;  // last: joined first
};

}  // namespace runnel::widgets
