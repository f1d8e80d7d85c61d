#include "zoneperf/io/report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "zoneperf/period_values.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/json_writer.hpp"
#include "zoneperf/text/markup.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {

namespace {

const char* source_name(leaf_explanation::target_source s) {
  switch (s) {
    case leaf_explanation::target_source::unit:
      return "unit";
    case leaf_explanation::target_source::default_value:
      return "default";
    default:
      return nullptr;
  }
}

// A year-to-date leaf: its annual target t, k and n (t_p = (t x k) / n is "target", unless
// target_from says the period's own targets gave it) and its verdict; leaves that are not scaled
// get a null schedule.
void write_schedule(json_writer& w, const leaf_explanation& e, const ytd_targets& ytd, std::ptrdiff_t unit) {
  auto s = std::find(ytd.scaled.begin(), ytd.scaled.end(), e.node);
  if (s == ytd.scaled.end()) {
    w.key("schedule");
    w.null();
    return;
  }
  const auto column = static_cast<std::size_t>(s - ytd.scaled.begin());
  w.member("annual_target", ytd.annual.values(unit, static_cast<Eigen::Index>(column)));
  w.member("k", ytd.fraction.k);
  w.member("n", ytd.fraction.n);
  // "target" is (t x k) / n, or the period's own target where one was given.
  w.member("target_from", ytd.given(static_cast<std::size_t>(unit), column) ? "period_targets" : "scaled");
  w.key("schedule");
  switch (schedule_of(e, ytd)) {
    case schedule_verdict::on_schedule:
      w.value("on_schedule");
      break;
    case schedule_verdict::behind:
      w.value("behind");
      break;
    default:
      w.null();
  }
}

// A unit's "nodes" object, written from text made once for the report (the keys, the new lines
// and the indentation around each node's numbers), byte for byte what json_writer writes member by
// member: {"<id>": {"score": s, "max": m, "rate": r[, "all_missing": true]}, ...}.
class node_layout {
 public:
  node_layout() = default;
  // `depth`: the writer's depth() at the object (the unit's level).
  node_layout(const indicator_tree& tree, const assessment& r, int indent, std::size_t depth) {
    const std::string sep(json_key_separator(indent));
    const std::string inner = json_newline(indent, depth + 2);
    const std::string max = "," + inner + "\"max\"" + sep, rate = "," + inner + "\"rate\"" + sep;
    for (int idx : r.kept_nodes()) {
      const auto i = static_cast<std::size_t>(idx);
      node n;
      n.index = i;
      n.head = std::string(nodes_.empty() ? "" : ",") + json_newline(indent, depth + 1) +
               json_quoted(tree.node(i).id) + sep + "{" + inner + "\"score\"" + sep;
      n.scores = r.scores().data() + static_cast<std::ptrdiff_t>(nodes_.size()) * r.units();
      n.fixed = r.units() > 0 && r.fixed_max(i);
      if (n.fixed) {  // the max is written once into the text between the score and the rate
        n.max = r.max(0, i);
        n.mid = max;
        append_json_number(n.mid, n.max);
        n.mid += rate;
      }
      nodes_.push_back(std::move(n));
    }
    max_ = max;
    rate_ = rate;
    all_missing_ = "," + inner + "\"all_missing\"" + sep + "true";
    node_end_ = json_newline(indent, depth + 1) + "}";
    end_ = json_newline(indent, depth) + "}";
    last_.resize(3 * nodes_.size());
    // the most a unit's text can take: each node's texts and three numbers at their longest
    std::size_t most = 1 + end_.size() + json_number_room;
    for (const node& n : nodes_)
      most += n.head.size() + std::max(n.mid.size(), max_.size() + rate_.size() + all_missing_.size()) +
              node_end_.size() + 3 * json_number_room;
    text_.resize(most);
  }
  // Appends unit u's nodes to `b`, put together in one buffer first: one append, not six a node.
  void write(std::string& b, const assessment& r, std::ptrdiff_t u) {
    char* p = text_.data();
    *p++ = '{';
    number_text* last = last_.data();
    for (const node& n : nodes_) {
      p = put(p, n.head);
      if (n.fixed) {  // as r.score, r.max and r.rate give them, without their lookups
        const double score = n.scores[u];
        p = last[0].write(p, score);
        p = put(p, n.mid);
        p = last[2].write(p, n.max > 0 ? score / n.max : std::numeric_limits<double>::quiet_NaN());
      } else {
        p = last[0].write(p, r.score(u, n.index));
        p = put(p, max_);
        p = last[1].write(p, r.max(u, n.index));
        p = put(p, rate_);
        p = last[2].write(p, r.rate(u, n.index));
        if (r.all_missing(u, n.index)) p = put(p, all_missing_);
      }
      p = put(p, node_end_);
      last += 3;
    }
    p = nodes_.empty() ? put(p, "}") : put(p, end_);
    b.append(text_.data(), p);
  }

 private:
  static char* put(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
  }
  // The text of the number written last in one place (a node's max is mostly the same for every
  // unit, so are capped scores and rates): written again without formatting when the bits match.
  struct number_text {
    std::uint64_t bits = 0;
    std::uint8_t length = 0;  // 0: nothing yet
    char text[32];
    // `p` has room for json_number_room bytes.
    char* write(char* p, double v) {
      std::uint64_t x;
      std::memcpy(&x, &v, sizeof x);
      if (length != 0 && x == bits) {
        std::memcpy(p, text, sizeof text);
        return p + length;
      }
      char* end = write_json_number(p, v);
      const auto n = static_cast<std::size_t>(end - p);
      length = n <= sizeof text ? static_cast<std::uint8_t>(n) : 0;
      std::memcpy(text, p, sizeof text);
      bits = x;
      return end;
    }
  };
  struct node {
    std::size_t index = 0;  // tree index
    std::string head;       // up to the score's value
    const double* scores = nullptr;
    bool fixed = false;  // assessment::fixed_max: `mid` holds the max and the rate's key
    double max = 0;
    std::string mid;
  };
  std::vector<number_text> last_;
  std::vector<node> nodes_;
  std::string max_, rate_, all_missing_, node_end_, end_;
  std::vector<char> text_;  // a unit's nodes put together
};

std::string_view grade_text(const indicator_tree& tree, const assessment& r, std::ptrdiff_t u) {
  const int g = r.grade(u);
  if (g < 0) return "-";
  return tree.grades()[static_cast<std::size_t>(g)].label;
}
}  // namespace

void write_report_json(text_output& out, const indicator_tree& tree, const assessment& r,
                       const std::vector<std::string>& units,
                       const std::vector<std::vector<leaf_explanation>>* leaves, int indent,
                       const ytd_targets* ytd) {
  json_writer w(out, indent);
  w.begin_object();
  w.member("tree", tree.id());
  w.key("units");
  w.begin_array();
  const bool ranked = !r.ranks().empty();
  node_layout nodes;
  for (std::ptrdiff_t u = 0; u < r.units(); ++u) {
    w.begin_object();
    w.member("id", units.at(static_cast<std::size_t>(u)));
    w.member("total", r.total(u));
    w.key("rank");
    ranked ? w.value(r.rank(u)) : w.null();
    w.key("grade");
    const int g = r.grade(u);
    g >= 0 ? w.value(tree.grades()[static_cast<std::size_t>(g)].label) : w.null();
    w.member("veto", r.vetoed(u));
    w.key("nodes");
    if (u == 0) nodes = node_layout(tree, r, w.indent(), w.depth());
    nodes.write(w.raw_value(), r, u);
    out.maybe_flush();
    if (leaves && !(*leaves).at(static_cast<std::size_t>(u)).empty()) {
      w.key("leaves");
      w.begin_object();
      for (const auto& e : (*leaves).at(static_cast<std::size_t>(u))) {
        w.key(e.id);
        w.begin_object();
        w.member("actual", e.actual);
        w.member("target", e.target);
        w.key("target_source");
        const char* src = source_name(e.source);
        src ? w.value(src) : w.null();
        w.member("ratio", e.ratio);
        w.member("rule", e.kind == node_kind::leaf ? to_string(e.rule) : to_string(e.kind));
        w.member("fraction", e.fraction);
        w.member("capped", e.capped);
        w.member("points", e.points);
        w.member("max", e.max);
        w.member("vetoes", e.vetoes);
        if (ytd) write_schedule(w, e, *ytd, u);
        w.end_object();
      }
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out << '\n';
}

std::string report_json(const indicator_tree& tree, const assessment& r,
                        const std::vector<std::string>& units,
                        const std::vector<std::vector<leaf_explanation>>* leaves, int indent) {
  text_output out;
  write_report_json(out, tree, r, units, leaves, indent);
  return out.str();
}

namespace {
// The summary's header: unit, each group (id or name), total, rank, grade, veto.
std::vector<std::string> summary_header(const indicator_tree& tree, bool ids) {
  std::vector<std::string> h{"unit"};
  for (int g : tree.groups())
    h.push_back(ids ? tree.node(static_cast<std::size_t>(g)).id
                    : tree.node(static_cast<std::size_t>(g)).name);
  for (const char* x : {"total", "rank", "grade", "veto"}) h.emplace_back(x);
  return h;
}
}  // namespace

void write_report_csv(text_output& out, const indicator_tree& tree, const assessment& r,
                      const std::vector<std::string>& units) {
  std::string& b = out.buffer();
  const auto header = summary_header(tree, true);
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (c) b += ',';
    append_csv_field(b, header[c], csv_for::people);
  }
  b += '\n';
  // Each row's numbers are formatted into one buffer and appended at once.
  const bool ranked = !r.ranks().empty();
  const auto& groups = tree.groups();
  std::vector<char> row((groups.size() + 2) * (shortest_chars + 1) + 16);
  for (std::ptrdiff_t u = 0; u < r.units(); ++u) {
    append_csv_field(b, units.at(static_cast<std::size_t>(u)), csv_for::people);
    char* p = row.data();
    for (int g : groups) {
      *p++ = ',';
      p = write_shortest(p, r.score(u, static_cast<std::size_t>(g)));
    }
    *p++ = ',';
    p = write_shortest(p, r.total(u));
    *p++ = ',';
    if (ranked) p = std::to_chars(p, p + 16, r.rank(u)).ptr;
    *p++ = ',';
    b.append(row.data(), p);
    append_csv_field(b, grade_text(tree, r, u), csv_for::people);
    b += r.vetoed(u) ? ",yes\n" : ",no\n";
    out.maybe_flush();
  }
}

std::string report_csv(const indicator_tree& tree, const assessment& r,
                       const std::vector<std::string>& units) {
  text_output out;
  write_report_csv(out, tree, r, units);
  return out.str();
}

void write_report_markdown(text_output& out, const indicator_tree& tree, const assessment& r,
                           const std::vector<std::string>& units) {
  const auto header = summary_header(tree, false);
  out << "## " << markdown_text(tree.name()) << " (" << markdown_text(tree.id()) << ")\n\n|";
  for (const auto& h : header) out << " " << markdown_text(h) << " |";
  out << "\n|---|";
  for (std::size_t c = 1; c < header.size(); ++c) out << "---:|";
  out << "\n";
  const bool ranked = !r.ranks().empty();
  for (std::ptrdiff_t u = 0; u < r.units(); ++u) {
    out << "| " << markdown_text(units.at(static_cast<std::size_t>(u))) << " |";
    for (int g : tree.groups()) out << " " << fixed(r.score(u, static_cast<std::size_t>(g))) << " |";
    out << " " << fixed(r.total(u)) << " | " << (ranked ? std::to_string(r.rank(u)) : std::string()) << " | "
        << markdown_text(grade_text(tree, r, u)) << " | " << (r.vetoed(u) ? "yes" : "no") << " |\n";
    out.maybe_flush();
  }
}

std::string report_markdown(const indicator_tree& tree, const assessment& r,
                            const std::vector<std::string>& units) {
  text_output out;
  write_report_markdown(out, tree, r, units);
  return out.str();
}

std::string explanation_markdown(const indicator_tree& tree, const std::vector<leaf_explanation>& leaves) {
  std::string out =
      "| indicator | actual | target | ratio | rule | fraction | capped | points | max |\n"
      "|---|---:|---:|---:|---|---:|---|---:|---:|\n";
  for (const auto& e : leaves) {
    const node& n = tree.node(static_cast<std::size_t>(e.node));
    out += "| " + markdown_text(n.id + " " + n.name) + " | " + (e.missing ? "missing" : shortest(e.actual)) +
           " | " + (std::isnan(e.target) ? "-" : shortest(e.target)) + " | " +
           (std::isnan(e.ratio) ? "-" : fixed(e.ratio, 4)) + " | " +
           (e.kind == node_kind::leaf ? to_string(e.rule) : to_string(e.kind)) + " | " +
           fixed(e.fraction, 4) + " | " + (e.capped ? "yes" : "no") + " | " + fixed(e.points, 4) + " | " +
           fixed(e.max, 2) + " |\n";
  }
  return out;
}

void write_report_json(text_output& out, const scorecard& card, int indent) {
  const bool explained = card.leaves.size() == card.units.size();
  write_report_json(out, card.tree, card.result, card.units, explained ? &card.leaves : nullptr, indent);
}

std::string report_json(const scorecard& card, int indent) {
  text_output out;
  write_report_json(out, card, indent);
  return out.str();
}

std::string report_csv(const scorecard& card) { return report_csv(card.tree, card.result, card.units); }

std::string report_markdown(const scorecard& card) {
  return report_markdown(card.tree, card.result, card.units);
}

}  // namespace zoneperf
