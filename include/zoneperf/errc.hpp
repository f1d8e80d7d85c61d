#pragma once
/// Error codes. One convention for the whole library: every code is an `inline constexpr int` in
/// namespace zoneperf::errc with a `///` line above it saying what it means, and each module lists
/// its codes in the errc.hpp of its folder: this file (the ground floor: the codes every module
/// shares, money's, apportionment's and area's; and periods'), pay/errc.hpp, pipeline/errc.hpp,
/// weights/errc.hpp and land/errc.hpp. None of them includes anything. scripts/error_codes.py reads
/// them to write docs/errors.md, and CTest checks that every code is unique and listed there.
///
/// Codes are grouped by hundreds; a code's number and meaning never change once released (a code no
/// longer raised keeps its number), and a new code takes the next free number:
///   1xx parse (JSON, CSV, workbook syntax)       2xx config (trees, policies, presets)
///   3xx data (values, targets, tables)           4xx io (files)
///   5xx money, apportionment and area            6xx pay
///   7xx periods and projects                     8xx weights and uncertainty
///   9xx land efficiency

namespace zoneperf::errc {

// parse: JSON, CSV and workbook syntax and encoding
/// text that is not JSON, with its line and column
inline constexpr int json_syntax = 101;
/// arrays and objects nested deeper than 128 levels
inline constexpr int json_too_deep = 102;
/// a CSV that is not valid UTF-8
inline constexpr int csv_not_utf8 = 110;
/// a quoted CSV field that never closes
inline constexpr int csv_unterminated_quote = 111;
/// a quote inside an unquoted field, or text after a closing quote
inline constexpr int csv_bad_quote = 112;
/// a CSV with no header row
inline constexpr int csv_empty = 113;
/// a CSV row with more or fewer fields than the header
inline constexpr int csv_field_count = 114;
/// a workbook that cannot be read: a damaged zip or .xls, XML that does not parse, a part missing
inline constexpr int workbook_damaged = 120;
/// a sheet the workbook does not have (the message lists its sheets), or a sheet asked of a CSV
inline constexpr int workbook_no_sheet = 121;
/// a workbook formula without a cached value (open and save the file in Excel or LibreOffice)
inline constexpr int workbook_formula_without_value = 122;
/// an empty header cell between named ones, as a merged header cell leaves
inline constexpr int workbook_empty_header_cell = 123;
/// a filled cell right of the last column that has a header
inline constexpr int workbook_cell_outside_header = 124;
// config: trees, policies, presets
/// a required key, column or field that is absent
inline constexpr int missing_field = 201;
/// a JSON value of the wrong type (a string where a number belongs, ...)
inline constexpr int wrong_type = 202;
/// points that are negative, not finite or not a number
inline constexpr int bad_points = 203;
/// a parent's points unequal to the sum of its scored children's
inline constexpr int points_do_not_add_up = 204;
/// a node id used twice in a tree
inline constexpr int duplicate_id = 205;
/// a group without children
inline constexpr int empty_group = 206;
/// a rule kind the library does not have
inline constexpr int unknown_rule = 207;
/// banded rule bands not in descending order
inline constexpr int bands_out_of_order = 208;
/// goalposts with lo ≥ hi
inline constexpr int bad_goalposts = 209;
/// a cap that is not a positive number
inline constexpr int bad_cap = 210;
/// a key the file format does not have
inline constexpr int unknown_key = 211;
/// an id that is empty or not an ASCII identifier
inline constexpr int bad_id = 212;
/// grades whose cut-offs are not descending, or a label given twice
inline constexpr int bad_grades = 213;
/// a configuration value out of its range or not allowed where it stands
inline constexpr int bad_value = 214;
/// a bonus, penalty or veto item that is not directly under the root
inline constexpr int misplaced_node = 215;
/// a preset name that is not compiled in
inline constexpr int unknown_preset = 216;
/// text for people that is not UTF-8 or holds control characters (a report's title)
inline constexpr int bad_text = 217;
// data: values, targets, tables
/// an empty cell where the missing policy is `error`
inline constexpr int missing_value = 301;
/// a leaf that needs a target and has neither a default nor a table value
inline constexpr int no_target = 302;
/// a target that is zero, negative or not finite where the rule needs one
inline constexpr int bad_target = 303;
/// a column, node or leaf id the tree does not have
inline constexpr int unknown_column = 304;
/// a column the tree needs that the table lacks
inline constexpr int missing_column = 305;
/// a unit id given twice
inline constexpr int duplicate_unit = 306;
/// a column given twice
inline constexpr int duplicate_column = 307;
/// a cell that is not a number
inline constexpr int not_a_number = 308;
/// a value or result that is infinite or NaN where a number is needed
inline constexpr int not_finite = 309;
/// a value outside the range its field allows
inline constexpr int out_of_range = 310;
/// a negative count for a bonus or penalty item
inline constexpr int negative_count = 311;
/// a lookup code the leaf does not list
inline constexpr int unknown_code = 312;
/// a zero value where the rule divides by it
inline constexpr int zero_rate = 313;
/// a matrix or table whose shape does not fit the tree
inline constexpr int shape_mismatch = 314;
/// a target given for a column whose rule takes none
inline constexpr int column_takes_no_target = 315;
/// a unit id that is not in the table or scorecard it refers to
inline constexpr int unknown_unit = 316;
/// a unit of the values that another table lacks
inline constexpr int missing_unit = 317;
/// A scorecard whose numbers disagree: a total unequal to its parts, a grade or rank its total does not give,
/// a grade the tree does not have.
inline constexpr int inconsistent_scorecard = 318;
/// a text or formula longer than a workbook cell holds (Excel: 32 767 characters of text, 8 192 of
/// formula)
inline constexpr int cell_too_long = 319;
/// a table header that names two columns (two leaves or items whose folded names, with or without
/// their trailing bracket, are the same)
inline constexpr int ambiguous_column = 320;
/// a header that is a leaf's name with a bracket other than the leaf's unit ("签约总投资(万元)" for a
/// leaf in 亿元): zoneperf never converts units from headers
inline constexpr int header_unit_mismatch = 321;
// io: files
/// a file that cannot be opened or read
inline constexpr int cannot_open = 401;
/// a file, folder or stream that cannot be written
inline constexpr int cannot_write = 402;
/// an output path that is one of the command's inputs
inline constexpr int overwrites_input = 403;
/// a program that the command needs is not installed: the browser that prints `--pdf` (the CLI exits
/// with 3, after writing its other files)
inline constexpr int program_missing = 404;
/// a program that the command started failed, timed out or wrote nothing usable (exit status 3)
inline constexpr int program_failed = 405;
// money (units/money.hpp)
/// an amount or product beyond 64-bit fen
inline constexpr int money_overflow = 501;
/// text that is not a money amount
inline constexpr int bad_amount = 502;
/// an amount finer than a fen, or a ratio beyond its places
inline constexpr int money_too_precise = 503;
/// a money ratio or split by zero
inline constexpr int money_division_by_zero = 504;
// apportionment (apportion.hpp)
/// a negative weight to apportion by
inline constexpr int apportion_negative_weight = 505;
/// a negative number of seats, or seats over weights that are all zero
inline constexpr int apportion_bad_seats = 506;
// area (units/area.hpp)
/// an area that is not a decimal number ("abc", "1e3", "")
inline constexpr int bad_area_number = 551;
/// an area with more decimal places than its unit holds exactly
inline constexpr int area_too_many_decimals = 552;
/// an area or result that does not fit 64 bits of ticks
inline constexpr int area_overflow = 553;
/// an area unit other than m2, mu and ha ("17.5 acres")
inline constexpr int unknown_area_unit = 554;
// periods (period.hpp)
/// a date that is not YYYY-MM-DD or does not exist
inline constexpr int bad_date = 701;
/// a period label or number that does not exist
inline constexpr int bad_period = 702;
/// the annual fold lacks a quarter
inline constexpr int missing_quarter = 703;
/// the fold's quarter share is outside [0, 1]
inline constexpr int bad_share = 704;
/// a period given twice in a series
inline constexpr int duplicate_period = 705;
/// a period that does not nest in the target
inline constexpr int period_mismatch = 706;
/// a cumulative count that falls from one period to the next
inline constexpr int falling_count = 707;
/// a unit absent from some period of a series (without allow_gaps)
inline constexpr int unit_gap = 708;
/// periods of different kinds in one series, or weeks
inline constexpr int mixed_periods = 709;

}  // namespace zoneperf::errc
