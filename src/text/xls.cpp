// An .xls sheet as a cell source, read with freexl (which parses the workbook when it is opened and
// gives dates as ISO text; it reads files only).
#include <freexl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "../detail/progress_meter.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/workbook.hpp"

namespace zoneperf {
namespace {
[[noreturn]] void unreadable(const std::string& file, int code) {
  throw error(errc::workbook_damaged, file,
              "not a readable .xls workbook (freexl error " + std::to_string(code) +
                  "): the file is damaged, encrypted, or not an Excel 97-2003 workbook; save it again as "
                  ".xlsx");
}
}  // namespace

xls_source::xls_source(const std::string& path, const std::string& sheet, const progress_callback& progress) {
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    detail::note_input(path, ::fileno(f));
    std::fclose(f);
  } else {
    throw error(errc::cannot_open, path, "cannot open file");
  }
  open(path, path, sheet, progress);
}

xls_source::xls_source(std::string_view bytes, const std::string& file, const std::string& sheet,
                       const progress_callback& progress) {
  std::string temp = (std::filesystem::temp_directory_path() / "zoneperf-xls-XXXXXX").string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw error(errc::cannot_write, temp, "cannot write a temporary file for freexl");
  bool written = true;
  for (std::string_view left = bytes; written && !left.empty();) {
    const ssize_t n = ::write(fd, left.data(), left.size());
    written = n > 0;
    if (written) left.remove_prefix(static_cast<std::size_t>(n));
  }
  ::close(fd);
  try {
    if (!written) throw error(errc::cannot_write, temp, "cannot write a temporary file for freexl");
    open(temp, file, sheet, progress);  // freexl has read the workbook once it is open
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  ::unlink(temp.c_str());
}

void xls_source::open(const std::string& path, const std::string& file, const std::string& sheet,
                      const progress_callback& progress) {
  const void* h = nullptr;
  int rc = freexl_open(path.c_str(), &h);
  if (rc != FREEXL_OK) {
    if (h) freexl_close(h);
    unreadable(file, rc);
  }
  handle_ = h;
  // A constructor that throws runs no destructor: close the workbook here on every error.
  try {
    unsigned int info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
      throw error(errc::workbook_damaged, file,
                  "the workbook is password-protected: save it without a password");
    unsigned int count = 0;
    if ((rc = freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count)) != FREEXL_OK) unreadable(file, rc);
    for (unsigned int k = 0; k < count && k < 65536; ++k) {
      const char* name = nullptr;
      if ((rc = freexl_get_worksheet_name(h, static_cast<unsigned short>(k), &name)) != FREEXL_OK)
        unreadable(file, rc);
      sheets_.emplace_back(name ? name : "");
    }
    const std::size_t k = choose_sheet(file, sheet);
    unsigned short columns = 0;
    if ((rc = freexl_select_active_worksheet(h, static_cast<unsigned short>(k))) != FREEXL_OK ||
        (rc = freexl_worksheet_dimensions(h, &rows_, &columns)) != FREEXL_OK)
      unreadable(file, rc);
    columns_ = columns;
    if (progress) {  // freexl has read the whole workbook: one report at the start, one at the end
      std::error_code ec;
      const auto size = std::filesystem::file_size(path, ec);
      detail::progress_meter m(progress, "reading " + name_, ec ? 0 : size);
      m.set(ec ? 0 : size);
      m.finish();
    }
  } catch (...) {
    freexl_close(handle_);
    handle_ = nullptr;
    throw;
  }
}

xls_source::~xls_source() {
  if (handle_) freexl_close(handle_);
}

bool xls_source::next() {
  while (next_row_ < rows_) {
    const std::uint32_t r = next_row_++;
    text_.clear();
    numbers_.clear();
    row_.assign(columns_, std::string_view());
    for (std::uint32_t c = 0; c < columns_; ++c) {
      FreeXL_CellValue v{};
      const int rc = freexl_get_cell_value(handle_, r, static_cast<unsigned short>(c), &v);
      if (rc != FREEXL_OK) unreadable(name_, rc);
      char buf[32];
      std::to_chars_result out{buf, std::errc()};
      switch (v.type) {
        case FREEXL_CELL_INT:
          out = std::to_chars(buf, buf + sizeof buf, v.value.int_value);
          break;
        case FREEXL_CELL_DOUBLE:
          out = std::to_chars(buf, buf + sizeof buf, v.value.double_value);
          break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME:
        case FREEXL_CELL_TIME:
          if (v.value.text_value) row_[c] = v.value.text_value;
          continue;
        default:
          continue;
      }
      numbers_.push_back(c);
      numbers_.push_back(text_.size());
      text_.append(buf, out.ptr);
      numbers_.push_back(text_.size());
    }
    for (std::size_t k = 0; k < numbers_.size(); k += 3)
      row_[numbers_[k]] = std::string_view(text_.data() + numbers_[k + 1], numbers_[k + 2] - numbers_[k + 1]);
    if (take_row(r + 1)) return true;
  }
  return false;
}

std::size_t xls_source::rows_hint() const { return rows_ > line_ ? rows_ - line_ : 0; }

}  // namespace zoneperf
