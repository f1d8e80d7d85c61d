#include "zoneperf/land/report.hpp"

#include <nlohmann/json.hpp>

#include "report_dom.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/json_writer.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {
namespace {
using json = nlohmann::ordered_json;

json number_or_null(double v) { return v == v ? json(v) : json(nullptr); }

json metrics_json(const land_metrics& m) {
  json j = json::object();
  for (std::size_t i = 0; i < land_metric_count; ++i)
    j[to_string(static_cast<land_metric>(i))] = number_or_null(m.values[i]);
  return j;
}
}  // namespace

nlohmann::ordered_json detail::land_report_dom(const indicator_tree& tree, const land_config& config,
                                               const std::vector<land_record>& records,
                                               const land_evaluation& ev) {
  json doc;
  doc["preset"] = tree.id();
  doc["rated"] = ev.inputs.rated.size();
  doc["exempt"] = records.size() - ev.inputs.rated.size();
  json list = json::array();
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    json e;
    e["id"] = r.id;
    e["name"] = r.name;
    e["park"] = r.park;
    e["task_force"] = r.task_force;
    e["land_mu"] = r.land->mu();
    e["metrics"] = metrics_json(ev.metrics[i]);
    const auto row = ev.row[i];
    e["score"] = row < 0 ? json(nullptr) : json(ev.result.total(row));
    e["rank"] = row < 0 ? json(nullptr) : json(ev.rank[i]);
    e["class"] = class_label(config.classes, ev.classes.class_of[i]);
    e["exempt"] = r.exempt ? json(*r.exempt) : json(nullptr);
    list.push_back(std::move(e));
  }
  doc["enterprises"] = std::move(list);
  json classes = json::array();
  const auto quotas = config.classes.method == class_method::rank
                          ? rank_quotas(config.classes, ev.inputs.rated.size())
                          : std::vector<std::size_t>();
  for (std::size_t c = 0; c <= config.classes.classes.size(); ++c) {
    const class_def& d =
        c < config.classes.classes.size() ? config.classes.classes[c] : config.classes.exempt;
    json k;
    k["label"] = d.label;
    k["name"] = d.name;
    k["count"] = ev.classes.counts[c];
    k["quota"] = c < quotas.size() ? json(quotas[c]) : json(nullptr);
    classes.push_back(std::move(k));
  }
  doc["classes"] = std::move(classes);
  json zone;
  area land;
  for (const auto& r : records) land += *r.land;
  zone["land_mu"] = land.mu();
  zone["records"] = records.size();
  zone["metrics"] = metrics_json(ev.zone);
  doc["zone"] = std::move(zone);
  json fills = json::array();
  for (const auto& f : ev.inputs.fills)
    fills.push_back({{"leaf", f.leaf},
                     {"unit", f.unit.empty() ? json(nullptr) : json(f.unit)},
                     {"what", f.what},
                     {"value", f.value}});
  doc["fills"] = std::move(fills);
  return doc;
}

std::string land_report_json(const indicator_tree& tree, const land_config& config,
                             const std::vector<land_record>& records, const land_evaluation& ev, int indent) {
  check_json_indent(indent);
  return detail::land_report_dom(tree, config, records, ev)
             .dump(indent, ' ', false, json::error_handler_t::strict) +
         "\n";
}

std::string land_report_csv(const indicator_tree&, const land_config& config,
                            const std::vector<land_record>& records, const land_evaluation& ev) {
  std::string out = "id,name,land_mu";
  for (std::size_t i = 0; i < land_metric_count; ++i)
    out += std::string(",") + to_string(static_cast<land_metric>(i));
  out += ",score,rank,class\n";
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    out += csv_field(r.id, csv_for::people) + "," + csv_field(r.name, csv_for::people) + "," +
           shortest(r.land->mu());
    for (double v : ev.metrics[i].values) out += "," + (v == v ? shortest(v) : std::string());
    const auto row = ev.row[i];
    out += "," + (row < 0 ? std::string() : shortest(ev.result.total(row)));
    out += "," + (row < 0 ? std::string() : std::to_string(ev.rank[i]));
    out += "," + csv_field(class_label(config.classes, ev.classes.class_of[i]), csv_for::people) + "\n";
  }
  return out;
}

std::string migration_json(const class_migration& m, int indent) {
  check_json_indent(indent);
  const std::size_t absent = m.labels.size();
  auto label = [&](const std::optional<std::uint32_t>& c) { return c ? json(m.labels[*c]) : json(nullptr); };
  json rows = m.labels, columns = m.labels, counts = json::array();
  rows.push_back("entered");
  columns.push_back("left");
  for (std::size_t from = 0; from <= absent; ++from) {
    json row = json::array();
    for (std::size_t to = 0; to <= absent; ++to) row.push_back(m.at(from, to));
    counts.push_back(std::move(row));
  }
  json doc;
  doc["classes"] = m.labels;
  doc["matrix"] = {{"rows", rows}, {"columns", columns}, {"counts", counts}};
  json tally = json::object();
  for (std::size_t k = 0; k < class_move_count; ++k)
    tally[to_string(static_cast<class_move>(k))] = m.count(static_cast<class_move>(k));
  doc["moves_count"] = tally;
  json moves = json::array();
  for (const auto& e : m.moves)
    moves.push_back({{"id", e.id},
                     {"name", e.name},
                     {"from", label(e.from)},
                     {"to", label(e.to)},
                     {"move", to_string(e.move)},
                     {"steps", e.steps}});
  doc["moves"] = std::move(moves);
  return doc.dump(indent, ' ', false, json::error_handler_t::strict) + "\n";
}

std::string migration_csv(const class_migration& m) {
  std::string out = "id,name,from,to,move,steps\n";
  auto label = [&](const std::optional<std::uint32_t>& c) {
    return c ? csv_field(m.labels[*c], csv_for::people) : std::string();
  };
  for (const auto& e : m.moves)
    out += csv_field(e.id, csv_for::people) + "," + csv_field(e.name, csv_for::people) + "," + label(e.from) +
           "," + label(e.to) + "," + to_string(e.move) + "," + std::to_string(e.steps) + "\n";
  return out;
}

}  // namespace zoneperf
