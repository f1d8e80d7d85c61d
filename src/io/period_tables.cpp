#include "zoneperf/io/period_tables.hpp"

#include <algorithm>

#include "zoneperf/text/file.hpp"
#include "zoneperf/text/headers.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {

bool is_period_header(std::string_view header) {
  const std::string h = fold_header(header);
  return h == "period" || h == "期间" || h == "报告期";
}

long_table long_table::open(const std::string& path) {
  if (path == "-") return from_bytes(read_text_file("/dev/stdin"), "standard input");
  long_table t;
  t.path_ = path;
  t.name_ = path;
  t.scan();
  return t;
}

long_table long_table::from_bytes(std::string bytes, std::string name) {
  long_table t;
  t.bytes_ = std::make_shared<const std::string>(std::move(bytes));
  t.name_ = std::move(name);
  t.scan();
  return t;
}

std::unique_ptr<cell_source> long_table::reopen() const {
  return bytes_ ? open_cells(*bytes_, name_) : open_cells(path_);
}

void long_table::scan() {
  auto src = reopen();
  if (!src->next()) return;  // an empty table: the values reader says so
  const auto& header = src->cells();
  for (std::size_t c = 1; c < header.size(); ++c)
    if (is_period_header(header[c])) {
      if (column_ != npos)
        throw error(errc::duplicate_column, src->where(c),
                    "a second period column \"" + std::string(header[c]) + "\" (the first is column " +
                        std::to_string(column_ + 1) + ")");
      column_ = c;
    }
  if (column_ == npos) return;
  while (src->next()) {
    const std::string_view label = src->cells()[column_];
    auto it = std::find_if(labels_.begin(), labels_.end(), [&](const auto& l) { return l.first == label; });
    if (it != labels_.end()) continue;
    const period p = period::parse(label, src->where(column_));
    labels_.emplace_back(std::string(label), p);
    if (std::find(periods_.begin(), periods_.end(), p) == periods_.end()) periods_.push_back(p);
  }
}

std::unique_ptr<cell_source> long_table::rows(const period& p) const {
  std::vector<std::string> mine;
  for (const auto& [label, q] : labels_)
    if (q == p) mine.push_back(label);
  return std::make_unique<column_filter_source>(reopen(), column_, [mine](std::string_view cell) {
    return std::find(mine.begin(), mine.end(), cell) != mine.end();
  });
}

}  // namespace zoneperf
