#include "widgets/panels/query_insight_view.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "widgets/models/sql_session.h"
#include "widgets/models/window_timeline.h"
#include "widgets/panels/windows_panel.h"
#include "widgets/visual/topology_view.h"

namespace runnel::widgets {

QueryInsightView::QueryInsightView(SqlSession* session, QString queryId, QWidget* parent)
    : QTabWidget(parent), queryId_(std::move(queryId)) {
  setDocumentMode(true);
  setTabPosition(QTabWidget::South);
  windowsPage_ = new QWidget(this);
  auto* wl = new QVBoxLayout(windowsPage_);
  wl->setContentsMargins(0, 0, 0, 0);
  windowsMessage_ = new QLabel(tr("Asking the engine for %1's windows…").arg(queryId_), this);
  windowsMessage_->setAlignment(Qt::AlignCenter);
  windowsMessage_->setWordWrap(true);
  wl->addWidget(windowsMessage_);
  addTab(windowsPage_, tr("Windows"));

  auto* topologyPage = new QWidget(this);
  auto* tl = new QVBoxLayout(topologyPage);
  tl->setContentsMargins(0, 0, 0, 0);
  topologyMessage_ = new QLabel(
      tr("How %1 runs (EXPLAIN %1): data flows top-down from its source topic through the "
         "operators to its sink; hover a box for its full text.")
          .arg(queryId_),
      this);
  topologyMessage_->setContentsMargins(8, 6, 8, 2);
  topologyMessage_->setWordWrap(true);
  tl->addWidget(topologyMessage_);
  auto* scroll = new QScrollArea(topologyPage);
  scroll->setWidgetResizable(false);
  scroll->setFrameShape(QFrame::NoFrame);
  topology_ = new TopologyView;
  scroll->setWidget(topology_);
  tl->addWidget(scroll, 1);
  addTab(topologyPage, tr("Topology"));

  if (!session) return;
  connect(session, &SqlSession::windowsReady, this,
          [this](const QString& id, WindowTimeline* timeline) {
            if (id == queryId_ && !windows_) setWindows(timeline);
          });
  connect(session, &SqlSession::topologyReady, this,
          [this](const QString& id, const TopologyGraph& graph) {
            if (id == queryId_) setTopology(graph);
          });
  connect(session, &SqlSession::insightFailed, this,
          [this](const QString& id, const QString& message) {
            if (id == queryId_) setFailure(message);
          });
  session->observeWindows(queryId_);
  session->fetchTopology(queryId_);
}

void QueryInsightView::setWindows(WindowTimeline* timeline) {
  windowsMessage_->hide();
  windows_ = new WindowsPanel(timeline, windowsPage_);
  windowsPage_->layout()->addWidget(windows_);
}

void QueryInsightView::setTopology(const TopologyGraph& graph) {
  topology_->setGraph(graph);
  topology_->resize(topology_->sizeHint());
}

void QueryInsightView::setFailure(const QString& message) {
  // A query without a window still has a topology: only the Windows tab says why it is empty.
  if (!windows_) {
    windowsMessage_->setText(message);
    setCurrentIndex(1);
  }
}

}  // namespace runnel::widgets
