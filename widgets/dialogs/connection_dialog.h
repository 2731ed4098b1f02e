// The "Connect to Kafka cluster" dialog: the saved connections on the left (new, delete), the
// selected one on the right — name, bootstrap servers, librdkafka properties as key = value rows
// (secret ones masked) — with Test connection (run off the GUI thread by ConnectionTester),
// Save, and Connect, which saves and asks the studio to open a window on that cluster. Says
// where secrets are kept: the system key store, or in plain text when there is none.
// GUI thread only; borrows the store and the tester, which must outlive it.
#pragma once

#include <QDialog>

#include "widgets/models/saved_connection.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace runnel::widgets {

class ConnectionStore;
class ConnectionTester;

class ConnectionDialog : public QDialog {
  Q_OBJECT
 public:
  ConnectionDialog(ConnectionStore* store, ConnectionTester* tester, QWidget* parent = nullptr);

  // What the form holds now.
  SavedConnection connection() const;
  void setConnection(const SavedConnection& connection);
  // Selects the saved connection called `name` (and shows it); false if there is none.
  bool selectSaved(const QString& name);
  void newConnection();
  bool save();
  void deleteSelected();  // without asking (the button asks first)
  void testConnection();
  void connectToCluster();

  QListWidget* savedList() const { return list_; }
  QLineEdit* nameEdit() const { return name_; }
  QLineEdit* bootstrapEdit() const { return bootstrap_; }
  QTableWidget* propertiesTable() const { return properties_; }
  QLabel* storageNote() const { return storageNote_; }
  QLabel* outcomeLabel() const { return outcome_; }
  QPushButton* testButton() const { return test_; }
  // The text a property's value shows in the table (masked for secrets).
  QString displayedValue(int row) const;

 signals:
  void connectRequested(const runnel::widgets::SavedConnection& connection);

 private:
  void refreshList(const QString& select);
  void addPropertyRow(const QString& key, const QString& value);
  void showOutcome(bool ok, const QString& message);
  void showStorageNote(bool plainTextConnection);

  ConnectionStore* store_;
  ConnectionTester* tester_;
  QString editing_;  // the saved name the form was loaded from ("" for a new one)
  QListWidget* list_;
  QLineEdit* name_;
  QLineEdit* bootstrap_;
  QTableWidget* properties_;
  QLabel* storageNote_;
  QLabel* outcome_;
  QPushButton* test_;
  QPushButton* delete_;
};

}  // namespace runnel::widgets
