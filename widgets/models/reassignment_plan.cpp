#include "widgets/models/reassignment_plan.h"

#include <QCoreApplication>
#include <QSet>

namespace runnel::widgets {
namespace {

QString planTr(const char* text) {
  return QCoreApplication::translate("ReassignmentPlan", text);
}

QList<int> minus(const QList<int>& a, const QList<int>& b) {
  QList<int> out;
  for (int id : a) {
    if (!b.contains(id)) out.append(id);
  }
  return out;
}

}  // namespace

ReassignmentPlan::ReassignmentPlan(QList<QList<int>> current, QList<int> brokers)
    : current_(std::move(current)), target_(current_), brokers_(std::move(brokers)) {}

void ReassignmentPlan::setTarget(int partition, const QList<int>& replicas) {
  if (partition >= 0 && partition < target_.size()) target_[partition] = replicas;
}

QString ReassignmentPlan::idSet(const QList<int>& ids) {
  QStringList parts;
  for (int id : ids)
    parts << QString::number(id);
  return QStringLiteral("{%1}").arg(parts.join(QLatin1Char(',')));
}

QStringList ReassignmentPlan::problems() const {
  QStringList out;
  for (int p = 0; p < target_.size(); ++p) {
    const QList<int>& t = target_[p];
    if (t.isEmpty()) {
      out << planTr("Partition %1 needs at least one replica.").arg(p);
      continue;
    }
    QSet<int> seen;
    for (int id : t) {
      if (seen.contains(id)) out << planTr("Partition %1 lists broker %2 twice.").arg(p).arg(id);
      seen.insert(id);
      if (!brokers_.contains(id))
        out << planTr("Partition %1: broker %2 does not exist.").arg(p).arg(id);
    }
  }
  return out;
}

QList<PartitionMove> ReassignmentPlan::moves() const {
  QList<PartitionMove> out;
  for (int p = 0; p < target_.size(); ++p) {
    if (target_[p] == current_[p]) continue;
    PartitionMove m;
    m.partition = p;
    m.from = current_[p];
    m.to = target_[p];
    m.adding = minus(m.to, m.from);
    m.removing = minus(m.from, m.to);
    out.append(m);
  }
  return out;
}

QMap<int, QList<int>> ReassignmentPlan::changedTargets() const {
  QMap<int, QList<int>> out;
  for (const PartitionMove& m : moves())
    out.insert(m.partition, m.to);
  return out;
}

QString ReassignmentPlan::preview() const {
  const QList<PartitionMove> list = moves();
  if (list.isEmpty()) return planTr("Nothing changes yet: pick other brokers for a partition.");
  QStringList lines;
  int copies = 0;
  for (const PartitionMove& m : list) {
    QStringList parts{planTr("P%1: %2 → %3").arg(m.partition).arg(idSet(m.from), idSet(m.to))};
    if (!m.adding.isEmpty()) parts << planTr("adds %1").arg(idSet(m.adding));
    if (!m.removing.isEmpty()) parts << planTr("removes %1").arg(idSet(m.removing));
    if (!m.from.isEmpty() && !m.to.isEmpty() && m.from.first() != m.to.first())
      parts << planTr("preferred leader %1 → %2").arg(m.from.first()).arg(m.to.first());
    if (m.from.size() != m.to.size())
      parts << planTr("replication %1 → %2").arg(m.from.size()).arg(m.to.size());
    if (m.adding.isEmpty() && m.removing.isEmpty()) parts << planTr("order only");
    copies += static_cast<int>(m.adding.size());
    lines << parts.join(QStringLiteral(" · "));
  }
  if (copies == 0)
    lines << planTr("No data is copied.");
  else if (copies == 1)
    lines << planTr(
        "1 new replica copies its partition's log from the leader before the removed "
        "ones are deleted.");
  else
    lines << planTr(
                 "%1 new replicas copy their partition's log from the leader before the removed "
                 "ones are deleted.")
                 .arg(copies);
  return lines.join(QLatin1Char('\n'));
}

}  // namespace runnel::widgets
