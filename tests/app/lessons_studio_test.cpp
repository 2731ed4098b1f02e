// The lessons inside the studio, offscreen, over a real StudioCluster: the welcome screen appears
// on the first start only and its tour button starts the tour in the Lessons dock; a step frames
// the dock it points at; the panel's Do it performs a step on the cluster; presenter mode enlarges
// the type and leaves only the Lessons dock and the step's panel, and leaving it restores both; its
// keys (Space, arrows, PgUp/PgDn, Esc) drive the lesson.
// With RUNNEL_SCREENSHOT_DIR set, saves the Lessons panel (light and dark) and presenter mode.
#include <QApplication>
#include <QCommandLinkButton>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app/studio/main_window.h"
#include "app/studio/presenter_mode.h"
#include "app/studio/studio_cluster.h"
#include "app/studio/studio_session.h"
#include "widgets/dialogs/welcome_dialog.h"
#include "widgets/models/lesson_runner.h"
#include "widgets/models/log_buffer.h"
#include "widgets/models/log_model.h"
#include "widgets/panels/lessons_panel.h"
#include "widgets/style/theme.h"
#include "widgets/visual/highlight_frame.h"

using namespace runnel;
using widgets::LessonRunner;

namespace {

QStringList visibleDocks(studio::MainWindow& window) {
  QStringList names;
  for (QDockWidget* d : window.docks())
    if (d->isVisible()) names << d->objectName();
  names.sort();
  return names;
}

void saveShot(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("RUNNEL_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QTest::qWait(300);
  QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name));
}

}  // namespace

class LessonsStudioTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::shared_ptr<widgets::LogBuffer> buffer_ = std::make_shared<widgets::LogBuffer>();
  std::unique_ptr<widgets::LogModel> logModel_;
  std::unique_ptr<studio::MainWindow> window_;
  std::unique_ptr<studio::StudioSession> session_;
  LessonRunner* runner_ = nullptr;

  bool waitIdle() {
    QElapsedTimer t;
    t.start();
    while (runner_->busy() && t.elapsed() < 30000)
      QTest::qWait(20);
    return !runner_->busy();
  }

  int lesson(const QString& prefix) {
    for (int i = 0; i < runner_->lessons().size(); ++i)
      if (runner_->lessons()[i].id.startsWith(prefix)) return i;
    return -1;
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RunnelTest");
    QCoreApplication::setApplicationName("LessonsStudioTest");
    QSettings().clear();
    widgets::Theme::instance().apply(widgets::ThemeChoice::Light);
    logModel_ = std::make_unique<widgets::LogModel>(buffer_);
    studio::StudioOptions options;
    options.dataDirectory = dir_.path();
    options.resetLayout = true;
    window_ = std::make_unique<studio::MainWindow>(options, logModel_.get(), QString());
    const std::string clusterDir = dir_.filePath("cluster").toStdString();
    session_ = std::make_unique<studio::StudioSession>(
        [clusterDir] { return studio::StudioCluster::open(clusterDir, 3, 0, true); });
    window_->attachSession(session_.get());
    window_->resize(1500, 940);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QSignalSpy opened(session_.get(), &studio::StudioSession::opened);
    session_->open();
    QVERIFY(opened.wait(30000));
    runner_ = window_->findChild<LessonRunner*>();
    QVERIFY(runner_);
    QVERIFY(runner_->lessons().size() >= 9);
  }

  void cleanupTestCase() {
    if (runner_) runner_->shutdown();
    window_.reset();
    session_.reset();
    QSettings().clear();
  }

  void welcomeOffersTheTour() {
    auto* welcome = window_->findChild<widgets::WelcomeDialog*>();
    QVERIFY(welcome);
    QVERIFY(welcome->isVisible());
    QVERIFY(QSettings().value("welcome/shown").toBool());  // the first start only
    saveShot(welcome, "welcome.png");
    welcome->tourButton()->click();
    QVERIFY(waitIdle());
    QCOMPARE(runner_->lessonIndex(), lesson("00"));
    QVERIFY(window_->dock("lessonsDock")->isVisible());
    // The tour's first step frames the Cluster dock.
    QTRY_VERIFY(widgets::HighlightFrame::current());
    QCOMPARE(widgets::HighlightFrame::current()->target(), window_->dock("clusterDock"));
    QVERIFY(widgets::HighlightFrame::current()->isVisible());
    QVERIFY(window_->dock("clusterDock")->isVisible());
  }

  void lessonPanelDoesTheStep() {
    runner_->startLesson(lesson("02"));
    QVERIFY(waitIdle());
    auto* panel = window_->findChild<widgets::LessonsPanel*>();
    QVERIFY(panel);
    for (int step = 0; step < 3; ++step) {
      QSignalSpy finished(runner_, &LessonRunner::stepFinished);
      QVERIFY(panel->doButton()->isEnabled());
      panel->doButton()->click();
      QVERIFY(finished.wait(30000));
      QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
      if (step < 2) panel->nextButton()->click();
    }
    QVERIFY(!panel->doButton()->isEnabled());  // done
    QVERIFY(panel->outcomeLabel()->text().contains("alice"));
    auto offsets = session_->client()->admin().listConsumerGroupOffsets("alice");
    QVERIFY(offsets.isOk());
    QCOMPARE(offsets.value().at({"lesson2-news", 0}).offset, 10);
    QTRY_COMPARE(widgets::HighlightFrame::current()->target(), window_->dock("logStripDock"));
    saveShot(panel, "panel-lessons.png");
    widgets::Theme::instance().apply(widgets::ThemeChoice::Dark);
    saveShot(panel, "panel-lessons-dark.png");
    saveShot(window_.get(), "studio-lessons-dark.png");
    widgets::Theme::instance().apply(widgets::ThemeChoice::Light);
  }

  void presenterModeEnlargesAndFocuses() {
    runner_->startLesson(lesson("01"));
    QVERIFY(waitIdle());
    const qreal normalSize = QApplication::font().pointSizeF();
    const QStringList normalDocks = visibleDocks(*window_);
    studio::PresenterMode* presenter = studio::PresenterMode::of(window_.get());
    presenter->action()->trigger();
    QVERIFY(presenter->isOn());
    QVERIFY(QApplication::font().pointSizeF() > normalSize * 1.3);
    // Only the lesson and the panel its step points at (Topics for "Make a log").
    QCOMPARE(visibleDocks(*window_), QStringList({"lessonsDock", "topicsDock"}));

    saveShot(window_.get(), "presenter-mode.png");
    presenter->action()->trigger();
    QVERIFY(!presenter->isOn());
    QCOMPARE(QApplication::font().pointSizeF(), normalSize);
    QCOMPARE(visibleDocks(*window_), normalDocks);
  }

  // A speaker drives the lesson from the keyboard (or a clicker, which sends the same keys):
  // Space does the step, → moves on (doing the step first when it was not done), ← goes back,
  // Esc leaves presenter mode. The keys do nothing outside presenter mode.
  void presenterKeysDriveTheLesson() {
    runner_->startLesson(lesson("01"));
    QVERIFY(waitIdle());
    QApplication::setActiveWindow(window_.get());
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    studio::PresenterMode* presenter = studio::PresenterMode::of(window_.get());

    QTest::keyClick(window_.get(), Qt::Key_Right);
    QVERIFY(waitIdle());
    QCOMPARE(runner_->stepIndex(), 0);  // presenter mode is off: the arrow is not a lesson key

    presenter->action()->trigger();
    QVERIFY(presenter->isOn());
    QSignalSpy finished(runner_, &LessonRunner::stepFinished);
    QTest::keyClick(window_.get(), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    QVERIFY(runner_->stepDone(0));
    QCOMPARE(runner_->stepIndex(), 0);  // Space does the step and stays on it

    QTest::keyClick(window_.get(), Qt::Key_Right);
    QVERIFY(waitIdle());
    QCOMPARE(runner_->stepIndex(), 1);
    QTest::keyClick(window_.get(), Qt::Key_PageDown);  // step 2 not done yet: done, then shown
    QTRY_COMPARE_WITH_TIMEOUT(runner_->stepIndex(), 2, 30000);
    QVERIFY(waitIdle());
    QVERIFY(runner_->stepDone(1));

    QTest::keyClick(window_.get(), Qt::Key_Left);  // back replays the scene up to step 1
    QTRY_COMPARE_WITH_TIMEOUT(runner_->stepIndex(), 1, 30000);
    QVERIFY(waitIdle());
    QVERIFY(runner_->outcomeOk());

    QTest::keyClick(window_.get(), Qt::Key_Escape);
    QVERIFY(!presenter->isOn());
    QTest::keyClick(window_.get(), Qt::Key_Left);
    QVERIFY(waitIdle());
    QCOMPARE(runner_->stepIndex(), 1);  // the keys are off again
  }
};

QTEST_MAIN(LessonsStudioTest)
#include "lessons_studio_test.moc"
