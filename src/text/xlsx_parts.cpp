// The zip container, XML parsing and the parts of an .xlsx read before its sheet.
#include "xlsx_parts.hpp"

#include <expat.h>
#include <libdeflate.h>
#include <unzip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <type_traits>

#include "../detail/huge_pages.hpp"
#include "zoneperf/error.hpp"

namespace zoneperf::detail::xlsx {

void damaged(const std::string& file, const std::string& what) {
  throw error(errc::workbook_damaged, file, what);
}

// ---- the zip container, read through minizip's I/O callbacks from memory ----

// minizip's I/O callbacks over the bytes in memory.
struct zip_io {
  using memory_file = zip_archive::memory_file;
  static voidpf ZCALLBACK open(voidpf opaque, const void*, int) {
    static_cast<memory_file*>(opaque)->pos = 0;
    return opaque;
  }
  static uLong ZCALLBACK read(voidpf, voidpf stream, void* buf, uLong size) {
    auto* f = static_cast<memory_file*>(stream);
    const std::uint64_t left = f->pos < f->bytes.size() ? f->bytes.size() - f->pos : 0;
    const auto n = static_cast<uLong>(std::min<std::uint64_t>(size, left));
    if (n) std::memcpy(buf, f->bytes.data() + f->pos, n);
    f->pos += n;
    return n;
  }
  static uLong ZCALLBACK write(voidpf, voidpf, const void*, uLong) { return 0; }
  static ZPOS64_T ZCALLBACK tell(voidpf, voidpf stream) { return static_cast<memory_file*>(stream)->pos; }
  static long ZCALLBACK seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* f = static_cast<memory_file*>(stream);
    const std::uint64_t size = f->bytes.size();
    const std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                               : origin == ZLIB_FILEFUNC_SEEK_CUR ? f->pos
                                                                  : size;
    if (base > size || offset > size - base) return -1;
    f->pos = base + offset;
    return 0;
  }
  static int ZCALLBACK close(voidpf, voidpf) { return 0; }
  static int ZCALLBACK error(voidpf, voidpf) { return 0; }
};

zip_archive::zip_archive(std::string_view bytes, std::string file) : file_(std::move(file)) {
  memory_.bytes = bytes;
  zlib_filefunc64_def io{&zip_io::open, &zip_io::read,  &zip_io::write, &zip_io::tell,
                         &zip_io::seek, &zip_io::close, &zip_io::error, &memory_};
  zip_ = unzOpen2_64("workbook", &io);
  if (!zip_) damaged(file_, "not a readable .xlsx workbook: its zip container is damaged");
}

zip_archive::~zip_archive() {
  if (open_) unzCloseCurrentFile(zip_);
  unzClose(zip_);
}

namespace {
// A part is inflated whole up to this size; larger ones are streamed a block at a time, which
// holds no more than a block. Deflate packs at most 1032 bytes into one: a directory that claims
// more than that is not believed either.
constexpr std::uint64_t whole_part_limit = std::uint64_t{1} << 30;
constexpr std::uint64_t deflate_most_ratio = 1032;
constexpr std::size_t huge_page = std::size_t{1} << 21;
}  // namespace

void zip_archive::whole_part::operator()(char* p) const noexcept { std::free(p); }

bool zip_archive::open(const std::string& part) {
  if (open_) unzCloseCurrentFile(zip_), open_ = false;
  whole_.reset();
  if (unzLocateFile(zip_, part.c_str(), 2) != UNZ_OK) return false;
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
    damaged(file_, "the zip's entry for " + part + " is damaged");
  if (info.flag & 1) damaged(file_, part + " is encrypted: save the workbook without a password");
  part_ = part;
  size_ = info.uncompressed_size;
  packed_ = info.compressed_size;
  crc_ = static_cast<std::uint32_t>(info.crc);
  mode_ = mode::streaming;
  if (info.compression_method == Z_DEFLATED && size_ > 0 && size_ <= whole_part_limit &&
      size_ / deflate_most_ratio <= packed_) {
    // The raw deflate data, read from memory by libdeflate at the first read().
    int method = 0, level = 0;
    if (unzOpenCurrentFile2(zip_, &method, &level, 1) == UNZ_OK) {
      data_at_ = unzGetCurrentFileZStreamPos64(zip_);
      open_ = true;
      if (data_at_ <= memory_.bytes.size() && packed_ <= memory_.bytes.size() - data_at_) {
        mode_ = mode::whole_pending;
        return true;
      }
      unzCloseCurrentFile(zip_);
      open_ = false;
    }
  }
  open_streaming();
  return true;
}

void zip_archive::open_streaming() {
  if (open_) unzCloseCurrentFile(zip_), open_ = false;
  mode_ = mode::streaming;
  if (unzOpenCurrentFile(zip_) != UNZ_OK) damaged(file_, "cannot read " + part_ + " from the zip (damaged)");
  open_ = true;
}

// False, with nothing kept, unless the part inflates to exactly its size and CRC.
bool zip_archive::inflate_whole() {
  const auto n = static_cast<std::size_t>(size_);
  // 2 MB pages under the buffer: each fresh 4 KB page costs a fault, which on a virtual machine
  // cost more than the inflating.
  std::unique_ptr<char, whole_part> out;
  if (n >= huge_page) {
    const std::size_t rounded = (n + huge_page - 1) / huge_page * huge_page;
    out.reset(static_cast<char*>(std::aligned_alloc(huge_page, rounded)));
    if (out) detail::prefer_huge_pages(out.get(), rounded);
  } else {
    out.reset(static_cast<char*>(std::malloc(n)));
  }
  if (!out) return false;
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  if (!d) return false;
  std::size_t got = 0;
  const libdeflate_result r = libdeflate_deflate_decompress(
      d, memory_.bytes.data() + data_at_, static_cast<std::size_t>(packed_), out.get(), n, &got);
  libdeflate_free_decompressor(d);
  if (r != LIBDEFLATE_SUCCESS || got != n || libdeflate_crc32(0, out.get(), n) != crc_) return false;
  whole_ = std::move(out);
  served_ = 0;
  return true;
}

std::string_view zip_archive::whole_text() {
  if (mode_ == mode::whole_pending) {
    if (inflate_whole()) {
      mode_ = mode::whole;
    } else {
      open_streaming();
    }
  }
  if (mode_ != mode::whole || served_ != 0) return {};
  return std::string_view(whole_.get(), static_cast<std::size_t>(size_));
}

std::size_t zip_archive::read(char* to, std::size_t n) {
  if (mode_ == mode::whole_pending) {
    if (inflate_whole()) {
      mode_ = mode::whole;
    } else {
      open_streaming();  // the part's errors as streaming finds them
    }
  }
  if (mode_ == mode::whole) {
    const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n, size_ - served_));
    std::memcpy(to, whole_.get() + served_, k);
    served_ += k;
    return k;
  }
  const int got = unzReadCurrentFile(zip_, to, static_cast<unsigned>(n));
  if (got < 0) damaged(file_, "the zip's data for " + part_ + " are damaged");
  return static_cast<std::size_t>(got);
}

void zip_archive::close() {
  open_ = false;
  whole_.reset();
  // a part read raw is not checked by minizip: inflate_whole() checked its CRC
  if (unzCloseCurrentFile(zip_) != UNZ_OK && mode_ == mode::streaming)
    damaged(file_, "the zip's data for " + part_ + " are damaged (CRC)");
}

// ---- XML ----

const char* attribute(const char** attributes, std::string_view name) {
  for (; *attributes; attributes += 2)
    if (local_name(attributes[0]) == name) return attributes[1];
  return nullptr;
}

xml_parser::xml_parser(xml_handler& handler, std::string file, std::string part)
    : handler_(handler), file_(std::move(file)), part_(std::move(part)) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  if (!p) throw std::bad_alloc();
  parser_ = p;
  XML_SetUserData(p, this);
  XML_SetElementHandler(p, &xml_parser::on_start, &xml_parser::on_end);
  XML_SetCharacterDataHandler(p, &xml_parser::on_text);
}

xml_parser::~xml_parser() { XML_ParserFree(static_cast<XML_Parser>(parser_)); }

void xml_parser::feed(const char* data, std::size_t n, bool last) {
  auto p = static_cast<XML_Parser>(parser_);
  if (XML_Parse(p, data, static_cast<int>(n), last) != XML_STATUS_ERROR) return;
  failed();
}

char* xml_parser::buffer(std::size_t n) {
  void* b = XML_GetBuffer(static_cast<XML_Parser>(parser_), static_cast<int>(n));
  if (!b) failed();  // out of memory, or a parse already stopped
  return static_cast<char*>(b);
}

void xml_parser::parse_buffer(std::size_t n, bool last) {
  if (XML_ParseBuffer(static_cast<XML_Parser>(parser_), static_cast<int>(n), last) != XML_STATUS_ERROR)
    return;
  failed();
}

void xml_parser::failed() {
  auto p = static_cast<XML_Parser>(parser_);
  if (failure_) std::rethrow_exception(failure_);
  damaged(file_, part_ + " is not well-formed XML (line " + std::to_string(XML_GetCurrentLineNumber(p)) +
                     ", column " + std::to_string(XML_GetCurrentColumnNumber(p) + 1) +
                     "): " + XML_ErrorString(XML_GetErrorCode(p)));
}

void xml_parser::fail() noexcept {
  failure_ = std::current_exception();
  XML_StopParser(static_cast<XML_Parser>(parser_), XML_FALSE);
}

void xml_parser::on_start(void* self, const char* name, const char** attributes) {
  auto* x = static_cast<xml_parser*>(self);
  if (x->failure_) return;
  try {
    x->handler_.start(local_name(name), attributes);
  } catch (...) {
    x->fail();
  }
}

void xml_parser::on_end(void* self, const char* name) {
  auto* x = static_cast<xml_parser*>(self);
  if (x->failure_) return;
  try {
    x->handler_.end(local_name(name));
  } catch (...) {
    x->fail();
  }
}

void xml_parser::on_text(void* self, const char* text, int n) {
  auto* x = static_cast<xml_parser*>(self);
  if (x->failure_) return;
  try {
    x->handler_.text(std::string_view(text, static_cast<std::size_t>(n)));
  } catch (...) {
    x->fail();
  }
}

bool find_first_element(std::string_view xml, std::string_view local, first_element& found) {
  struct probe {
    XML_Parser parser;
    std::string_view local;
    first_element& found;
    bool seen = false;
  };
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> p(XML_ParserCreate("UTF-8"),
                                                                             &XML_ParserFree);
  if (!p) throw std::bad_alloc();
  found = first_element{};
  probe state{p.get(), local, found};
  XML_SetUserData(p.get(), &state);
  XML_SetElementHandler(
      p.get(),
      [](void* self, const char* name, const char**) {
        auto& s = *static_cast<probe*>(self);
        if (local_name(name) != s.local) {
          s.found.open.emplace_back(name);
          return;
        }
        s.found.name = name;
        s.found.at = static_cast<std::size_t>(XML_GetCurrentByteIndex(s.parser));
        s.seen = true;
        XML_StopParser(s.parser, XML_FALSE);
      },
      [](void* self, const char*) { static_cast<probe*>(self)->found.open.pop_back(); });
  // in blocks: the parse stops at the element, usually within the first
  constexpr std::size_t block = 1 << 16;
  for (std::size_t at = 0; at < xml.size() && !state.seen; at += block) {
    const std::size_t n = std::min(block, xml.size() - at);
    if (XML_Parse(p.get(), xml.data() + at, static_cast<int>(n), at + n == xml.size()) == XML_STATUS_ERROR)
      break;
  }
  return state.seen;
}

bool parse_part(zip_archive& zip, const std::string& part, xml_handler& handler) {
  if (!zip.open(part)) return false;
  xml_parser parser(handler, zip.file(), part);
  std::unique_ptr<char[]> block(new char[1 << 16]);
  for (;;) {
    const std::size_t got = zip.read(block.get(), 1 << 16);
    parser.feed(block.get(), got, got == 0);
    if (got == 0) break;
  }
  zip.close();
  return true;
}

std::string resolve(const std::string& from_part, const std::string& target) {
  std::string path = target;
  if (!path.empty() && path[0] == '/') {
    path.erase(0, 1);
  } else {
    const std::size_t slash = from_part.rfind('/');
    path.insert(0, slash == std::string::npos ? std::string() : from_part.substr(0, slash + 1));
  }
  std::vector<std::string> segments;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    const std::string s = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (s == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!s.empty() && s != ".") {
      segments.push_back(s);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

// ---- the parts ----

std::vector<relationship> read_relationships(zip_archive& zip, const std::string& part) {
  struct handler : xml_handler {
    std::vector<relationship> rels;
    void start(std::string_view name, const char** a) override {
      if (name != "Relationship") return;
      const char* id = attribute(a, "Id");
      const char* type = attribute(a, "Type");
      const char* target = attribute(a, "Target");
      const char* mode = attribute(a, "TargetMode");
      if (id && type && target && !(mode && std::strcmp(mode, "External") == 0))
        rels.push_back({id, type, target});
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}
  } h;
  const std::size_t slash = part.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
  parse_part(zip, dir + "_rels/" + name + ".rels", h);
  for (auto& r : h.rels) r.target = resolve(part, r.target);
  return std::move(h.rels);
}

std::string target_of(const std::vector<relationship>& rels, std::string_view kind) {
  for (const auto& r : rels) {
    const std::string_view t = r.type;
    if (t.size() > kind.size() && t.substr(t.size() - kind.size()) == kind &&
        t[t.size() - kind.size() - 1] == '/')
      return r.target;
  }
  return {};
}

workbook_info read_workbook(zip_archive& zip) {
  workbook_info info;
  info.part = target_of(read_relationships(zip, ""), "officeDocument");
  if (info.part.empty()) info.part = "xl/workbook.xml";
  struct handler : xml_handler {
    workbook_info* info;
    void start(std::string_view name, const char** a) override {
      if (name == "workbookPr") {
        const char* d = attribute(a, "date1904");
        info->date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
      } else if (name == "sheet") {
        const char* n = attribute(a, "name");
        const char* id = attribute(a, "id");
        info->sheet_names.emplace_back(n ? n : "");
        info->sheet_ids.emplace_back(id ? id : "");
      }
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}
  } h;
  h.info = &info;
  if (!parse_part(zip, info.part, h))
    damaged(zip.file(), "not an .xlsx workbook: the zip has no " + info.part);
  info.rels = read_relationships(zip, info.part);
  return info;
}

std::vector<number_look> read_number_looks(zip_archive& zip, const std::string& part) {
  struct handler : xml_handler {
    std::map<unsigned, std::string> codes;
    std::vector<unsigned> formats;  // each cell format's number format id
    bool in_cell_formats = false;
    void start(std::string_view name, const char** a) override {
      const char* id = attribute(a, "numFmtId");
      const unsigned n = id ? static_cast<unsigned>(std::strtoul(id, nullptr, 10)) : 0;
      if (name == "numFmt") {
        const char* code = attribute(a, "formatCode");
        if (id && code) codes[n] = code;
      } else if (name == "cellXfs") {
        in_cell_formats = true;
      } else if (name == "xf" && in_cell_formats) {
        formats.push_back(n);
      }
    }
    void end(std::string_view name) override {
      if (name == "cellXfs") in_cell_formats = false;
    }
    void text(std::string_view) override {}
  } h;
  if (!part.empty()) parse_part(zip, part, h);
  std::vector<number_look> looks;
  looks.reserve(h.formats.size());
  for (unsigned id : h.formats) {
    const auto code = h.codes.find(id);
    looks.push_back(look_of_format(id, code == h.codes.end() ? std::string_view() : code->second));
  }
  return looks;
}

shared_strings read_shared_strings(zip_archive& zip, const std::string& part) {
  struct handler : xml_handler {
    shared_strings s;
    std::size_t begin = 0;
    bool in_item = false, in_text = false;
    int phonetic = 0;  // inside <rPh> (a reading guide, not the text)
    void start(std::string_view name, const char** a) override {
      if (name == "si") {
        in_item = true;
        begin = s.text.size();
      } else if (name == "t") {
        in_text = in_item && phonetic == 0;
      } else if (name == "rPh") {
        ++phonetic;
      } else if (name == "sst") {
        if (const char* n = attribute(a, "uniqueCount"))
          s.ends.reserve(std::min<std::size_t>(std::strtoul(n, nullptr, 10), std::size_t{1} << 20));
      }
    }
    void end(std::string_view name) override {
      if (name == "si") {
        decode_escapes(s.text, begin);
        s.ends.push_back(s.text.size());
        in_item = false;
      } else if (name == "t") {
        in_text = false;
      } else if (name == "rPh") {
        --phonetic;
      }
    }
    void text(std::string_view t) override {
      if (in_text) s.text.append(t);
    }
  } h;
  if (!part.empty()) parse_part(zip, part, h);
  return std::move(h.s);
}

void decode_escapes(std::string& text, std::size_t from) {
  std::size_t k = text.find("_x", from);
  if (k == std::string::npos) return;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;  // text[k, end) decoded
  for (std::size_t i = k; i < text.size();) {
    unsigned cp = 0;
    bool escape = i + 7 <= text.size() && text[i] == '_' && text[i + 1] == 'x' && text[i + 6] == '_';
    for (std::size_t d = 2; escape && d < 6; ++d) {
      const int h = hex(text[i + d]);
      escape = h >= 0;
      cp = cp * 16 + static_cast<unsigned>(h < 0 ? 0 : h);
    }
    if (!escape) {
      out += text[i++];
      continue;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    i += 7;
  }
  text.resize(k);
  text += out;
}

}  // namespace zoneperf::detail::xlsx
