// LessonRunner: plays the guided lessons on a cluster — which lesson and step is current,
// "Do it" (perform the step's action, then wait until its checks hold on the cluster), Next,
// Back (the scene is reset and the steps before the previous one replayed, deterministically,
// so that step can be done again) and Restart. Cluster work runs on its worker thread through a
// LessonScene; run_sql goes to the studio's SqlSession so queries show in the Query Results.
// Lives on the GUI thread; the client (and the SqlSession, if set) must outlive it, or
// shutdown() first. Never blocks the GUI thread.
#pragma once

#include <QObject>
#include <QSet>
#include <QHash>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

#include "widgets/models/job_thread.h"
#include "widgets/models/lesson.h"

namespace runnel::client {
class ClusterClient;
}

namespace runnel::widgets {

class LessonScene;
class SqlSession;
struct SqlStatementOutcome;

class LessonRunner : public QObject {
  Q_OBJECT
 public:
  explicit LessonRunner(client::ClusterClient* client, QObject* parent = nullptr);
  ~LessonRunner() override;

  void setLessons(QList<Lesson> lessons);
  const QList<Lesson>& lessons() const { return lessons_; }
  // run_sql steps need it; without one they fail with a clear message.
  void setSqlSession(SqlSession* sql);
  // How long a step's checks may take to hold (rebalances and ISR changes settle over time).
  void setCheckTimeoutMs(int ms) { checkTimeoutMs_ = ms; }

  int lessonIndex() const { return lesson_; }
  int stepIndex() const { return step_; }
  const Lesson* currentLesson() const;
  const LessonStep* currentStep() const;
  bool stepDone(int step) const { return done_.contains(step); }
  bool busy() const { return busy_; }
  // The last outcome shown for the current step ("" before Do it).
  const QString& outcome() const { return outcome_; }
  bool outcomeOk() const { return outcomeOk_; }

  // Resets the lesson's scene and shows its first step.
  void startLesson(int index);
  void doStep();
  // Goes to the next step, doing the current one first if it was not done.
  void next();
  void back();
  void shutdown();

 signals:
  void stateChanged();
  void stepFinished(int step, bool ok, const QString& message);
  // A dock (object name) the current step wants the viewer to look at.
  void highlightRequested(const QString& target);

 private:
  using Done = std::function<void(bool ok, const QString& message)>;
  void setBusy(bool busy);
  void resetScene(const Done& done);
  void performStep(int step, const Done& done);
  void evaluateChecks(int step, const QString& summary, const Done& done);
  void replay(int upTo, const Done& done);
  void replayFrom(int step, int upTo, const Done& done);
  void runSql(const QString& script, const Done& done, int attempt = 0);
  void resetSql(const Done& done);
  void showStep(int step);

  client::ClusterClient* client_;
  SqlSession* sql_ = nullptr;
  QList<Lesson> lessons_;
  int lesson_ = -1;
  int step_ = 0;
  QSet<int> done_;
  bool busy_ = false;
  QString outcome_;
  bool outcomeOk_ = true;
  int checkTimeoutMs_ = 20000;
  int generation_ = 0;  // bumped by startLesson so late answers of an old run are ignored
  struct SqlRun {
    Done done;
    QString firstError;
    QList<QStringList> rows;  // the last table a statement returned (SHOW QUERIES)
  };
  QHash<int, SqlRun> sqlRuns_;
  QList<QStringList> lastSqlRows_;
  bool nextAfterDo_ = false;
  std::shared_ptr<std::atomic<bool>> stopping_ = std::make_shared<std::atomic<bool>>(false);
  std::unique_ptr<LessonScene> scene_;  // used only on jobs_' thread
  JobThread jobs_;                      // last: stops first
};

}  // namespace runnel::widgets
