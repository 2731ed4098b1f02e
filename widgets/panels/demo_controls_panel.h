// The Demo Data panel: the event clock (what time it is for the generators, paused or running,
// at what speed) with pause, step and fast-forward, and a row per data generator (card
// authorizations with fraud bursts, orders, page views) to start, stop and set its rate.
// GUI thread only. Borrows the model.
#pragma once

#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace runnel::widgets {

class DemoControlModel;

class DemoControlsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit DemoControlsPanel(DemoControlModel* model, QWidget* parent = nullptr);

  QPushButton* pauseButton() const { return pause_; }
  // Slider position (0..kSliderSteps) <-> records per second, logarithmic from 1 to 1,000,000.
  static constexpr int kSliderSteps = 600;
  static double rateForSlider(int position);
  static int sliderForRate(double rate);

 private:
  struct Row {
    QString source;
    QLabel* status;
    QPushButton* toggle;
    QSlider* rate;
    QLabel* rateLabel;
  };
  void refreshClock();
  void refreshGenerators();

  DemoControlModel* model_;
  QLabel* time_;
  QLabel* clockState_;
  QPushButton* pause_;
  QComboBox* speed_;
  QVector<Row> rows_;
};

}  // namespace runnel::widgets
