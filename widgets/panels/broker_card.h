// BrokerCard: one broker at a glance — a coloured status dot, its id and address, a "controller"
// badge, how many partitions it leads, its byte rates — with Kill, Restart, Pause/Resume and
// Remove buttons when the backend allows them, and a progress bar while it drains before its
// removal. Part of the Cluster panel. GUI thread only.
#pragma once

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace runnel::client {
struct BrokerView;
}

namespace runnel::widgets {

class BrokerCard : public QFrame {
  Q_OBJECT
 public:
  BrokerCard(std::int32_t brokerId, bool controllable, QWidget* parent = nullptr);

  std::int32_t brokerId() const { return brokerId_; }
  void showBroker(const client::BrokerView& broker);
  bool isAliveShown() const { return alive_; }
  QPushButton* killButton() const { return kill_; }
  QPushButton* restartButton() const { return restart_; }
  // Pause when the broker answers, Resume when it is paused.
  QPushButton* pauseButton() const { return pause_; }
  bool isPausedShown() const { return paused_; }
  QPushButton* removeButton() const { return remove_; }
  // Between the Remove confirmation and the drain showing in the views: buttons off, "Removing…".
  void setRemovalPending(bool pending);
  bool isDrainingShown() const { return draining_; }
  QProgressBar* drainProgress() const { return progress_; }
  QString statusText() const;

 signals:
  void killRequested(std::int32_t brokerId);
  void restartRequested(std::int32_t brokerId);
  void pauseRequested(std::int32_t brokerId);
  void resumeRequested(std::int32_t brokerId);
  void removeRequested(std::int32_t brokerId);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::int32_t brokerId_;
  bool alive_ = true;
  bool paused_ = false;
  bool draining_ = false;
  bool removalPending_ = false;
  QLabel* title_;
  QLabel* badge_;
  QLabel* address_;
  QLabel* leaders_;
  QLabel* rates_;
  QPushButton* kill_;
  QPushButton* restart_;
  QPushButton* pause_;
  QPushButton* remove_;
  QProgressBar* progress_;

  void updateButtons();
};

}  // namespace runnel::widgets
