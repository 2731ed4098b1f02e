#include "widgets/models/lesson_runner.h"

#include <QMetaObject>
#include <QTimer>
#include <thread>

#include "engine/client/cluster_client.h"
#include "widgets/models/lesson_scene.h"
#include "widgets/models/sql_session.h"

namespace runnel::widgets {
namespace {

QString lessonSentence(const Status& s) {
  QString m = QString::fromStdString(s.message().empty() ? s.toString() : s.message());
  if (!m.isEmpty()) m[0] = m[0].toUpper();
  if (!m.endsWith('.')) m += '.';
  return m;
}

}  // namespace

LessonRunner::LessonRunner(client::ClusterClient* client, QObject* parent)
    : QObject(parent), client_(client) {
  if (client_) {
    jobs_.post([this] { scene_ = std::make_unique<LessonScene>(*client_); });
  }
}

LessonRunner::~LessonRunner() {
  shutdown();
}

void LessonRunner::shutdown() {
  *stopping_ = true;
  // The scene's consumers and producers go on the worker thread that made them.
  jobs_.post([this] { scene_.reset(); });
  jobs_.drain();
  jobs_.shutdown();
}

void LessonRunner::setLessons(QList<Lesson> lessons) {
  lessons_ = std::move(lessons);
  lesson_ = -1;
  step_ = 0;
  done_.clear();
  emit stateChanged();
}

void LessonRunner::setSqlSession(SqlSession* sql) {
  sql_ = sql;
  if (!sql_) return;
  connect(sql_, &SqlSession::statementFinished, this,
          [this](int runId, const SqlStatementOutcome& outcome) {
            auto it = sqlRuns_.find(runId);
            if (it == sqlRuns_.end()) return;
            if (!outcome.ok && it->firstError.isEmpty())
              it->firstError = outcome.error.isEmpty() ? outcome.message : outcome.error;
            if (!outcome.tableRows.isEmpty()) it->rows = outcome.tableRows;
          });
  connect(sql_, &SqlSession::runFinished, this, [this](int runId, int failures) {
    auto it = sqlRuns_.find(runId);
    if (it == sqlRuns_.end()) return;
    SqlRun run = it.value();
    sqlRuns_.erase(it);
    lastSqlRows_ = run.rows;
    run.done(failures == 0, failures == 0 ? tr("The SQL ran; its queries keep running.")
                                          : tr("The SQL failed: %1").arg(run.firstError));
  });
}

const Lesson* LessonRunner::currentLesson() const {
  return lesson_ >= 0 && lesson_ < lessons_.size() ? &lessons_[lesson_] : nullptr;
}

const LessonStep* LessonRunner::currentStep() const {
  const Lesson* l = currentLesson();
  return l && step_ < l->steps.size() ? &l->steps[step_] : nullptr;
}

void LessonRunner::setBusy(bool busy) {
  busy_ = busy;
  emit stateChanged();
}

void LessonRunner::showStep(int step) {
  step_ = step;
  if (!done_.contains(step)) {
    outcome_.clear();
    outcomeOk_ = true;
  }
  emit stateChanged();
  if (const LessonStep* s = currentStep(); s && !s->highlight.isEmpty())
    emit highlightRequested(s->highlight);
}

void LessonRunner::startLesson(int index) {
  if (index < 0 || index >= lessons_.size() || !client_) return;
  const int gen = ++generation_;
  lesson_ = index;
  step_ = 0;
  done_.clear();
  outcome_ = tr("Setting the scene…");
  outcomeOk_ = true;
  setBusy(true);
  resetScene([this, gen](bool ok, const QString& message) {
    if (gen != generation_) return;
    busy_ = false;
    showStep(0);
    if (!ok) {
      outcome_ = tr("The scene could not be reset: %1").arg(message);
      outcomeOk_ = false;
      emit stateChanged();
    }
  });
}

void LessonRunner::doStep() {
  if (busy_ || !currentStep()) return;
  const int gen = generation_;
  const int step = step_;
  outcome_ = tr("Working…");
  outcomeOk_ = true;
  setBusy(true);
  performStep(step, [this, gen, step](bool ok, const QString& message) {
    if (gen != generation_) return;
    busy_ = false;
    if (ok) done_.insert(step);
    outcome_ = message;
    outcomeOk_ = ok;
    emit stepFinished(step, ok, message);
    const bool advance = ok && nextAfterDo_ && step + 1 < currentLesson()->steps.size();
    nextAfterDo_ = false;
    if (advance) {
      showStep(step + 1);
      return;
    }
    emit stateChanged();
    if (const LessonStep* s = currentStep(); ok && s && !s->highlight.isEmpty())
      emit highlightRequested(s->highlight);
  });
}

void LessonRunner::next() {
  const LessonStep* s = currentStep();
  if (busy_ || !s) return;
  if (!done_.contains(step_) && !s->action.kind.isEmpty()) {
    nextAfterDo_ = true;
    doStep();
    return;
  }
  if (step_ + 1 < currentLesson()->steps.size()) showStep(step_ + 1);
}

void LessonRunner::back() {
  if (busy_ || !currentLesson() || step_ == 0) return;
  const int gen = generation_;
  const int target = step_ - 1;
  done_.clear();
  outcome_ = tr("Replaying the lesson up to step %1…").arg(target + 1);
  outcomeOk_ = true;
  setBusy(true);
  replay(target, [this, gen, target](bool ok, const QString& message) {
    if (gen != generation_) return;
    busy_ = false;
    showStep(target);
    if (!ok) {
      outcome_ = tr("The replay stopped: %1").arg(message);
      outcomeOk_ = false;
      emit stateChanged();
    }
  });
}

void LessonRunner::replay(int upTo, const Done& done) {
  resetScene([this, upTo, done](bool ok, const QString& message) {
    if (!ok) {
      done(false, message);
      return;
    }
    replayFrom(0, upTo, done);
  });
}

void LessonRunner::replayFrom(int step, int upTo, const Done& done) {
  if (step >= upTo) {
    done(true, {});
    return;
  }
  performStep(step, [this, step, upTo, done](bool ok, const QString& message) {
    if (!ok) {
      done(false, message);
      return;
    }
    done_.insert(step);
    replayFrom(step + 1, upTo, done);
  });
}

void LessonRunner::resetScene(const Done& done) {
  const Lesson lesson = lessons_[lesson_];
  auto resetCluster = [this, lesson, done](bool, const QString&) {
    jobs_.post([this, lesson, done] {
      const Status s = scene_ ? scene_->reset(lesson) : Status::unavailable("no cluster");
      QMetaObject::invokeMethod(
          this, [done, s] { done(s.isOk(), s.isOk() ? QString() : lessonSentence(s)); },
          Qt::QueuedConnection);
    });
  };
  if (sql_ && (!lesson.sqlTag.isEmpty() || !lesson.sqlReset.isEmpty())) {
    resetSql(resetCluster);
  } else {
    resetCluster(true, {});
  }
}

void LessonRunner::resetSql(const Done& done) {
  const Lesson lesson = lessons_[lesson_];
  // Push queries reading the lesson's tables would block their DROP: terminate them first.
  runSql(QStringLiteral("SHOW QUERIES;"), [this, lesson, done](bool ok, const QString&) {
    QString script;
    if (ok && !lesson.sqlTag.isEmpty()) {
      for (const QStringList& row : lastSqlRows_) {
        if (row.size() >= 6 && row[1] == QLatin1String("PUSH") &&
            row[5].contains(lesson.sqlTag, Qt::CaseInsensitive))
          script += QStringLiteral("TERMINATE %1;\n").arg(row[0]);
      }
    }
    script += lesson.sqlReset;
    if (script.trimmed().isEmpty()) {
      done(true, {});
      return;
    }
    // A reset that finds nothing to drop is fine: only the cluster reset must succeed.
    runSql(script, [done](bool, const QString&) { done(true, {}); });
  });
}

void LessonRunner::performStep(int step, const Done& done) {
  const LessonStep s = lessons_[lesson_].steps[step];
  if (s.action.kind.isEmpty()) {
    evaluateChecks(step, tr("Nothing to run here: look at the highlighted panel."), done);
    return;
  }
  if (s.action.kind == QLatin1String("run_sql")) {
    runSql(s.action.args.value("sql").toString(),
           [this, step, done](bool ok, const QString& message) {
             if (!ok) {
               done(false, message);
               return;
             }
             evaluateChecks(step, message, done);
           });
    return;
  }
  jobs_.post([this, step, done, action = s.action] {
    QString summary;
    const Status status =
        scene_ ? scene_->perform(action, &summary) : Status::unavailable("no cluster is open");
    QMetaObject::invokeMethod(
        this,
        [this, step, done, status, summary] {
          if (!status.isOk()) {
            done(false, lessonSentence(status));
            return;
          }
          evaluateChecks(step, summary, done);
        },
        Qt::QueuedConnection);
  });
}

void LessonRunner::evaluateChecks(int step, const QString& summary, const Done& done) {
  const QList<LessonCheck> checks = lessons_[lesson_].steps[step].checks;
  if (checks.isEmpty()) {
    done(true, summary);
    return;
  }
  jobs_.post([this, checks, summary, done, timeout = checkTimeoutMs_, stopping = stopping_] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout);
    bool all = false;
    QString failure;
    QStringList found;
    while (!*stopping) {
      all = true;
      found.clear();
      for (const LessonCheck& c : checks) {
        QString what;
        if (!scene_ || !scene_->evaluate(c, &what)) {
          all = false;
          failure = what;
          break;
        }
        found << what;
      }
      if (all || std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    QMetaObject::invokeMethod(
        this,
        [done, all, summary, failure, found] {
          if (all) {
            done(true, summary + QStringLiteral("\n✓ ") + found.join(QStringLiteral("; ")));
          } else {
            done(false, summary + QStringLiteral("\n✗ ") + failure);
          }
        },
        Qt::QueuedConnection);
  });
}

void LessonRunner::runSql(const QString& script, const Done& done, int attempt) {
  if (!sql_) {
    done(false, tr("The SQL engine is not available here."));
    return;
  }
  if (!sql_->isReady()) {
    if (attempt > 150) {
      done(false, tr("The SQL engine did not start in time."));
      return;
    }
    QTimer::singleShot(200, this,
                       [this, script, done, attempt] { runSql(script, done, attempt + 1); });
    return;
  }
  const int id = sql_->run(script);
  sqlRuns_.insert(id, SqlRun{done, {}, {}});
}

}  // namespace runnel::widgets
