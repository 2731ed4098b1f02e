// The Reset offsets dialog: where an idle consumer group should start reading again — the
// earliest records, the latest (skip everything), or the first record at or after a time.
// GUI thread only.
#pragma once

#include <QDialog>

#include "widgets/models/data_actions.h"

class QDateTimeEdit;
class QRadioButton;

namespace runnel::widgets {

class ResetOffsetsDialog : public QDialog {
  Q_OBJECT
 public:
  ResetOffsetsDialog(const QString& group, int partitions, QWidget* parent = nullptr);

  OffsetResetTarget target() const;
  qint64 timestampMs() const;

 private:
  QRadioButton* earliest_;
  QRadioButton* latest_;
  QRadioButton* timestamp_;
  QDateTimeEdit* time_;
};

}  // namespace runnel::widgets
