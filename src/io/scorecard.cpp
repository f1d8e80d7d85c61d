// Reading a scorecard file back into a scorecard, checking that its numbers agree with each other
// and with its tree.
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <unordered_set>

#include "../text/json_syntax.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {

using json = nlohmann::json;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// What the file gives of one unit, before it becomes a row of the assessment.
struct unit_read {
  std::string id;
  double total = nan;
  std::optional<std::int64_t> rank;
  int grade = -1;
  bool grade_unknown = false;  // a label the tree does not have (already reported)
  bool veto = false;
  std::vector<double> score, max;  // per kept node
  std::vector<std::uint8_t> all_missing;
  std::vector<leaf_explanation> leaves;
};

class reader {
 public:
  reader(const indicator_tree& tree, std::string_view source)
      : tree_(tree), src_(std::string(source) + ":") {}

  std::vector<problem> problems;

  // A number, or NaN for null (when allowed); a missing key gives `absent`.
  double number(const json& j, const char* key, const std::string& at, bool nullable, double absent) {
    auto it = j.find(key);
    if (it == j.end()) return absent;
    if (it->is_number()) return it->get<double>();
    if (nullable && it->is_null()) return nan;
    problems.push_back({errc::wrong_type, src_ + at + "/" + key,
                        std::string("expected a number") + (nullable ? " or null" : "") + ", got " +
                            detail::json_type_name(*it)});
    return nan;
  }

  bool boolean(const json& j, const char* key, const std::string& at) {
    auto it = j.find(key);
    if (it == j.end()) return false;
    if (it->is_boolean()) return it->get<bool>();
    problems.push_back({errc::wrong_type, src_ + at + "/" + key,
                        std::string("expected true or false, got ") + detail::json_type_name(*it)});
    return false;
  }

  // The kept nodes: the node ids of the first unit's "nodes", in tree order.
  std::vector<int> kept_nodes(const json& units) {
    std::vector<int> kept;
    if (units.empty() || !units[0].is_object()) return kept;
    auto nodes = units[0].find("nodes");
    if (nodes == units[0].end() || !nodes->is_object()) return kept;
    for (std::size_t i = 1; i < tree_.size(); ++i)
      if (nodes->contains(tree_.node(i).id)) kept.push_back(static_cast<int>(i));
    return kept;
  }

  unit_read unit(const json& u, const std::string& at, const std::vector<int>& kept) {
    unit_read r;
    auto id = u.find("id");
    if (id == u.end() || !id->is_string()) {
      problems.push_back({errc::missing_field, src_ + at + "/id", "missing unit id (a string)"});
      return r;
    }
    r.id = id->get<std::string>();
    const std::string named = " (unit \"" + r.id + "\")";
    auto total = u.find("total");
    if (total != u.end() && total->is_number())
      r.total = total->get<double>();
    else
      problems.push_back({total == u.end() ? errc::missing_field : errc::wrong_type, src_ + at + "/total",
                          "the total must be a number" + named});
    if (auto rank = u.find("rank"); rank != u.end() && !rank->is_null()) {
      if (rank->is_number_integer())
        r.rank = rank->get<std::int64_t>();
      else
        problems.push_back(
            {errc::wrong_type, src_ + at + "/rank", "a rank is a whole number or null" + named});
    }
    auto grade = u.find("grade");
    if (grade == u.end())
      problems.push_back(
          {errc::missing_field, src_ + at + "/grade", "missing \"grade\" (a label or null)" + named});
    else if (grade->is_string())
      r.grade_unknown = (r.grade = grade_index(grade->get<std::string>(), at + "/grade", named)) < 0;
    else if (!grade->is_null())
      problems.push_back({errc::wrong_type, src_ + at + "/grade", "a grade is a label or null" + named});
    r.veto = boolean(u, "veto", at);
    read_nodes(u, at, named, kept, r);
    read_leaves(u, at, named, r);
    return r;
  }

 private:
  int grade_index(const std::string& label, const std::string& at, const std::string& named) {
    const auto& g = tree_.grades();
    std::string known;
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (g[i].label == label) return static_cast<int>(i);
      known += (known.empty() ? "" : ", ") + g[i].label;
    }
    problems.push_back({errc::inconsistent_scorecard, src_ + at,
                        "grade \"" + label + "\" is not a grade of tree \"" + tree_.id() + "\" (" +
                            (known.empty() ? "it has none" : known) + ")" + named});
    return -1;
  }

  void read_nodes(const json& u, const std::string& at, const std::string& named,
                  const std::vector<int>& kept, unit_read& r) {
    auto nodes = u.find("nodes");
    if (nodes == u.end() && kept.empty()) return;
    if (nodes == u.end() || !nodes->is_object()) {
      problems.push_back({errc::missing_field, src_ + at + "/nodes",
                          "expected the node scores that the first unit gives" + named});
      return;
    }
    for (auto it = nodes->begin(); it != nodes->end(); ++it) {
      const auto i = tree_.find(it.key());
      if (!i || *i == 0 || std::find(kept.begin(), kept.end(), static_cast<int>(*i)) == kept.end())
        problems.push_back({errc::unknown_column, src_ + at + "/nodes/" + it.key(),
                            i ? "node \"" + it.key() + "\" is not among the first unit's nodes" + named
                              : "no node \"" + it.key() + "\" in tree \"" + tree_.id() + "\"" + named});
    }
    for (int k : kept) {
      const std::string& nid = tree_.node(static_cast<std::size_t>(k)).id;
      const std::string w = at + "/nodes/" + nid;
      auto x = nodes->find(nid);
      if (x == nodes->end() || !x->is_object()) {
        problems.push_back(
            {errc::missing_field, src_ + w, "missing the scores of node \"" + nid + "\"" + named});
        r.score.push_back(nan), r.max.push_back(nan), r.all_missing.push_back(0);
        continue;
      }
      const double score = number(*x, "score", w, true, nan), max = number(*x, "max", w, false, nan);
      const double rate = number(*x, "rate", w, true, nan);
      const double expect = max > 0 ? score / max : nan;
      if (!same(rate, expect))
        problems.push_back({errc::inconsistent_scorecard, src_ + w + "/rate",
                            "rate " + shortest(rate) + " is not score / max = " + shortest(expect) + named});
      r.score.push_back(score), r.max.push_back(max), r.all_missing.push_back(boolean(*x, "all_missing", w));
    }
  }

  void read_leaves(const json& u, const std::string& at, const std::string& named, unit_read& r) {
    auto leaves = u.find("leaves");
    if (leaves == u.end()) return;
    if (!leaves->is_object()) {
      problems.push_back({errc::wrong_type, src_ + at + "/leaves", "expected an object of leaves" + named});
      return;
    }
    for (auto it = leaves->begin(); it != leaves->end(); ++it) {
      const auto i = tree_.find(it.key());
      if (!i || tree_.node(*i).column < 0)
        problems.push_back({errc::unknown_column, src_ + at + "/leaves/" + it.key(),
                            "no leaf or item \"" + it.key() + "\" in tree \"" + tree_.id() + "\"" + named});
    }
    for (int c : tree_.columns()) {
      const node& n = tree_.node(static_cast<std::size_t>(c));
      auto x = leaves->find(n.id);
      if (x == leaves->end()) continue;
      const std::string w = at + "/leaves/" + n.id;
      if (!x->is_object()) {
        problems.push_back({errc::wrong_type, src_ + w, "expected an object" + named});
        continue;
      }
      leaf_explanation e;
      e.node = c;
      e.id = n.id;
      e.kind = n.kind;
      e.rule = n.rule.kind;
      e.actual = number(*x, "actual", w, true, nan);
      e.missing = std::isnan(e.actual);
      e.target = number(*x, "target", w, true, nan);
      if (auto s = x->find("target_source"); s != x->end() && s->is_string())
        e.source = s->get<std::string>() == "unit" ? leaf_explanation::target_source::unit
                                                   : leaf_explanation::target_source::default_value;
      e.ratio = number(*x, "ratio", w, true, nan);
      e.fraction = number(*x, "fraction", w, true, nan);
      e.capped = boolean(*x, "capped", w);
      e.points = number(*x, "points", w, true, nan);
      e.max = number(*x, "max", w, true, nan);
      e.vetoes = boolean(*x, "vetoes", w);
      if (auto rule = x->find("rule"); rule != x->end()) {
        const std::string expect = n.kind == node_kind::leaf ? to_string(n.rule.kind) : to_string(n.kind);
        if (!rule->is_string() || rule->get<std::string>() != expect)
          problems.push_back({errc::inconsistent_scorecard, src_ + w + "/rule",
                              "the tree scores \"" + n.id + "\" by rule \"" + expect + "\"" + named});
      }
      r.leaves.push_back(e);
    }
  }

  // Equal, both NaN, or within 1e-9 relative (a hand-written file rounds its decimals).
  static bool same(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
  }

  const indicator_tree& tree_;
  std::string src_;
};

// The tree named by the file, or the one given (which must be the one named).
indicator_tree tree_of(const json& root, std::string_view source, const indicator_tree* given) {
  const std::string src = std::string(source) + ":/tree";
  auto id = root.find("tree");
  if (id != root.end() && !id->is_string())
    throw error(errc::wrong_type, src, "expected the tree's id (a string)");
  if (given) {
    if (id != root.end() && id->get<std::string>() != given->id())
      throw error(
          errc::wrong_type, src,
          "the scorecard was made with tree \"" + id->get<std::string>() + "\", not \"" + given->id() + "\"");
    return *given;
  }
  if (id == root.end())
    throw error(errc::missing_field, src, "missing \"tree\": name the scorecard's tree, or pass the tree");
  return load_preset(id->get<std::string>());
}

}  // namespace

// Access to assessment's storage for the reader.
struct detail_scorecard_reader {
  static void fill(const indicator_tree& tree, const std::vector<int>& kept,
                   const std::vector<unit_read>& rows, bool ranked, assessment& out) {
    const auto n = static_cast<std::ptrdiff_t>(rows.size());
    const auto k = static_cast<std::ptrdiff_t>(kept.size());
    out.kept_ = kept;
    out.column_of_.assign(tree.size(), -1);
    for (std::size_t c = 0; c < kept.size(); ++c) out.column_of_[kept[c]] = static_cast<int>(c);
    out.node_max_.assign(tree.size(), 0.0);
    out.parent_.assign(tree.size(), -1);
    for (std::size_t i = 0; i < tree.size(); ++i) {
      const node& nd = tree.node(i);
      out.node_max_[i] = nd.kind == node_kind::bonus || nd.kind == node_kind::penalty ? nd.max
                         : nd.kind == node_kind::veto                                 ? 1.0
                                                                                      : nd.points;
      out.parent_[i] = nd.parent;
    }
    out.scale_column_.assign(tree.size(), -1);
    out.scale_.resize(n, 0);
    out.scores_.resize(n, k);
    out.read_max_.resize(n, k);
    out.read_all_missing_.assign(static_cast<std::size_t>(n * k), 0);
    out.totals_.resize(n);
    out.grades_.resize(static_cast<std::size_t>(n));
    out.veto_.resize(static_cast<std::size_t>(n));
    out.ranks_.clear();
    if (ranked) out.ranks_.resize(static_cast<std::size_t>(n));
    for (std::ptrdiff_t u = 0; u < n; ++u) {
      const unit_read& r = rows[static_cast<std::size_t>(u)];
      for (std::ptrdiff_t c = 0; c < k; ++c) {
        out.scores_(u, c) = r.score[static_cast<std::size_t>(c)];
        out.read_max_(u, c) = r.max[static_cast<std::size_t>(c)];
        out.read_all_missing_[static_cast<std::size_t>(u + c * n)] =
            r.all_missing[static_cast<std::size_t>(c)];
      }
      out.totals_[u] = r.total;
      out.grades_[static_cast<std::size_t>(u)] = r.grade;
      out.veto_[static_cast<std::size_t>(u)] = r.veto ? 1 : 0;
      if (ranked) out.ranks_[static_cast<std::size_t>(u)] = static_cast<std::int32_t>(*r.rank);
    }
  }
};

namespace {

// The cross-checks between a unit's numbers: total and parts, grade and total, veto.
void check_unit(const indicator_tree& tree, const std::vector<int>& kept, const unit_read& r,
                const std::string& at, std::vector<problem>& problems) {
  if (std::isnan(r.total)) return;
  const std::string named = " (unit \"" + r.id + "\")";
  // The total from its parts, when the file gives every part.
  double sum = 0;
  bool known = true;
  for (int c : tree.node(0).children) {
    const node& n = tree.node(static_cast<std::size_t>(c));
    double part = nan;
    if (auto k = std::find(kept.begin(), kept.end(), c); k != kept.end())
      part = r.score[static_cast<std::size_t>(k - kept.begin())];
    else
      for (const auto& e : r.leaves)
        if (e.node == c) part = e.points;
    if (n.kind == node_kind::veto) continue;
    if (std::isnan(part)) {
      known = false;
      break;
    }
    sum += n.kind == node_kind::penalty ? -part : part;
  }
  const double expect = std::max(0.0, sum);
  if (r.veto ? r.total != 0 : known && std::fabs(r.total - expect) > 1e-9 * std::max(1.0, std::fabs(expect)))
    problems.push_back(
        {errc::inconsistent_scorecard, at + "/total",
         "total " + shortest(r.total) + " is not " +
             (r.veto ? std::string("0: the unit is vetoed")
                     : "its parts' " + shortest(expect) + " (groups + bonuses − penalties, floored at 0)") +
             named});
  // The grade from the total: the first cut-off whose min ≤ total; a veto takes the lowest.
  if (r.grade_unknown) return;
  const auto& g = tree.grades();
  int grade = -1;
  if (r.veto && !g.empty())
    grade = static_cast<int>(g.size()) - 1;
  else
    for (std::size_t i = 0; i < g.size() && grade < 0; ++i)
      if (g[i].min <= r.total) grade = static_cast<int>(i);
  auto label = [&](int i) {
    return i < 0 ? std::string("null") : "\"" + g[static_cast<std::size_t>(i)].label + "\"";
  };
  if (r.grade != grade)
    problems.push_back({errc::inconsistent_scorecard, at + "/grade",
                        "grade " + label(r.grade) + " does not follow from total " + shortest(r.total) +
                            ": the tree gives " + label(grade) + named});
}

// Competition ranks of the totals (1, 2, 2, 4): the file's ranks must be these.
void check_ranks(const std::vector<unit_read>& rows, std::string_view source,
                 std::vector<problem>& problems) {
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rows[a].total > rows[b].total; });
  std::int64_t rank = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const unit_read& r = rows[order[k]];
    if (k == 0 || r.total != rows[order[k - 1]].total) rank = static_cast<std::int64_t>(k) + 1;
    if (*r.rank != rank)
      problems.push_back({errc::inconsistent_scorecard,
                          std::string(source) + ":/units/" + std::to_string(order[k]) + "/rank",
                          "rank " + std::to_string(*r.rank) + " does not follow from total " +
                              shortest(r.total) + " among the scorecard's totals: it is " +
                              std::to_string(rank) + " (unit \"" + r.id + "\")"});
  }
}

}  // namespace

scorecard read_scorecard(std::string_view text, std::string_view source, const indicator_tree* tree_in) {
  const json root = detail::parse_json(text, source);
  auto units = root.is_object() ? root.find("units") : root.end();
  if (!root.is_object() || units == root.end() || !units->is_array())
    throw error(errc::missing_field, std::string(source) + ":/units",
                "a scorecard is {\"tree\": id, \"units\": [{\"id\", \"total\", \"rank\", \"grade\", ...}]}");
  scorecard out{tree_of(root, source, tree_in), {}, {}, {}};
  const indicator_tree& tree = out.tree;
  reader rd(tree, source);
  const std::vector<int> kept = rd.kept_nodes(*units);
  std::vector<unit_read> rows;
  std::unordered_set<std::string> seen;
  const std::string src = std::string(source) + ":";
  for (std::size_t i = 0; i < units->size(); ++i) {
    const json& u = (*units)[i];
    const std::string at = "/units/" + std::to_string(i);
    if (!u.is_object()) {
      rd.problems.push_back({errc::wrong_type, src + at,
                             std::string("expected a unit object, got ") + detail::json_type_name(u)});
      continue;
    }
    unit_read r = rd.unit(u, at, kept);
    if (r.id.empty() && !u.contains("id")) continue;
    if (!seen.insert(r.id).second)
      rd.problems.push_back({errc::duplicate_unit, src + at + "/id", "unit \"" + r.id + "\" is given twice"});
    check_unit(tree, kept, r, src + at, rd.problems);
    rows.push_back(std::move(r));
  }
  std::size_t ranked = 0;
  for (const auto& r : rows) ranked += r.rank ? 1 : 0;
  if (ranked != 0 && ranked != rows.size())
    rd.problems.push_back({errc::inconsistent_scorecard, src + "/units",
                           "some units have a rank and some do not: rank all of them or none"});
  if (rd.problems.empty() && ranked == rows.size() && !rows.empty()) check_ranks(rows, source, rd.problems);
  if (!rd.problems.empty()) throw error(std::move(rd.problems));

  detail_scorecard_reader::fill(tree, kept, rows, ranked != 0, out.result);
  out.units.reserve(rows.size());
  out.leaves.reserve(rows.size());
  for (auto& r : rows) {
    out.units.push_back(std::move(r.id));
    out.leaves.push_back(std::move(r.leaves));
  }
  return out;
}

scorecard read_scorecard_file(const std::string& path, const indicator_tree* tree) {
  return read_scorecard(read_text_file(path), path, tree);
}

}  // namespace zoneperf
