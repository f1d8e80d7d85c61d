#pragma once
// The pieces of an .xlsx below its sheet: the zip container (minizip, reading from memory), XML
// parts (expat, fed in blocks), and the parts read whole before a sheet: relationships, the
// workbook (sheets, date system), the styles (which cell formats show dates or percentages) and
// the shared strings.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/text/workbook.hpp"

namespace zoneperf::detail::xlsx {

/// Error 120 for a damaged workbook.
[[noreturn]] void damaged(const std::string& file, const std::string& what);

/// A zip archive in memory, one part (file) open at a time.
class zip_archive {
 public:
  /// Error 120 when `bytes` (which must outlive the archive) are no zip.
  zip_archive(std::string_view bytes, std::string file);
  ~zip_archive();
  zip_archive(const zip_archive&) = delete;
  zip_archive& operator=(const zip_archive&) = delete;

  /// Opens `part` (matched without regard to case); false when the zip has none. A deflated part
  /// up to whole_part_limit bytes is inflated whole at the first read (libdeflate, about twice as
  /// fast as zlib's streaming inflate) into a buffer held until close(); any part it does not
  /// inflate exactly as the directory says (size, CRC) is streamed through minizip instead, so
  /// damaged and lying parts give the errors streaming gives.
  bool open(const std::string& part);
  /// Up to n bytes of the open part; 0 at its end (error 120 when its data are damaged).
  std::size_t read(char* to, std::size_t n);
  /// The open part's bytes when it is inflated whole (inflating it now, before any read()), else
  /// empty: it is streamed. The view lives until close() or the next open(); read() still serves
  /// the part from its start.
  std::string_view whole_text();
  /// Closes the part read to its end, checking its CRC (error 120).
  void close();
  /// The open part's size when decompressed, as the zip's directory gives it.
  std::uint64_t size() const noexcept { return size_; }
  const std::string& file() const noexcept { return file_; }

 private:
  struct memory_file {
    std::string_view bytes;
    std::uint64_t pos = 0;
  };
  friend struct zip_io;
  bool inflate_whole();
  void open_streaming();
  memory_file memory_;
  // The part inflated whole: `whole_` bytes, `served_` of them read so far.
  struct whole_part {
    void operator()(char* p) const noexcept;
  };
  std::unique_ptr<char, whole_part> whole_;
  std::uint64_t served_ = 0, data_at_ = 0, packed_ = 0;
  std::uint32_t crc_ = 0;
  enum class mode : unsigned char { whole_pending, whole, streaming } mode_ = mode::streaming;
  std::string file_, part_;
  void* zip_ = nullptr;
  bool open_ = false;
  std::uint64_t size_ = 0;
};

/// What an XML part's reader does with its elements. Names are local (no namespace prefix).
struct xml_handler {
  virtual ~xml_handler() = default;
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view text) = 0;
};

/// The local name of an XML name: "x:c" is "c", "c" is "c". Inline: it runs for every element.
inline std::string_view local_name(const char* name) {
  // measured in the same pass as the prefix is found: names are a few letters, and a separate
  // strlen and search cost more than that
  const char* local = name;
  const char* p = name;
  for (; *p; ++p)
    if (*p == ':') local = p + 1;
  return std::string_view(local, static_cast<std::size_t>(p - local));
}

/// The qualified names of the elements open where `xml` starts its first element of local name
/// `local` ({"x:worksheet", "x:sheetData"} before "x:row"), that element's own qualified name and
/// the offset of its start tag; false when the XML has none or does not parse up to one.
struct first_element {
  std::vector<std::string> open;
  std::string name;
  std::size_t at = 0;
};
bool find_first_element(std::string_view xml, std::string_view local, first_element& found);

/// The value of attribute `name` (local name), or null.
const char* attribute(const char** attributes, std::string_view name);

/// An expat parser fed block by block. An exception thrown by the handler stops the parse and is
/// rethrown from feed(); XML that does not parse is error 120 naming the part.
class xml_parser {
 public:
  xml_parser(xml_handler& handler, std::string file, std::string part);
  ~xml_parser();
  xml_parser(const xml_parser&) = delete;
  xml_parser& operator=(const xml_parser&) = delete;
  void feed(const char* data, std::size_t n, bool last);
  /// Expat's own buffer for the next `n` bytes: fill it (up to n) and parse_buffer() the count,
  /// which saves the copy feed() makes.
  char* buffer(std::size_t n);
  void parse_buffer(std::size_t n, bool last);

 private:
  static void on_start(void* self, const char* name, const char** attributes);
  static void on_end(void* self, const char* name);
  static void on_text(void* self, const char* text, int n);
  void fail() noexcept;
  [[noreturn]] void failed();  // rethrows the handler's exception, else error 120

  xml_handler& handler_;
  std::string file_, part_;
  void* parser_ = nullptr;
  std::exception_ptr failure_;
};

/// Parses a whole part; false (nothing parsed) when the zip lacks it.
bool parse_part(zip_archive& zip, const std::string& part, xml_handler& handler);

/// The part a relationship's target names, from the part that holds the relationship.
std::string resolve(const std::string& from_part, const std::string& target);

struct relationship {
  std::string id, type, target;  // target resolved to a part's path
};
/// The relationships of `part` (from its _rels/<name>.rels), empty when it has none.
std::vector<relationship> read_relationships(zip_archive& zip, const std::string& part);
/// The target of the first relationship whose type ends with "/<kind>", or empty.
std::string target_of(const std::vector<relationship>& rels, std::string_view kind);

struct workbook_info {
  std::string part;  // "xl/workbook.xml"
  bool date1904 = false;
  std::vector<std::string> sheet_names, sheet_ids;  // the sheets' names and relationship ids
  std::vector<relationship> rels;
};
workbook_info read_workbook(zip_archive& zip);

/// How each cell format (the s attribute of a cell) shows numbers.
std::vector<number_look> read_number_looks(zip_archive& zip, const std::string& part);

/// The shared strings, one buffer: string k is text[ends[k - 1], ends[k]) (ends[-1] = 0).
struct shared_strings {
  std::string text;
  std::vector<std::size_t> ends;
  std::string_view at(std::size_t k) const {
    const std::size_t begin = k ? ends[k - 1] : 0;
    return std::string_view(text.data() + begin, ends[k] - begin);
  }
};
shared_strings read_shared_strings(zip_archive& zip, const std::string& part);

/// Decodes OOXML's escapes of characters XML cannot hold ("_x000D_" for a carriage return) in
/// text[from, end).
void decode_escapes(std::string& text, std::size_t from);

}  // namespace zoneperf::detail::xlsx
