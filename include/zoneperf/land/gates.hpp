#pragma once
/// Land-use gates for a proposed project: investment intensity, promised tax per mu, plot ratio
/// and building density, each against a configurable threshold.
///
/// Synopsis
///   struct land_proposal;       // land, investment and promised tax in 万元, floor area, footprint
///   struct gate_threshold;      // a minimum and, optionally, a hard floor below which it rejects
///   struct land_gate_thresholds;// Liaocheng's defaults: 300 万元/亩, tax 20 (reject below 10), 0.8, 40 %
///   land_gate_thresholds land_gate_thresholds_from_json(std::string_view json, std::string_view source);
///   land_gate_report check_land_gates(const land_proposal&, const land_gate_thresholds& = {});
///
/// Defaults (聊城高新区 2013 《工业项目准入指导意见》, docs/semantics.md §5): total investment ÷ land
/// ≥ 300 万元/亩 (below: rejected); promised annual tax ÷ land ≥ 20 万元/亩, and below 10 万元/亩
/// rejected outright (between 10 and 20 the gate fails but does not reject: the admission score
/// decides); plot ratio (floor area ÷ land) ≥ 0.8 and building density (footprint ÷ land)
/// ≥ 40 %, failing but not rejecting. A gate whose figure is not given is reported as not
/// checked, never silently passed. Figures are compared as computed (ratio r / t in double),
/// so a figure exactly on its threshold passes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/land/metrics.hpp"
#include "zoneperf/units/area.hpp"

namespace zoneperf {

struct land_proposal {
  std::string id;                      ///< names the project in errors
  std::optional<area> land;            ///< total land (required: error 901/902 otherwise)
  std::optional<double> investment;    ///< investment in 万元 (the rule's measure: total or fixed-asset)
  std::optional<double> promised_tax;  ///< promised annual tax, 万元
  std::optional<area> floor_area;      ///< total building floor area (storeys over 8 m count double)
  std::optional<area> footprint;       ///< buildings, structures and yards on the ground
};

struct gate_threshold {
  std::optional<double> min;           ///< the figure must reach this; nullopt turns the gate off
  std::optional<double> reject_below;  ///< below this the project is rejected outright
};

struct land_gate_thresholds {
  gate_threshold investment_per_mu{300.0, 300.0};
  gate_threshold tax_per_mu{20.0, 10.0};
  gate_threshold plot_ratio{0.8, std::nullopt};
  gate_threshold building_density{0.40, std::nullopt};
};

enum class gate_id { investment_per_mu, tax_per_mu, plot_ratio, building_density };
enum class gate_status { passed, failed, rejected, not_checked };

const char* to_string(gate_id g) noexcept;      ///< "investment_per_mu"
const char* display_name(gate_id g) noexcept;   ///< "亩均投资强度"
const char* to_string(gate_status s) noexcept;  ///< "passed", "failed", "rejected", "not checked"

struct gate_result {
  gate_id gate = gate_id::investment_per_mu;
  gate_status status = gate_status::not_checked;
  double figure = 0;     ///< NaN when not checked
  double threshold = 0;  ///< the minimum, or the reject floor when rejected
  std::string message;  ///< "亩均投资强度 250 万元/亩 is below the threshold 300 万元/亩: rejected"
};

enum class gate_verdict { passed, failed, rejected };
const char* to_string(gate_verdict v) noexcept;

struct land_gate_report {
  std::vector<gate_result> gates;               ///< one per gate turned on, in gate_id order
  gate_verdict verdict = gate_verdict::passed;  ///< rejected if any gate rejects, else failed if any fails
  /// The gates that failed or rejected.
  std::vector<const gate_result*> failures() const;
};

/// Checks every gate turned on. Errors (not gate failures): 901/902 for missing or non-positive
/// land, 910 when investment or promised tax is missing while its gate is on, or negative.
land_gate_report check_land_gates(const land_proposal& p, const land_gate_thresholds& t = {});

/// Thresholds from JSON {"investment_per_mu": {"min": 300, "reject_below": 300}, "tax_per_mu":
/// {...}, "plot_ratio": {...}, "building_density": {...}} (absent gates keep their defaults;
/// null turns a gate off).
land_gate_thresholds land_gate_thresholds_from_json(std::string_view json,
                                                    std::string_view source = "<gates>");

}  // namespace zoneperf
