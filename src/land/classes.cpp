#include "zoneperf/land/classes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <utility>

#include "land_json.hpp"
#include "zoneperf/detail/rules.hpp"

namespace zoneperf {

class_scheme default_class_scheme() {
  class_scheme s;
  s.method = class_method::rank;
  s.classes = {{"A", "优先发展", 20, quota_rounding::down, 0, std::nullopt},
               {"B", "鼓励提升", 40, quota_rounding::down, 0, std::nullopt},
               {"C", "监管调控", std::nullopt, quota_rounding::down, 0, std::nullopt},
               {"D", "落后整治", 5, quota_rounding::up, 20, std::nullopt}};
  s.exempt = {"T", "暂不评价", std::nullopt, quota_rounding::down, 0, std::nullopt};
  return s;
}

std::vector<problem> validate_class_scheme(const class_scheme& s) {
  std::vector<problem> out;
  auto at = [](std::size_t i) { return fmt::format("classes/{}", i); };
  if (s.classes.empty()) out.push_back({errc::bad_class_scheme, "classes", "no classes"});
  std::set<std::string> labels{s.exempt.label};
  if (s.exempt.label.empty()) out.push_back({errc::bad_class_scheme, "exempt", "empty label"});
  for (std::size_t i = 0; i < s.classes.size(); ++i) {
    const auto& c = s.classes[i];
    if (c.label.empty())
      out.push_back({errc::bad_class_scheme, at(i), "empty label"});
    else if (!labels.insert(c.label).second)
      out.push_back({errc::bad_class_scheme, at(i), "duplicate label \"" + c.label + "\""});
  }
  if (s.method == class_method::rank) {
    int rest = 0, total = 0;
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
      const auto& c = s.classes[i];
      if (!c.share) {
        ++rest;
        continue;
      }
      if (*c.share < 0 || *c.share > 100)
        out.push_back({errc::bad_class_scheme, at(i), fmt::format("share {} % is outside 0..100", *c.share)});
      total += *c.share;
    }
    if (rest != 1)
      out.push_back({errc::bad_class_scheme, "classes",
                     fmt::format("a rank scheme needs exactly one \"rest\" class, found {}", rest)});
    if (total > 100)
      out.push_back(
          {errc::bad_class_scheme, "classes", fmt::format("shares add up to {} % (more than 100)", total)});
  } else {
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
      const auto& c = s.classes[i];
      const bool last = i + 1 == s.classes.size();
      if (last && c.min)
        out.push_back(
            {errc::bad_class_scheme, at(i), "the last class catches every lower score and takes no min"});
      if (!last && !c.min) out.push_back({errc::bad_class_scheme, at(i), "a cut-off class needs a min"});
      if (!last && i > 0 && c.min && s.classes[i - 1].min && !(*c.min < *s.classes[i - 1].min))
        out.push_back({errc::bad_class_scheme, at(i), "cut-offs must descend"});
    }
  }
  return out;
}

namespace {
class_def parse_class(const nlohmann::json& j, const std::string& where, class_method method,
                      detail::json_problems& p) {
  class_def c;
  p.object(j, where, {"label", "name", "share", "round", "min_rated", "min"});
  c.label = p.string(j, where, "label", true);
  c.name = p.string(j, where, "name", false);
  if (method == class_method::rank) {
    if (j.contains("min")) p.add(errc::unknown_key, where + "/min", "a rank class takes a share, not a min");
    if (!j.contains("share")) {
      p.add(errc::missing_field, where, "missing \"share\" (a whole percent or \"rest\")");
    } else if (j["share"].is_string() && j["share"] == "rest") {
      c.share.reset();
    } else if (j["share"].is_number_integer()) {
      c.share = j["share"].get<int>();
    } else {
      p.add(errc::wrong_type, where + "/share", "expected a whole percent or \"rest\"");
    }
    const std::string round = p.string(j, where, "round", false);
    if (round == "up")
      c.round = quota_rounding::up;
    else if (!round.empty() && round != "down")
      p.add(errc::bad_value, where + "/round", "expected \"down\" or \"up\", got \"" + round + "\"");
    if (j.contains("min_rated")) {
      if (j["min_rated"].is_number_unsigned())
        c.min_rated = j["min_rated"].get<std::size_t>();
      else
        p.add(errc::wrong_type, where + "/min_rated", "expected a whole number");
    }
  } else {
    for (const char* k : {"share", "round", "min_rated"})
      if (j.contains(k))
        p.add(errc::unknown_key, where + "/" + k, "a cut-off class takes a min, not a share");
    if (j.contains("min")) c.min = p.number(j, where, "min");
  }
  return c;
}
}  // namespace

namespace detail {
class_scheme class_scheme_from(const nlohmann::json& j, const std::string& where, json_problems& p) {
  class_scheme s;
  p.object(j, where, {"method", "classes", "exempt"});
  if (!j.is_object()) return s;
  const std::string method = p.string(j, where, "method", false);
  if (method == "cutoffs")
    s.method = class_method::cutoffs;
  else if (!method.empty() && method != "rank")
    p.add(errc::bad_value, where + "/method", "expected \"rank\" or \"cutoffs\", got \"" + method + "\"");
  if (!j.contains("classes") || !j["classes"].is_array()) {
    p.add(errc::missing_field, where, "missing \"classes\" (an array, best class first)");
  } else {
    for (std::size_t i = 0; i < j["classes"].size(); ++i)
      s.classes.push_back(parse_class(j["classes"][i], where + "/classes/" + std::to_string(i), s.method, p));
  }
  if (j.contains("exempt")) {
    const auto& e = j["exempt"];
    p.object(e, where + "/exempt", {"label", "name"});
    s.exempt.label = p.string(e, where + "/exempt", "label", true);
    s.exempt.name = p.string(e, where + "/exempt", "name", false);
  }
  if (p.problems.empty())
    for (auto& q : validate_class_scheme(s)) p.add(q.code, where + "/" + q.where, q.what);
  return s;
}
}  // namespace detail

class_scheme class_scheme_from_json(std::string_view json, std::string_view source) {
  detail::json_problems p{std::string(source)};
  const nlohmann::json j = detail::parse_json(json, source);
  class_scheme s = detail::class_scheme_from(j, "", p);
  p.throw_if_any();
  return s;
}

std::vector<std::size_t> rank_quotas(const class_scheme& s, std::size_t n) {
  std::vector<std::size_t> q(s.classes.size(), 0);
  std::size_t rest = s.classes.size();
  for (std::size_t i = 0; i < s.classes.size(); ++i)
    if (!s.classes[i].share) {
      rest = i;
      break;
    }
  auto places = [n](const class_def& c) -> std::size_t {
    if (n < c.min_rated || !c.share) return 0;
    const std::size_t sn = static_cast<std::size_t>(*c.share) * n;
    return c.round == quota_rounding::up ? (sn + 99) / 100 : sn / 100;
  };
  std::size_t left = n;
  for (std::size_t i = 0; i < rest && i < q.size(); ++i) {  // from the top
    q[i] = std::min(places(s.classes[i]), left);
    left -= q[i];
  }
  for (std::size_t i = q.size(); i-- > rest + 1;) {  // from the bottom
    q[i] = std::min(places(s.classes[i]), left);
    left -= q[i];
  }
  if (rest < q.size()) q[rest] = left;
  return q;
}

const std::string& class_label(const class_scheme& s, std::uint32_t index) {
  return index < s.classes.size() ? s.classes[index].label : s.exempt.label;
}

namespace {
// The class index of each 1-based position for the rank method.
std::vector<std::uint32_t> position_classes(const class_scheme& s, std::size_t rated) {
  const auto quotas = rank_quotas(s, rated);
  std::vector<std::uint32_t> out;
  out.reserve(rated + 1);
  out.push_back(0);  // position 0 is unused
  for (std::uint32_t c = 0; c < quotas.size(); ++c) out.insert(out.end(), quotas[c], c);
  return out;
}

void check_inputs(const class_scheme& s, std::size_t n, const std::vector<std::uint8_t>& exempt) {
  if (auto problems = validate_class_scheme(s); !problems.empty()) throw error(std::move(problems));
  if (!exempt.empty() && exempt.size() != n)
    throw error(errc::shape_mismatch, "", fmt::format("{} entities but {} exempt flags", n, exempt.size()));
}

void cutoff_classes(const class_scheme& s, const std::vector<double>& scores,
                    const std::vector<std::uint8_t>& exempt, land_classes& out) {
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!exempt.empty() && exempt[i]) continue;
    if (!(scores[i] == scores[i]))
      throw error(errc::missing_value, fmt::format("#{}", i), "a rated entity has no score");
    std::uint32_t c = 0;
    while (c + 1 < s.classes.size() && !(s.classes[c].min && *s.classes[c].min <= scores[i])) ++c;
    out.class_of[i] = c;
  }
}

void count(land_classes& out) {
  for (auto c : out.class_of) ++out.counts[c];
}
}  // namespace

land_classes classify(const class_scheme& s, const std::vector<double>& scores,
                      const std::vector<std::uint8_t>& exempt) {
  const std::size_t n = scores.size();
  check_inputs(s, n, exempt);
  if (s.method == class_method::cutoffs) {
    land_classes out;
    out.class_of.assign(n, static_cast<std::uint32_t>(s.classes.size()));
    out.counts.assign(s.classes.size() + 1, 0);
    cutoff_classes(s, scores, exempt, out);
    count(out);
    return out;
  }
  return classify_ranked(s, competition_ranks(scores, exempt), {}, exempt);
}

std::vector<std::int32_t> competition_ranks(const std::vector<double>& scores,
                                            const std::vector<std::uint8_t>& exempt) {
  const std::size_t n = scores.size();
  if (!exempt.empty() && exempt.size() != n)
    throw error(errc::shape_mismatch, "", fmt::format("{} scores but {} exempt flags", n, exempt.size()));
  std::vector<double> rated;
  std::vector<std::uint32_t> index;
  rated.reserve(n);
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!exempt.empty() && exempt[i]) continue;
    if (!(scores[i] == scores[i]))
      throw error(errc::missing_value, fmt::format("#{}", i), "a rated entity has no score");
    rated.push_back(scores[i]);
    index.push_back(static_cast<std::uint32_t>(i));
  }
  std::vector<std::uint64_t> key;
  std::vector<std::uint32_t> idx =
      detail::rank_order(rated.data(), rated.size(), direction::higher_is_better, &key);
  for (auto& i : idx) i = index[i];
  const std::size_t m = idx.size();
  std::vector<std::int32_t> ranks(n, 0);
  for (std::size_t k = 0; k < m; ++k) {
    const bool tie = k > 0 && key[k] == key[k - 1];
    ranks[idx[k]] = tie ? ranks[idx[k - 1]] : static_cast<std::int32_t>(k + 1);
  }
  return ranks;
}

land_classes classify_ranked(const class_scheme& s, const std::vector<std::int32_t>& ranks,
                             const std::vector<double>& scores, const std::vector<std::uint8_t>& exempt) {
  const std::size_t n = ranks.size();
  check_inputs(s, n, exempt);
  land_classes out;
  out.class_of.assign(n, static_cast<std::uint32_t>(s.classes.size()));
  out.counts.assign(s.classes.size() + 1, 0);
  if (s.method == class_method::cutoffs) {
    if (scores.size() != n)
      throw error(errc::shape_mismatch, "", fmt::format("{} ranks but {} scores", n, scores.size()));
    cutoff_classes(s, scores, exempt, out);
    count(out);
    return out;
  }
  std::size_t rated = n;
  if (!exempt.empty())
    for (auto e : exempt) rated -= e ? 1 : 0;
  const auto by_position = position_classes(s, rated);
  for (std::size_t i = 0; i < n; ++i) {
    if (!exempt.empty() && exempt[i]) continue;
    const auto r = ranks[i];
    if (r < 1 || static_cast<std::size_t>(r) > rated)
      throw error(errc::shape_mismatch, fmt::format("#{}", i),
                  fmt::format("rank {} is outside 1..{}", r, rated));
    out.class_of[i] = by_position[static_cast<std::size_t>(r)];
  }
  count(out);
  return out;
}

}  // namespace zoneperf
