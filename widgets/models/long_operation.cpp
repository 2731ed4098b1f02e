#include "widgets/models/long_operation.h"

#include <QTimer>

#include "engine/common/logging.h"

namespace runnel::widgets {

void OperationToken::advanceTo(qint64 done) {
  qint64 seen = done_.load();
  while (done > seen && !done_.compare_exchange_weak(seen, done)) {
  }
}

void OperationToken::finish(bool ok, const QString& message, const QString& details) {
  {
    std::lock_guard lock(mutex_);
    ok_ = ok;
    message_ = message;
    details_ = details;
  }
  ended_.store(true);
}

bool OperationToken::ok() const {
  std::lock_guard lock(mutex_);
  return ok_;
}

QString OperationToken::message() const {
  std::lock_guard lock(mutex_);
  return message_;
}

QString OperationToken::details() const {
  std::lock_guard lock(mutex_);
  return details_;
}

LongOperation::LongOperation(QString title, QString unit, QObject* parent)
    : QObject(parent),
      title_(std::move(title)),
      unit_(std::move(unit)),
      token_(std::make_shared<OperationToken>()),
      timer_(new QTimer(this)) {
  // 33 ms: ~30 updates a second at most, whatever rate the worker advances at.
  timer_->setInterval(33);
  connect(timer_, &QTimer::timeout, this, &LongOperation::poll);
  timer_->start();
}

LongOperation::~LongOperation() {
  // Whoever drops the operation no longer wants the work.
  if (!finished_) token_->cancel();
}

void LongOperation::cancel() {
  if (finished_ || token_->cancelled()) return;
  token_->cancel();
  emit cancelRequestedChanged();
}

void LongOperation::poll() {
  // Read `ended` first: a finished worker has published its last count before it.
  const bool ended = token_->ended();
  const qint64 done = token_->done();
  const qint64 total = token_->total();
  if (done != done_ || total != total_) {
    done_ = done;
    total_ = total;
    emit progressed(done, total);
  }
  if (!ended) return;
  timer_->stop();
  finished_ = true;
  const bool ok = token_->ok();
  const QString message = token_->message();
  if (!ok) {
    const QString details = token_->details();
    logger().warn("{}: {}{}", title_.toStdString(), message.toStdString(),
                  details.isEmpty() ? std::string() : " — " + details.toStdString());
  } else {
    logger().info("{}: {}", title_.toStdString(), message.toStdString());
  }
  emit finished(ok, token_->cancelled(), message);
}

}  // namespace runnel::widgets
