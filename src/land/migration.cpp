// Class migration between two years (include/zoneperf/land/migration.hpp).
#include "zoneperf/land/migration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace zoneperf {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The scheme's labels best first, then the exempt label.
std::vector<std::string> labels_of(const class_scheme& s) {
  std::vector<std::string> out;
  for (const auto& c : s.classes) out.push_back(c.label);
  out.push_back(s.exempt.label);
  return out;
}

std::string allowed(const std::vector<std::string>& labels) {
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i)
    out += (i == 0 ? "" : i + 1 == labels.size() ? " or " : ", ") + labels[i];
  return out;
}

/// id → position in the year; error 904 for an id given twice.
std::unordered_map<std::string, std::size_t> index_of(const year_classes& y, std::vector<problem>& problems) {
  std::unordered_map<std::string, std::size_t> out;
  out.reserve(y.ids.size());
  for (std::size_t i = 0; i < y.ids.size(); ++i) {
    const auto [it, fresh] = out.emplace(y.ids[i], i);
    if (!fresh) {
      const std::string first = it->second < y.where.size() ? y.where[it->second] : "";
      problems.push_back({errc::duplicate_entity, i < y.where.size() ? y.where[i] : std::string(),
                          fmt::format("{}: the id appears again{}", y.ids[i],
                                      first.empty() ? "" : " (first at " + first + ")")});
    }
  }
  return out;
}

}  // namespace

const char* to_string(class_move m) noexcept {
  switch (m) {
    case class_move::up:
      return "up";
    case class_move::down:
      return "down";
    case class_move::same:
      return "same";
    case class_move::entered:
      return "entered";
    case class_move::left:
      return "left";
    case class_move::exempt:
      return "exempt";
  }
  return "";
}

std::vector<published_class> read_published_classes(const cell_table& t, const class_scheme& scheme) {
  std::vector<problem> problems;
  std::ptrdiff_t id_col = -1, class_col = -1, name_col = -1, exempt_col = -1;
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    const std::string& h = t.header[c];
    std::ptrdiff_t* slot = h == "id"       ? &id_col
                           : h == "class"  ? &class_col
                           : h == "name"   ? &name_col
                           : h == "exempt" ? &exempt_col
                                           : nullptr;
    if (!slot) continue;
    if (*slot >= 0)
      problems.push_back({errc::duplicate_column, t.header_where(c), "duplicate column \"" + h + "\""});
    else
      *slot = static_cast<std::ptrdiff_t>(c);
  }
  if (id_col < 0) problems.push_back({errc::missing_column, t.header_row_where(), "no \"id\" column"});
  if (class_col < 0)
    problems.push_back({errc::missing_column, t.header_row_where(),
                        "no \"class\" column (the published classes, for --previous-classes)"});
  if (!problems.empty()) throw error(std::move(problems));

  const std::vector<std::string> labels = labels_of(scheme);
  std::vector<published_class> out;
  out.reserve(t.rows());
  std::unordered_map<std::string, std::size_t> first_line;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    published_class p;
    const auto ic = static_cast<std::size_t>(id_col), cc = static_cast<std::size_t>(class_col);
    p.id = std::string(t.cell(r, ic));
    p.where = t.where(r, cc);
    if (trimmed(p.id).empty()) {
      problems.push_back({errc::missing_unit, t.where(r, ic), "empty id"});
      continue;
    }
    if (const auto [it, fresh] = first_line.emplace(p.id, t.line(r)); !fresh) {
      problems.push_back({errc::duplicate_entity, t.where(r, ic),
                          fmt::format("{}: the id appears again (first on line {})", p.id, it->second)});
      continue;
    }
    if (name_col >= 0) p.name = std::string(t.cell(r, static_cast<std::size_t>(name_col)));
    p.label = std::string(trimmed(t.cell(r, cc)));
    if (std::find(labels.begin(), labels.end(), p.label) == labels.end()) {
      problems.push_back({errc::unknown_class, p.where,
                          fmt::format("{}: class \"{}\" is not one of {}", p.id, p.label, allowed(labels))});
      continue;
    }
    if (exempt_col >= 0) {
      const auto reason = trimmed(t.cell(r, static_cast<std::size_t>(exempt_col)));
      if (!reason.empty() && p.label != scheme.exempt.label)
        problems.push_back({errc::unknown_class, p.where,
                            fmt::format("{}: exempt ({}) but class \"{}\", not {}", p.id, reason, p.label,
                                        scheme.exempt.label)});
    }
    out.push_back(std::move(p));
  }
  if (!problems.empty()) throw error(std::move(problems));
  return out;
}

year_classes classes_of(const class_scheme& scheme, const std::vector<land_record>& records,
                        const land_evaluation& ev) {
  if (ev.classes.class_of.size() != records.size())
    throw error(errc::shape_mismatch, "classes",
                fmt::format("{} classes for {} records", ev.classes.class_of.size(), records.size()));
  year_classes y;
  y.ids.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    y.ids.push_back(records[i].id);
    y.names.push_back(records[i].name);
    y.labels.push_back(class_label(scheme, ev.classes.class_of[i]));
    y.where.emplace_back();
  }
  return y;
}

year_classes classes_of(const std::vector<published_class>& published) {
  year_classes y;
  for (const auto& p : published) {
    y.ids.push_back(p.id);
    y.names.push_back(p.name);
    y.labels.push_back(p.label);
    y.where.push_back(p.where);
  }
  return y;
}

std::size_t class_migration::count(class_move m) const {
  return static_cast<std::size_t>(
      std::count_if(moves.begin(), moves.end(), [m](const entity_move& e) { return e.move == m; }));
}

class_migration migrate_classes(const class_scheme& scheme, const year_classes& previous,
                                const year_classes& current) {
  class_migration out;
  out.labels = labels_of(scheme);
  const std::size_t n = out.size(), absent = out.labels.size(), exempt = absent - 1;
  out.counts.assign(n * n, 0);

  std::vector<problem> problems;
  const auto prev_at = index_of(previous, problems);
  const auto cur_at = index_of(current, problems);
  auto class_index = [&](const year_classes& y, std::size_t i, const char* year) -> std::uint32_t {
    const auto it = std::find(out.labels.begin(), out.labels.end(), y.labels[i]);
    if (it == out.labels.end()) {
      problems.push_back({errc::unknown_class, i < y.where.size() ? y.where[i] : std::string(),
                          fmt::format("{}: the {} year's class \"{}\" is not one of {}", y.ids[i], year,
                                      y.labels[i], allowed(out.labels))});
      return static_cast<std::uint32_t>(absent);
    }
    return static_cast<std::uint32_t>(it - out.labels.begin());
  };
  std::vector<std::uint32_t> prev_class(previous.ids.size()), cur_class(current.ids.size());
  for (std::size_t i = 0; i < previous.ids.size(); ++i) prev_class[i] = class_index(previous, i, "earlier");
  for (std::size_t i = 0; i < current.ids.size(); ++i) cur_class[i] = class_index(current, i, "later");
  if (!problems.empty()) throw error(std::move(problems));

  auto add = [&](entity_move m) {
    const std::size_t from = m.from ? *m.from : absent, to = m.to ? *m.to : absent;
    ++out.counts[from * n + to];
    if (!m.from)
      m.move = class_move::entered;
    else if (!m.to)
      m.move = class_move::left;
    else if (*m.from == exempt || *m.to == exempt)
      m.move = class_move::exempt;
    else {
      m.steps = static_cast<int>(*m.from) - static_cast<int>(*m.to);
      m.move = m.steps > 0 ? class_move::up : m.steps < 0 ? class_move::down : class_move::same;
    }
    out.moves.push_back(std::move(m));
  };
  out.moves.reserve(current.ids.size() + previous.ids.size());
  for (std::size_t i = 0; i < current.ids.size(); ++i) {
    entity_move m;
    m.id = current.ids[i];
    m.name = i < current.names.size() ? current.names[i] : "";
    m.to = cur_class[i];
    if (const auto p = prev_at.find(m.id); p != prev_at.end()) {
      m.from = prev_class[p->second];
      if (m.name.empty() && p->second < previous.names.size()) m.name = previous.names[p->second];
    }
    add(std::move(m));
  }
  for (std::size_t i = 0; i < previous.ids.size(); ++i) {
    if (cur_at.count(previous.ids[i])) continue;
    entity_move m;
    m.id = previous.ids[i];
    m.name = i < previous.names.size() ? previous.names[i] : "";
    m.from = prev_class[i];
    add(std::move(m));
  }
  return out;
}

class_migration migrate_classes(const class_scheme& previous_scheme,
                                const std::vector<land_record>& previous_records,
                                const land_evaluation& previous, const class_scheme& scheme,
                                const std::vector<land_record>& records, const land_evaluation& current) {
  return migrate_classes(scheme, classes_of(previous_scheme, previous_records, previous),
                         classes_of(scheme, records, current));
}

class_migration migrate_classes(const std::vector<published_class>& previous, const class_scheme& scheme,
                                const std::vector<land_record>& records, const land_evaluation& current) {
  return migrate_classes(scheme, classes_of(previous), classes_of(scheme, records, current));
}

}  // namespace zoneperf
