// The streaming JSON writer against nlohmann::json's dump, its numbers, and files replaced atomically.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "../support/test_support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/json_writer.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;
using ojson = nlohmann::ordered_json;

namespace {
// A random document, built both as an nlohmann tree and through the writer.
struct twin {
  std::mt19937_64 rng{11};
  double number() {
    switch (rng() % 6) {
      case 0:
        return static_cast<double>(static_cast<std::int64_t>(rng() % 2001) - 1000);  // whole
      case 1:
        return std::ldexp(static_cast<double>(rng() >> 11), -static_cast<int>(rng() % 80));
      case 2:
        return -0.0;
      case 3:
        return 1e300 * static_cast<double>(rng() % 7);
      default:
        return static_cast<double>(rng() % 100000) / 7.0;
    }
  }
  std::string text() {
    static const char* parts[] = {"a", "新材料", "\"", "\\", "\n", "\t", "\x01", "\x1f", "/", " ", "é"};
    std::string s;
    for (auto n = rng() % 5; n > 0; --n) s += parts[rng() % 11];
    return s;
  }
  ojson make(json_writer& w, int depth) {
    const auto kind = depth > 3 ? rng() % 4 : rng() % 6;
    switch (kind) {
      case 0: {
        const double v = number();
        w.value(v);
        return ojson(v);
      }
      case 1: {
        const auto s = text();
        w.value(s);
        return ojson(s);
      }
      case 2: {
        const bool b = rng() % 2;
        w.value(b);
        return ojson(b);
      }
      case 3: {
        const auto i = static_cast<std::int64_t>(rng() % 100) - 50;
        w.value(i);
        return ojson(i);
      }
      case 4: {
        ojson o = ojson::object();
        w.begin_object();
        for (auto n = rng() % 4; n > 0; --n) {
          const std::string k = text() + std::to_string(n);
          w.key(k);
          o[k] = make(w, depth + 1);
        }
        w.end_object();
        return o;
      }
      default: {
        ojson a = ojson::array();
        w.begin_array();
        for (auto n = rng() % 4; n > 0; --n) a.push_back(make(w, depth + 1));
        w.end_array();
        return a;
      }
    }
  }
};
}  // namespace

TEST(json_writer_test, writes_what_nlohmann_dumps_byte_for_byte) {
  twin t;
  for (int indent : {-1, 0, 2, 4}) {
    for (int doc = 0; doc < 300; ++doc) {
      text_output out;
      json_writer w(out, indent);
      const ojson j = t.make(w, 0);
      ASSERT_EQ(out.str(), j.dump(indent)) << "indent " << indent << ", document " << doc;
    }
  }
}

// Numbers are the shortest text that reads back to the same double, laid out as nlohmann::json lays
// out a double. nlohmann's Grisu2 digits are now and then one longer (or not the closest of two
// shortest): there the writer's are the shortest.
TEST(json_writer_test, numbers_are_the_shortest_text_in_nlohmanns_layout) {
  const std::pair<double, const char*> cases[] = {
      {100.0, "100.0"},
      {1e14, "100000000000000.0"},
      {1e15, "1e+15"},
      {123456789012345.6, "123456789012345.6"},
      {0.0001, "0.0001"},
      {0.00001, "1e-05"},
      {-0.0, "-0.0"},
      {0.0, "0.0"},
      {0.1, "0.1"},
      {-2.5e-7, "-2.5e-07"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {5.431811808692943, "5.431811808692943"},  // nlohmann writes 5.4318118086929434
  };
  for (const auto& [v, text] : cases) {
    std::string out;
    append_json_number(out, v);
    EXPECT_EQ(out, text);
  }
  EXPECT_EQ(ojson(5.431811808692943).dump(), "5.4318118086929434");  // why the case above is there
  std::mt19937_64 rng(5);
  int shorter = 0;
  for (int i = 0; i < 200000; ++i) {
    std::uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    std::string out;
    append_json_number(out, v);
    const std::string theirs = ojson(v).dump();
    ASSERT_EQ(std::strtod(out.c_str(), nullptr), v) << out;
    ASSERT_LE(out.size(), theirs.size()) << out << " vs " << theirs;
    if (out != theirs) {
      // The same layout: only the last digits differ.
      ASSERT_EQ(out.find('e') == std::string::npos, theirs.find('e') == std::string::npos) << out;
      shorter += out.size() < theirs.size();
    }
  }
  EXPECT_GT(shorter, 0);  // the case happens among random doubles
}

TEST(json_writer_test, not_finite_numbers_are_null_and_bad_input_is_an_error) {
  text_output out;
  json_writer w(out, -1);
  w.begin_array();
  w.value(std::numeric_limits<double>::quiet_NaN());
  w.value(std::numeric_limits<double>::infinity());
  w.end_array();
  EXPECT_EQ(out.str(), "[null,null]");
  EXPECT_EQ(message_of([&] { w.value("\xff"); }),
            "[zoneperf.parse.110] json: a string to write is not UTF-8");
  EXPECT_EQ(message_of([&] { json_writer(out, 17); }),
            "[zoneperf.config.214] indent: the indent must be -1 (compact) or 0 to 16, not 17");
}

namespace {
std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
}  // namespace

TEST(output_file_test, a_file_is_the_old_one_until_the_new_one_is_complete) {
  const std::string path = testing::TempDir() + "atomic.txt";
  std::ofstream(path) << "old";
  {
    output_file f(path);
    f.write("new, half");
    EXPECT_EQ(slurp(path), "old");  // not committed yet
  }                                 // destroyed without commit: the temporary goes
  EXPECT_EQ(slurp(path), "old");
  {
    output_file f(path);
    text_output out(f);
    out << "new";
    out.flush();
    f.commit();
  }
  EXPECT_EQ(slurp(path), "new");
}

TEST(output_file_test, a_batch_renames_only_when_every_file_is_complete) {
  const std::string a = testing::TempDir() + "batch_a.txt", b = testing::TempDir() + "batch_b.txt";
  std::ofstream(a) << "old a";
  std::ofstream(b) << "old b";
  try {
    output_batch batch;
    batch.add(a).write("new a");
    batch.add(b).write("new b");
    throw std::runtime_error("the command fails before commit");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(slurp(a), "old a");
  EXPECT_EQ(slurp(b), "old b");
  output_batch batch;
  batch.add(a).write("new a");
  batch.add(b).write("new b");
  batch.commit();
  EXPECT_EQ(slurp(a), "new a");
  EXPECT_EQ(slurp(b), "new b");
}

TEST(output_file_test, an_unwritable_place_or_a_full_stream_is_error_402) {
  EXPECT_EQ(message_of([] {
              output_file f("/no/such/dir/x.txt");
            }).rfind("[zoneperf.io.402] /no/such/dir/x.txt: ", 0),
            0u);
  std::ofstream full("/dev/full");
  text_output out(full, "/dev/full");
  out << "text";
  EXPECT_EQ(message_of([&] { out.flush(); }), "[zoneperf.io.402] /dev/full: cannot write");
}
