// The Env contract, run against the real file system and the in-memory one; then the faults.
#include <QtTest>

#include <algorithm>

#include "engine/common/env.h"
#include "engine/common/environment.h"
#include "engine/common/fault_injection_env.h"
#include "engine/common/memory_env.h"

using namespace runnel;

namespace {

// One Env under test plus the root directory its files go in.
struct Fixture {
  std::unique_ptr<QTemporaryDir> tmp;
  std::unique_ptr<MemoryEnv> memory;
  Env* env = nullptr;
  std::string root;

  explicit Fixture(bool posix) {
    if (posix) {
      tmp = std::make_unique<QTemporaryDir>();
      env = Env::defaultEnv();
      root = tmp->path().toStdString();
    } else {
      memory = std::make_unique<MemoryEnv>();
      env = memory.get();
      root = "/data";
      env->createDir(root);
    }
  }
  std::string path(std::string_view name) const { return joinPath(root, name); }
};

std::string readAll(Env& env, const std::string& path) {
  auto bytes = readFileFully(env, path);
  return bytes.isOk() ? std::string(asChars(*bytes)) : "<" + bytes.status().toString() + ">";
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

class EnvTest : public QObject {
  Q_OBJECT
 private slots:
  void writeReadRoundTrip_data() { envRows(); }
  void writeReadRoundTrip() {
    QFETCH(bool, posix);
    Fixture f(posix);
    auto file = f.env->newWritableFile(f.path("a.log"));
    QVERIFY2(file.isOk(), file.status().toString().c_str());
    QVERIFY((*file)->append(asBytes("hello ")).isOk());
    QVERIFY((*file)->append(asBytes("world")).isOk());
    QCOMPARE((*file)->size(), 11u);
    QVERIFY((*file)->flush().isOk());

    auto reader = f.env->newRandomAccessFile(f.path("a.log"));
    QVERIFY(reader.isOk());
    Bytes buf(5);
    QCOMPARE(*(*reader)->read(6, buf), 5u);
    QCOMPARE(asChars(buf), std::string_view("world"));
    QCOMPARE(*(*reader)->read(9, buf), 2u);  // short read at the end
    QCOMPARE(*(*reader)->read(100, buf), 0u);
    QCOMPARE(*f.env->fileSize(f.path("a.log")), 11u);

    // A large append (bigger than any write buffer) is readable after flush too.
    Bytes big(std::size_t{200} * 1024, 0x5a);
    QVERIFY((*file)->append(big).isOk());
    QVERIFY((*file)->sync().isOk());
    QCOMPARE(*f.env->fileSize(f.path("a.log")), 11u + big.size());
    QVERIFY((*file)->close().isOk());
    QVERIFY(!(*file)->append(asBytes("x")).isOk());
  }

  void appendableContinuesAtEnd_data() { envRows(); }
  void appendableContinuesAtEnd() {
    QFETCH(bool, posix);
    Fixture f(posix);
    {
      auto file = f.env->newWritableFile(f.path("x"));
      QVERIFY((*file)->append(asBytes("abc")).isOk());
    }  // destructor closes (and flushes)
    auto file = f.env->newAppendableFile(f.path("x"));
    QCOMPARE((*file)->size(), 3u);
    QVERIFY((*file)->append(asBytes("def")).isOk());
    QVERIFY((*file)->close().isOk());
    QCOMPARE(readAll(*f.env, f.path("x")), std::string("abcdef"));
    // newWritableFile empties an existing file.
    auto again = f.env->newWritableFile(f.path("x"));
    QVERIFY((*again)->close().isOk());
    QCOMPARE(readAll(*f.env, f.path("x")), std::string());
  }

  void truncate_data() { envRows(); }
  void truncate() {
    QFETCH(bool, posix);
    Fixture f(posix);
    auto file = f.env->newWritableFile(f.path("t"));
    QVERIFY((*file)->append(asBytes("0123456789")).isOk());
    QVERIFY((*file)->flush().isOk());
    QVERIFY((*file)->append(asBytes("abc")).isOk());  // maybe still buffered
    QVERIFY((*file)->truncate(11).isOk());
    QCOMPARE((*file)->size(), 11u);
    QVERIFY((*file)->truncate(4).isOk());
    QVERIFY((*file)->append(asBytes("XY")).isOk());
    QVERIFY((*file)->close().isOk());
    QCOMPARE(readAll(*f.env, f.path("t")), std::string("0123XY"));
    QVERIFY(f.env->truncateFile(f.path("t"), 2).isOk());
    QCOMPARE(readAll(*f.env, f.path("t")), std::string("01"));
  }

  void directories_data() { envRows(); }
  void directories() {
    QFETCH(bool, posix);
    Fixture f(posix);
    QVERIFY(f.env->createDir(f.path("p/q/r")).isOk());
    QVERIFY(f.env->createDir(f.path("p/q")).isOk());  // already there: fine
    QVERIFY(writeFileAtomically(*f.env, f.path("p/one"), asBytes("1")).isOk());
    QVERIFY(writeFileAtomically(*f.env, f.path("p/two"), asBytes("2")).isOk());
    QCOMPARE(sorted(*f.env->listDir(f.path("p"))), (std::vector<std::string>{"one", "q", "two"}));
    QVERIFY(f.env->syncDir(f.path("p")).isOk());

    const Status notEmpty = f.env->deleteDir(f.path("p"));
    QVERIFY(notEmpty.isIoError());
    QVERIFY2(notEmpty.message().find("not empty") != std::string::npos,
             notEmpty.toString().c_str());

    QVERIFY(f.env->rename(f.path("p/one"), f.path("p/two")).isOk());  // replaces
    QCOMPARE(readAll(*f.env, f.path("p/two")), std::string("1"));
    QVERIFY(!f.env->fileExists(f.path("p/one")));

    QVERIFY(f.env->rename(f.path("p"), f.path("moved")).isOk());
    QCOMPARE(readAll(*f.env, f.path("moved/two")), std::string("1"));
    QVERIFY(f.env->fileExists(f.path("moved/q/r")));
    QVERIFY(!f.env->fileExists(f.path("p")));

    QVERIFY(deleteDirRecursively(*f.env, f.path("moved")).isOk());
    QVERIFY(!f.env->fileExists(f.path("moved")));
    QVERIFY(deleteDirRecursively(*f.env, f.path("moved")).isOk());
  }

  void errorsNamePathAndReason_data() { envRows(); }
  void errorsNamePathAndReason() {
    QFETCH(bool, posix);
    Fixture f(posix);
    const std::string missing = f.path("nope/file.log");
    auto file = f.env->newWritableFile(missing);
    QVERIFY(!file.isOk());
    QVERIFY(file.status().isNotFound());
    const std::string msg = file.status().message();
    QVERIFY2(msg.find(missing) != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("No such file or directory") != std::string::npos, msg.c_str());
    QVERIFY(f.env->deleteFile(f.path("ghost")).isNotFound());
    QVERIFY(f.env->newRandomAccessFile(f.path("ghost")).status().isNotFound());
    QVERIFY(!f.env->fileSize(f.path("ghost")).isOk());
  }

  void openHandleSurvivesDelete_data() { envRows(); }
  void openHandleSurvivesDelete() {
    QFETCH(bool, posix);
    Fixture f(posix);
    QVERIFY(writeFileAtomically(*f.env, f.path("s"), asBytes("still here")).isOk());
    auto reader = f.env->newRandomAccessFile(f.path("s"));
    QVERIFY(f.env->deleteFile(f.path("s")).isOk());
    Bytes buf(10);
    QCOMPARE(*(*reader)->read(0, buf), 10u);
    QCOMPARE(asChars(buf), std::string_view("still here"));
  }

  // The log deletes a segment's index while a fetch still reads it and creates a new one under
  // the same name; Windows refuses that by default (windows_env.cpp's deleteFile() explains), and
  // packaging/windows/env_check.cpp runs the same steps under wine.
  void nameIsFreeOnceDeletedWhileOpen_data() { envRows(); }
  void nameIsFreeOnceDeletedWhileOpen() {
    QFETCH(bool, posix);
    Fixture f(posix);
    QVERIFY(writeFileAtomically(*f.env, f.path("0.index"), asBytes("old index")).isOk());
    auto reader = f.env->newRandomAccessFile(f.path("0.index"));
    QVERIFY(reader.isOk());
    QVERIFY(f.env->deleteFile(f.path("0.index")).isOk());
    QVERIFY(!f.env->fileExists(f.path("0.index")));
    QVERIFY(writeFileAtomically(*f.env, f.path("0.index"), asBytes("new index")).isOk());
    QCOMPARE(readAll(*f.env, f.path("0.index")), std::string("new index"));
    Bytes buf(9);
    QCOMPARE(*(*reader)->read(0, buf), 9u);
    QCOMPARE(asChars(buf), std::string_view("old index"));
    QCOMPARE(*f.env->listDir(f.root), std::vector<std::string>{"0.index"});
  }

  void environmentVariables() {
    qputenv("RUNNEL_ENV_TEST", "a value");
    QCOMPARE(environmentVariable("RUNNEL_ENV_TEST"), std::string("a value"));
    qunsetenv("RUNNEL_ENV_TEST");
    QCOMPARE(environmentVariable("RUNNEL_ENV_TEST"), std::string());
    QVERIFY(processId() != 0);
  }

  void diskFullShortWrite() {
    MemoryEnv base;
    base.createDir("/d");
    FaultInjectionEnv env(&base);
    auto file = env.newWritableFile("/d/f");
    QVERIFY((*file)->append(asBytes("12345")).isOk());
    env.setSpaceLimit(3);
    const Status s = (*file)->append(asBytes("abcdef"));
    QVERIFY(s.isResourceExhausted());
    QVERIFY2(s.message().find("No space left on device") != std::string::npos,
             s.toString().c_str());
    QVERIFY2(s.message().find("/d/f") != std::string::npos, s.toString().c_str());
    // The short write left what fitted; the caller can cut it back.
    QCOMPARE((*file)->size(), 8u);
    QCOMPARE(readAll(env, "/d/f"), std::string("12345abc"));
    QVERIFY((*file)->truncate(5).isOk());
    QVERIFY((*file)->append(asBytes("z")).isResourceExhausted());
    env.setSpaceLimit(std::nullopt);
    QVERIFY((*file)->append(asBytes("z")).isOk());
    QCOMPARE(readAll(env, "/d/f"), std::string("12345z"));
  }

  void unwritableDirectory() {
    MemoryEnv base;
    base.createDir("/d");
    FaultInjectionEnv env(&base);
    auto open = env.newWritableFile("/d/open");
    QVERIFY(open.isOk());
    env.setDirWritable("/d", false);
    auto denied = env.newWritableFile("/d/new");
    QVERIFY(!denied.isOk());
    QVERIFY2(denied.status().message().find("Permission denied") != std::string::npos,
             denied.status().toString().c_str());
    QVERIFY(!writeFileAtomically(env, "/d/cp", asBytes("x")).isOk());
    QVERIFY(!env.deleteFile("/d/open").isOk());
    QVERIFY(!env.rename("/d/open", "/d/other").isOk());
    QVERIFY((*open)->append(asBytes("ok")).isOk());  // open files stay writable
    env.setDirWritable("/d", true);
    QVERIFY(env.newWritableFile("/d/new").isOk());
  }

  void crashDropsUnsyncedData() {
    MemoryEnv base;
    base.createDir("/d");
    FaultInjectionEnv env(&base);
    {
      auto durable = env.newWritableFile("/d/durable");
      QVERIFY((*durable)->append(asBytes("synced")).isOk());
      QVERIFY((*durable)->sync().isOk());
      QVERIFY(env.syncDir("/d").isOk());
      QVERIFY((*durable)->append(asBytes("+lost")).isOk());
      QVERIFY((*durable)->flush().isOk());

      auto fresh = env.newWritableFile("/d/fresh");  // created after the directory sync
      QVERIFY((*fresh)->append(asBytes("gone")).isOk());
      QVERIFY((*fresh)->sync().isOk());
    }
    QCOMPARE(readAll(env, "/d/durable"), std::string("synced+lost"));
    QVERIFY(env.simulateCrash().isOk());
    QCOMPARE(readAll(env, "/d/durable"), std::string("synced"));
    QVERIFY(!env.fileExists("/d/fresh"));
    QVERIFY(env.syncCount() >= 2);
  }

  void atomicWriteSurvivesCrash() {
    MemoryEnv base;
    base.createDir("/d");
    FaultInjectionEnv env(&base);
    QVERIFY(writeFileAtomically(env, "/d/checkpoint", asBytes("v1")).isOk());
    QVERIFY(env.simulateCrash().isOk());
    QCOMPARE(readAll(env, "/d/checkpoint"), std::string("v1"));
    QVERIFY(!env.fileExists("/d/checkpoint.tmp"));
  }

 private:
  static void envRows() {
    QTest::addColumn<bool>("posix");
    QTest::newRow("posix") << true;
    QTest::newRow("memory") << false;
  }
};

QTEST_APPLESS_MAIN(EnvTest)
#include "env_test.moc"
