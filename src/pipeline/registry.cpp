#include "zoneperf/pipeline/registry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "registry_impl.hpp"

namespace zoneperf {
namespace {
constexpr std::array<const char*, stage_count> stage_ids = {
    "contacted", "scored", "reviewed", "intent", "signed", "landed", "started", "producing", "cleared"};
constexpr std::array<const char*, stage_count> stage_names = {"接洽", "赋分", "上会", "意向", "签约",
                                                              "落地", "开工", "投产", "出清"};
stage stage_of(std::size_t i) { return static_cast<stage>(i); }

std::string dated(stage s, date d) { return std::string(to_string(s)) + " on " + to_string(d); }
}  // namespace

const char* to_string(stage s) noexcept { return stage_ids[index(s)]; }
const char* display_name(stage s) noexcept { return stage_names[index(s)]; }

stage parse_stage(std::string_view text, const std::string& where) {
  for (std::size_t i = 0; i < stage_count; ++i)
    if (text == stage_ids[i]) return stage_of(i);
  throw error(errc::bad_stage, where,
              "unknown stage '" + std::string(text) +
                  "' (contacted, scored, reviewed, intent, signed, landed, started, producing, cleared)");
}

std::vector<std::string> default_task_forces() {
  return {"新材料新能源", "高端装备", "医养健康", "信息技术"};
}

// ---- project --------------------------------------------------------------------------------

stage project::furthest() const {
  for (std::size_t i = progress_stages; i-- > 0;)
    if (dates[i]) return stage_of(i);
  return stage::contacted;
}

stage project::current() const { return cleared() ? stage::cleared : furthest(); }

date project::current_date() const {
  const auto& d = dates[index(current())];
  return d ? *d : date(boost::gregorian::not_a_date_time);
}

std::optional<stage> project::stage_at(date d) const {
  if (dates[index(stage::cleared)] && *dates[index(stage::cleared)] <= d) return stage::cleared;
  std::optional<stage> at;
  for (std::size_t i = 0; i < progress_stages; ++i) {
    if (!dates[i] || *dates[i] > d) break;
    at = stage_of(i);
  }
  return at;
}

bool project::active_at(date d) const {
  const auto s = stage_at(d);
  return s && *s != stage::cleared;
}

// ---- checks ---------------------------------------------------------------------------------

namespace detail {
std::vector<date_problem> check_dates(const project& p, date as_of) {
  std::vector<date_problem> out;
  if (!p.dates[0]) out.push_back({errc::not_contacted, stage::contacted, "no contacted date"});
  std::optional<std::size_t> prev;  // the last reached stage before i
  for (std::size_t i = 0; i < stage_count; ++i) {
    const auto& d = p.dates[i];
    if (!d) continue;
    const stage s = stage_of(i);
    if (i < progress_stages && i > 0 && !p.dates[i - 1]) {
      std::string gap;
      for (std::size_t k = prev ? *prev + 1 : 0; k < i; ++k)
        gap += (gap.empty() ? "" : ", ") + std::string(stage_ids[k]);
      out.push_back({errc::skipped_stage, s, dated(s, *d) + " but " + gap + " not reached (skipped stage)"});
    }
    if (prev && *d < *p.dates[*prev])
      out.push_back({errc::date_before_previous, s,
                     dated(s, *d) + " is before " + dated(stage_of(*prev), *p.dates[*prev])});
    if (*d > as_of)
      out.push_back({errc::date_after_as_of, s,
                     dated(s, *d) + " is after the as-of date " + zoneperf::to_string(as_of)});
    prev = i;
  }
  return out;
}
}  // namespace detail

namespace {
void check_fields(const project& p, const std::string& where, std::vector<problem>& out) {
  auto bad = [&](const std::string& what) { out.push_back({errc::bad_project_field, where, what}); };
  if (p.total_investment < cny_money()) bad("negative total investment");
  if (p.fixed_asset_investment < cny_money()) bad("negative fixed-asset investment");
  if (p.foreign_capital < usd_money()) bad("negative foreign capital");
  if (p.annual_tax < cny_money()) bad("negative annual tax");
  if (p.land < area()) bad("land area must be a finite number >= 0 mu");
  if (p.admission_score && !std::isfinite(*p.admission_score)) bad("admission score is not finite");
}
}  // namespace

std::vector<problem> check_project(const registry& r, const project& p) {
  std::vector<problem> out;
  const std::string where = p.id.empty() ? "<project>" : p.id;
  if (p.id.empty())
    out.push_back({errc::bad_project_field, where, "empty project id"});
  else if (r.find(p.id))
    out.push_back({errc::duplicate_project, where, "project id already in the registry"});
  if (!r.task_force_index(p.task_force))
    out.push_back({errc::unregistered_task_force, where, "unknown task force '" + p.task_force + "'"});
  check_fields(p, where, out);
  for (auto& d : detail::check_dates(p, r.as_of())) out.push_back({d.code, where, std::move(d.what)});
  return out;
}

// ---- registry -------------------------------------------------------------------------------

registry::registry(registry_options options) : impl_(std::make_unique<impl>()) {
  if (options.task_forces.empty()) throw error(errc::bad_project_field, "task_forces", "no task forces");
  for (std::size_t i = 0; i < options.task_forces.size(); ++i) {
    const auto& id = options.task_forces[i];
    if (id.empty()) throw error(errc::bad_project_field, "task_forces", "empty task-force id");
    if (!impl_->task_force_index.emplace(id, i).second)
      throw error(errc::bad_project_field, "task_forces", "task force '" + id + "' listed twice");
  }
  if (options.as_of.is_special()) throw error(errc::bad_date, "as_of", "the as-of date is not a date");
  impl_->task_forces = std::move(options.task_forces);
  impl_->as_of = options.as_of;
}

registry::registry(const registry& other) : impl_(std::make_unique<impl>(*other.impl_)) {}
registry::registry(registry&& other) noexcept = default;
registry& registry::operator=(registry other) noexcept {
  impl_.swap(other.impl_);
  return *this;
}
registry::~registry() = default;

const std::vector<std::string>& registry::task_forces() const { return impl_->task_forces; }

std::optional<std::size_t> registry::task_force_index(std::string_view id) const {
  const auto it = impl_->task_force_index.find(std::string(id));
  if (it == impl_->task_force_index.end()) return std::nullopt;
  return it->second;
}

date registry::as_of() const { return impl_->as_of; }

void registry::set_as_of(date d) {
  if (d.is_special()) throw error(errc::bad_date, "as_of", "the as-of date is not a date");
  for (const auto& p : impl_->projects)
    for (std::size_t i = 0; i < stage_count; ++i)
      if (p.dates[i] && *p.dates[i] > d)
        throw error(errc::date_after_as_of, p.id,
                    dated(stage_of(i), *p.dates[i]) + " is after the new as-of date " + to_string(d));
  impl_->as_of = d;
}

void registry::add(project p) {
  auto problems = check_project(*this, p);
  if (!problems.empty()) throw error(std::move(problems));
  impl_->projects.push_back(std::move(p));  // strong guarantee (Boost.MultiIndex insertion)
}

void registry::advance(std::string_view id, stage to, date on) {
  if (to == stage::cleared) return clear(id, on);
  auto& ids = impl_->projects.get<detail::by_id>();
  const auto it = ids.find(id);
  const std::string where(id);
  if (it == ids.end()) throw error(errc::unknown_project, where, "no such project");
  const project& p = *it;
  if (p.cleared())
    throw error(errc::project_cleared, where,
                "cleared on " + to_string(*p.date_of(stage::cleared)) + "; no stage can follow");
  const stage from = p.furthest();
  const std::string move = std::string("cannot move from ") + to_string(from) + " to " + to_string(to);
  if (index(to) <= index(from)) throw error(errc::stage_out_of_order, where, move + ": out of order");
  if (index(to) > index(from) + 1) {
    std::string gap;
    for (std::size_t k = index(from) + 1; k < index(to); ++k)
      gap += (gap.empty() ? "" : ", ") + std::string(stage_ids[k]);
    throw error(errc::skipped_stage, where, move + ": " + gap + " skipped");
  }
  if (on.is_special()) throw error(errc::bad_date, where, "the date is not a date");
  if (on < p.current_date())
    throw error(errc::date_before_previous, where,
                dated(to, on) + " is before " + dated(from, p.current_date()));
  if (on > impl_->as_of)
    throw error(errc::date_after_as_of, where,
                dated(to, on) + " is after the as-of date " + to_string(impl_->as_of));
  project next = p;
  next.dates[index(to)] = on;
  ids.replace(it, std::move(next));  // strong guarantee; the id is unchanged so it cannot collide
}

void registry::clear(std::string_view id, date on) {
  auto& ids = impl_->projects.get<detail::by_id>();
  const auto it = ids.find(id);
  const std::string where(id);
  if (it == ids.end()) throw error(errc::unknown_project, where, "no such project");
  const project& p = *it;
  if (p.cleared())
    throw error(errc::project_cleared, where, "already cleared on " + to_string(*p.date_of(stage::cleared)));
  if (on.is_special()) throw error(errc::bad_date, where, "the date is not a date");
  if (on < p.current_date())
    throw error(errc::date_before_previous, where,
                dated(stage::cleared, on) + " is before " + dated(p.furthest(), p.current_date()));
  if (on > impl_->as_of)
    throw error(errc::date_after_as_of, where,
                dated(stage::cleared, on) + " is after the as-of date " + to_string(impl_->as_of));
  project next = p;
  next.dates[index(stage::cleared)] = on;
  ids.replace(it, std::move(next));
}

std::size_t registry::size() const { return impl_->projects.size(); }

const project* registry::find(std::string_view id) const {
  const auto& ids = impl_->projects.get<detail::by_id>();
  const auto it = ids.find(id);
  return it == ids.end() ? nullptr : &*it;
}

const project& registry::at(std::string_view id) const {
  if (const project* p = find(id)) return *p;
  throw error(errc::unknown_project, std::string(id), "no such project");
}

std::vector<const project*> registry::all() const {
  std::vector<const project*> out;
  out.reserve(size());
  for (const auto& p : impl_->projects) out.push_back(&p);
  return out;
}

std::vector<const project*> registry::in_stage(std::string_view task_force, stage s) const {
  const auto& idx = impl_->projects.get<detail::by_task_force_stage>();
  const auto range = idx.equal_range(boost::make_tuple(std::string(task_force), s));
  std::vector<const project*> out;
  for (auto it = range.first; it != range.second; ++it) out.push_back(&*it);
  return out;
}

std::vector<const project*> registry::current_between(stage s, date from, date to) const {
  const auto& idx = impl_->projects.get<detail::by_stage_date>();
  std::vector<const project*> out;
  if (to < from) return out;
  auto it = idx.lower_bound(boost::make_tuple(s, from));
  const auto end = idx.upper_bound(boost::make_tuple(s, to));
  for (; it != end; ++it) out.push_back(&*it);
  return out;
}

registry registry::snapshot(date d) const {
  if (d.is_special()) throw error(errc::bad_date, "as_of", "the snapshot date is not a date");
  if (d > impl_->as_of)
    throw error(errc::date_after_as_of, to_string(d),
                "a snapshot cannot look past the registry's as-of date " + to_string(impl_->as_of));
  registry out(registry_options{impl_->task_forces, d});
  for (const auto& p : impl_->projects) {
    if (!p.dates[0] || *p.dates[0] > d) continue;
    project q = p;
    for (auto& x : q.dates)
      if (x && *x > d) x.reset();
    out.impl_->projects.push_back(std::move(q));
  }
  return out;
}

// ---- money text -----------------------------------------------------------------------------

namespace detail {
template <class Currency>
money<Currency> parse_wan(std::string_view text, const std::string& where) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  auto bad = [&](const std::string& why) {
    return error(errc::bad_project_field, where, "bad amount '" + std::string(text) + "': " + why);
  };
  const char* const not_decimal = "expected a decimal number such as 78000 or 1250.5 (万)";
  const char* const too_precise = "more than 6 decimal places (the minor unit is 0.000001 万)";
  if (s.empty()) throw bad("empty");
  if (s.front() == '-') throw bad("negative");
  // The money parser also takes a sign, tabs and a unit word; the table takes digits and a point.
  if (s.find_first_not_of("0123456789.") != std::string_view::npos) throw bad(not_decimal);
  const auto dot = s.find('.');
  const bool over_6_places = dot != std::string_view::npos && s.size() - dot - 1 > 6;
  money<Currency> m;
  try {
    m = money<Currency>::parse(std::string(s) + "万", where);
  } catch (const error& e) {
    if (e.code() == errc::bad_amount) throw bad(not_decimal);
    throw bad(over_6_places ? too_precise : "too large");  // 503 too precise, 501 overflow
  }
  if (over_6_places) throw bad(too_precise);  // trailing zeros the money parser accepts
  return m;
}
template cny_money parse_wan<cny>(std::string_view, const std::string&);
template usd_money parse_wan<usd>(std::string_view, const std::string&);
}  // namespace detail

}  // namespace zoneperf
