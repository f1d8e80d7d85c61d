// AHP: matrix files, checks, principal eigenvector and consistency ratio.
#include "zoneperf/weights/ahp.hpp"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>

#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {

const random_index_table& saaty_classic_ri() {
  // Saaty's classic random index (T. L. Saaty, The Analytic Hierarchy Process, 1980).
  static const random_index_table table{
      "saaty-classic", {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59}};
  return table;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> try_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  try {
    return parse_number(s, "");
  } catch (const error&) {
    return std::nullopt;
  }
}

// A decimal or a fraction p/q of two decimals (p / q correctly rounded). nullopt when neither;
// `why` then says what is wrong.
std::optional<double> parse_judgement(std::string_view cell, std::string& why) {
  const std::string_view s = trim(cell);
  if (s.empty()) {
    why = "empty cell: every judgement must be given";
    return std::nullopt;
  }
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) {
    if (auto v = try_number(s)) return v;
  } else {
    const auto p = try_number(s.substr(0, slash));
    const auto q = try_number(s.substr(slash + 1));
    if (p && q) {
      if (*q == 0) {
        why = fmt::format("'{}' divides by zero", s);
        return std::nullopt;
      }
      return *p / *q;
    }
  }
  why = fmt::format("'{}' is not a number or a fraction such as 1/3", s);
  return std::nullopt;
}

// Text that cannot be a judgement: not empty, neither a number nor p/q of numbers, nor a word
// for a number that is no judgement ("nan", "inf": a bad cell, error 805, not a name).
bool is_name(std::string_view cell) {
  std::string_view s = trim(cell);
  if (s.empty()) return false;
  if (s.front() == '+' || s.front() == '-') s.remove_prefix(1);
  std::string lower(s.substr(0, 9));
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (s.size() <= 9 && (lower == "nan" || lower == "inf" || lower == "infinity")) return false;
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return !try_number(s);
  return !(try_number(s.substr(0, slash)) && try_number(s.substr(slash + 1)));
}

std::string cell_name(const pairwise_matrix& m, Eigen::Index i, Eigen::Index j) {
  return fmt::format("({}, {})", m.names[static_cast<std::size_t>(i)], m.names[static_cast<std::size_t>(j)]);
}

std::string cell_where(const pairwise_matrix& m, Eigen::Index i, Eigen::Index j) {
  const auto n = m.a.rows();
  const auto k = static_cast<std::size_t>(i * n + j);
  if (k < m.cell_where.size()) return m.cell_where[k];
  return fmt::format("({},{})", i + 1, j + 1);
}

void default_names(pairwise_matrix& m) {
  m.names.clear();
  for (Eigen::Index i = 0; i < m.a.rows(); ++i) m.names.push_back(fmt::format("c{}", i + 1));
}

}  // namespace

namespace {
/// Problem 816 for an option out of range, checked before any cell is read.
std::optional<problem> ahp_option_problem(const ahp_options& options) {
  if (!(options.reciprocal_tolerance >= 0) || !std::isfinite(options.reciprocal_tolerance))
    return problem{errc::bad_ahp_option, "tolerance",
                   fmt::format("the reciprocal tolerance must be a finite number >= 0, not {}",
                               options.reciprocal_tolerance)};
  if (!(options.accept_below >= 0) || !std::isfinite(options.accept_below))
    return problem{
        errc::bad_ahp_option, "accept_below",
        fmt::format("the acceptance bound of CR must be a finite number >= 0, not {}", options.accept_below)};
  return std::nullopt;
}

}  // namespace

std::vector<problem> validate_pairwise(const pairwise_matrix& m, const ahp_options& options) {
  if (auto p = ahp_option_problem(options)) return {*p};
  std::vector<problem> out;
  const auto n = m.a.rows();
  if (m.a.cols() != n || n == 0) {
    out.push_back(
        {errc::matrix_not_square, m.source,
         fmt::format("a pairwise comparison matrix must be n x n with n >= 1, not {} x {}", n, m.a.cols())});
    return out;
  }
  const double tol = options.reciprocal_tolerance;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const double v = m.a(i, j);
      if (!(v > 0) || !std::isfinite(v)) {
        out.push_back(
            {errc::matrix_not_positive, cell_where(m, i, j),
             fmt::format("cell {} = {:.6g}: judgements must be positive and finite", cell_name(m, i, j), v)});
      }
    }
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    const double d = m.a(i, i);
    if (d > 0 && std::isfinite(d) && !(std::abs(d - 1) <= tol)) {
      out.push_back({errc::matrix_diagonal_not_one, cell_where(m, i, i),
                     fmt::format("diagonal cell {} = {:.6g} must be 1", cell_name(m, i, i), d)});
    }
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const double up = m.a(i, j), low = m.a(j, i);
      if (!(up > 0) || !(low > 0) || !std::isfinite(up) || !std::isfinite(low)) continue;
      const double product = up * low;
      if (!(std::abs(product - 1) <= tol)) {
        out.push_back({errc::matrix_not_reciprocal, cell_where(m, j, i),
                       fmt::format("cell {} = {:.6g} is not the reciprocal of cell {} = {:.6g} "
                                   "(product {:.6g}, tolerance {:g})",
                                   cell_name(m, j, i), low, cell_name(m, i, j), up, product, tol)});
      }
    }
  }
  return out;
}

namespace {

// A lower bound of a matrix file's n, reading at most limit + 2 rows (no cell is parsed):
// min(rows - 1, cells of a row - 1), since n is the number of rows or one less (a header row), and
// the same for the columns (a names column).
std::size_t least_n(cell_source& s, std::size_t limit) {
  std::size_t rows = 0, cells = 0;
  while (rows < limit + 2 && s.next()) {
    cells = s.cells().size();
    ++rows;
  }
  if (rows == 0) return 0;
  return std::min(rows, cells) - 1;
}

// Error 807 when the random-index table has no positive RI for n (n > 2: smaller n need none).
void check_random_index(const random_index_table& table, std::size_t n, const std::string& what) {
  if (n <= 2) return;
  if (table.values.size() < n || !(table.values[n - 1] > 0)) {
    throw error(
        errc::no_random_index, table.name,
        fmt::format("the random-index table '{}' has no positive RI for n = {}{}", table.name, n, what));
  }
}

}  // namespace

namespace {
// `open` gives the table afresh: once to bound its size, once to read it.
pairwise_matrix read_pairwise(const std::function<std::unique_ptr<cell_source>()>& open,
                              const ahp_options& options) {
  if (auto p = ahp_option_problem(options)) throw error({*p});  // before any cell is read
  // A matrix larger than the random-index table can take is rejected before any cell is read.
  const random_index_table& table = options.random_index ? *options.random_index : saaty_classic_ri();
  const std::unique_ptr<cell_source> bound = open();
  const std::string source = bound->name();
  const std::size_t at_least = least_n(*bound, table.values.size());
  if (at_least > table.values.size()) {
    check_random_index(table, at_least,
                       fmt::format(" ({} has at least {} criteria; the table covers n <= {})", source,
                                   at_least, table.values.size()));
  }
  const cell_table t = read_table(*open());
  // The grid is the header row followed by the data rows (read_csv makes them equally wide).
  const std::size_t grid_rows = t.rows() + 1;
  auto grid = [&](std::size_t g, std::size_t c) -> std::string_view {
    return g == 0 ? std::string_view(t.header[c]) : t.cell(g - 1, c);
  };
  const std::size_t w = t.header.size();
  auto where = [&](std::size_t g, std::size_t c) { return g == 0 ? t.header_where(c) : t.where(g - 1, c); };

  // A header row holds a name where the matrix would hold a number.
  bool header = false;
  for (std::size_t c = (w > 1 ? 1 : 0); c < w; ++c) {
    if (is_name(t.header[c])) header = true;
  }
  const std::size_t first = header ? 1 : 0;
  const std::size_t m = grid_rows - first;
  // Without a header, a names column must hold names, not judgements.
  bool names_column = w == m + 1;
  if (names_column && !header) {
    for (std::size_t g = first; g < grid_rows; ++g) {
      if (!is_name(grid(g, 0))) names_column = false;
    }
  }
  if (!names_column && w != m) {
    throw error(errc::matrix_not_square, source,
                fmt::format("expected n rows of n judgements (plus an optional header row and names column), "
                            "found {} rows of {} cells",
                            m, w));
  }
  const std::size_t n = m;
  const std::size_t off = names_column ? 1 : 0;

  pairwise_matrix out;
  out.source = source;
  out.a.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  std::vector<problem> problems;

  // Names: from the header, the first column, or both (then they must agree).
  std::vector<std::string> col_names, row_names;
  if (header) {
    for (std::size_t c = off; c < w; ++c) col_names.emplace_back(trim(t.header[c]));
  }
  if (names_column) {
    for (std::size_t g = first; g < grid_rows; ++g) row_names.emplace_back(trim(grid(g, 0)));
  }
  if (header && names_column) {
    for (std::size_t i = 0; i < n; ++i) {
      if (row_names[i] != col_names[i]) {
        problems.push_back({errc::matrix_names, where(first + i, 0),
                            fmt::format("row name '{}' differs from column name '{}' (rows and columns must "
                                        "list the criteria in the same order)",
                                        row_names[i], col_names[i])});
      }
    }
  }
  const bool have_names = header || names_column;
  if (have_names) {
    out.names = header ? col_names : row_names;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string loc = header ? where(0, off + i) : where(first + i, 0);
      if (out.names[i].empty()) {
        problems.push_back({errc::matrix_names, loc, "empty criterion name"});
        continue;
      }
      for (std::size_t k = 0; k < i; ++k) {
        if (out.names[k] == out.names[i]) {
          problems.push_back(
              {errc::matrix_names, loc, fmt::format("criterion name '{}' repeats", out.names[i])});
          break;
        }
      }
    }
  } else {
    default_names(out);
  }

  out.cell_where.reserve(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const std::string loc = where(first + i, off + j);
      out.cell_where.push_back(loc);
      std::string why;
      const auto v = parse_judgement(grid(first + i, off + j), why);
      if (!v) problems.push_back({errc::matrix_bad_cell, loc, why});
      out.a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          v ? *v : std::numeric_limits<double>::quiet_NaN();
    }
  }
  if (!problems.empty()) throw error(std::move(problems));
  auto checks = validate_pairwise(out, options);
  if (!checks.empty()) throw error(std::move(checks));
  return out;
}

}  // namespace

pairwise_matrix read_pairwise_csv(std::string_view text, std::string source, const ahp_options& options) {
  return read_pairwise([&] { return open_cells(text, source); }, options);
}

pairwise_matrix read_pairwise_file(const std::string& path, const ahp_options& options) {
  return read_pairwise([&] { return open_cells(path); }, options);
}

ahp_result ahp(const pairwise_matrix& m, const ahp_options& options) {
  auto problems = validate_pairwise(m, options);
  if (!problems.empty()) throw error(std::move(problems));
  const random_index_table& table = options.random_index ? *options.random_index : saaty_classic_ri();
  const Eigen::Index n = m.a.rows();

  ahp_result r;
  r.names = m.names;
  r.ri_table = table.name;
  check_random_index(table, static_cast<std::size_t>(n), "");  // before the eigenvalue computation
  if (n == 1) {
    r.weights = Eigen::VectorXd::Ones(1);
    r.lambda_max = m.a(0, 0);
    return r;
  }
  Eigen::EigenSolver<Eigen::MatrixXd> solver(m.a, /*computeEigenvectors=*/true);
  if (solver.info() != Eigen::Success) {
    throw error(errc::matrix_not_square, m.source, "the eigenvalue computation did not converge");
  }
  // The Perron root of a positive matrix is real, simple and the largest in modulus.
  Eigen::Index best = 0;
  for (Eigen::Index k = 1; k < n; ++k) {
    if (solver.eigenvalues()[k].real() > solver.eigenvalues()[best].real()) best = k;
  }
  r.lambda_max = solver.eigenvalues()[best].real();
  Eigen::VectorXd v = solver.eigenvectors().col(best).real().cwiseAbs();
  r.weights = v / v.sum();
  if (n <= 2) {
    // Every 2 x 2 reciprocal matrix is consistent: CI and CR are 0 by definition.
    r.ci = 0;
    r.cr = 0;
    r.acceptable = true;
    return r;
  }
  r.ci = (r.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1);
  const auto nn = static_cast<std::size_t>(n);
  r.ri = table.values[nn - 1];
  r.cr = r.ci / r.ri;
  r.acceptable = r.cr < options.accept_below;
  return r;
}

ahp_result ahp(const Eigen::MatrixXd& a, const ahp_options& options) {
  pairwise_matrix m;
  m.a = a;
  default_names(m);
  if (a.rows() != a.cols()) m.names.clear();
  return ahp(m, options);
}

}  // namespace zoneperf
