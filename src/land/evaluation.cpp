#include "zoneperf/land/evaluation.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "land_json.hpp"
#include "zoneperf/detail/embedded.hpp"

namespace zoneperf {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

const char* to_string(benchmark_mode m) noexcept {
  switch (m) {
    case benchmark_mode::fixed:
      return "fixed";
    case benchmark_mode::peer_average:
      return "peer_average";
    case benchmark_mode::leader:
      return "leader";
  }
  return "?";
}

const char* to_string(missing_rule m) noexcept {
  switch (m) {
    case missing_rule::tree:
      return "tree";
    case missing_rule::peer_average:
      return "peer_average";
    case missing_rule::deduction:
      return "deduction";
  }
  return "?";
}

land_config land_config_from_json(std::string_view json, std::string_view source) {
  detail::json_problems p{std::string(source)};
  const nlohmann::json j = detail::parse_json(json, source);
  land_config c;
  p.object(j, "", {"preset", "name", "indicators", "deduction_item", "classes"});
  if (!j.is_object()) p.throw_if_any();
  c.preset = p.string(j, "", "preset", true);
  c.name = p.string(j, "", "name", false);
  c.deduction_item = p.string(j, "", "deduction_item", false);
  if (!j.contains("indicators") || !j["indicators"].is_array()) {
    p.add(errc::missing_field, "", "missing \"indicators\" (an array)");
  } else {
    for (std::size_t i = 0; i < j["indicators"].size(); ++i) {
      const auto& e = j["indicators"][i];
      const std::string at = "/indicators/" + std::to_string(i);
      land_indicator ind;
      p.object(e, at, {"leaf", "metric", "benchmark", "missing"});
      ind.leaf = p.string(e, at, "leaf", true);
      const std::string metric = p.string(e, at, "metric", true);
      if (auto m = find_land_metric(metric))
        ind.metric = *m;
      else if (!metric.empty())
        p.add(errc::bad_value, at + "/metric", "unknown metric \"" + metric + "\"");
      const std::string missing = p.string(e, at, "missing", false);
      if (missing == "peer_average")
        ind.missing = missing_rule::peer_average;
      else if (missing == "deduction")
        ind.missing = missing_rule::deduction;
      else if (!missing.empty() && missing != "tree")
        p.add(errc::bad_value, at + "/missing",
              "expected \"tree\", \"peer_average\" or \"deduction\", got \"" + missing + "\"");
      if (e.is_object() && e.contains("benchmark")) {
        const auto& b = e["benchmark"];
        const std::string bat = at + "/benchmark";
        p.object(b, bat, {"mode", "value", "k", "of", "prior"});
        const std::string mode = p.string(b, bat, "mode", true);
        if (mode == "fixed") {
          ind.mode = benchmark_mode::fixed;
          if (b.contains("value")) ind.value = p.number(b, bat, "value");
        } else if (mode == "peer_average") {
          ind.mode = benchmark_mode::peer_average;
          if (b.contains("k")) ind.k = p.number(b, bat, "k");
          if (!(ind.k > 0)) p.add(errc::bad_value, bat + "/k", "k must be positive");
          const std::string of = p.string(b, bat, "of", false);
          if (of == "current")
            ind.of = peer_average_of::current;
          else if (!of.empty() && of != "prior_year")
            p.add(errc::bad_value, bat + "/of", "expected \"prior_year\" or \"current\", got \"" + of + "\"");
          if (b.contains("prior")) ind.prior_average = p.number(b, bat, "prior");
        } else if (mode == "leader") {
          ind.mode = benchmark_mode::leader;
        } else if (!mode.empty()) {
          p.add(errc::bad_value, bat + "/mode",
                "expected \"fixed\", \"peer_average\" or \"leader\", got \"" + mode + "\"");
        }
        if (ind.mode != benchmark_mode::fixed && b.contains("value"))
          p.add(errc::unknown_key, bat + "/value", "\"value\" belongs to a fixed benchmark");
        if (ind.mode != benchmark_mode::peer_average)
          for (const char* k : {"k", "of", "prior"})
            if (b.contains(k))
              p.add(errc::unknown_key, bat + "/" + k,
                    std::string("\"") + k + "\" belongs to a peer_average benchmark");
      }
      c.indicators.push_back(std::move(ind));
    }
  }
  if (j.contains("classes")) c.classes = detail::class_scheme_from(j["classes"], "/classes", p);
  p.throw_if_any();
  return c;
}

land_config load_land_config(std::string_view preset) {
  const std::string path = "presets/land/" + std::string(preset) + ".json";
  for (const auto& f : detail::embedded_files())
    if (f.path == path) return land_config_from_json(f.text, path);
  throw error(errc::unknown_land_preset, std::string(preset),
              "no land-efficiency settings for this preset (" + path + ")");
}

std::vector<problem> check_land_config(const land_config& c, const indicator_tree& t) {
  std::vector<problem> out;
  auto add = [&](std::string where, std::string what) {
    out.push_back({errc::land_config_mismatch, std::move(where), std::move(what)});
  };
  std::unordered_set<std::string> mapped;
  for (const auto& ind : c.indicators) {
    const std::string where = c.preset + "/" + ind.leaf;
    if (!mapped.insert(ind.leaf).second) add(where, "the leaf has two indicators");
    const auto idx = t.find(ind.leaf);
    if (!idx || t.node(*idx).kind != node_kind::leaf) {
      add(where, "no leaf \"" + ind.leaf + "\" in tree " + t.id());
      continue;
    }
    const auto& n = t.node(*idx);
    if (ind.mode == benchmark_mode::fixed && uses_target(n.rule.kind) && !ind.value && !n.target)
      add(where, "a fixed benchmark needs the leaf's target or a \"value\"");
    if (ind.mode == benchmark_mode::peer_average && !uses_target(n.rule.kind))
      add(where, std::string("a peer_average benchmark needs a rule that takes a target, not ") +
                     to_string(n.rule.kind));
    if (ind.mode == benchmark_mode::leader &&
        !(n.rule.kind == rule_kind::rank && n.rule.mode == rank_mode::leader))
      add(where, "a leader benchmark needs the rule {\"kind\": \"rank\", \"mode\": \"leader\"}");
    if (ind.missing == missing_rule::deduction) {
      if (n.missing != missing_policy::zero)
        add(where, std::string("a deduction needs the leaf's missing policy \"zero\", not \"") +
                       to_string(n.missing) + "\"");
      if (c.deduction_item.empty()) add(where, "a deduction needs \"deduction_item\"");
    }
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto& n = t.node(i);
    if (n.kind == node_kind::leaf && !mapped.count(n.id))
      add(c.preset + "/" + n.id, "the leaf has no indicator in the land config");
  }
  if (!c.deduction_item.empty()) {
    const auto idx = t.find(c.deduction_item);
    if (!idx || t.node(*idx).kind != node_kind::penalty)
      add(c.preset + "/" + c.deduction_item, "the deduction item is not a penalty item of tree " + t.id());
  }
  for (auto& q : validate_class_scheme(c.classes)) out.push_back(std::move(q));
  return out;
}

target_table prepared_land_inputs::table() const {
  return {target_leaves,
          matrix_view(targets.data(), targets.rows(), targets.cols(), storage_order::column_major)};
}

void prepare_land_inputs(const indicator_tree& tree, const land_config& config,
                         const std::vector<land_metrics>& metrics, const std::vector<land_record>& records,
                         prepared_land_inputs& in, const land_options& options) {
  if (metrics.size() != records.size())
    throw error(errc::shape_mismatch, "",
                fmt::format("{} metrics for {} records", metrics.size(), records.size()));
  if (auto problems = check_land_config(config, tree); !problems.empty()) throw error(std::move(problems));

  in.rated.clear();
  in.unit_ids.clear();
  in.target_leaves.clear();
  in.fills.clear();
  // One pass over the (large) records: who is rated, their ids, who carries item values.
  std::vector<std::size_t> with_items;  // rows
  for (std::size_t i = 0; i < records.size(); ++i) {
    const land_record& rec = records[i];
    if (rec.exempt) continue;
    if (!rec.items.empty()) with_items.push_back(in.rated.size());
    in.rated.push_back(i);
    in.unit_ids.push_back(rec.id);
  }
  const auto n = static_cast<Eigen::Index>(in.rated.size());

  const auto& columns = tree.columns();
  in.values.setZero(n, static_cast<Eigen::Index>(columns.size()));
  std::unordered_map<std::string, Eigen::Index> column_of;
  for (std::size_t c = 0; c < columns.size(); ++c) column_of.emplace(tree.node(columns[c]).id, c);

  // Items (bonus, penalty, veto) from the records; absent means 0.
  std::vector<problem> problems;
  for (const std::size_t row : with_items) {
    const auto r = static_cast<Eigen::Index>(row);
    for (const auto& [id, v] : records[in.rated[row]].items) {
      auto it = column_of.find(id);
      const auto kind = it == column_of.end() ? node_kind::leaf : tree.node(columns[it->second]).kind;
      if (it == column_of.end() || kind == node_kind::leaf) {
        problems.push_back({errc::unknown_column, records[in.rated[row]].id + "/" + id,
                            "\"" + id + "\" is not a bonus, penalty or veto item of tree " + tree.id()});
        continue;
      }
      in.values(r, it->second) = v;
    }
  }
  if (!problems.empty()) throw error(std::move(problems));

  Eigen::Index deduction_col = -1;
  if (!config.deduction_item.empty()) deduction_col = column_of.at(config.deduction_item);

  // One pass over the rated records fills every indicator column (the records are large: one
  // sequential read beats a pass per column).
  const std::size_t k_count = config.indicators.size();
  std::vector<Eigen::Index> cols(k_count);
  std::vector<std::size_t> metric_of(k_count);
  for (std::size_t k = 0; k < k_count; ++k) {
    cols[k] = column_of.at(config.indicators[k].leaf);
    metric_of[k] = static_cast<std::size_t>(config.indicators[k].metric);
  }
  std::vector<double> sums(k_count, 0.0);
  std::vector<std::size_t> present_count(k_count, 0);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto& m = metrics[in.rated[static_cast<std::size_t>(r)]].values;
    for (std::size_t k = 0; k < k_count; ++k) {
      const double v = m[metric_of[k]];
      in.values(r, cols[k]) = v;
      if (v == v) {
        sums[k] += v;
        ++present_count[k];
      }
    }
  }

  std::vector<double> benchmarks;  // per target leaf
  for (std::size_t k = 0; k < k_count; ++k) {
    const land_indicator& ind = config.indicators[k];
    const Eigen::Index col = cols[k];
    const std::size_t present = present_count[k];
    const double mean = present > 0 ? sums[k] / static_cast<double>(present) : nan;

    if (ind.missing != missing_rule::tree && present < static_cast<std::size_t>(n)) {
      if (ind.missing == missing_rule::peer_average) {
        if (present == 0)
          throw error(errc::no_peer_value, ind.leaf,
                      std::string("no rated entity has a value of ") + to_string(ind.metric) +
                          " to take the peer average of");
        if (!std::isfinite(mean))
          throw error(errc::not_finite, ind.leaf,
                      fmt::format("the peer average of {} over {} rated entities is not finite (the sum "
                                  "overflows): it cannot fill a missing value",
                                  to_string(ind.metric), present));
        const std::string what = fmt::format("missing: peer average of {} values", present);
        for (Eigen::Index r = 0; r < n; ++r) {
          if (in.values(r, col) == in.values(r, col)) continue;
          in.values(r, col) = mean;
          in.fills.push_back({ind.leaf, in.unit_ids[r], what, mean});
        }
      } else {  // deduction: the leaf scores 0 (missing "zero") and the penalty item counts it
        const std::string what = "missing: deduction via " + config.deduction_item;
        for (Eigen::Index r = 0; r < n; ++r) {
          if (in.values(r, col) == in.values(r, col)) continue;
          in.values(r, deduction_col) += 1;
          in.fills.push_back({ind.leaf, in.unit_ids[r], what, 1});
        }
      }
    }

    double benchmark = nan;
    std::string how;
    if (ind.mode == benchmark_mode::fixed && ind.value) {
      benchmark = *ind.value;
      how = "fixed benchmark from the land config";
    } else if (ind.mode == benchmark_mode::peer_average) {
      double average = nan;
      if (ind.of == peer_average_of::current) {
        if (present == 0)
          throw error(errc::no_peer_value, ind.leaf,
                      std::string("no rated entity has a value of ") + to_string(ind.metric) +
                          " to average for the benchmark");
        average = mean;
        how = fmt::format("{} × current peer average {}", ind.k, average);
      } else {
        std::optional<double> prior = ind.prior_average;
        for (const auto& [leaf, v] : options.prior_averages)
          if (leaf == ind.leaf) prior = v;
        if (!prior)
          throw error(errc::no_prior_average, ind.leaf,
                      "the benchmark is a multiple of the prior-year peer average, which was not given");
        average = *prior;
        how = fmt::format("{} × prior-year peer average {}", ind.k, average);
      }
      benchmark = ind.k * average;
      if (!std::isfinite(benchmark))
        throw error(errc::not_finite, ind.leaf,
                    "the benchmark " + how + " is not finite" +
                        (std::isfinite(average) ? std::string(" (the product overflows)")
                                                : std::string(" (the peer average's sum overflows)")));
    }
    if (benchmark == benchmark) {
      in.target_leaves.push_back(ind.leaf);
      benchmarks.push_back(benchmark);
      in.fills.push_back({ind.leaf, "", how, benchmark});
    }
  }

  // Per-run benchmarks as a target column repeated over the rated units.
  in.targets.resize(n, static_cast<Eigen::Index>(in.target_leaves.size()));
  for (std::size_t k = 0; k < benchmarks.size(); ++k)
    in.targets.col(static_cast<Eigen::Index>(k)).setConstant(benchmarks[k]);
}

prepared_land_inputs prepare_land_inputs(const indicator_tree& tree, const land_config& config,
                                         const std::vector<land_metrics>& metrics,
                                         const std::vector<land_record>& records,
                                         const land_options& options) {
  prepared_land_inputs in;
  prepare_land_inputs(tree, config, metrics, records, in, options);
  return in;
}

double land_evaluation::score(std::size_t record) const {
  return row[record] < 0 ? nan : result.total(row[record]);
}

namespace {
// Every duplicate id (after its first appearance), with an open-addressing table of (hash, record
// index): no allocation per record, and a record's id is read again only when hashes collide.
void find_duplicates(const std::vector<land_record>& records, const std::vector<std::size_t>& hashes,
                     std::vector<problem>& out) {
  std::size_t cap = 16;
  while (cap < 2 * records.size()) cap *= 2;
  struct slot_t {
    std::size_t hash;
    std::uint32_t index;
  };
  constexpr std::uint32_t empty = 0xffffffffu;
  std::vector<slot_t> table(cap, slot_t{0, empty});
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::size_t h = hashes[i];
    for (std::size_t slot = h & (cap - 1);; slot = (slot + 1) & (cap - 1)) {
      slot_t& e = table[slot];
      if (e.index == empty) {
        e = {h, static_cast<std::uint32_t>(i)};
        break;
      }
      if (e.hash == h && records[e.index].id == records[i].id) {
        out.push_back({errc::duplicate_entity, records[i].id, "the id appears more than once"});
        break;
      }
    }
  }
}
}  // namespace

void evaluate_land(const indicator_tree& tree, const land_config& config,
                   const std::vector<land_record>& records, land_evaluation& ev,
                   const land_options& options) {
  const std::size_t n = records.size();
  // One pass: check, metrics, zone sums. A bad record stops nothing until every one is seen.
  std::vector<problem> problems;
  ev.metrics.resize(n);
  land_totals zone;
  std::vector<std::size_t> hashes(n);
  const std::hash<std::string_view> hasher;
  for (std::size_t i = 0; i < n; ++i) {
    hashes[i] = hasher(records[i].id);
    try {
      ev.metrics[i] = compute_metrics(records[i]);  // every problem of the record, or its metrics
    } catch (const error& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      continue;
    }
    zone.add(records[i]);
  }
  find_duplicates(records, hashes, problems);
  if (!problems.empty()) throw error(std::move(problems));
  ev.zone = zone.ratios();
  prepare_land_inputs(tree, config, ev.metrics, records, ev.inputs, options);

  assess_options ao;
  ao.threads = options.threads;
  ao.unit_ids = &ev.inputs.unit_ids;
  ao.check_unit_ids = false;  // checked above (904)
  ao.keep = options.keep;
  ao.ranks = ranking::off;  // ranked below among the rated, by a radix sort
  const target_table targets = ev.inputs.table();
  assess(tree, matrix_view(ev.inputs.values), ev.inputs.target_leaves.empty() ? nullptr : &targets, ev.result,
         ao);

  ev.row.assign(n, -1);
  std::vector<double> scores(n, nan);
  std::vector<std::uint8_t> exempt(n, 1);
  for (std::size_t k = 0; k < ev.inputs.rated.size(); ++k) {
    const auto i = ev.inputs.rated[k];
    const auto row = static_cast<std::ptrdiff_t>(k);
    ev.row[i] = row;
    scores[i] = ev.result.total(row);
    exempt[i] = 0;
  }
  ev.rank = competition_ranks(scores, exempt);
  ev.classes = classify_ranked(config.classes, ev.rank, scores, exempt);
}

land_evaluation evaluate_land(const indicator_tree& tree, const land_config& config,
                              const std::vector<land_record>& records, const land_options& options) {
  land_evaluation ev;
  evaluate_land(tree, config, records, ev, options);
  return ev;
}

}  // namespace zoneperf
