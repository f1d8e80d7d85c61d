#pragma once
// The shortest decimal digits of a double, shared by the two writers of numbers: write_shortest
// (CSV and tables: to_chars's layout) and append_json_number (JSON: nlohmann's layout).

namespace zoneperf::detail {

struct shortest_decimal {
  const char* digits;  ///< k digits, no trailing zero, followed in the buffer by at least 24 '0's
  int k;               ///< how many digits
  int n;               ///< the value is 0.digits × 10^n
};

/// The digits of a finite a > 0 that read back to a, the nearest of those when several are as
/// short (Dragonbox, through fmt): std::to_chars's digits. They are written into `buf`.
shortest_decimal shortest_digits(double a, char (&buf)[48]) noexcept;

}  // namespace zoneperf::detail
