// LeadershipModel: one topic's partitions × the cluster's brokers, each cell saying what that
// broker is for that partition — leader, in-sync follower, out-of-sync follower, a replica on a
// dead broker, or nothing — and, while a reassignment runs, whether the replica is joining or
// leaving. When a partition's leader moves, the model remembers when, so the view can animate
// the move. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <map>
#include <vector>

#include "engine/client/cluster_view.h"

namespace runnel::widgets {

enum class ReplicaRole { None, Leader, InSync, OutOfSync, Offline };
// A replica's part in a reassignment in progress.
enum class ReplicaMove { None, Joining, Leaving };

class LeadershipModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Role {
    ReplicaRoleRole = Qt::UserRole + 1,  // ReplicaRole as int
    LeaderMovedAgoMsRole,  // ms since this partition's leader moved here; -1 if not recently
    PreviousLeaderRole,    // broker id the leadership came from (on the leader's cell)
    ReplicaMoveRole,       // ReplicaMove as int
  };

  explicit LeadershipModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void setTopic(const QString& topic);
  QString topic() const { return topic_; }
  void update(const client::ClusterView& view);
  // Whether any leader moved within the animation window (the view keeps repainting until not).
  bool animating() const;

  static constexpr int kAnimationMs = 1800;
  static QString roleName(ReplicaRole role);
  // Partitions of the shown topic with a reassignment in progress.
  int reassigningCount() const;

 private:
  struct Move {
    std::int32_t from;
    std::int32_t to;
    qint64 atMs;
  };
  void rebuild(bool structureMayChange);

  QString topic_;
  std::vector<std::int32_t> brokerIds_;
  std::vector<bool> brokerAlive_;
  std::vector<client::PartitionView> partitions_;
  std::map<std::pair<std::string, std::int32_t>, std::int32_t> lastLeader_;
  std::map<std::pair<std::string, std::int32_t>, Move> moves_;
  QElapsedTimer clock_;
};

}  // namespace runnel::widgets
