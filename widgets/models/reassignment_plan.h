// ReassignmentPlan: what a person picks in the Reassign replicas dialog — each partition's new
// replicas, preferred leader first — checked against the cluster's brokers (none empty, no
// broker twice, no unknown broker), with a preview of what moves: who joins, who leaves, where
// the preferred leader goes. A plain value with no engine types, used on the GUI thread.
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace runnel::widgets {

struct PartitionMove {
  int partition = 0;
  QList<int> from;
  QList<int> to;
  QList<int> adding;    // in `to`, not in `from`
  QList<int> removing;  // in `from`, not in `to`
};

class ReassignmentPlan {
 public:
  ReassignmentPlan() = default;
  // `current`: each partition's replicas now; `brokers`: the ids of the cluster's brokers.
  ReassignmentPlan(QList<QList<int>> current, QList<int> brokers);

  int partitionCount() const { return static_cast<int>(current_.size()); }
  const QList<int>& brokers() const { return brokers_; }
  QList<int> current(int partition) const { return current_.value(partition); }
  QList<int> target(int partition) const { return target_.value(partition); }
  void setTarget(int partition, const QList<int>& replicas);

  // What blocks applying the plan, one sentence each; empty when it can be applied.
  QStringList problems() const;
  // The partitions whose replicas change (order included), ascending.
  QList<PartitionMove> moves() const;
  // The targets of moves(), as the Admin call takes them.
  QMap<int, QList<int>> changedTargets() const;
  // One line per move ("P0: {1,2,3} → {4,2,3} · adds 4 · removes 1 · preferred leader 1 → 4"),
  // or a sentence saying nothing changes.
  QString preview() const;

  static QString idSet(const QList<int>& ids);

 private:
  QList<QList<int>> current_;
  QList<QList<int>> target_;
  QList<int> brokers_;
};

}  // namespace runnel::widgets
