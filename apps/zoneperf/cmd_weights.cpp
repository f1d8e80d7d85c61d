// zoneperf weights ahp|entropy|critic|sd|equal|roc, zoneperf uncertainty, and the robustness step of the
// demo.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

#include "cli.hpp"
#include "progress.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/json_writer.hpp"
#include "zoneperf/text/markup.hpp"
#include "zoneperf/weights.hpp"

namespace zoneperf::cli {
namespace {

using ojson = nlohmann::ordered_json;

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty() || !out.empty()) out.push_back(cur);
  return out;
}

// Options shared by the weights commands: the optional tree, the level to apply to, the rounding.
struct weights_args {
  std::string preset, tree_file, parent, out, rounding = "largest-remainder";
  double step = 1;
  output_format format = output_format::table;
  // ahp
  std::string matrix_file, ri_list;
  double accept_below = 0.10, tolerance = 0.01;
  // data methods
  std::string values_file, columns, lower;
  // equal / roc
  std::vector<std::string> names;
};

std::optional<indicator_tree> tree_of(const weights_args& a) {
  if (!a.tree_file.empty()) return indicator_tree::from_file(a.tree_file);
  if (!a.preset.empty()) return load_preset(a.preset);
  return std::nullopt;
}

void add_tree_options(CLI::App* cmd, weights_args& a) {
  auto* preset = cmd->add_option("--preset", a.preset, "A preset scorecard whose level takes the weights");
  auto* tree = cmd->add_option("--tree", a.tree_file, "A tree file (JSON) whose level takes the weights")
                   ->check(CLI::ExistingFile);
  preset->excludes(tree);
  cmd->add_option("--parent", a.parent,
                  "Apply the weights to this node's children (the root's id for the groups); needs --out");
  cmd->add_option("--out", a.out, "Write the reweighted tree (JSON) to this file");
  cmd->add_option("--step", a.step, "Points quantum for largest-remainder rounding")->capture_default_str();
  cmd->add_option("--rounding", a.rounding, "largest-remainder (parts add up exactly) or none")
      ->check(CLI::IsMember({"largest-remainder", "none"}))
      ->capture_default_str();
  add_format_option(*cmd, a.format);
}

// The scored children of --parent, when given.
std::vector<std::string> level_ids(const indicator_tree& tree, const std::string& parent) {
  const auto p = tree.find(parent);
  if (!p) throw error(errc::bad_level, parent, fmt::format("no node '{}' in the tree", parent));
  std::vector<std::string> ids;
  for (int c : tree.node(*p).children) {
    const auto& n = tree.node(static_cast<std::size_t>(c));
    if (n.kind == node_kind::group || n.kind == node_kind::leaf) ids.push_back(n.id);
  }
  return ids;
}

void print_weights(const weights_args& a, const std::string& method, const std::vector<std::string>& names,
                   const Eigen::VectorXd& w, const Eigen::VectorXd* measure, const char* measure_name,
                   const std::vector<double>* points, const ahp_result* ahp_r) {
  if (a.format == output_format::json) {
    ojson j;
    j["method"] = method;
    ojson rows = ojson::array();
    for (std::size_t i = 0; i < names.size(); ++i) {
      ojson r;
      r["id"] = names[i];
      r["weight"] = w[static_cast<Eigen::Index>(i)];
      if (measure) r[measure_name] = (*measure)[static_cast<Eigen::Index>(i)];
      if (points) r["points"] = (*points)[i];
      rows.push_back(r);
    }
    j["criteria"] = rows;
    if (ahp_r) {
      j["lambda_max"] = ahp_r->lambda_max;
      j["ci"] = ahp_r->ci;
      j["ri"] = ahp_r->ri;
      j["ri_table"] = ahp_r->ri_table;
      j["cr"] = ahp_r->cr;
      j["acceptable"] = ahp_r->acceptable;
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  text_table t;
  t.header = {"criterion", "weight"};
  t.right = {false, true};
  if (measure) {
    t.header.push_back(measure_name);
    t.right.push_back(true);
  }
  if (points) {
    t.header.push_back("points");
    t.right.push_back(true);
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::vector<std::string> row{names[i], fixed(w[static_cast<Eigen::Index>(i)], 4)};
    if (measure) row.push_back(fixed((*measure)[static_cast<Eigen::Index>(i)], 4));
    if (points) row.push_back(shortest((*points)[i]));
    t.rows.push_back(std::move(row));
  }
  output_for(a.format) << (a.format == output_format::csv        ? t.csv()
                           : a.format == output_format::markdown ? t.markdown()
                                                                 : t.render());
  if (ahp_r && a.format != output_format::csv) {
    std::cout << fmt::format(
        "\nlambda_max {:.4f}  CI {:.4f}  RI {} ({})  CR {:.4f}: {}\n", ahp_r->lambda_max, ahp_r->ci,
        shortest(ahp_r->ri), ahp_r->ri_table, ahp_r->cr,
        ahp_r->acceptable ? "acceptable (CR < 0.10)" : "NOT acceptable: revise the judgements");
  }
}

// Applies the weights to --parent when asked; returns the new points (in `names` order).
std::optional<std::vector<double>> maybe_apply(const weights_args& a, const std::vector<std::string>& names,
                                               const Eigen::VectorXd& w) {
  if (a.parent.empty()) return std::nullopt;
  const auto tree = tree_of(a);
  if (!tree) throw error(errc::bad_level, a.parent, "--parent needs --preset or --tree");
  if (a.out.empty())
    throw error(errc::bad_level, a.parent, "--parent needs --out FILE for the reweighted tree");
  points_options o;
  o.rounding = a.rounding == "none" ? points_rounding::none : points_rounding::largest_remainder;
  o.step = a.step;
  const std::vector<double> wv(w.data(), w.data() + w.size());
  const indicator_tree t = apply_weights(*tree, a.parent, names, wv, o);
  write_file(a.out, t.to_json());
  std::vector<double> pts;
  for (const auto& n : names) pts.push_back(t.node(t.index_of(n)).points);
  return pts;
}

void run_ahp(const weights_args& a) {
  ahp_options o;
  o.accept_below = a.accept_below;
  o.reciprocal_tolerance = a.tolerance;
  random_index_table custom;
  if (!a.ri_list.empty()) {
    custom.name = "custom";
    for (const auto& cell : split_list(a.ri_list)) {
      const auto v = parse_number(cell, "--ri");
      if (!v) throw error(errc::no_random_index, "--ri", "empty entry in the random-index list");
      custom.values.push_back(*v);
    }
    o.random_index = &custom;
  }
  const auto m = read_pairwise_file(a.matrix_file, o);
  const auto r = ahp(m, o);
  const auto pts = maybe_apply(a, r.names, r.weights);
  print_weights(a, "ahp", r.names, r.weights, nullptr, "", pts ? &*pts : nullptr, &r);
}

void run_data_method(const weights_args& a, const std::string& method) {
  criteria_matrix m = read_criteria_file(a.values_file);
  std::vector<std::string> cols;
  std::vector<direction> dirs;
  const auto tree = tree_of(a);
  if (!a.columns.empty()) {
    cols = split_list(a.columns);
  } else if (tree && !a.parent.empty()) {
    cols = level_ids(*tree, a.parent);
  } else if (tree) {
    for (int c : tree->columns()) {
      if (tree->node(static_cast<std::size_t>(c)).kind == node_kind::leaf)
        cols.push_back(tree->node(static_cast<std::size_t>(c)).id);
    }
  }
  if (!cols.empty()) m = select_columns(m, cols);
  const auto lower = split_list(a.lower);
  for (const auto& c : m.columns) {
    direction d = direction::higher_is_better;
    if (tree) {
      const auto i = tree->find(c);
      if (!i || tree->node(*i).kind != node_kind::leaf) {
        throw error(errc::bad_level, c,
                    fmt::format("'{}' is not a leaf of the tree: data weights need leaf columns", c));
      }
      d = tree->node(*i).dir;
    }
    if (std::find(lower.begin(), lower.end(), c) != lower.end()) d = direction::lower_is_better;
    dirs.push_back(d);
  }
  derived_weights w;
  const char* measure = "";
  if (method == "entropy") {
    w = entropy_weights(m);
    measure = "1-e";
  } else if (method == "critic") {
    w = critic_weights(m, dirs);
    measure = "C";
  } else {
    w = sd_weights(m, dirs);
    measure = "sd";
  }
  const auto pts = maybe_apply(a, w.names, w.weights);
  print_weights(a, method, w.names, w.weights, &w.measure, measure, pts ? &*pts : nullptr, nullptr);
}

void run_listed(const weights_args& a, const std::string& method) {
  const auto w = method == "roc" ? roc_weights(a.names) : equal_weights(a.names);
  const auto pts = maybe_apply(a, w.names, w.weights);
  print_weights(a, method, w.names, w.weights, nullptr, "", pts ? &*pts : nullptr, nullptr);
}

void add_weights_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "weights", "Derive weights (AHP, entropy, CRITIC, SD, equal, ROC) and apply them to a tree level");
  cmd->require_subcommand(1);
  static weights_args a;

  auto* ahp_cmd =
      cmd->add_subcommand("ahp", "AHP weights and consistency ratio from a pairwise comparison matrix CSV");
  ahp_cmd
      ->add_option("matrix", a.matrix_file,
                   "Matrix table: n rows of n judgements (1/3 or 0.333), optional names (CSV or .xlsx/.xls, "
                   "book.xlsx#Sheet2)")
      ->required()
      ->check(table_file);
  ahp_cmd->add_option("--ri", a.ri_list, "Random-index table RI(1),RI(2),... (default Saaty's classic)");
  ahp_cmd->add_option("--accept-below", a.accept_below, "Accept when CR is below this")
      ->capture_default_str();
  ahp_cmd->add_option("--tolerance", a.tolerance, "Allowed |a_ij * a_ji - 1|")->capture_default_str();
  add_tree_options(ahp_cmd, a);
  ahp_cmd->callback([] { run_ahp(a); });

  for (const char* method : {"entropy", "critic", "sd"}) {
    const std::string m = method;
    auto* sub = cmd->add_subcommand(m, m == "entropy"  ? "Entropy weights from a values CSV"
                                       : m == "critic" ? "CRITIC weights (Diakoulaki 1995) from a values CSV"
                                                       : "Standard-deviation weights from a values CSV");
    sub->add_option("--values", a.values_file,
                    "Values table: unit,<columns> (CSV or .xlsx/.xls, book.xlsx#Sheet2)")
        ->required()
        ->check(table_file);
    sub->add_option("--columns", a.columns,
                    "Use these columns (comma-separated; default: the tree's leaves, or all)");
    sub->add_option("--lower", a.lower,
                    "Columns where lower is better (comma-separated; a tree gives directions)");
    add_tree_options(sub, a);
    sub->callback([m] { run_data_method(a, m); });
  }
  for (const char* method : {"equal", "roc"}) {
    const std::string m = method;
    auto* sub = cmd->add_subcommand(
        m, m == "roc" ? "Rank-order centroid weights, most important first" : "Equal weights");
    sub->add_option("names", a.names, "Criteria (for roc: most important first)")->required();
    add_tree_options(sub, a);
    sub->callback([m] { run_listed(a, m); });
  }
}

// ---- zoneperf uncertainty ----

struct uncertainty_args {
  std::string preset, tree_file, values_file, targets_file, method = "uniform";
  uncertainty_options options;
  output_format format = output_format::table;
  progress_display progress = progress_display::automatic;
};

std::string settings_line(const uncertainty_options& o) {
  const std::string how = o.method == perturbation::uniform
                              ? fmt::format("uniform ±{} %", shortest(o.percent))
                              : fmt::format("Dirichlet, concentration {}", shortest(o.concentration));
  const std::string where = o.depth == 0 ? "every level" : fmt::format("depth {}", o.depth);
  return fmt::format("{} weight sets ({} on {}), seed {} (mt19937_64)", o.samples, how, where, o.seed);
}

// Writes the output of `zoneperf uncertainty` unit by unit, each unit's histogram as it is handed
// over, in chunks of about 1 MB: no document of the whole output is ever built. Table column widths
// come from the summaries (all known before the first histogram); the histogram column is last.
class uncertainty_writer {
 public:
  uncertainty_writer(std::ostream& os, output_format format, const uncertainty_options& o, bool histograms,
                     bool settings)
      : out_(os, "standard output"), format_(format), o_(o), histograms_(histograms), settings_(settings) {}

  void unit(const uncertainty_result& r, std::ptrdiff_t u, const rank_count* h, std::size_t n) {
    if (!begun_) begin(r);
    const auto i = static_cast<std::size_t>(u);
    if (format_ == output_format::json) {
      buf_ += u == 0 ? "\n    {" : ",\n    {";
      buf_ += "\"unit\": ";
      scalar().value(r.units[i]);
      buf_ += ", \"nominal_total\": ";
      scalar().value(r.nominal_total[u]);
      buf_ += fmt::format(", \"nominal_rank\": {}, \"median_rank\": {}, \"rank_p05\": {}, \"rank_p95\": {}",
                          r.nominal_rank[i], r.median_rank[i], r.rank_p05[i], r.rank_p95[i]);
      buf_ += ", \"p_rank_1\": ";
      scalar().value(r.p_first[u]);
      buf_ += ", \"p_top_k\": ";
      scalar().value(r.p_top_k[u]);
      if (histograms_) {
        buf_ += ", \"histogram\": [";
        for (std::size_t e = 0; e < n; ++e) {
          buf_ += e ? ", [" : "[";
          append_int(h[e].rank);
          buf_ += ", ";
          append_int(h[e].count);
          buf_ += ']';
        }
        buf_ += ']';
      }
      buf_ += '}';
    } else {
      std::vector<std::string> cells = summary_cells(r, u);
      if (histograms_) {
        std::string t;
        const char sep = format_ == output_format::csv ? ';' : ' ';
        char digits[16];
        for (std::size_t e = 0; e < n; ++e) {
          if (e) t += sep;
          t.append(digits, std::to_chars(digits, digits + sizeof digits, h[e].rank).ptr);
          t += ':';
          t.append(digits, std::to_chars(digits, digits + sizeof digits, h[e].count).ptr);
        }
        cells.push_back(std::move(t));
      }
      line(cells);
    }
    out_.maybe_flush();
  }

  void finish(const uncertainty_result& r) {
    if (!begun_) begin(r);
    if (format_ == output_format::json) buf_ += r.size() > 0 ? "\n  ]\n}\n" : "]\n}\n";
    flush();
  }

 private:
  void append_int(std::int32_t v) {
    char digits[16];
    buf_.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
  }

  std::vector<std::string> summary_cells(const uncertainty_result& r, std::ptrdiff_t u) const {
    const auto i = static_cast<std::size_t>(u);
    return {r.units[i],
            fixed(r.nominal_total[u]),
            std::to_string(r.nominal_rank[i]),
            std::to_string(r.median_rank[i]),
            std::to_string(r.rank_p05[i]),
            std::to_string(r.rank_p95[i]),
            fixed(r.p_first[u], 3),
            fixed(r.p_top_k[u], 3)};
  }

  void begin(const uncertainty_result& r) {
    begun_ = true;
    if (format_ == output_format::json) {
      buf_ += fmt::format("{{\n  \"samples\": {},\n  \"seed\": {},\n  \"method\": \"{}\",\n", o_.samples,
                          o_.seed, o_.method == perturbation::uniform ? "uniform" : "dirichlet");
      buf_ += o_.method == perturbation::uniform ? "  \"percent\": " : "  \"concentration\": ";
      scalar().value(o_.method == perturbation::uniform ? o_.percent : o_.concentration);
      buf_ += fmt::format(",\n  \"depth\": {},\n  \"top_k\": {},\n  \"units\": [", o_.depth, o_.top_k);
      return;
    }
    header_ = {"unit", "nominal", "rank",      "median",
               "5%",   "95%",     "P(rank 1)", fmt::format("P(top {})", r.top_k)};
    right_ = {false, true, true, true, true, true, true, true};
    if (histograms_) {
      header_.push_back(format_ == output_format::csv ? "histogram" : "ranks reached (rank:count)");
      right_.push_back(false);
    }
    if (settings_ && format_ != output_format::csv)
      buf_ += settings_line(o_) + (format_ == output_format::markdown ? "\n\n" : "\n");
    if (format_ == output_format::table) {
      width_.assign(header_.size(), 0);
      for (std::size_t c = 0; c < header_.size(); ++c) width_[c] = display_width(header_[c]);
      for (std::ptrdiff_t u = 0; u < r.size(); ++u) {
        const auto cells = summary_cells(r, u);
        for (std::size_t c = 0; c < cells.size(); ++c)
          width_[c] = std::max(width_[c], display_width(cells[c]));
      }
      line(header_);
      std::size_t total = 0;
      for (auto w : width_) total += w;
      buf_ += std::string(total + 2 * (width_.size() - 1), '-') + "\n";
    } else if (format_ == output_format::markdown) {
      line(header_);
      buf_ += '|';
      for (std::size_t c = 0; c < header_.size(); ++c) buf_ += right_[c] ? "---:|" : "---|";
      buf_ += '\n';
    } else {
      line(header_);
    }
  }

  void line(const std::vector<std::string>& cells) {
    if (format_ == output_format::csv) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c) buf_ += ',';
        buf_ += csv_field(cells[c], csv_for::people);
      }
    } else if (format_ == output_format::markdown) {
      buf_ += '|';
      for (const auto& cell : cells) {
        buf_ += ' ';
        buf_ += markdown_text(cell);
        buf_ += " |";
      }
    } else {  // as text_table::render
      const std::size_t start = buf_.size();
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c) buf_ += "  ";
        buf_ += pad(cells[c], width_[c], right_[c]);
      }
      while (buf_.size() > start && buf_.back() == ' ') buf_.pop_back();
    }
    buf_ += '\n';
  }

  void flush() { out_.flush(); }
  // A writer for one JSON scalar at a time: this layout puts each unit on one line.
  json_writer scalar() { return json_writer(out_, -1); }

  text_output out_;
  output_format format_;
  uncertainty_options o_;
  bool histograms_, settings_, begun_ = false;
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::size_t> width_;
  std::string& buf_ = out_.buffer();
};

// Writes a result that holds its histograms (or none) through the writer.
void write_uncertainty(uncertainty_writer& w, const uncertainty_result& r) {
  std::vector<rank_count> h;
  for (std::ptrdiff_t u = 0; u < r.size(); ++u) {
    h.clear();
    for (const auto& [rank, count] : r.histogram(u)) h.push_back({rank, count});
    w.unit(r, u, h.data(), h.size());
  }
  w.finish(r);
}

void run_uncertainty(uncertainty_args& a, bool histograms) {
  a.options.method = a.method == "dirichlet" ? perturbation::dirichlet : perturbation::uniform;
  check_uncertainty_options(a.options);  // before any file is read
  progress_printer progress(a.progress);
  const indicator_tree tree =
      a.tree_file.empty() ? load_preset(a.preset) : indicator_tree::from_file(a.tree_file);
  const values_table values = read_values_file(tree, a.values_file, progress.callback());
  targets_table targets;
  if (!a.targets_file.empty())
    targets = read_targets_file(tree, values.units, a.targets_file, progress.callback());
  const target_table view = targets.view();
  assess_options ao;
  ao.unit_ids = &values.units;
  ao.check_unit_ids = false;  // the reader checked them (306)
  ao.threads = a.options.threads;
  ao.progress = progress.callback();
  const auto inputs = scoring_inputs_of(tree, values.values, a.targets_file.empty() ? nullptr : &view, ao);
  uncertainty_options options = a.options;
  options.progress = progress.callback();  // lives no longer than `progress`
  uncertainty_writer w(output_for(a.format), a.format, options, histograms, true);
  if (histograms) {
    const auto r = uncertainty_analysis(
        tree, inputs, options,
        [&w, &progress](const uncertainty_result& s, std::ptrdiff_t u, const rank_count* h, std::size_t n) {
          progress.clear();  // standard output may be the same terminal
          w.unit(s, u, h, n);
        });
    w.finish(r);
  } else {
    options.histograms = false;
    const auto r = uncertainty_analysis(tree, inputs, options);
    progress.clear();
    write_uncertainty(w, r);
  }
  std::cout.flush();
}

void add_uncertainty_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("uncertainty", "Monte-Carlo robustness of the ranks under perturbed weights");
  static uncertainty_args a;
  auto* preset = cmd->add_option("--preset", a.preset, "A preset scorecard");
  auto* tree = cmd->add_option("--tree", a.tree_file, "A tree file (JSON)")->check(CLI::ExistingFile);
  preset->excludes(tree);
  cmd->add_option("--values", a.values_file,
                  "Values table: unit,<leaf and item ids> (CSV or .xlsx/.xls, book.xlsx#Sheet2)")
      ->required()
      ->check(table_file);
  cmd->add_option("--targets", a.targets_file, "Targets table: unit,<target-using leaf ids>")
      ->check(table_file);
  cmd->add_option("--samples", a.options.samples,
                  fmt::format("Number of perturbed weight sets (1 to {})", uncertainty_options::max_samples))
      ->capture_default_str();
  cmd->add_option("--seed", a.options.seed, "Seed of the mt19937_64 generator")->capture_default_str();
  cmd->add_option("--method", a.method, "uniform (±percent) or dirichlet (concentration)")
      ->check(CLI::IsMember({"uniform", "dirichlet"}))
      ->capture_default_str();
  cmd->add_option("--percent", a.options.percent, "uniform: shares move by up to ± this %")
      ->capture_default_str();
  cmd->add_option("--concentration", a.options.concentration,
                  "dirichlet: alpha = concentration × nominal shares")
      ->capture_default_str();
  cmd->add_option("--depth", a.options.depth,
                  "Perturb only this level (1 = groups, 2 = their children); 0 = all")
      ->capture_default_str();
  cmd->add_option("--top", a.options.top_k, "k of P(top k)")->capture_default_str();
  cmd->add_option("--threads", a.options.threads, "Worker threads (results do not depend on it)")
      ->capture_default_str();
  static bool histograms = false;
  cmd->add_flag("--histograms", histograms,
                "Also write each unit's ranks reached (rank:count), streamed unit by unit");
  add_format_option(*cmd, a.format);
  add_progress_option(*cmd, a.progress);
  cmd->callback([] {
    if (a.preset.empty() && a.tree_file.empty()) throw CLI::RequiredError("--preset or --tree");
    run_uncertainty(a, histograms);
  });
}

void demo_robustness(demo_context& ctx) {
  const indicator_tree tree = load_preset("task-force");
  const values_table values = read_values(tree, sample_file(ctx.sample("task-force/values.csv")),
                                          "samples/" + ctx.sample("task-force/values.csv"));
  const targets_table targets =
      read_targets(tree, values.units, sample_file(ctx.sample("task-force/targets.csv")),
                   "samples/" + ctx.sample("task-force/targets.csv"));
  const target_table view = targets.view();
  assess_options ao;
  ao.unit_ids = &values.units;
  ao.check_unit_ids = false;  // the reader checked them (306)
  uncertainty_options o;
  o.top_k = 2;
  o.histograms = true;
  const auto r = uncertainty_analysis(tree, scoring_inputs_of(tree, values.values, &view, ao), o);
  ctx.out << "\nRank robustness: " << settings_line(o) << "\n";
  uncertainty_writer table(ctx.out, output_format::table, o, true, false);
  write_uncertainty(table, r);
  std::ostringstream json;
  uncertainty_writer json_writer(json, output_format::json, o, true, false);
  write_uncertainty(json_writer, r);
  ctx.files.add(ctx.out_dir + "/uncertainty.json").write(json.str());
  ctx.out << "wrote " << ctx.out_dir << "/uncertainty.json\n";
  ctx.sections.uncertainty = report_uncertainty{r, o};  // the reports' robustness section
}

const bool registered_weights = add_command(&add_weights_commands);
const bool registered_uncertainty = add_command(&add_uncertainty_command);
const bool demo = add_demo_step(60, "uncertainty", &demo_robustness);

}  // namespace
}  // namespace zoneperf::cli
