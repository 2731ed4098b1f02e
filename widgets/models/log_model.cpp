#include "widgets/models/log_model.h"

#include <QBrush>
#include <QFontDatabase>

#include <spdlog/common.h>

#include "widgets/style/theme.h"

namespace runnel::widgets {

namespace {
constexpr int kRefreshMs = 33;
}

LogModel::LogModel(std::shared_ptr<LogBuffer> buffer, int maxRows, QObject* parent)
    : QAbstractTableModel(parent), buffer_(std::move(buffer)), maxRows_(maxRows) {
  timer_.setInterval(kRefreshMs);
  connect(&timer_, &QTimer::timeout, this, &LogModel::pull);
  timer_.start();
}

int LogModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int LogModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(int level) {
  switch (level) {
    case spdlog::level::trace:
      return tr("trace");
    case spdlog::level::debug:
      return tr("debug");
    case spdlog::level::info:
      return tr("info");
    case spdlog::level::warn:
      return tr("warning");
    case spdlog::level::err:
      return tr("error");
    case spdlog::level::critical:
      return tr("critical");
    default:
      return tr("log");
  }
}

QVariant LogModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
  const Row& row = rows_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case TimeColumn:
          return row.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn:
          return levelName(row.level);
        case MessageColumn:
          return row.message;
      }
      break;
    case Qt::ToolTipRole:
      if (index.column() == MessageColumn) return row.message;
      if (index.column() == TimeColumn) return row.time.toString(Qt::ISODateWithMs);
      break;
    case Qt::ForegroundRole:
      if (index.column() == LevelColumn || row.level >= spdlog::level::err) {
        const auto& c = Theme::instance().colors();
        if (row.level >= spdlog::level::err) return QBrush(c.offline);
        if (row.level == spdlog::level::warn) return QBrush(c.warning);
        if (row.level <= spdlog::level::debug) return QBrush(c.muted);
      }
      break;
    case Qt::FontRole:
      if (index.column() == TimeColumn) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
      break;
    case LevelRole:
      return row.level;
  }
  return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case TimeColumn:
      return tr("Time");
    case LevelColumn:
      return tr("Level");
    case MessageColumn:
      return tr("Message");
  }
  return {};
}

void LogModel::clear() {
  beginResetModel();
  rows_.clear();
  endResetModel();
}

void LogModel::pull() {
  std::vector<LogLine> lines = buffer_->takeNew();
  if (lines.empty()) return;
  // Only the newest maxRows_ lines can survive; skip the rest before touching the model.
  if (static_cast<int>(lines.size()) > maxRows_) {
    lines.erase(lines.begin(), lines.end() - maxRows_);
  }
  const int overflow = static_cast<int>(rows_.size() + lines.size()) - maxRows_;
  if (overflow > 0) {
    beginRemoveRows({}, 0, overflow - 1);
    rows_.erase(rows_.begin(), rows_.begin() + overflow);
    endRemoveRows();
  }
  const int first = static_cast<int>(rows_.size());
  beginInsertRows({}, first, first + static_cast<int>(lines.size()) - 1);
  for (LogLine& line : lines) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(line.time.time_since_epoch());
    rows_.push_back({QDateTime::fromMSecsSinceEpoch(ms.count()), line.level,
                     QString::fromStdString(line.message)});
  }
  endInsertRows();
  emit linesAppended(static_cast<int>(lines.size()));
}

}  // namespace runnel::widgets
