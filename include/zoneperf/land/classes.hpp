#pragma once
/// A/B/C/D classes (亩均 分类) from scores: by rank within the jurisdiction, or by score cut-offs.
///
/// Synopsis
///   struct class_def;        // label, display name, share or cut-off
///   struct class_scheme;     // classes best first, the exempt class (T), the method
///   class_scheme default_class_scheme();                   // A 20 / B 40 / C rest / D 5 (n ≥ 20)
///   class_scheme class_scheme_from_json(std::string_view json, std::string_view source);
///   std::vector<std::size_t> rank_quotas(const class_scheme&, std::size_t rated);
///   land_classes classify(const class_scheme&, const std::vector<double>& scores,
///                         const std::vector<std::uint8_t>& exempt);   // exempt may be empty
///   land_classes classify_ranked(const class_scheme&, const std::vector<std::int32_t>& ranks,
///                                const std::vector<double>& scores, const std::vector<std::uint8_t>&
///                                exempt);
///
/// By rank (docs/semantics.md §5): with n rated entities, a class with share s% takes ⌊s·n/100⌋ places
/// (⌈s·n/100⌉ with "round": "up"), or none when n is below its `min_rated`; the classes before the
/// "rest" class fill from the top, those after it from the bottom, and the rest class takes what
/// is left. Default: A = ⌊20n/100⌋, B = ⌊40n/100⌋, D = ⌈5n/100⌉ when n ≥ 20 else 0, C the rest.
/// Positions fix the classes; then every entity takes the best class of any position held by an
/// entity with an equal score, so a class enlarged by ties shrinks the next one.
/// By cut-offs: the first class whose `min` ≤ score; the last class (no `min`) catches the rest.
/// Exempt entities (utilities, < 2 years in production) get the exempt class and use no quota.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/land/errc.hpp"

namespace zoneperf {

enum class class_method { rank, cutoffs };
enum class quota_rounding { down, up };

struct class_def {
  std::string label;  ///< "A"
  std::string name;   ///< "优先发展"
  // rank method
  std::optional<int> share;  ///< whole percent; nullopt marks the rest class
  quota_rounding round = quota_rounding::down;
  std::size_t min_rated = 0;  ///< below this many rated entities the class gets no places
  // cut-off method
  std::optional<double> min;  ///< the lowest score of the class; nullopt for the catch-all
};

struct class_scheme {
  class_method method = class_method::rank;
  std::vector<class_def> classes;  ///< best first
  class_def exempt{"T", "暂不评价", std::nullopt, quota_rounding::down, 0, std::nullopt};
};

/// A 优先发展 20 %, B 鼓励提升 40 %, C 监管调控 rest, D 落后整治 5 % rounded up when n ≥ 20; T 暂不评价.
class_scheme default_class_scheme();

/// Checks a scheme: labels unique and non-empty; rank: exactly one rest class, shares 0..100
/// summing to at most 100; cut-offs: mins descending and a last class without min. Every
/// problem at once (error 908, where = "classes/<i>").
std::vector<problem> validate_class_scheme(const class_scheme& s);

/// A scheme from JSON {"method":"rank"|"cutoffs","classes":[{"label","name","share"|"min",
/// "round","min_rated"}...],"exempt":{"label","name"}} ("share": "rest" marks the rest class).
class_scheme class_scheme_from_json(std::string_view json, std::string_view source = "<classes>");

/// The places of each class for n rated entities before ties (rank method), best class first.
std::vector<std::size_t> rank_quotas(const class_scheme& s, std::size_t rated);

struct land_classes {
  /// Per entity: an index into scheme.classes, or scheme.classes.size() for the exempt class.
  std::vector<std::uint32_t> class_of;
  /// Entities per class, the exempt class last.
  std::vector<std::size_t> counts;
};

/// Classes for `scores` (one per entity); `exempt` is empty or one flag per entity (exempt
/// entities' scores are ignored and may be NaN). A rated entity's NaN score is error 301.
land_classes classify(const class_scheme& s, const std::vector<double>& scores,
                      const std::vector<std::uint8_t>& exempt = {});

/// As classify, from competition ranks (1, 2, 2, 4) among the rated entities that the caller
/// already has (the engine's ranks): no sort, O(n). An entity's class is the class of the position
/// equal to its rank, which is how ties share the better class. `scores` is used only by the
/// cut-off method (it may be empty for the rank method). A rank outside 1..rated is error 314.
land_classes classify_ranked(const class_scheme& s, const std::vector<std::int32_t>& ranks,
                             const std::vector<double>& scores, const std::vector<std::uint8_t>& exempt = {});

/// Competition ranks (1, 2, 2, 4; the highest score first) of the entities not exempt; exempt
/// ones get 0. An LSD radix sort on the scores' bits: O(n), no comparisons. NaN among the rated
/// is error 301.
std::vector<std::int32_t> competition_ranks(const std::vector<double>& scores,
                                            const std::vector<std::uint8_t>& exempt = {});

/// The label of a class index as classify returns it (the exempt class's for classes.size()).
const std::string& class_label(const class_scheme& s, std::uint32_t index);

}  // namespace zoneperf
