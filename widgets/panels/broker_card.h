// BrokerCard: one broker at a glance — a coloured status dot, its id and address, a "controller"
// badge, how many partitions it leads, its byte rates — with Kill, Restart and Pause/Resume
// buttons when the backend allows them. Part of the Cluster panel. GUI thread only.
#pragma once

#include <QFrame>

class QLabel;
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

 signals:
  void killRequested(std::int32_t brokerId);
  void restartRequested(std::int32_t brokerId);
  void pauseRequested(std::int32_t brokerId);
  void resumeRequested(std::int32_t brokerId);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::int32_t brokerId_;
  bool alive_ = true;
  bool paused_ = false;
  QLabel* title_;
  QLabel* badge_;
  QLabel* address_;
  QLabel* leaders_;
  QLabel* rates_;
  QPushButton* kill_;
  QPushButton* restart_;
  QPushButton* pause_;
};

}  // namespace runnel::widgets
