#include "zoneperf/io/period_tables.hpp"

#include <algorithm>
#include <limits>

#include "zoneperf/text/headers.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {

bool is_period_header(std::string_view header) {
  const std::string h = fold_header(header);
  return h == "period" || h == "期间" || h == "报告期";
}

long_table long_table::open(const std::string& path, const progress_callback& progress) {
  long_table t;
  auto src = open_cells(path, progress);
  t.read(*src);
  return t;
}

long_table long_table::from_bytes(std::string_view bytes, std::string name) {
  long_table t;
  auto src = open_cells(bytes, std::move(name));
  t.read(*src);
  return t;
}

void long_table::read(cell_source& src) {
  name_ = src.name();
  naming_ = src.naming();
  if (!src.next()) return;  // an empty table: the values reader says so
  const auto& header = src.cells();
  for (std::size_t c = 1; c < header.size(); ++c)
    if (is_period_header(header[c])) {
      if (column_ != npos)
        throw error(errc::duplicate_column, src.where(c),
                    "a second period column \"" + std::string(header[c]) + "\" (the first is column " +
                        std::to_string(column_ + 1) + ")");
      column_ = c;
    }
  if (column_ == npos) return;
  for (std::size_t c = 0; c < header.size(); ++c)
    if (c != column_) header_.emplace_back(header[c]);
  header_line_ = src.line();
  // Each distinct label is parsed once; rows of labels for the same period ("2020-07", "2020-7")
  // go to the same part.
  std::vector<std::pair<std::string, std::size_t>> labels;  // label, index of its period
  while (src.next()) {
    const auto& cells = src.cells();
    const std::string_view label = cells[column_];
    auto it = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == label; });
    if (it == labels.end()) {
      const period p = period::parse(label, src.where(column_));
      const auto index =
          static_cast<std::size_t>(std::find(periods_.begin(), periods_.end(), p) - periods_.begin());
      if (index == periods_.size()) periods_.push_back(p), parts_.emplace_back();
      labels.emplace_back(std::string(label), index);
      it = labels.end() - 1;
    }
    part& to = parts_[it->second];
    // The row's cells go into the part's last block, or a new one when they do not fit: blocks
    // are never moved, and each new page is written once.
    std::size_t bytes = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c == column_) continue;
      if (cells[c].size() > std::numeric_limits<std::uint32_t>::max())
        throw error(errc::shape_mismatch, src.where(c), "a cell of more than 4 GB");
      bytes += cells[c].size();
      to.lengths.push_back(static_cast<std::uint32_t>(cells[c].size()));
    }
    if (to.blocks.empty() || to.blocks.back().size() + bytes > to.blocks.back().capacity()) {
      to.blocks.emplace_back();
      to.blocks.back().reserve(std::max(bytes, part::block));
    }
    for (std::size_t c = 0; c < cells.size(); ++c)
      if (c != column_) to.blocks.back().append(cells[c]);
    to.lines.push_back(src.line());
  }
}

/// The header and one period's rows of a long table, as the file named them.
class long_table_rows final : public cell_source {
 public:
  long_table_rows(const long_table& t, const long_table::part& rows)
      : cell_source(t.name_), table_(t), rows_(rows) {
    naming_ = t.naming_;
    hidden_column_ = t.column_;
  }
  bool next() override {
    if (!header_read_) {
      header_read_ = true;
      cells_.assign(table_.header_.begin(), table_.header_.end());
      line_ = table_.header_line_;
      return true;
    }
    if (row_ == rows_.lines.size()) return false;
    const std::size_t width = table_.header_.size();
    const std::uint32_t* lengths = rows_.lengths.data() + row_ * width;
    std::size_t bytes = 0;
    for (std::size_t c = 0; c < width; ++c) bytes += lengths[c];
    // The row is in the block being read, or it opens the next (see long_table::read).
    if (offset_ + bytes > rows_.blocks[block_].size()) ++block_, offset_ = 0;
    cells_.resize(width);
    for (std::size_t c = 0; c < width; ++c) {
      cells_[c] = std::string_view(rows_.blocks[block_].data() + offset_, lengths[c]);
      offset_ += lengths[c];
    }
    line_ = rows_.lines[row_++];
    return true;
  }
  std::size_t rows_hint() const override { return rows_.lines.size() - row_; }

 private:
  const long_table& table_;
  const long_table::part& rows_;
  bool header_read_ = false;
  std::size_t row_ = 0, block_ = 0, offset_ = 0;
};

std::unique_ptr<cell_source> long_table::rows(const period& p) const {
  const auto at = std::find(periods_.begin(), periods_.end(), p);
  static const part none;
  return std::make_unique<long_table_rows>(
      *this, at == periods_.end() ? none : parts_[static_cast<std::size_t>(at - periods_.begin())]);
}

}  // namespace zoneperf
