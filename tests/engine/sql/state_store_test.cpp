// StateStore's in-memory table (chunked entries, open-addressing index with backward-shift
// deletion) checked against a std::map under random puts, updates, erases, change tracking,
// restores and task drops, plus the change list a checkpoint sees.
#include <QtTest>

#include <map>
#include <random>

#include "engine/sql/execution/state/state_store.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

std::map<std::string, std::string> contents(const StateStore& store) {
  std::map<std::string, std::string> out;
  store.forEach([&](std::string_view k, const std::string& v) { out[std::string(k)] = v; });
  return out;
}

}  // namespace

class StateStoreTest : public QObject {
  Q_OBJECT

 private slots:
  void matchesAMapUnderRandomWrites() {
    auto store = StateStore::open("").value();
    std::map<std::string, std::string> expected;
    std::mt19937 rng(7);
    // Few distinct keys against many operations: long probe runs, erases inside them, reuse of
    // freed entries, the index growing several times; keys kept in the entry and longer ones.
    for (int i = 0; i < 60000; ++i) {
      const std::string key = "k" + std::to_string(rng() % 5000) + std::string(rng() % 60, 'x');
      switch (rng() % 4) {
        case 0:
        case 1: {
          bool created = false;
          std::string& v = store->update(key, created);
          QCOMPARE(created, expected.count(key) == 0);
          v += "+";
          expected[key] += "+";
          break;
        }
        case 2:
          store->put(key, std::to_string(i));
          expected[key] = std::to_string(i);
          break;
        default:
          store->erase(key);
          expected.erase(key);
      }
      if (i % 10000 == 0) QCOMPARE(contents(*store), expected);
    }
    QCOMPARE(contents(*store), expected);
    for (const auto& [k, v] : expected)
      QCOMPARE(*store->get(k), v);
    QVERIFY(!store->get("absent"));
    // Every prefix scan agrees with the map (the ordered index is built on the first scan and
    // then kept up by later writes).
    QCOMPARE(store->scanPrefix("k12").size(),
             static_cast<std::size_t>(std::count_if(expected.begin(), expected.end(), [](auto& e) {
               return e.first.starts_with("k12");
             })));
    store->erase("k12");
    store->put("k12zz", "1");
    expected.erase("k12");
    expected["k12zz"] = "1";
    QCOMPARE(store->scanPrefix("k12").size(),
             static_cast<std::size_t>(std::count_if(expected.begin(), expected.end(), [](auto& e) {
               return e.first.starts_with("k12");
             })));
  }

  void tracksChangesPerTask() {
    auto store = StateStore::open("").value();
    store->enableChangeTracking();
    store->setTask(StateStore::taskId(0, 1));
    for (int i = 0; i < 3000; ++i)
      store->put("a" + std::to_string(i), "1");
    store->setTask(StateStore::taskId(0, 2));
    for (int i = 0; i < 3000; ++i)
      store->put("b" + std::to_string(i), "2");
    QCOMPARE(store->pendingChanges(), std::size_t(6000));
    std::map<std::int32_t, int> perTask;
    store->takeChanges([&](std::int32_t task, std::string_view, const std::string* v) {
      QVERIFY(v != nullptr);
      ++perTask[task];
    });
    QCOMPARE(perTask[StateStore::taskId(0, 1)], 3000);
    QCOMPARE(perTask[StateStore::taskId(0, 2)], 3000);
    QCOMPARE(store->pendingChanges(), std::size_t(0));

    // An erased key is a tombstone for its owner, whichever task erased it, and goes once taken.
    store->setTask(StateStore::taskId(0, 2));
    store->erase("a5");
    store->put("a6", "x");
    std::vector<std::tuple<std::int32_t, std::string, bool>> seen;
    store->takeChanges([&](std::int32_t task, std::string_view k, const std::string* v) {
      seen.emplace_back(task, std::string(k), v != nullptr);
    });
    QCOMPARE(seen.size(), std::size_t(2));
    QCOMPARE(std::get<0>(seen[0]), StateStore::taskId(0, 1));
    QCOMPARE(std::get<1>(seen[0]), std::string("a5"));
    QVERIFY(!std::get<2>(seen[0]));
    QVERIFY(!store->get("a5"));

    // Dropping a task forgets its keys (including pending changes); the other task's stay.
    store->setTask(StateStore::taskId(0, 1));
    store->put("a7", "changed");
    store->dropTask(StateStore::taskId(0, 1));
    QVERIFY(!store->get("a1"));
    QVERIFY(!store->get("a7"));
    QCOMPARE(*store->get("b1"), std::string("2"));
    QCOMPARE(*store->get("a6"), std::string("x"));  // taken under task 2: its key now
    std::size_t pending = 0;
    store->takeChanges([&](std::int32_t, std::string_view, const std::string*) { ++pending; });
    QCOMPARE(pending, std::size_t(0));
    QCOMPARE(contents(*store).size(), std::size_t(3001));

    // Restored keys are not changes; restoring a deletion removes the key.
    store->restore(StateStore::taskId(0, 1), "r1", std::string("v"));
    store->restore(StateStore::taskId(0, 1), "b1", std::nullopt);
    QCOMPARE(*store->get("r1"), std::string("v"));
    QVERIFY(!store->get("b1"));
    QCOMPARE(store->pendingChanges(), std::size_t(0));
    store->dropTask(StateStore::taskId(0, 1));
    QVERIFY(!store->get("r1"));
    QCOMPARE(*store->get("b2"), std::string("2"));
  }
};

QTEST_APPLESS_MAIN(StateStoreTest)
#include "state_store_test.moc"
