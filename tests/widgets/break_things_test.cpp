// Breaking things from the studio, through the models and panels on a real embedded cluster: a
// broker paused from the Break Things panel is listed as a fault, its Cluster panel card shows it
// paused with a Resume button, and "Clear all faults" resumes it; an error rule made with the
// inject-error dialog (APIs and errors by readable name) is listed, removable on its own, and
// cleared with the paused broker in one click.
#include <QComboBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/dialogs/inject_error_dialog.h"
#include "widgets/models/fault_model.h"
#include "widgets/panels/broker_card.h"
#include "widgets/panels/cluster_panel.h"
#include "widgets/panels/faults_panel.h"
#include "widgets/style/theme.h"
#include "tests/widgets/screenshot.h"

using namespace runnel;
using namespace runnel::widgets;
using runnel::widgets::testing::shoot;

namespace {

ClusterViewPtr viewOf(client::ClusterClient& client) {
  auto view = client.observer().view();
  if (!view.isOk()) qFatal("view: %s", view.status().toString().c_str());
  return std::make_shared<client::ClusterView>(*view);
}

int actionIndex(QComboBox* box, FaultModel::LinkAction action) {
  return box->findData(static_cast<int>(action));
}

}  // namespace

class BreakThingsTest : public QObject {
  Q_OBJECT
 private slots:
  // Screenshots must look like the studio: apply the theme it applies (its palette and style
  // sheet colour the broker cards; without them they come out black).
  void initTestCase() { Theme::instance().apply(ThemeChoice::Light); }

  void pausedBrokerIsListedShownOnItsCardAndClearedByClearAll() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString());
    FaultModel model(client->embeddedControl());
    FaultsPanel faults(&model);
    ClusterPanel cluster(/*controllable=*/true);
    faults.showView(viewOf(*client));
    cluster.showView(viewOf(*client));
    QVERIFY(!cluster.card(2)->isPausedShown());
    QCOMPARE(cluster.card(2)->pauseButton()->text(), QStringLiteral("Pause"));
    QSignalSpy pauseAsked(&cluster, &ClusterPanel::pauseRequested);
    cluster.card(2)->pauseButton()->click();
    QCOMPARE(pauseAsked.count(), 1);
    QCOMPARE(pauseAsked.at(0).at(0).toInt(), 2);

    const int pause = actionIndex(faults.actionBox(), FaultModel::LinkAction::Pause);
    QVERIFY(pause >= 0);
    faults.actionBox()->setCurrentIndex(pause);
    QVERIFY(!faults.brokerBBox()->isEnabled());
    faults.brokerABox()->setCurrentIndex(1);  // broker 2
    faults.applyButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(model.faults().size(), 1, 5000);
    QCOMPARE(model.faults()[0].kind, QStringLiteral("broker-paused"));
    QCOMPARE(model.faults()[0].brokerA, 2);
    QVERIFY(faults.faultList()->item(0)->text().contains(QStringLiteral("broker 2 paused")));

    const ClusterViewPtr paused = viewOf(*client);
    QVERIFY(paused->brokers[1].alive && paused->brokers[1].paused);
    cluster.showView(paused);
    QVERIFY(cluster.card(2)->isPausedShown());
    QVERIFY(!cluster.card(1)->isPausedShown());
    QCOMPARE(cluster.card(2)->pauseButton()->text(), QStringLiteral("Resume"));
    QVERIFY(cluster.summary().contains(QStringLiteral("1 paused")));
    QSignalSpy resumeAsked(&cluster, &ClusterPanel::resumeRequested);
    cluster.card(2)->pauseButton()->click();
    QCOMPARE(resumeAsked.count(), 1);

    faults.clearButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(model.faults().isEmpty(), 5000);
    QVERIFY(!viewOf(*client)->brokers[1].paused);
    cluster.showView(viewOf(*client));
    QVERIFY(!cluster.card(2)->isPausedShown());
    model.shutdown();
  }

  void resumeFromTheModelAnswersAgain() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString());
    FaultModel model(client->embeddedControl());
    QSignalSpy finished(&model, &FaultModel::actionFinished);
    model.applyLinkFault(FaultModel::LinkAction::Pause, 3, -1);
    QTRY_COMPARE_WITH_TIMEOUT(model.faults().size(), 1, 5000);
    model.applyLinkFault(FaultModel::LinkAction::Resume, 3, -1);
    QTRY_VERIFY_WITH_TIMEOUT(model.faults().isEmpty(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 5000);
    QVERIFY(finished.at(1).at(0).toBool());
    // Pausing a broker that does not exist is reported, not ignored.
    model.applyLinkFault(FaultModel::LinkAction::Pause, 9, -1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 5000);
    QVERIFY(!finished.at(2).at(0).toBool());
    QVERIFY(finished.at(2).at(1).toString().contains(QStringLiteral("no broker 9")));
    model.shutdown();
  }

  void injectedErrorIsListedRemovedAndClearedWithThePause() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString());
    FaultModel model(client->embeddedControl());
    FaultsPanel faults(&model);
    QVERIFY(faults.injectButton()->isVisibleTo(&faults));
    QStringList apis;
    for (const FaultChoice& c : model.apiChoices())
      apis << c.label;
    QVERIFY(apis.contains(QStringLiteral("Produce")));
    QVERIFY(apis.contains(QStringLiteral("Fetch")));
    QVERIFY(apis.contains(QStringLiteral("Metadata")));
    const QVector<FaultChoice> errors = FaultModel::errorChoices();
    QCOMPARE(errors.first().label, QStringLiteral("NOT_LEADER_OR_FOLLOWER (6) — retriable"));
    QVERIFY(errors.size() > 50);

    InjectErrorDialog dialog(model.apiChoices(), errors);
    QVERIFY(dialog.selectApi(0));
    QVERIFY(dialog.selectError(7));
    dialog.topicEdit()->setText(QStringLiteral(" orders "));
    dialog.countBox()->setValue(2);
    ErrorRule rule = dialog.rule();
    QCOMPARE(rule.apiKey, 0);
    QCOMPARE(rule.errorCode, 7);
    QCOMPARE(rule.topic, QStringLiteral("orders"));
    QCOMPARE(rule.count, 2);
    shoot(dialog, QStringLiteral("dialog-inject-error.png"), dialog.sizeHint());
    dialog.shareMode()->setChecked(true);
    dialog.percentBox()->setValue(30);
    QCOMPARE(dialog.rule().count, 0);
    QCOMPARE(dialog.rule().percent, 30);

    model.injectError(rule);
    QTRY_COMPARE_WITH_TIMEOUT(model.faults().size(), 1, 5000);
    QCOMPARE(model.faults()[0].kind, QStringLiteral("request-error"));
    const QString text = faults.faultList()->item(0)->text();
    QVERIFY2(text.contains(QStringLiteral("Produce for orders")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("REQUEST_TIMED_OUT")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("next 2 requests")), qPrintable(text));

    // Removed on its own from the list.
    faults.faultList()->setCurrentRow(0);
    QVERIFY(faults.removeButton()->isEnabled());
    faults.removeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(model.faults().isEmpty(), 5000);

    // An error rule and a paused broker go together with "Clear all faults".
    rule.count = 0;
    rule.percent = 50;
    rule.apiKey = 1;
    model.injectError(rule);
    model.applyLinkFault(FaultModel::LinkAction::Pause, 1, -1);
    QTRY_COMPARE_WITH_TIMEOUT(model.faults().size(), 2, 5000);
    QCOMPARE(faults.faultList()->count(), 2);
    faults.showView(viewOf(*client));
    shoot(faults, QStringLiteral("panel-faults.png"), QSize(560, 620));
    ClusterPanel cluster(true);
    cluster.showView(viewOf(*client));
    shoot(cluster, QStringLiteral("panel-cluster-paused.png"), QSize(320, 560));
    faults.clearButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(model.faults().isEmpty(), 5000);
    QVERIFY(client->embeddedControl()->activeFaults().empty());

    // A bad rule is reported, and nothing is added.
    QSignalSpy finished(&model, &FaultModel::actionFinished);
    rule.errorCode = 0;
    model.injectError(rule);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY(model.faults().isEmpty());
    model.shutdown();
  }
};

QTEST_MAIN(BreakThingsTest)
#include "break_things_test.moc"
