// QueryTab: one tab of the studio's query workspace — a SqlEditor, a toolbar (run statement, run
// all, save, open a saved script, history) and a messages pane listing what each statement did
// (created, started, a SHOW/DESCRIBE table, or the error with its caret, also marked in the
// editor). Runs go to the SqlSession; push queries' rows go to the results panel, not here.
// GUI thread only; does not own the session or the store (both may be null until the cluster
// is up: runs then explain why they wait).
#pragma once

#include <QSet>
#include <QWidget>

class QLabel;
class QTextBrowser;
class QToolButton;

namespace runnel::widgets {

class ScriptStore;
class SqlEditor;
class SqlSession;
struct SqlStatementOutcome;

class QueryTab : public QWidget {
  Q_OBJECT
 public:
  explicit QueryTab(QWidget* parent = nullptr);

  SqlEditor* editor() const { return editor_; }
  QTextBrowser* messages() const { return messages_; }
  void attach(SqlSession* session, ScriptStore* store);

  void runStatement();
  void runAll();
  // Saves the text under `name` in the workspace (asks for a name when empty).
  bool saveScript(QString name = {});
  void openScript(const QString& name);
  // Pops up the toolbar's list of saved scripts (File > Open Script…).
  void showOpenMenu();
  QString scriptName() const { return scriptName_; }

 signals:
  void titleChanged(const QString& title);

 private:
  void run(bool all);
  void showOutcome(int runId, const SqlStatementOutcome& outcome);
  void fillOpenMenu();
  void fillHistoryMenu();
  void appendMessage(const QString& html);

  SqlEditor* editor_;
  QTextBrowser* messages_;
  QLabel* status_;
  QToolButton* openButton_;
  QToolButton* historyButton_;
  SqlSession* session_ = nullptr;
  ScriptStore* store_ = nullptr;
  QSet<int> runs_;  // runs this tab started
  QString scriptName_;
};

}  // namespace runnel::widgets
