#include "zoneperf/pay/policy.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <unordered_set>

#include "../text/json_syntax.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {
namespace {
using json = nlohmann::ordered_json;

using detail::json_type_name;
// Reads a policy document, collecting every problem.
struct policy_reader {
  std::vector<problem> problems;
  pay_policy out;

  void add(int code, std::string where, std::string what) {
    problems.push_back(problem{code, std::move(where), std::move(what)});
  }

  // The exact decimal text of a JSON number or string, or nullopt (problem added).
  std::optional<std::string> decimal_text(const json& j, const std::string& where, int code) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_number_unsigned()) return std::to_string(j.get<std::uint64_t>());
    if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
    if (j.is_number_float()) {
      std::string s = fmt::format("{}", j.get<double>());
      if (s.find_first_of("eE") != std::string::npos) {
        add(code, where, "write " + s + " as a plain decimal string");
        return std::nullopt;
      }
      return s;
    }
    add(errc::wrong_type, where, std::string("expected a decimal number, got ") + json_type_name(j));
    return std::nullopt;
  }

  // A decimal with at most 4 places in [lo, 100] (lo exclusive when strict).
  std::optional<exact_ratio> coefficient(const json& j, const std::string& where, int code, const char* what,
                                         bool zero_allowed = false) {
    auto text = decimal_text(j, where, code);
    if (!text) return std::nullopt;
    exact_ratio r;
    try {
      r = exact_ratio::parse(*text, where);
    } catch (const error&) {
      add(code, where, std::string(what) + " is not an exact decimal: \"" + *text + "\"");
      return std::nullopt;
    }
    if (10000 % r.den() != 0) {
      add(code, where, std::string(what) + " " + *text + " has more than 4 decimal places");
      return std::nullopt;
    }
    if (r < exact_ratio(0) || (!zero_allowed && r == exact_ratio(0)) || r > exact_ratio(100)) {
      add(code, where,
          std::string(what) + " " + *text + (zero_allowed ? " is outside [0, 100]" : " is outside (0, 100]"));
      return std::nullopt;
    }
    return r;
  }

  void unknown_keys(const json& obj, const std::string& at, std::initializer_list<const char*> allowed) {
    for (const auto& [key, value] : obj.items()) {
      bool ok = key == "description";
      for (const char* a : allowed) ok = ok || key == a;
      if (!ok) add(errc::unknown_key, at + "/" + json_pointer_token(key), "unknown key \"" + key + "\"");
    }
  }

  void read(const json& root) {
    if (!root.is_object()) {
      add(errc::wrong_type, "", std::string("a pay policy is a JSON object, got ") + json_type_name(root));
      return;
    }
    unknown_keys(root, "",
                 {"name", "multiplier", "floor", "cap", "task_force_coefficients", "team_coefficients",
                  "team_default", "individual_coefficients", "awards"});
    if (auto it = root.find("name"); it != root.end()) {
      if (it->is_string())
        out.name = it->get<std::string>();
      else
        add(errc::wrong_type, "/name", std::string("expected a string, got ") + json_type_name(*it));
    }
    bool bounds_ok = true, multiplier_ok = false;
    if (auto it = root.find("multiplier"); it == root.end()) {
      add(errc::missing_field, "", "missing \"multiplier\" (the pool as a multiple of Σ baseline, e.g. 1.5)");
    } else if (auto m = coefficient(*it, "/multiplier", errc::bad_pool_multiplier, "multiplier")) {
      out.multiplier = *m;
      multiplier_ok = true;
    }
    for (const char* key : {"floor", "cap"}) {
      if (auto it = root.find(key); it != root.end()) {
        if (auto m = coefficient(*it, std::string("/") + key, errc::bad_pay_bounds, key, true))
          (std::string(key) == "floor" ? out.floor : out.cap) = *m;
        else
          bounds_ok = false;
      }
    }
    if (bounds_ok && out.floor > out.cap)
      add(errc::bad_pay_bounds, "/floor",
          "floor " + out.floor.to_string(4) + " is above the cap " + out.cap.to_string(4));
    if (bounds_ok && multiplier_ok) {
      if (out.multiplier < out.floor)
        add(errc::bad_pay_bounds, "/multiplier",
            "multiplier " + out.multiplier.to_string(4) + " is below the floor " + out.floor.to_string(4) +
                ": the pool could never cover every floor");
      if (out.multiplier > out.cap)
        add(errc::bad_pay_bounds, "/multiplier",
            "multiplier " + out.multiplier.to_string(4) + " is above the cap " + out.cap.to_string(4) +
                ": the caps could never reach the pool");
    }
    read_task_force(root);
    read_teams(root);
    read_individual(root);
    read_awards(root);
  }

  void read_task_force(const json& root) {
    auto it = root.find("task_force_coefficients");
    if (it == root.end()) {
      add(errc::missing_field, "",
          "missing \"task_force_coefficients\" (a coefficient per grade label, e.g. {\"优秀\": 1.2})");
      return;
    }
    if (!it->is_object() || it->empty()) {
      add(errc::wrong_type, "/task_force_coefficients",
          std::string("expected an object of grade label -> coefficient, got ") +
              (it->is_object() ? "an empty object" : json_type_name(*it)));
      return;
    }
    for (const auto& [grade, value] : it->items()) {
      const std::string where = "/task_force_coefficients/" + json_pointer_token(grade);
      if (auto c = coefficient(value, where, errc::bad_coefficient, "coefficient"))
        out.task_force.push_back({grade, *c});
    }
  }

  void read_teams(const json& root) {
    if (auto it = root.find("team_coefficients"); it != root.end()) {
      if (!it->is_object()) {
        add(errc::wrong_type, "/team_coefficients",
            std::string("expected an object of team id -> coefficient, got ") + json_type_name(*it));
      } else {
        for (const auto& [team, value] : it->items()) {
          const std::string where = "/team_coefficients/" + json_pointer_token(team);
          if (auto c = coefficient(value, where, errc::bad_coefficient, "coefficient"))
            out.teams.push_back({team, *c});
        }
      }
    }
    if (auto it = root.find("team_default"); it != root.end())
      if (auto c = coefficient(*it, "/team_default", errc::bad_coefficient, "coefficient"))
        out.team_default = *c;
  }

  void read_individual(const json& root) {
    auto it = root.find("individual_coefficients");
    if (it == root.end()) {
      add(errc::missing_field, "",
          "missing \"individual_coefficients\" (score bands such as [{\"min\": 90, \"coefficient\": 1.2}, "
          "...])");
      return;
    }
    if (!it->is_array() || it->empty()) {
      add(errc::wrong_type, "/individual_coefficients",
          std::string("expected a non-empty array of {\"min\", \"coefficient\"}, got ") +
              (it->is_array() ? "an empty array" : json_type_name(*it)));
      return;
    }
    std::optional<double> previous;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& band = (*it)[i];
      const std::string at = "/individual_coefficients/" + std::to_string(i);
      if (!band.is_object()) {
        add(errc::wrong_type, at,
            std::string("expected {\"min\", \"coefficient\"}, got ") + json_type_name(band));
        continue;
      }
      unknown_keys(band, at, {"min", "coefficient"});
      score_band b;
      bool ok = true;
      if (auto m = band.find("min"); m == band.end()) {
        add(errc::missing_field, at, "missing \"min\"");
        ok = false;
      } else if (!m->is_number()) {
        add(errc::wrong_type, at + "/min", std::string("expected a number, got ") + json_type_name(*m));
        ok = false;
      } else {
        b.min = m->get<double>();
        if (previous && !(b.min < *previous)) {
          add(errc::bad_score_bands, at + "/min",
              fmt::format("bands must have strictly descending min: {} follows {}", b.min, *previous));
        }
        previous = b.min;
      }
      if (auto c = band.find("coefficient"); c == band.end()) {
        add(errc::missing_field, at, "missing \"coefficient\"");
        ok = false;
      } else if (auto v = coefficient(*c, at + "/coefficient", errc::bad_coefficient, "coefficient")) {
        b.coefficient = *v;
      } else {
        ok = false;
      }
      if (ok) out.individual.push_back(b);
    }
  }

  void read_awards(const json& root) {
    auto it = root.find("awards");
    if (it == root.end()) return;
    if (!it->is_array()) {
      add(errc::wrong_type, "/awards",
          std::string("expected an array of award rules, got ") + json_type_name(*it));
      return;
    }
    std::set<std::string> kinds;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& a = (*it)[i];
      const std::string at = "/awards/" + std::to_string(i);
      if (!a.is_object()) {
        add(errc::wrong_type, at, std::string("expected an award rule object, got ") + json_type_name(a));
        continue;
      }
      unknown_keys(a, at, {"kind", "name", "amount", "from", "leaf", "min_ratio"});
      award_rule r;
      auto str = [&](const char* key, bool required) -> std::optional<std::string> {
        auto f = a.find(key);
        if (f == a.end()) {
          if (required) add(errc::missing_field, at, std::string("missing \"") + key + "\"");
          return std::nullopt;
        }
        if (!f->is_string()) {
          add(errc::wrong_type, at + "/" + key, std::string("expected a string, got ") + json_type_name(*f));
          return std::nullopt;
        }
        return f->get<std::string>();
      };
      if (auto kind = str("kind", true)) {
        const bool ascii =
            !kind->empty() &&
            kind->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                std::string::npos;
        if (!ascii)
          add(errc::bad_id, at + "/kind",
              "award kind \"" + *kind + "\" is not an ASCII id (letters, digits, _ and -)");
        else if (!kinds.insert(*kind).second)
          add(errc::duplicate_id, at + "/kind", "award kind \"" + *kind + "\" is given twice");
        r.kind = *kind;
      }
      r.name = str("name", false).value_or(r.kind);
      if (auto f = a.find("amount"); f == a.end()) {
        add(errc::missing_field, at, "missing \"amount\" (yuan per event)");
      } else if (auto text = decimal_text(*f, at + "/amount", errc::bad_award)) {
        try {
          r.amount = cny_money::parse(*text, at + "/amount");
          if (r.amount < cny_money()) add(errc::bad_award, at + "/amount", "negative award amount " + *text);
        } catch (const error& e) {
          add(errc::bad_award, at + "/amount", "award amount: " + e.problems().front().what);
        }
      }
      if (auto from = str("from", true)) {
        if (*from == "scorecard")
          r.source = award_source::scorecard;
        else if (*from == "events")
          r.source = award_source::events;
        else
          add(errc::bad_award, at + "/from",
              "\"from\" is \"scorecard\" or \"events\", not \"" + *from + "\"");
        if (*from == "scorecard") {
          if (auto leaf = str("leaf", true)) r.leaf = *leaf;
        } else if (a.contains("leaf") || a.contains("min_ratio")) {
          add(errc::bad_award, at, "\"leaf\" and \"min_ratio\" apply only to awards from the scorecard");
        }
      }
      if (auto f = a.find("min_ratio"); f != a.end()) {
        if (!f->is_number() || !std::isfinite(f->get<double>()))
          add(errc::wrong_type, at + "/min_ratio",
              std::string("expected a number, got ") + json_type_name(*f));
        else
          r.min_ratio = f->get<double>();
      }
      out.awards.push_back(std::move(r));
    }
  }
};

policy_reader read_policy(std::string_view text, std::string_view source) {
  policy_reader reader;
  json root;
  if (auto p = detail::read_json(text, source, root)) {
    reader.problems.push_back(std::move(*p));
    return reader;
  }
  reader.read(root);
  for (auto& p : reader.problems) p.where = std::string(source) + ":" + (p.where.empty() ? "/" : p.where);
  return reader;
}

json decimal_json(exact_ratio r) {
  // Shortest exact decimal (coefficients have at most 4 places).
  std::string s = r.to_string(4);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return json::parse(s);
}
}  // namespace

std::vector<problem> validate_pay_policy_json(std::string_view json_text, std::string_view source) {
  return read_policy(json_text, source).problems;
}

pay_policy pay_policy::from_json(std::string_view json_text, std::string_view source) {
  auto reader = read_policy(json_text, source);
  if (!reader.problems.empty()) throw error(std::move(reader.problems));
  return std::move(reader.out);
}

pay_policy pay_policy::from_file(const std::string& path) { return from_json(read_text_file(path), path); }

pay_policy pay_policy::standard() {
  pay_policy p;
  p.name = "docs/semantics.md §6";
  p.task_force = {{"优秀", exact_ratio(6, 5)},
                  {"良好", exact_ratio(1)},
                  {"合格", exact_ratio(9, 10)},
                  {"不合格", exact_ratio(7, 10)}};
  p.individual = {
      {90, exact_ratio(6, 5)}, {80, exact_ratio(1)}, {60, exact_ratio(4, 5)}, {0, exact_ratio(1, 2)}};
  return p;
}

std::string pay_policy::to_json(int indent) const {
  json j = json::object();
  if (!name.empty()) j["name"] = name;
  j["multiplier"] = decimal_json(multiplier);
  j["floor"] = decimal_json(floor);
  j["cap"] = decimal_json(cap);
  j["task_force_coefficients"] = json::object();
  for (const auto& g : task_force) j["task_force_coefficients"][g.grade] = decimal_json(g.coefficient);
  // Appended, not looked up (operator[] scans an ordered object's keys): a team given twice keeps
  // its first coefficient, the one team_coefficient_of finds.
  auto& team_members = (j["team_coefficients"] = json::object()).get_ref<json::object_t&>();
  std::unordered_set<std::string_view> seen;
  for (const auto& t : teams)
    if (seen.insert(t.team).second) team_members.emplace_back(t.team, decimal_json(t.coefficient));
  j["team_default"] = decimal_json(team_default);
  j["individual_coefficients"] = json::array();
  for (const auto& b : individual)
    j["individual_coefficients"].push_back({{"min", b.min}, {"coefficient", decimal_json(b.coefficient)}});
  j["awards"] = json::array();
  for (const auto& a : awards) {
    json r = {{"kind", a.kind},
              {"name", a.name},
              {"amount", to_string(a.amount)},
              {"from", a.source == award_source::scorecard ? "scorecard" : "events"}};
    if (a.source == award_source::scorecard) {
      r["leaf"] = a.leaf;
      r["min_ratio"] = a.min_ratio;
    }
    j["awards"].push_back(std::move(r));
  }
  return detail::dump_json(j, indent);
}

std::optional<exact_ratio> pay_policy::task_force_coefficient(std::string_view grade) const {
  for (const auto& g : task_force)
    if (g.grade == grade) return g.coefficient;
  return std::nullopt;
}

exact_ratio pay_policy::team_coefficient_of(std::string_view team) const {
  for (const auto& t : teams)
    if (t.team == team) return t.coefficient;
  return team_default;
}

std::optional<exact_ratio> pay_policy::individual_coefficient(double score) const {
  for (const auto& b : individual)
    if (score >= b.min) return b.coefficient;
  return std::nullopt;
}

const award_rule* pay_policy::find_award(std::string_view kind) const {
  for (const auto& a : awards)
    if (a.kind == kind) return &a;
  return nullptr;
}

}  // namespace zoneperf
