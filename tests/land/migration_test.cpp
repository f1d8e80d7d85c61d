// Class migration (include/zoneperf/land/migration.hpp): the matrix, the moves, and the errors.
#include "zoneperf/land/migration.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "../support/test_support.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/land/report.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {

using zoneperf::test_support::message_of;

year_classes year(std::vector<std::pair<std::string, std::string>> id_class) {
  year_classes y;
  for (auto& [id, label] : id_class) {
    y.ids.push_back(id);
    y.names.push_back("name " + id);
    y.labels.push_back(label);
    y.where.push_back("");
  }
  return y;
}

// Matrix indices of the default scheme: A 0, B 1, C 2, D 3, T 4, absent 5.
constexpr std::size_t A = 0, B = 1, C = 2, D = 3, T = 4, absent = 5;

TEST(migration_test, a_small_case_moves_as_worked_out_by_hand) {
  const class_scheme s = default_class_scheme();
  // a A→B down 1; b B→A up 1; c C→C same; d D→B up 2; e T→A exempt; f B→(gone) left;
  // g (new)→C entered; h C→T exempt; i A→D down 3.
  const auto m = migrate_classes(
      s,
      year({{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}, {"e", "T"}, {"f", "B"}, {"h", "C"}, {"i", "A"}}),
      year({{"a", "B"}, {"b", "A"}, {"c", "C"}, {"d", "B"}, {"e", "A"}, {"g", "C"}, {"h", "T"}, {"i", "D"}}));
  ASSERT_EQ(m.labels, (std::vector<std::string>{"A", "B", "C", "D", "T"}));
  ASSERT_EQ(m.moves.size(), 9u);
  const struct {
    const char* id;
    class_move move;
    int steps;
  } expected[] = {{"a", class_move::down, -1},  {"b", class_move::up, 1},     {"c", class_move::same, 0},
                  {"d", class_move::up, 2},     {"e", class_move::exempt, 0}, {"g", class_move::entered, 0},
                  {"h", class_move::exempt, 0}, {"i", class_move::down, -3},  {"f", class_move::left, 0}};
  for (std::size_t i = 0; i < 9; ++i) {
    EXPECT_EQ(m.moves[i].id, expected[i].id) << i;
    EXPECT_EQ(m.moves[i].move, expected[i].move) << expected[i].id;
    EXPECT_EQ(m.moves[i].steps, expected[i].steps) << expected[i].id;
  }
  EXPECT_EQ(m.moves[5].from, std::nullopt);
  EXPECT_EQ(m.moves[8].to, std::nullopt);
  EXPECT_EQ(m.moves[8].name, "name f");
  EXPECT_EQ(m.at(A, B), 1u);
  EXPECT_EQ(m.at(B, A), 1u);
  EXPECT_EQ(m.at(C, C), 1u);
  EXPECT_EQ(m.at(D, B), 1u);
  EXPECT_EQ(m.at(T, A), 1u);
  EXPECT_EQ(m.at(B, absent), 1u);
  EXPECT_EQ(m.at(absent, C), 1u);
  EXPECT_EQ(m.at(C, T), 1u);
  EXPECT_EQ(m.at(A, D), 1u);
  EXPECT_EQ(std::accumulate(m.counts.begin(), m.counts.end(), std::size_t{0}), 9u);
  EXPECT_EQ(m.count(class_move::up), 2u);
  EXPECT_EQ(m.count(class_move::down), 2u);
  EXPECT_EQ(m.count(class_move::exempt), 2u);
  EXPECT_EQ(m.count(class_move::same), 1u);
  EXPECT_EQ(m.count(class_move::entered), 1u);
  EXPECT_EQ(m.count(class_move::left), 1u);
  EXPECT_EQ(migration_csv(m).substr(0, 48), "id,name,from,to,move,steps\na,name a,A,B,down,-1\n");
}

TEST(migration_test, an_id_twice_or_a_class_the_scheme_lacks_is_an_error) {
  const class_scheme s = default_class_scheme();
  year_classes twice = year({{"a", "A"}, {"a", "B"}});
  twice.where = {"2019.csv:2:5", "2019.csv:3:5"};
  EXPECT_EQ(message_of([&] {
              migrate_classes(s, twice, year({{"a", "A"}}));
            }),
            "[zoneperf.land.904] 2019.csv:3:5: a: the id appears again (first at 2019.csv:2:5)");
  EXPECT_EQ(message_of([&] {
              migrate_classes(s, year({{"a", "A"}}), year({{"a", "E"}}));
            }),
            "[zoneperf.land.912] a: the later year's class \"E\" is not one of A, B, C, D or T");
}

cell_table table(const std::string& text) { return read_csv(text, "2019.csv"); }

TEST(migration_test, published_classes_are_read_with_every_problem_named) {
  const class_scheme s = default_class_scheme();
  const auto ok = read_published_classes(table("id,name,class,exempt\nE1,甲,A,\nE2,乙, T ,公用事业\n"), s);
  ASSERT_EQ(ok.size(), 2u);
  EXPECT_EQ(ok[1].label, "T");
  EXPECT_EQ(ok[1].name, "乙");
  EXPECT_EQ(ok[0].where, "2019.csv:2:3");
  EXPECT_EQ(
      message_of([&] { read_published_classes(table("id,name\nE1,甲\n"), s); }),
      "[zoneperf.data.305] 2019.csv:1: no \"class\" column (the published classes, for --previous-classes)");
  EXPECT_EQ(message_of([&] { read_published_classes(table("name,class\n甲,A\n"), s); }),
            "[zoneperf.data.305] 2019.csv:1: no \"id\" column");
  EXPECT_EQ(message_of([&] { read_published_classes(table("id,class\nE1,A\nE2,b\nE1,C\nE3,\n,A\n"), s); }),
            "[zoneperf.land.912] 2019.csv:3:2: E2: class \"b\" is not one of A, B, C, D or T\n"
            "[zoneperf.land.904] 2019.csv:4:1: E1: the id appears again (first on line 2)\n"
            "[zoneperf.land.912] 2019.csv:5:2: E3: class \"\" is not one of A, B, C, D or T\n"
            "[zoneperf.data.317] 2019.csv:6:1: empty id");
  EXPECT_EQ(message_of([&] { read_published_classes(table("id,class,exempt\nE1,B,投产不满2年\n"), s); }),
            "[zoneperf.land.912] 2019.csv:2:2: E1: exempt (投产不满2年) but class \"B\", not T");
}

struct sample_year {
  std::vector<land_record> records;
  land_evaluation ev;
};

sample_year evaluate(const std::string& file) {
  sample_year y;
  y.records = read_land_records_file(std::string(ZONEPERF_SOURCE_DIR) + "/samples/land/" + file);
  y.ev = evaluate_land(load_preset("zj-huangyan"), load_land_config("zj-huangyan"), y.records);
  return y;
}

TEST(migration_test, the_sample_years_matrix_adds_up_to_each_years_classes) {
  const land_config config = load_land_config("zj-huangyan");
  const sample_year before = evaluate("enterprises_2019.csv"), now = evaluate("enterprises.csv");
  const class_migration m =
      migrate_classes(config.classes, before.records, before.ev, config.classes, now.records, now.ev);
  const std::size_t n = m.size();
  ASSERT_EQ(n, 6u);
  // Rows (the earlier year's classes) add up to its class counts, columns to the later year's.
  for (std::size_t c = 0; c + 1 < n; ++c) {
    std::size_t row = 0, column = 0;
    for (std::size_t k = 0; k < n; ++k) {
      row += m.at(c, k);
      column += m.at(k, c);
    }
    EXPECT_EQ(row, before.ev.classes.counts[c]) << m.labels[c];
    EXPECT_EQ(column, now.ev.classes.counts[c]) << m.labels[c];
  }
  std::size_t entered = 0, left = 0;
  for (std::size_t k = 0; k < n; ++k) {
    entered += m.at(n - 1, k);
    left += m.at(k, n - 1);
  }
  // The script that made the 2019 table: E07, E30, E33 entered later; E34, E35 left.
  EXPECT_EQ(entered, 3u);
  EXPECT_EQ(left, 2u);
  EXPECT_EQ(m.at(n - 1, n - 1), 0u);
  EXPECT_EQ(std::accumulate(m.counts.begin(), m.counts.end(), std::size_t{0}), 35u);  // 33 + the 2 that left
  EXPECT_EQ(before.records.size(), 32u);
  EXPECT_EQ(m.moves.size(), 35u);
  // E29 was in its first two years in 2019 (exempt), E21 exempt in both, the utilities too.
  for (const auto& e : m.moves)
    if (e.id == "E29" || e.id == "E21" || e.id == "E06" || e.id == "E31")
      EXPECT_EQ(e.move, class_move::exempt) << e.id;
  EXPECT_GT(m.count(class_move::up), 0u);
  EXPECT_GT(m.count(class_move::down), 0u);
  EXPECT_GT(m.count(class_move::same), 0u);
}

}  // namespace
}  // namespace zoneperf
