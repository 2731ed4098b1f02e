// runnel: the studio. Parses the command line before Qt starts (so --help works anywhere),
// refuses politely without a display, then opens the main window.
#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <iostream>

#include "app/common/command_line.h"
#include "app/studio/display_check.h"
#include "app/studio/main_window.h"
#include "app/studio/remote_windows.h"
#include "app/studio/studio_cluster.h"
#include "app/studio/studio_session.h"
#include "engine/common/logging.h"
#include "engine/common/version.h"
#include "widgets/models/log_buffer.h"
#include "widgets/models/log_model.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

using namespace runnel;

int main(int argc, char** argv) {
  app::CommandLine cli("runnel",
                       "Runnel Studio: watch an embedded Kafka-compatible cluster work, "
                       "break it on purpose, and query its streams with SQL.",
                       "[OPTIONS]");
  cli.addOption({"data-dir", 'd', "DIR", "Keep the cluster, workspace and logs in DIR.", ""});
  cli.addOption({"theme", 0, "NAME", "Colour theme: system, light or dark.", ""});
  cli.addOption({"reset-layout", 0, "", "Start with the default panel layout.", ""});
  cli.addOption(
      {"screenshot", 0, "FILE", "Save a PNG of the window once it is shown, then quit.", ""});
  cli.addOption({"screenshot-delay", 0, "MS",
                 "With --screenshot: wait MS milliseconds first (let data flow).", "1200"});
  cli.addOption({"quit-after", 0, "MS", "Quit by itself after MS milliseconds.", ""});
  cli.addOption({"brokers", 'b', "N", "Brokers in the embedded cluster, 1 to 16.", "3"});
  cli.addOption(
      {"port", 'p', "PORT", "Kafka listener port of the first broker (0: any free port).", "9092"});
  cli.addOption({"no-demo", 0, "", "Start without the demo data generator.", ""});
  for (const char* flag : {"-platform", "-style", "-display", "-qwindowgeometry", "-qwindowtitle",
                           "-platformpluginpath", "-platformtheme", "-stylesheet"})
    cli.addPassThrough(flag, true);
  for (const char* flag : {"-reverse", "-nograb", "-dograb", "-sync"})
    cli.addPassThrough(flag, false);
  if (auto exitCode = cli.parse(argc, argv)) return *exitCode;
  if (!cli.positional().empty())
    return cli.usageError("unexpected argument '" + cli.positional().front() + "'");
  const std::string theme = cli.value("theme");
  if (!theme.empty() && theme != "system" && theme != "light" && theme != "dark")
    return cli.usageError("unknown theme '" + theme + "' (use system, light or dark)");
  int quitAfter = -1;
  if (cli.isSet("quit-after")) {
    auto v = cli.intValue("quit-after", 0, 24L * 3600 * 1000);
    if (!v) return app::CommandLine::kExitUsage;
    quitAfter = static_cast<int>(*v);
  }
  const auto brokers = cli.intValue("brokers", 1, 16);
  const auto port = cli.intValue("port", 0, 65535);
  const auto screenshotDelay = cli.intValue("screenshot-delay", 0, 10L * 60 * 1000);
  if (!brokers || !port || !screenshotDelay) return app::CommandLine::kExitUsage;
  if (const std::string why = studio::missingDisplayExplanation(cli.passThroughArguments());
      !why.empty()) {
    std::cerr << why;
    return 1;
  }

  QApplication::setOrganizationName(QStringLiteral("Runnel"));
  QApplication::setApplicationName(QStringLiteral("Runnel"));
  QApplication::setApplicationDisplayName(QStringLiteral("Runnel Studio"));
  QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
  QApplication::setDesktopFileName(QStringLiteral("dev.runnel.Runnel"));
  // Qt's own arguments (-platform …) only; ours are already consumed.
  std::vector<std::string> qtArgs = cli.passThroughArguments();
  std::vector<char*> qtArgv;
  qtArgv.reserve(qtArgs.size());
  for (auto& a : qtArgs)
    qtArgv.push_back(a.data());
  int qtArgc = static_cast<int>(qtArgv.size());
  QApplication application(qtArgc, qtArgv.data());
  application.setWindowIcon(widgets::Icons::application());

  studio::StudioOptions options;
  options.dataDirectory = QString::fromStdString(cli.value("data-dir"));
  if (options.dataDirectory.isEmpty()) {
    options.dataDirectory = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                            QStringLiteral("/Runnel");
  }
  options.dataDirectory = QDir::cleanPath(QDir(options.dataDirectory).absolutePath());
  options.theme = QString::fromStdString(theme);
  options.resetLayout = cli.isSet("reset-layout");
  options.screenshotPath = QString::fromStdString(cli.value("screenshot"));
  options.quitAfterMs = quitAfter;

  auto logBuffer = std::make_shared<widgets::LogBuffer>();
  LoggingOptions logging;
  logging.directory = (options.dataDirectory + QStringLiteral("/logs")).toStdString();
  const Status logStatus = initLogging(logging);
  addLogSink(std::make_shared<widgets::LogBufferSink>(logBuffer));
  if (!logStatus.isOk()) logger().warn("{}", logStatus.toString());
  logger().info("Runnel Studio {} starting; data in {}", kVersion,
                options.dataDirectory.toStdString());

  const QString themeName = options.theme.isEmpty()
                                ? QSettings().value(QStringLiteral("appearance/theme")).toString()
                                : options.theme;
  widgets::Theme::instance().apply(widgets::Theme::fromName(themeName));

  widgets::LogModel logModel(logBuffer);
  studio::MainWindow window(options, &logModel, QString::fromStdString(logFilePath()));
  const std::string clusterDir = (options.dataDirectory + QStringLiteral("/cluster")).toStdString();
  studio::StudioSession session([clusterDir, b = static_cast<int>(*brokers),
                                 p = static_cast<int>(*port), demo = !cli.isSet("no-demo")] {
    return studio::StudioCluster::open(clusterDir, b, p, demo);
  });
  window.attachSession(&session);
  studio::RemoteWindows remoteWindows(options, &logModel, QString::fromStdString(logFilePath()));
  QObject::connect(&window, &studio::MainWindow::connectToClusterRequested, &remoteWindows,
                   [&remoteWindows, &window] { remoteWindows.showDialog(&window); });
  window.show();
  session.open();

  if (!options.screenshotPath.isEmpty()) {
    QTimer::singleShot(static_cast<int>(*screenshotDelay), &window, [&window, &options] {
      const bool saved = window.grab().save(options.screenshotPath);
      if (saved)
        logger().info("screenshot saved to {}", options.screenshotPath.toStdString());
      else
        logger().error("could not save screenshot to {}", options.screenshotPath.toStdString());
      QApplication::exit(saved ? 0 : 1);
    });
  }
  if (options.quitAfterMs >= 0) QTimer::singleShot(options.quitAfterMs, &window, &QWidget::close);
  const int rc = application.exec();
  logger().info("Runnel Studio exiting");
  return rc;
}
