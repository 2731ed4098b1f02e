// LongOperation: one long piece of work (an import, an export, "produce N") as the GUI sees it —
// how far it is (done of total, never going back), a Cancel the worker honours, and one outcome.
// The worker only touches the shared OperationToken (lock-free, any thread); the LongOperation
// lives on the GUI thread and polls the token at most ~30 times a second, so progress never
// floods the event loop however fast the worker advances. Failures also go to the log.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <mutex>

class QTimer;

namespace runnel::widgets {

// Shared by the worker (advance, finish) and the GUI (cancel, read). Thread-safe.
class OperationToken {
 public:
  void setTotal(qint64 total) { total_.store(total); }
  // Raises the done count to `done`; a lower value is ignored, so progress is monotonic even
  // when acknowledgements arrive out of order.
  void advanceTo(qint64 done);
  void cancel() { cancelled_.store(true); }
  bool cancelled() const { return cancelled_.load(); }
  qint64 done() const { return done_.load(); }
  qint64 total() const { return total_.load(); }

  // The work is over; `message` is the readable outcome, `details` (optional) goes to the log.
  void finish(bool ok, const QString& message, const QString& details = {});
  bool ended() const { return ended_.load(); }
  bool ok() const;
  QString message() const;
  QString details() const;

 private:
  std::atomic<qint64> done_{0};
  std::atomic<qint64> total_{0};
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> ended_{false};
  mutable std::mutex mutex_;
  bool ok_ = true;   // guarded by mutex_
  QString message_;  // guarded by mutex_
  QString details_;  // guarded by mutex_
};

class LongOperation : public QObject {
  Q_OBJECT
 public:
  // `title` says what runs ("Importing orders.jsonl"); `unit` what is counted ("records").
  LongOperation(QString title, QString unit, QObject* parent = nullptr);
  ~LongOperation() override;

  const std::shared_ptr<OperationToken>& token() const { return token_; }
  QString title() const { return title_; }
  QString unit() const { return unit_; }
  // What the GUI last published (not the token's live values).
  qint64 done() const { return done_; }
  qint64 total() const { return total_; }
  bool running() const { return !finished_; }
  bool cancelRequested() const { return token_->cancelled(); }
  // Asks the worker to stop; records already handled stay handled. The outcome says how many.
  void cancel();

 signals:
  void progressed(qint64 done, qint64 total);
  // Once. `cancelled` when the work stopped because of cancel().
  void finished(bool ok, bool cancelled, const QString& message);
  void cancelRequestedChanged();

 private:
  void poll();

  QString title_;
  QString unit_;
  std::shared_ptr<OperationToken> token_;
  QTimer* timer_;
  qint64 done_ = -1;
  qint64 total_ = -1;
  bool finished_ = false;
};

}  // namespace runnel::widgets
