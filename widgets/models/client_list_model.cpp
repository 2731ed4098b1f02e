#include "widgets/models/client_list_model.h"

#include <QLocale>
#include <algorithm>
#include <set>

#include "widgets/models/job_thread.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

QString rate(double perSec, const QString& unit) {
  if (perSec < 0.05) return QStringLiteral("–");
  return QLocale().toString(perSec, 'f', perSec < 10 ? 1 : 0) + unit;
}

QString bytesRate(double perSec) {
  if (perSec < 0.5) return QStringLiteral("–");
  return QLocale().formattedDataSize(static_cast<qint64>(perSec)) + QStringLiteral("/s");
}

QString age(qint64 ms) {
  const qint64 s = std::max<qint64>(0, ms / 1000);
  if (s < 60) return QObject::tr("%1 s").arg(s);
  if (s < 3600) return QObject::tr("%1 min").arg(s / 60);
  return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

}  // namespace

ClientListModel::ClientListModel(Source source, QObject* parent)
    : QAbstractTableModel(parent),
      source_(std::move(source)),
      worker_(std::make_unique<JobThread>()) {
  timer_.setInterval(1000);
  connect(&timer_, &QTimer::timeout, this, &ClientListModel::refresh);
  if (source_) timer_.start();
}

ClientListModel::~ClientListModel() {
  shutdown();
}

void ClientListModel::shutdown() {
  timer_.stop();
  if (worker_) worker_->shutdown();
}

void ClientListModel::refresh() {
  if (!source_ || polling_) return;  // one poll in flight: a slow listener never piles up jobs
  polling_ = true;
  worker_->post([this, source = source_] {
    auto clients = source();
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    QMetaObject::invokeMethod(
        this,
        [this, clients = std::move(clients), at]() mutable {
          polling_ = false;
          apply(std::move(clients), at);
        },
        Qt::QueuedConnection);
  });
}

void ClientListModel::apply(std::vector<kafka::ConnectedClient> clients, qint64 atMs) {
  std::map<Key, const Row*> previous;
  for (const Row& r : rows_)
    previous[{r.client.brokerId, r.client.connectionId}] = &r;
  const double seconds = lastAtMs_ > 0 ? (atMs - lastAtMs_) / 1000.0 : 0;

  std::sort(clients.begin(), clients.end(), [](const auto& a, const auto& b) {
    return std::pair(a.brokerId, a.connectionId) < std::pair(b.brokerId, b.connectionId);
  });
  std::vector<Row> next;
  next.reserve(clients.size());
  for (auto& c : clients) {
    Row r;
    auto it = previous.find({c.brokerId, c.connectionId});
    if (it != previous.end() && seconds > 0) {
      const auto& was = it->second->client;
      r.requestsPerSec = (c.requests - std::min(c.requests, was.requests)) / seconds;
      r.bytesInPerSec = (c.bytesIn - std::min(c.bytesIn, was.bytesIn)) / seconds;
      r.bytesOutPerSec = (c.bytesOut - std::min(c.bytesOut, was.bytesOut)) / seconds;
    }
    r.client = std::move(c);
    next.push_back(std::move(r));
  }
  lastAtMs_ = atMs;

  // Connections come and go in bursts (a client opens one per broker); a reset keeps this simple
  // and the list is short, but only when the set of connections changed.
  const bool sameRows =
      next.size() == rows_.size() &&
      std::equal(next.begin(), next.end(), rows_.begin(), [](const Row& a, const Row& b) {
        return a.client.brokerId == b.client.brokerId &&
               a.client.connectionId == b.client.connectionId;
      });
  if (sameRows) {
    rows_ = std::move(next);
    if (!rows_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, kColumns - 1));
  } else {
    beginResetModel();
    rows_ = std::move(next);
    endResetModel();
  }
  emit updated();
}

int ClientListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ClientListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

const ClientListModel::Row* ClientListModel::row(int r) const {
  return r >= 0 && r < rowCount() ? &rows_[static_cast<std::size_t>(r)] : nullptr;
}

int ClientListModel::applicationCount() const {
  std::set<std::string> ids;
  for (const Row& r : rows_)
    ids.insert(r.client.identity.clientId);
  return static_cast<int>(ids.size());
}

QVariant ClientListModel::data(const QModelIndex& index, int role) const {
  const Row* r = row(index.row());
  if (!r) return {};
  const auto& c = r->client;
  const auto text = [](const std::string& s) { return QString::fromStdString(s); };
  const qint64 connectedFor = lastAtMs_ - c.connectedAtMs;
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case ClientColumn:
        return c.identity.clientId.empty() ? tr("(no client id)") : text(c.identity.clientId);
      case SoftwareColumn:
        if (c.identity.softwareName.empty()) return tr("(not announced)");
        return text(c.identity.softwareName) + QLatin1Char(' ') + text(c.identity.softwareVersion);
      case AddressColumn:
        return text(c.peerAddress);
      case BrokerColumn:
        return tr("broker %1").arg(c.brokerId);
      case ConnectedColumn:
        return age(connectedFor);
      case RequestsColumn:
        return QLocale().toString(static_cast<qulonglong>(c.requests));
      case RequestRateColumn:
        return rate(r->requestsPerSec, tr("/s"));
      case BytesInRateColumn:
        return bytesRate(r->bytesInPerSec);
      case BytesOutRateColumn:
        return bytesRate(r->bytesOutPerSec);
    }
  } else if (role == SortRole) {
    switch (index.column()) {
      case BrokerColumn:
        return c.brokerId;
      case ConnectedColumn:
        return connectedFor;
      case RequestsColumn:
        return static_cast<qulonglong>(c.requests);
      case RequestRateColumn:
        return r->requestsPerSec;
      case BytesInRateColumn:
        return r->bytesInPerSec;
      case BytesOutRateColumn:
        return r->bytesOutPerSec;
      default:
        return data(index, Qt::DisplayRole);
    }
  } else if (role == Qt::TextAlignmentRole) {
    if (index.column() >= ConnectedColumn)
      return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  } else if (role == Qt::ForegroundRole) {
    const bool quiet = r->requestsPerSec < 0.05;
    if ((index.column() == ClientColumn && c.identity.clientId.empty()) ||
        (index.column() == SoftwareColumn && c.identity.softwareName.empty()) ||
        (index.column() >= RequestRateColumn && quiet))
      return Theme::instance().colors().muted;
  } else if (role == Qt::ToolTipRole) {
    return tr("Connection %1 to broker %2 from %3\nClient id: %4\nSoftware: %5 %6\n"
              "%7 requests, %8 in, %9 out; last request %10 ago")
        .arg(c.connectionId)
        .arg(c.brokerId)
        .arg(text(c.peerAddress))
        .arg(c.identity.clientId.empty() ? tr("(none)") : text(c.identity.clientId))
        .arg(c.identity.softwareName.empty() ? tr("(not announced in ApiVersions)")
                                             : text(c.identity.softwareName))
        .arg(text(c.identity.softwareVersion))
        .arg(QLocale().toString(static_cast<qulonglong>(c.requests)))
        .arg(QLocale().formattedDataSize(static_cast<qint64>(c.bytesIn)))
        .arg(QLocale().formattedDataSize(static_cast<qint64>(c.bytesOut)))
        .arg(age(lastAtMs_ - c.lastRequestAtMs));
  }
  return {};
}

QVariant ClientListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::DisplayRole) {
    switch (section) {
      case ClientColumn:
        return tr("Client id");
      case SoftwareColumn:
        return tr("Software");
      case AddressColumn:
        return tr("Address");
      case BrokerColumn:
        return tr("Broker");
      case ConnectedColumn:
        return tr("Connected");
      case RequestsColumn:
        return tr("Requests");
      case RequestRateColumn:
        return tr("Requests/s");
      case BytesInRateColumn:
        return tr("In");
      case BytesOutRateColumn:
        return tr("Out");
    }
  } else if (role == Qt::ToolTipRole) {
    switch (section) {
      case ClientColumn:
        return tr("The client.id the application sends in every request header");
      case SoftwareColumn:
        return tr("Client library and version, from its ApiVersions request (Kafka 2.4+ clients)");
      case BrokerColumn:
        return tr("Clients open a connection to each broker that leads a partition they use");
      case BytesInRateColumn:
        return tr("Bytes per second the client sends (produce requests are the big ones)");
      case BytesOutRateColumn:
        return tr("Bytes per second the broker sends back (fetch responses are the big ones)");
    }
  }
  return {};
}

}  // namespace runnel::widgets
