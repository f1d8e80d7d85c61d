#pragma once
/// Class migration (亩均 分类 迁移): two years' A/B/C/D/T classes of one jurisdiction, matched by
/// entity id (docs/semantics.md §9, "Class migration").
///
/// Synopsis
///   enum class class_move { up, down, same, entered, left, exempt };
///   struct published_class { id, name, label, where };       // the earlier year's published class
///   std::vector<published_class> read_published_classes(const cell_table&, const class_scheme&);
///   struct year_classes { ids, names, labels, where };        // one year's class per entity
///   year_classes classes_of(const class_scheme&, const std::vector<land_record>&, const land_evaluation&);
///   year_classes classes_of(const std::vector<published_class>&);
///   struct entity_move { id, name, from, to, move, steps };
///   struct class_migration { labels, counts (matrix), moves; at(from, to); count(move) };
///   class_migration migrate_classes(const class_scheme& current, const year_classes& previous,
///                                   const year_classes& current_classes);
///
/// The matrix: rows are the earlier year's classes (the scheme's classes best first, then its
/// exempt class T, then "absent": the entities that entered), columns the later year's (the same,
/// the last column "absent": the entities that left). The absent × absent cell is always 0. Labels
/// are the current scheme's: an earlier class whose label the scheme lacks is error 912.
/// Moves, in this order of precedence: `entered` (only in the later year), `left` (only in the
/// earlier), `exempt` (class T in either year), else `up`, `down` or `same` in the order
/// D < C < B < A (the scheme's order, best first): up is a better class in the later year.
/// `steps` = earlier class position − later class position (C → A is +2, A → B is −1), 0 for the
/// other moves; positive = moved up, as Δ rank in a series.
/// Order of moves: the later year's entities in its order, then those that left in the earlier
/// year's order.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/land/classes.hpp"
#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/metrics.hpp"
#include "zoneperf/text/csv.hpp"

namespace zoneperf {

enum class class_move { up, down, same, entered, left, exempt };
inline constexpr std::size_t class_move_count = 6;
/// "up", "down", "same", "entered", "left", "exempt".
const char* to_string(class_move m) noexcept;

/// The earlier year's class of one entity as published (a `class` column).
struct published_class {
  std::string id;
  std::string name;   ///< may be empty
  std::string label;  ///< a class label of the scheme, or its exempt label
  std::string where;  ///< "2019.csv:4:3", for messages
};

/// Reads published classes: columns `id` and `class` (required), `name` and `exempt` (optional);
/// any other column is ignored (a whole enterprise table may carry the class). Every problem at
/// once, each naming file, line, column and id: no `id` or `class` column (305), an empty id
/// (317), an id given twice (904, naming the first line), a class that is not one of the
/// scheme's labels nor its exempt label (912), a non-empty `exempt` with a class other than the
/// exempt one (912).
std::vector<published_class> read_published_classes(const cell_table& table, const class_scheme& scheme);

/// One year's class of each entity, in the year's order.
struct year_classes {
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::vector<std::string> labels;
  std::vector<std::string> where;  ///< per entity, where it was read ("" when unknown)
};

/// The classes of an evaluation (records in input order, as evaluate_land took them).
year_classes classes_of(const class_scheme& scheme, const std::vector<land_record>& records,
                        const land_evaluation& ev);
/// The published classes as a year's classes.
year_classes classes_of(const std::vector<published_class>& published);

struct entity_move {
  std::string id;
  std::string name;  ///< the later year's name, else the earlier's
  /// Class index (into class_migration::labels) in each year; nullopt when absent that year.
  std::optional<std::uint32_t> from, to;
  class_move move = class_move::same;
  int steps = 0;  ///< positions moved up (negative: down); 0 unless up or down
};

struct class_migration {
  /// The scheme's class labels best first, then the exempt label; index labels.size() is "absent".
  std::vector<std::string> labels;
  /// (labels.size() + 1)², row-major: counts[from × (labels.size() + 1) + to].
  std::vector<std::size_t> counts;
  std::vector<entity_move> moves;

  std::size_t size() const noexcept { return labels.size() + 1; }
  /// Entities in class `from` in the earlier year and `to` in the later (labels.size() = absent).
  std::size_t at(std::size_t from, std::size_t to) const { return counts.at(from * size() + to); }
  /// Entities that made move m.
  std::size_t count(class_move m) const;
};

/// Matches the two years by id. Errors: an id twice within one year (904, naming where both
/// were read), a class label the scheme lacks (912, naming the id).
class_migration migrate_classes(const class_scheme& scheme, const year_classes& previous,
                                const year_classes& current);

/// Two evaluations: the earlier one classed with its own scheme (labels matched to `scheme`'s).
class_migration migrate_classes(const class_scheme& previous_scheme,
                                const std::vector<land_record>& previous_records,
                                const land_evaluation& previous, const class_scheme& scheme,
                                const std::vector<land_record>& records, const land_evaluation& current);
/// One evaluation and the earlier year's published classes.
class_migration migrate_classes(const std::vector<published_class>& previous, const class_scheme& scheme,
                                const std::vector<land_record>& records, const land_evaluation& current);

}  // namespace zoneperf
