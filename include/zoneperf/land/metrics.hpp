#pragma once
/// Land efficiency (亩均效益) metrics of an enterprise or project, and their aggregates.
///
/// Synopsis
///   struct land_record;                       // one enterprise or project: land, money in 万元, energy, ...
///   enum class land_metric { investment_per_mu, ..., tax_per_tce };
///   struct land_metrics;                      // every metric of one record (NaN = not available)
///   land_metrics compute_metrics(const land_record&);          // errors 901..903 name the record
///   class land_totals;                        // sums; ratios() gives ratios of sums
///   land_metrics aggregate_metrics(const std::vector<land_record>&);
///   std::vector<land_group> aggregate_by(const std::vector<land_record>&, land_grouping);
///
/// Money is in 万元 (10⁴ yuan) held as double: per-mu figures are ratios, not amounts, and the
/// exact money type is not needed to divide by an area. Land is an exact zoneperf::area.
/// A metric is NaN ("not available") when an input it needs is missing, or when a denominator
/// other than land is zero (no energy declared, no emissions, no employees, no revenue): the
/// evaluation's missing-data policy then decides what it is worth. Land area is never optional:
/// a missing, zero or negative area is an error naming the record, never an infinity.
///
/// Aggregates (zone, park, task force) are ratios of sums: Σ tax ÷ Σ land, never the mean of the
/// records' ratios. Each metric sums its numerator and denominator over the records that have
/// both (a record without a tax figure adds neither its tax nor its land to 亩均税收).
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/land/errc.hpp"
#include "zoneperf/units/area.hpp"

namespace zoneperf {

/// One enterprise or project. Money in 万元; missing figures are nullopt.
struct land_record {
  std::string id;    ///< unique within a table; names the record in errors
  std::string name;  ///< display name (UTF-8), may be empty
  std::string park;  ///< grouping keys, may be empty
  std::string task_force;
  std::optional<area> land;           ///< land with a use-right certificate (required)
  std::optional<double> investment;   ///< fixed-asset investment, 万元
  std::optional<double> tax;          ///< tax paid (评价税收), 万元
  std::optional<double> revenue;      ///< main business revenue, 万元
  std::optional<double> value_added;  ///< industrial value added, 万元
  std::optional<double> energy_tce;   ///< comprehensive energy use, tonnes of coal equivalent
  std::optional<double> emissions;    ///< main pollutants, tonnes
  std::optional<double> rd_spending;  ///< R&D spending, 万元
  std::optional<double> employees;    ///< average employees over the year
  /// Present when the entity is not rated (class T): the reason, e.g. "utility", "< 2 years".
  std::optional<std::string> exempt;
  /// Values of the scorecard's bonus, penalty and veto items by item id (absent items are 0).
  std::vector<std::pair<std::string, double>> items;
};

enum class land_metric {
  investment_per_mu,         ///< 亩均投资强度: investment ÷ land, 万元/亩
  tax_per_mu,                ///< 亩均税收: tax ÷ land, 万元/亩
  revenue_per_mu,            ///< 亩均销售收入: revenue ÷ land, 万元/亩
  value_added_per_mu,        ///< 亩均增加值: value added ÷ land, 万元/亩
  value_added_per_tce,       ///< 单位能耗增加值: value added ÷ energy, 万元/tce
  value_added_per_emission,  ///< 单位排放增加值: value added ÷ emissions, 万元/t
  labour_productivity,       ///< 全员劳动生产率: value added ÷ employees, 万元/人
  rd_share,                  ///< R&D占比: R&D spending ÷ revenue, a fraction
  tax_per_tce,               ///< 单位能耗税收: tax ÷ energy, 万元/tce
};
inline constexpr std::size_t land_metric_count = 9;

const char* to_string(land_metric m) noexcept;     ///< "tax_per_mu"
const char* display_name(land_metric m) noexcept;  ///< "亩均税收"
const char* unit_name(land_metric m) noexcept;     ///< "万元/亩"
/// The metric with this identifier, or nullopt.
std::optional<land_metric> find_land_metric(std::string_view id) noexcept;

/// Every metric of one record or aggregate; NaN where not available.
struct land_metrics {
  std::array<double, land_metric_count> values{};
  double operator[](land_metric m) const noexcept { return values[static_cast<std::size_t>(m)]; }
  double& operator[](land_metric m) noexcept { return values[static_cast<std::size_t>(m)]; }
  bool has(land_metric m) const noexcept { return (*this)[m] == (*this)[m]; }
};

/// The record's metrics. Throws 901 (no land), 902 (land ≤ 0), 903 (a negative denominator) or
/// 309 (a figure that is not finite, or a metric that overflows), each naming the record's id.
land_metrics compute_metrics(const land_record& r);
/// Every problem of a record at once (empty when compute_metrics would succeed).
std::vector<problem> validate_record(const land_record& r);

/// Running sums for ratio-of-sums aggregates. Land sums exactly.
class land_totals {
 public:
  /// Adds a record; throws like compute_metrics when its land is missing or not positive.
  void add(const land_record& r);
  /// Adds the sums of another aggregate.
  void add(const land_totals& t);
  /// Each metric as Σ numerator ÷ Σ denominator over the records that have both (NaN when none).
  /// A sum or ratio that is not finite (it overflows) is error 309 naming `name` (the zone, a park
  /// or a task force) and the metric.
  land_metrics ratios(std::string_view name = "zone") const;
  std::size_t records() const noexcept { return records_; }
  /// Σ land over every added record.
  area land() const noexcept { return land_; }

 private:
  std::size_t records_ = 0;
  area land_;
  std::array<double, land_metric_count> num_{};
  std::array<area, land_metric_count> den_land_{};  // per-mu metrics
  std::array<double, land_metric_count> den_{};     // the others
};

/// The zone's figures: ratios of sums over every record (exempt ones included: their land is the
/// zone's land too).
land_metrics aggregate_metrics(const std::vector<land_record>& records);

enum class land_grouping { park, task_force };
struct land_group {
  std::string key;  ///< the park or task force ("" for records without one)
  land_totals totals;
};
/// Ratios of sums per park or task force, groups in order of first appearance.
std::vector<land_group> aggregate_by(const std::vector<land_record>& records, land_grouping by);

}  // namespace zoneperf
