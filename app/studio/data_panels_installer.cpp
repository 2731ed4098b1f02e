#include "app/studio/data_panels_installer.h"

#include <QCoreApplication>
#include <QPointer>
#include <QStatusBar>
#include <QTabWidget>

#include "app/studio/main_window.h"
#include "app/studio/studio_session.h"
#include "widgets/dialogs/import_dialog.h"
#include "widgets/dialogs/produce_dialog.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/group_list_model.h"
#include "widgets/models/message_reader.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/panels/groups_panel.h"
#include "widgets/panels/message_browser.h"
#include "widgets/panels/topics_panel.h"
#include "widgets/style/icons.h"

namespace runnel::studio {
namespace {

// Owns the data panels' workers so they can all be stopped before the session's client goes.
class DataPanels : public QObject {
 public:
  DataPanels(MainWindow& window, StudioSession& session)
      : QObject(&window), window_(window), session_(session) {
    actions_ = new widgets::DataActions(session.client(), this);
    topics_ = new widgets::TopicListModel(this);
    groups_ = new widgets::GroupListModel(this);
  }

  void install() {
    widgets::ClusterFeed* feed = session_.feed();
    connect(actions_, &widgets::DataActions::finished, &window_,
            [this](const QString& action, bool ok, const QString& message) {
              if (action == "load-configs" && ok) return;
              window_.statusBar()->showMessage(message, ok ? 5000 : 15000);
              feed_refresh();
            });

    auto* topicsPanel = new widgets::TopicsPanel(topics_, actions_);
    connect(feed, &widgets::ClusterFeed::viewUpdated, topicsPanel,
            [this, topicsPanel](const widgets::ClusterViewPtr& view) {
              topics_->update(*view);
              topicsPanel->setBrokerCount(static_cast<int>(view->brokers.size()));
            });
    connect(topicsPanel, &widgets::TopicsPanel::browseRequested, this, &DataPanels::browse);
    connect(topicsPanel, &widgets::TopicsPanel::produceRequested, this, &DataPanels::produce);
    window_.setDockPanel("topicsDock", topicsPanel);

    auto* groupsPanel = new widgets::GroupsPanel(groups_, actions_);
    connect(feed, &widgets::ClusterFeed::viewUpdated, groupsPanel, &widgets::GroupsPanel::showView);
    window_.setDockPanel("groupsDock", groupsPanel);

    if (feed->latest()) {
      topics_->update(*feed->latest());
      groupsPanel->showView(feed->latest());
    }
    // The session destroys the client before the window's children go: stop the workers first.
    connect(qApp, &QCoreApplication::aboutToQuit, this, &DataPanels::shutDown);
  }

 private:
  void feed_refresh() {
    if (session_.feed()) session_.feed()->refreshSoon();
  }

  void browse(const QString& topic) {
    QTabWidget* tabs = window_.workspace();
    // One browser tab per topic: a second Browse brings the existing one forward.
    for (const auto& b : browsers_) {
      if (b && b->topic() == topic) {
        tabs->setCurrentWidget(b);
        return;
      }
    }
    auto* reader = new widgets::MessageReader(session_.client());
    auto* browser = new widgets::MessageBrowser(reader, topics_);
    browsers_.push_back(browser);
    connect(browser, &widgets::MessageBrowser::produceRequested, this, &DataPanels::produce);
    connect(browser, &widgets::MessageBrowser::importRequested, this, &DataPanels::import);
    connect(browser, &widgets::MessageBrowser::titleChanged, tabs,
            [tabs, browser](const QString& t) {
              const int i = tabs->indexOf(browser);
              if (i >= 0) tabs->setTabText(i, t);
            });
    const int index = tabs->addTab(browser, widgets::Icons::get("topics"), topic);
    tabs->setTabToolTip(index, tr("Messages of %1").arg(topic));
    tabs->setTabsClosable(true);
    tabs->setCurrentIndex(index);
    browser->setTopic(topic);
  }

  void produce(const QString& topic) {
    auto* dialog =
        new widgets::ProduceDialog(topic, topics_->partitionsOf(topic), actions_, &window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  }

  void import(const QString& topic) {
    auto* dialog = new widgets::ImportDialog(topic, topics_, actions_, &window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  }

  void shutDown() {
    for (const auto& b : browsers_)
      delete b.data();
    browsers_.clear();
    delete actions_;
    actions_ = nullptr;
  }

  MainWindow& window_;
  StudioSession& session_;
  widgets::DataActions* actions_;
  widgets::TopicListModel* topics_;
  widgets::GroupListModel* groups_;
  std::vector<QPointer<widgets::MessageBrowser>> browsers_;
};

}  // namespace

void installDataPanels(MainWindow& window, StudioSession& session) {
  (new DataPanels(window, session))->install();
}

}  // namespace runnel::studio
