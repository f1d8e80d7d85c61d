/* zoneperf C API: the assessment engine for C and for languages with a C FFI.
 *
 * Synopsis
 *   zp_tree     an indicator tree (scorecard)          zp_tree_from_json, zp_preset_load, zp_tree_free
 *   zp_values   a values table read from CSV           zp_values_read_csv, zp_values_free
 *   zp_targets  a targets table read from CSV          zp_targets_read_csv, zp_targets_free
 *   zp_result   the results of one assessment          zp_assess, zp_assess_tables, zp_result_free
 *   zp_pay_policy  a differentiated-pay policy         zp_pay_policy_standard, zp_pay_policy_from_json
 *   zp_pay_run, zp_land_evaluate                       pay and 亩均 evaluations, reported as JSON
 *   zp_projects_month_json, zp_projects_period_json,   the project registry and admission, reported as
 *   zp_projects_faces_json, zp_admit_json,             the CLI's JSON
 *   zp_calendar_json
 *   zp_ahp, zp_data_weights                            AHP and entropy / CRITIC / SD weights into
 *                                                      caller arrays
 *   zp_report   the reports of a set of JSON results   zp_report_parse_inputs (zp_report_inputs),
 *                                                      zp_report_parse, zp_report_html,
 *                                                      zp_report_markdown, zp_report_write, zp_report_free
 *
 * Every function that can fail returns a status: ZP_OK (0) or a negative ZP_E_* code. On failure
 * zp_last_error() gives the message ("[zoneperf.data.301] unit \"x\", indicator \"y\": ...") and
 * zp_last_error_code() the zoneperf code (301); both are thread-local and stay until the next
 * failing call on the same thread. No C++ exception ever crosses this API.
 *
 * Ownership: every zp_*_free accepts NULL. Strings returned through `const char**` belong to
 * the handle they came from and live as long as it does; strings returned through `char**` are
 * the caller's, to be released with zp_string_free. Handles are immutable after creation and may
 * be shared between threads (a zp_tree can be assessed from several threads at once).
 *
 * Matrices (zp_assess, zp_ahp, zp_data_weights): `ld` is 0 (dense) or at least the inner dimension
 * (the rows of a column-major matrix, the columns of a row-major one); a shape whose last element
 * cannot be addressed (sizes or ld overflowing, a negative size passed as size_t) or NULL data is
 * ZP_E_ARGUMENT with a message, checked before any element is read.
 * JSON output: every `indent` is -1 (compact) or 0 to 16 spaces; anything else is ZP_E_CONFIG (214).
 * JSON input nested deeper than 128 levels is ZP_E_PARSE (102).
 * Input structs that may grow (zp_report_inputs) open with `size_t size`, which the caller sets to
 * sizeof the struct it was compiled with; a size the library does not know is ZP_E_ARGUMENT.
 */
#ifndef ZONEPERF_C_ZONEPERF_H
#define ZONEPERF_C_ZONEPERF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes: the zoneperf code's hundred, negated (a 3xx data error gives ZP_E_DATA). */
enum {
  ZP_OK = 0,
  ZP_E_PARSE = -1,     /* 1xx JSON or CSV syntax and encoding */
  ZP_E_CONFIG = -2,    /* 2xx trees, policies, presets */
  ZP_E_DATA = -3,      /* 3xx values, targets, tables */
  ZP_E_IO = -4,        /* 4xx files */
  ZP_E_MONEY = -5,     /* 5xx money and area */
  ZP_E_PAY = -6,       /* 6xx pay */
  ZP_E_PROJECT = -7,   /* 7xx projects and periods */
  ZP_E_WEIGHTS = -8,   /* 8xx weights and uncertainty */
  ZP_E_LAND = -9,      /* 9xx land efficiency */
  ZP_E_ARGUMENT = -20, /* a NULL pointer, an index out of range: a caller's mistake */
  ZP_E_MEMORY = -21,   /* out of memory */
  ZP_E_INTERNAL = -22  /* anything else (a bug: please report it) */
};

typedef enum zp_order { ZP_COLUMN_MAJOR = 0, ZP_ROW_MAJOR = 1 } zp_order;

typedef struct zp_tree zp_tree;
typedef struct zp_values zp_values;
typedef struct zp_targets zp_targets;
typedef struct zp_result zp_result;

/* The message of the last failure on this thread ("" when none). */
const char* zp_last_error(void);
/* The zoneperf code of the last failure on this thread (e.g. 301), 0 when it had none. */
int zp_last_error_code(void);
/* "0.1.0" */
const char* zp_version(void);
/* Releases a string returned through char**. */
void zp_string_free(char* s);

/* ---- trees ---- */
int zp_preset_count(size_t* count);
int zp_preset_name(size_t i, const char** name); /* static storage */
int zp_preset_load(const char* name, zp_tree** tree);
int zp_tree_from_json(const char* json, size_t length, const char* source, zp_tree** tree);
int zp_tree_from_file(const char* path, zp_tree** tree);
int zp_tree_to_json(const zp_tree* tree, int indent, char** json);
void zp_tree_free(zp_tree* tree);
int zp_tree_id(const zp_tree* tree, const char** id);
int zp_tree_name(const zp_tree* tree, const char** name);
/* Nodes are numbered 0 (the root) .. count-1 in file order. */
int zp_tree_node_count(const zp_tree* tree, size_t* count);
int zp_tree_node_id(const zp_tree* tree, size_t node, const char** id);
int zp_tree_node_name(const zp_tree* tree, size_t node, const char** name);
/* A leaf's unit ("亿元", "%", "fraction"); "" when it has none and for other nodes. */
int zp_tree_node_unit(const zp_tree* tree, size_t node, const char** unit);
int zp_tree_node_index(const zp_tree* tree, const char* id, size_t* node);
/* The values matrix's columns (leaves, bonus, penalty and veto items in file order). */
int zp_tree_column_count(const zp_tree* tree, size_t* count);
int zp_tree_column_node(const zp_tree* tree, size_t column, size_t* node);
/* The root's scored children (groups). */
int zp_tree_group_count(const zp_tree* tree, size_t* count);
int zp_tree_group_node(const zp_tree* tree, size_t group, size_t* node);
int zp_tree_grade_count(const zp_tree* tree, size_t* count);
int zp_tree_grade_label(const zp_tree* tree, size_t grade, const char** label);
/* The values-matrix cell for a lookup leaf's code. */
int zp_tree_code_value(const zp_tree* tree, const char* leaf_id, const char* code, double* value);

/* ---- tables (CSV or workbooks, as the command line reads them) ---- */
/* A sample file compiled into the library ("task-force/values.csv"); static storage. */
int zp_sample_file(const char* path, const char** text, size_t* length);
/* `csv` may also hold the bytes of an .xlsx or .xls workbook (told apart by their first bytes); a
 * `source` "book.xlsx#Sheet2" then reads sheet Sheet2, else the first sheet. */
int zp_values_read_csv(const zp_tree* tree, const char* csv, size_t length, const char* source,
                       zp_values** values);
/* Reads a CSV file or a workbook ("book.xlsx", "book.xlsx#Sheet2"); ZP_E_IO when it cannot be read. */
int zp_values_read_file(const zp_tree* tree, const char* path, zp_values** values);
void zp_values_free(zp_values* values);
int zp_values_units(const zp_values* values, size_t* units);
int zp_values_unit_id(const zp_values* values, size_t unit, const char** id);
/* The units x columns matrix, column-major (leading dimension = units). */
int zp_values_data(const zp_values* values, const double** data);
int zp_targets_read_csv(const zp_tree* tree, const zp_values* values, const char* csv, size_t length,
                        const char* source, zp_targets** targets);
int zp_targets_read_file(const zp_tree* tree, const zp_values* values, const char* path,
                         zp_targets** targets);
void zp_targets_free(zp_targets* targets);

/* ---- assessment ---- */
typedef struct zp_assess_options {
  int threads;     /* worker threads, <= 1 for one; results do not depend on it */
  int keep_groups; /* 0: keep every node's scores; 1: only the groups' */
  int no_ranks;    /* 1: skip ranking */
} zp_assess_options;

/* Scores `units` rows of `values` (units x zp_tree_column_count, stored in `order` with leading
 * dimension `ld`, or 0 for dense). Targets are optional: `target_ids` names the `target_count`
 * columns of `target_values` (units x target_count, same order rules; NaN takes the default).
 * `unit_ids` (optional, `units` strings) names units in messages and reports. `options` may be NULL.
 * NaN is a missing value; an infinite value (309) and a unit id given twice (306) are ZP_E_DATA, as
 * in a CSV, and so is a score or total that is not finite (309). */
int zp_assess(const zp_tree* tree, const double* values, size_t units, zp_order order, size_t ld,
              const char* const* target_ids, size_t target_count, const double* target_values,
              zp_order target_order, size_t target_ld, const char* const* unit_ids,
              const zp_assess_options* options, zp_result** result);
/* Scores tables read from CSV (targets may be NULL); units are named by the table. */
int zp_assess_tables(const zp_tree* tree, const zp_values* values, const zp_targets* targets,
                     const zp_assess_options* options, zp_result** result);
void zp_result_free(zp_result* result);
int zp_result_units(const zp_result* result, size_t* units);
int zp_result_total(const zp_result* result, size_t unit, double* total);
/* All totals at once (valid while `result` lives). */
int zp_result_totals(const zp_result* result, const double** totals);
int zp_result_rank(const zp_result* result, size_t unit, int32_t* rank); /* 0 when ranks were off */
/* Index into the tree's grades, or -1 when none applies. */
int zp_result_grade(const zp_result* result, size_t unit, int32_t* grade);
int zp_result_grade_label(const zp_result* result, size_t unit, const char** label); /* NULL: none */
int zp_result_vetoed(const zp_result* result, size_t unit, int* vetoed);
/* A node's score, maximum and rate (by node index); ZP_E_ARGUMENT if its scores were not kept. */
int zp_result_score(const zp_result* result, size_t unit, size_t node, double* score);
int zp_result_max(const zp_result* result, size_t unit, size_t node, double* max);
int zp_result_rate(const zp_result* result, size_t unit, size_t node, double* rate);
/* The JSON report (`zoneperf assess --format json`); free with zp_string_free. */
int zp_result_to_json(const zp_result* result, int indent, char** json);
/* Assesses tables read from CSV (targets may be NULL) and writes the JSON report with every leaf
 * explained (`zoneperf assess --format json --explain all`): the scorecard zp_pay_run and
 * zp_report_parse read. Free with zp_string_free. */
int zp_scorecard_json(const zp_tree* tree, const zp_values* values, const zp_targets* targets, int indent,
                      char** json);

/* ---- pay (差异化薪酬): money stays exact, so results come as the JSON report (yuan as strings) ---- */
typedef struct zp_pay_policy zp_pay_policy;
int zp_pay_policy_standard(zp_pay_policy** policy);
int zp_pay_policy_from_json(const char* json, size_t length, const char* source, zp_pay_policy** policy);
void zp_pay_policy_free(zp_pay_policy* policy);
/* Shares the pool: a staff CSV, the scorecard JSON (`zoneperf assess --format json --explain all`)
 * and optionally an events CSV (NULL). Writes the JSON report (`zoneperf pay --format json`). */
int zp_pay_run(const zp_pay_policy* policy, const char* staff_csv, size_t staff_length,
               const char* scorecard_json, size_t scorecard_length, const char* events_csv,
               size_t events_length, int indent, char** report_json);

/* ---- land (亩均效益) ---- */
/* Evaluates an enterprises CSV on a land preset ("zj-huangyan", "js-huaian") and writes the JSON
 * report (`zoneperf land --format json`): metrics, scores, ranks, classes, the zone's figures. */
int zp_land_evaluate(const char* preset, const char* enterprises_csv, size_t length, const char* source,
                     int indent, char** report_json);

/* ---- projects (项目库, docs/semantics.md §7): the CLI's JSON reports, free with zp_string_free ---- */
/* A month's report (`zoneperf projects --file F [--as-of D] --format json month YYYY-MM`): counts per
 * task force and zone, growth year on year and month on month, the 三个十 check with faces.
 * `as_of` (NULL for none) views the registry as it stood at the end of that day (YYYY-MM-DD). */
int zp_projects_month_json(const char* projects_csv, size_t length, const char* source, const char* month,
                           const char* as_of, int indent, char** report_json);
/* Faces over the year (`zoneperf projects --file F [--as-of D] --format json faces YYYY`): the 三个十
 * check of each month up to the as-of date (default: the year's end), per task force the faces, the
 * counts and targets behind them, and the tally of 😊 and 😢. Error 751 when as_of is before the year. */
int zp_projects_faces_json(const char* projects_csv, size_t length, const char* source, int year,
                           const char* as_of, int indent, char** report_json);
/* A period's report (`zoneperf projects … year PERIOD`; PERIOD "2020", "2020-H2", "2020-Q3", "2020-07"
 * or "2020-W05"): counts, the zone's per-mu figures, growth, funnel and the scorecard leaves. */
int zp_projects_period_json(const char* projects_csv, size_t length, const char* source, const char* period,
                            const char* as_of, int indent, char** report_json);
/* The supervision calendar of a year (`zoneperf calendar YEAR --format json`, Monday dispatch). */
int zp_calendar_json(int year, int indent, char** report_json);

typedef struct zp_admission_options {
  double min_investment_per_mu; /* gate, 万元/亩 of total investment (default 300) */
  double min_tax_per_mu;        /* gate, 万元/亩 of promised tax (default 10) */
  double pass_mark;             /* NaN: the scorecard's top grade (60 for the admission preset) */
} zp_admission_options;
/* Fills `options` with the defaults above. */
int zp_admission_options_init(zp_admission_options* options);
/* Admission of a candidates CSV (`zoneperf admit --format json`): decision, points per dimension and
 * reasons per candidate. `tree` NULL scores on the `admission` preset; `options` NULL takes the defaults. */
int zp_admit_json(const zp_tree* tree, const char* candidates_csv, size_t length, const char* source,
                  const zp_admission_options* options, int indent, char** report_json);

/* ---- weights (docs/semantics.md §8) ---- */
typedef struct zp_ahp_info {
  double lambda_max; /* principal eigenvalue */
  double ci;         /* (lambda_max - n) / (n - 1) */
  double ri;         /* Saaty's classic random index RI(n) */
  double cr;         /* CI / RI, 0 for n <= 2 */
  int acceptable;    /* 1 when CR < 0.10 */
} zp_ahp_info;
/* AHP weights of an n x n pairwise comparison matrix (`order`, leading dimension `ld` or 0 for
 * dense): `weights` receives n doubles summing to 1; `info` (may be NULL) the consistency figures.
 * A matrix that is not positive and reciprocal is ZP_E_WEIGHTS (codes 802-804). */
int zp_ahp(const double* matrix, size_t n, zp_order order, size_t ld, double* weights, zp_ahp_info* info);
/* Data-driven weights of `criteria` columns over `units` rows: method "entropy", "critic" or "sd"
 * (every criterion higher-is-better). `weights` receives `criteria` doubles summing to 1. */
int zp_data_weights(const char* method, const double* values, size_t units, size_t criteria, zp_order order,
                    size_t ld, double* weights);

/* ---- reports: HTML, the auditor's workbook (.xlsx), Markdown and CSV (`zoneperf report`) ---- */
typedef struct zp_report zp_report;
/* Parses and cross-checks the JSON results as the commands print them, NUL-terminated; NULL or ""
 * leaves a section out: scorecard_json (required: `zoneperf assess --format json --explain all`),
 * pay_json (`zoneperf pay --format json`, e.g. from zp_pay_run), land_json (`zoneperf land --format
 * json`, zp_land_evaluate), projects_json (`zoneperf projects month --format json`,
 * zp_projects_month_json). title NULL or "": the tree's name. tree NULL: the preset named by the
 * scorecard's "tree". Bad JSON is ZP_E_PARSE (101); a missing field, a wrong type or an unknown
 * preset ZP_E_CONFIG (201, 202, 216); an unknown node or unit ZP_E_DATA (304, 316). */
int zp_report_parse(const char* scorecard_json, const char* pay_json, const char* land_json,
                    const char* projects_json, const char* title, const zp_tree* tree, zp_report** report);
/* Every input of a report, for zp_report_parse_inputs: the JSON results as the commands print them,
 * NUL-terminated, NULL or "" leaving a section out. Zero it and set `size` to sizeof(zp_report_inputs),
 * so that a program compiled with this header keeps working when fields are added at the end. */
typedef struct zp_report_inputs {
  size_t size;                  /* sizeof(zp_report_inputs) */
  const char* scorecard_json;   /* required, as for zp_report_parse */
  const char* pay_json;         /* `zoneperf pay --format json` (zp_pay_run) */
  const char* land_json;        /* `zoneperf land --format json` (zp_land_evaluate) */
  const char* projects_json;    /* `zoneperf projects month --format json` (zp_projects_month_json) */
  const char* uncertainty_json; /* `zoneperf uncertainty --format json`: the rank robustness */
  const char* series_json;      /* `zoneperf series --format json`: the trend over the periods */
  const char* faces_json;       /* `zoneperf projects faces YEAR --format json` (zp_projects_faces_json) */
  const char* migration_json;   /* `zoneperf land --previous … --format json`: the class migration */
  const char* title;            /* NULL or "": the tree's name */
  const char* lang;             /* the labels' language: NULL, "" or "zh" Chinese, "en" English */
  const zp_tree* tree;          /* NULL: the preset named by the scorecard's "tree" */
} zp_report_inputs;
/* As zp_report_parse, with every section and the language. `inputs` NULL, a `size` this library does
 * not know, or a `lang` other than "zh" and "en" is ZP_E_ARGUMENT; the JSON's errors are as above,
 * and a section's unit that is not the scorecard's (316) or numbers that disagree (318) ZP_E_DATA. */
int zp_report_parse_inputs(const zp_report_inputs* inputs, zp_report** report);
void zp_report_free(zp_report* report);
/* The self-contained HTML report (well-formed XHTML); free with zp_string_free. */
int zp_report_html(const zp_report* report, char** html);
/* The whole report as Markdown; free with zp_string_free. */
int zp_report_markdown(const zp_report* report, char** markdown);
/* Writes report.html, report.xlsx, report.md and one report_<table>.csv per table into `dir`
 * (created if missing; ZP_E_IO, 402, when it cannot be written). `files_json` (may be NULL)
 * receives the paths written as a JSON array of strings, in that order; free with zp_string_free. */
int zp_report_write(const zp_report* report, const char* dir, char** files_json);

#ifdef __cplusplus
}
#endif
#endif /* ZONEPERF_C_ZONEPERF_H */
