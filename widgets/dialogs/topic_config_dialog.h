// The Configure topic dialog: every setting of one topic with its value and whether it is set on
// the topic or inherited; edit a value to override it, clear an override to go back to the
// default. Loads and applies through DataActions (off the GUI thread); only changed settings are
// sent. GUI thread only; does not own the DataActions.
#pragma once

#include <QDialog>
#include <QMap>

#include "widgets/models/data_actions.h"

class QLabel;
class QLineEdit;
class QTableWidget;
class QDialogButtonBox;

namespace runnel::widgets {

class TopicConfigDialog : public QDialog {
  Q_OBJECT
 public:
  TopicConfigDialog(QString topic, DataActions* actions, QWidget* parent = nullptr);

  QTableWidget* table() const { return table_; }
  // What Apply would send: settings to set, settings to reset.
  QMap<QString, QString> pendingSets() const;
  QStringList pendingResets() const;

 private:
  void showConfigs(const QString& topic, const QList<TopicConfigRow>& rows);
  void apply();
  void filter(const QString& text);

  QString topic_;
  DataActions* actions_;
  QLabel* status_;
  QLineEdit* filter_;
  QTableWidget* table_;
  QDialogButtonBox* buttons_;
  QList<TopicConfigRow> loaded_;
};

}  // namespace runnel::widgets
