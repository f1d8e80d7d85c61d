/* The C API from C: load a preset, assess (from CSV tables and from a raw matrix), read the
 * results, write the reports, check the errors, free everything. Built with -fsanitize=address so that
 * LeakSanitizer fails the test on any leak, the library's allocations included.
 * With ZP_TEST_LEAK=1 in the environment it leaks a tree on purpose (the test registered with
 * WILL_FAIL proves the leak check sees the library's allocations). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, rmdir */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zoneperf/c/zoneperf.h"

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)
#define OK(call)                                                                                     \
  do {                                                                                               \
    int status_ = (call);                                                                            \
    if (status_ != ZP_OK) {                                                                          \
      fprintf(stderr, "%s:%d: %s -> %d: %s\n", __FILE__, __LINE__, #call, status_, zp_last_error()); \
      ++failures;                                                                                    \
    }                                                                                                \
  } while (0)

static void presets_and_tree(void) {
  size_t n = 0, groups = 0, columns = 0, grades = 0, node = 0;
  const char *name = NULL, *id = NULL, *label = NULL;
  zp_tree* tree = NULL;
  char* json = NULL;
  zp_tree* again = NULL;

  OK(zp_preset_count(&n));
  CHECK(n >= 1);
  OK(zp_preset_load("task-force", &tree));
  OK(zp_tree_id(tree, &id));
  CHECK(strcmp(id, "task-force") == 0);
  OK(zp_tree_name(tree, &name));
  CHECK(strcmp(name, "产业专班考核") == 0);
  /* docs/semantics.md §5: 6 groups, 17 indicators + bonus, penalty, veto; grades 优秀 良好 合格 不合格 */
  OK(zp_tree_group_count(tree, &groups));
  CHECK(groups == 6);
  OK(zp_tree_column_count(tree, &columns));
  CHECK(columns == 20);
  OK(zp_tree_grade_count(tree, &grades));
  CHECK(grades == 4);
  OK(zp_tree_grade_label(tree, 0, &label));
  CHECK(strcmp(label, "优秀") == 0);
  OK(zp_tree_node_index(tree, "attraction", &node));
  CHECK(node == 1);
  OK(zp_tree_column_node(tree, 0, &node));
  OK(zp_tree_node_id(tree, node, &id));
  CHECK(strcmp(id, "intent_projects") == 0);
  OK(zp_tree_node_unit(tree, node, &name));
  CHECK(strcmp(name, "个") == 0);
  OK(zp_tree_node_unit(tree, 1, &name)); /* a group has none */
  CHECK(strcmp(name, "") == 0);

  OK(zp_tree_to_json(tree, 2, &json));
  OK(zp_tree_from_json(json, strlen(json), "copy.json", &again));
  zp_string_free(json);
  zp_tree_free(again);
  zp_tree_free(tree);
}

static void errors(void) {
  zp_tree* tree = (zp_tree*)1;
  size_t n = 0;
  CHECK(zp_preset_load("nope", &tree) == ZP_E_CONFIG);
  CHECK(tree == NULL);
  CHECK(zp_last_error_code() == 216);
  CHECK(strncmp(zp_last_error(), "[zoneperf.config.216] nope: unknown preset", 42) == 0);
  CHECK(zp_tree_from_json("{", 1, "broken.json", &tree) == ZP_E_PARSE);
  CHECK(zp_last_error_code() == 101);
  CHECK(zp_tree_from_file("/nonexistent/tree.json", &tree) == ZP_E_IO);
  CHECK(zp_tree_node_count(NULL, &n) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(), "tree is NULL") == 0);
  CHECK(zp_preset_name(1000, NULL) == ZP_E_ARGUMENT);
  zp_tree_free(NULL);
  zp_result_free(NULL);
  zp_values_free(NULL);
  zp_targets_free(NULL);
}

static void assess_sample(void) {
  zp_tree* tree = NULL;
  zp_values* values = NULL;
  zp_targets* targets = NULL;
  zp_result* result = NULL;
  zp_result* raw = NULL;
  const char *csv = NULL, *unit = NULL, *label = NULL;
  size_t len = 0, units = 0, attraction = 0, i;
  double total = 0, score = 0, max = 0;
  const double *data = NULL, *totals = NULL, *raw_totals = NULL;
  int32_t rank = 0;
  int vetoed = 1;
  char* json = NULL;
  const char* target_ids[] = {"intent_projects"};
  double target_values[4] = {NAN, NAN, NAN, NAN}; /* NaN: the leaf's default target */

  OK(zp_preset_load("task-force", &tree));
  OK(zp_sample_file("task-force/values.csv", &csv, &len));
  OK(zp_values_read_csv(tree, csv, len, "values.csv", &values));
  OK(zp_sample_file("task-force/targets.csv", &csv, &len));
  OK(zp_targets_read_csv(tree, values, csv, len, "targets.csv", &targets));
  OK(zp_assess_tables(tree, values, targets, NULL, &result));

  OK(zp_result_units(result, &units));
  CHECK(units == 4);
  OK(zp_values_unit_id(values, 1, &unit));
  CHECK(strcmp(unit, "高端装备") == 0);
  /* `zoneperf assess --preset task-force --values samples/task-force/values.csv --targets ...`:
   * 高端装备 total 109.60, rank 2, 优秀; 医养健康 rank 4, 合格 (docs/bindings.md) */
  OK(zp_result_total(result, 1, &total));
  CHECK(fabs(total - 109.60) < 0.005);
  OK(zp_result_rank(result, 1, &rank));
  CHECK(rank == 2);
  OK(zp_result_grade_label(result, 1, &label));
  CHECK(strcmp(label, "优秀") == 0);
  OK(zp_result_grade_label(result, 2, &label));
  CHECK(strcmp(label, "合格") == 0);
  OK(zp_result_vetoed(result, 1, &vetoed));
  CHECK(vetoed == 0);
  OK(zp_tree_node_index(tree, "attraction", &attraction));
  OK(zp_result_score(result, 0, attraction, &score));
  OK(zp_result_max(result, 0, attraction, &max));
  CHECK(fabs(score - 27.69) < 0.005 && max == 25);
  CHECK(zp_result_total(result, 4, &total) == ZP_E_ARGUMENT);

  CHECK(zp_result_to_json(result, 17, &json) == ZP_E_CONFIG && zp_last_error_code() == 214 && json == NULL);
  OK(zp_result_to_json(result, 2, &json));
  CHECK(json != NULL && strstr(json, "\"tree\": \"task-force\"") != NULL);
  zp_string_free(json);

  /* The same values as a raw column-major matrix; default targets except intent_projects. */
  OK(zp_values_data(values, &data));
  OK(zp_assess(tree, data, units, ZP_COLUMN_MAJOR, 0, target_ids, 1, target_values, ZP_COLUMN_MAJOR, 0, NULL,
               NULL, &raw));
  OK(zp_result_totals(raw, &raw_totals));
  OK(zp_result_totals(result, &totals));
  for (i = 0; i < units; ++i) CHECK(raw_totals[i] > 0);
  CHECK(raw_totals[0] != totals[0]); /* different targets, different totals */

  /* A negative bonus count is a data error naming the unit. */
  {
    double bad[20] = {0};
    zp_result* none = (zp_result*)1;
    const char* ids[] = {"甲"};
    size_t c;
    for (c = 0; c < 20; ++c) bad[c] = 1;
    bad[17] = -1; /* major_projects */
    CHECK(zp_assess(tree, bad, 1, ZP_ROW_MAJOR, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, ids, NULL, &none) ==
          ZP_E_DATA);
    CHECK(none == NULL);
    CHECK(zp_last_error_code() == 311);
    CHECK(strcmp(zp_last_error(),
                 "[zoneperf.data.311] unit \"甲\", indicator \"major_projects\": negative count -1") == 0);
  }

  /* An infinite value and a unit id given twice are errors, as in a CSV (issue 19 item 11); NaN is
     a missing value. */
  {
    double two[40];
    zp_result* none = (zp_result*)1;
    const char* ids[] = {"甲", "乙"};
    const char* twice[] = {"甲", "甲"};
    size_t c;
    for (c = 0; c < 40; ++c) two[c] = 1;
    two[20 + 3] = HUGE_VAL; /* 乙's landed_projects */
    CHECK(zp_assess(tree, two, 2, ZP_ROW_MAJOR, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, ids, NULL, &none) ==
          ZP_E_DATA);
    CHECK(none == NULL);
    CHECK(zp_last_error_code() == 309);
    CHECK(
        strcmp(zp_last_error(),
               "[zoneperf.data.309] unit \"乙\", indicator \"landed_projects\": not a finite number: inf") ==
        0);
    two[20 + 3] = -HUGE_VAL;
    CHECK(zp_assess(tree, two, 2, ZP_ROW_MAJOR, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, ids, NULL, &none) ==
          ZP_E_DATA);
    CHECK(zp_last_error_code() == 309);
    two[20 + 3] = 1;
    CHECK(zp_assess(tree, two, 2, ZP_ROW_MAJOR, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, twice, NULL, &none) ==
          ZP_E_DATA);
    CHECK(none == NULL);
    CHECK(zp_last_error_code() == 306);
    CHECK(strcmp(zp_last_error(), "[zoneperf.data.306] row 2: duplicate unit \"甲\" (first on row 1)") == 0);
    two[20 + 3] = NAN; /* missing: the leaf's policy (error) says so, as for an empty cell */
    CHECK(zp_assess(tree, two, 2, ZP_ROW_MAJOR, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, ids, NULL, &none) ==
          ZP_E_DATA);
    CHECK(zp_last_error_code() == 301);
  }

  zp_result_free(raw);
  zp_result_free(result);
  zp_targets_free(targets);
  zp_values_free(values);
  zp_tree_free(tree);
}

static void pay_and_land(void) {
  zp_pay_policy* policy = NULL;
  const char *staff = NULL, *card = NULL, *events = NULL, *policy_json = NULL, *enterprises = NULL;
  size_t staff_len = 0, card_len = 0, events_len = 0, policy_len = 0, enterprises_len = 0;
  char* report = NULL;

  OK(zp_sample_file("pay/staff.csv", &staff, &staff_len));
  OK(zp_sample_file("pay/scorecard.json", &card, &card_len));
  OK(zp_sample_file("pay/events.csv", &events, &events_len));
  OK(zp_sample_file("pay/policy.json", &policy_json, &policy_len));
  OK(zp_pay_policy_from_json(policy_json, policy_len, "policy.json", &policy));
  CHECK(zp_pay_run(policy, staff, staff_len, card, card_len, NULL, 0, 1500, &report) == ZP_E_CONFIG);
  OK(zp_pay_run(policy, staff, staff_len, card, card_len, events, events_len, 2, &report));
  CHECK(report != NULL && strstr(report, "\"people\"") != NULL);
  zp_string_free(report);
  report = NULL;
  zp_pay_policy_free(policy);
  OK(zp_pay_policy_standard(&policy));
  OK(zp_pay_run(policy, staff, staff_len, card, card_len, NULL, 0, -1, &report));
  zp_string_free(report);
  report = NULL;
  /* a roster that does not parse is an error, not a crash */
  CHECK(zp_pay_run(policy, "id\n", 3, card, card_len, NULL, 0, 2, &report) < 0);
  CHECK(report == NULL);
  zp_pay_policy_free(policy);

  OK(zp_sample_file("land/enterprises.csv", &enterprises, &enterprises_len));
  CHECK(zp_land_evaluate("zj-huangyan", enterprises, enterprises_len, NULL, 1500, &report) == ZP_E_CONFIG);
  OK(zp_land_evaluate("zj-huangyan", enterprises, enterprises_len, "enterprises.csv", 2, &report));
  CHECK(report != NULL && strstr(report, "\"enterprises\"") != NULL);
  zp_string_free(report);
  CHECK(zp_land_evaluate("task-force", enterprises, enterprises_len, NULL, 2, &report) < 0);
}

static void projects_and_weights(void) {
  const char *projects = NULL, *candidates = NULL;
  size_t projects_len = 0, candidates_len = 0;
  char* report = NULL;
  zp_admission_options options;
  zp_ahp_info info;
  double w[3] = {0, 0, 0};
  /* Published vector (the FuzzyAHP R package's AHP example): [[1, 1/3, 5], [3, 1, 7], [1/5, 1/7, 1]]
   * -> w (0.278955, 0.649118, 0.071927), lambda_max 3.064888, CR 0.0559 with RI(3) = 0.58. Row-major. */
  const double a[9] = {1, 1.0 / 3, 5, 3, 1, 7, 1.0 / 5, 1.0 / 7, 1};
  /* scikit-criteria's simple entropy case [[1,2],[4,16]] -> (0.358889, 0.641111), column-major here */
  const double e[4] = {1, 4, 2, 16};
  const double not_reciprocal[4] = {1, 2, 2, 1};

  OK(zp_sample_file("projects/projects.csv", &projects, &projects_len));
  CHECK(zp_projects_month_json(projects, projects_len, NULL, "2020-07", NULL, 1500, &report) == ZP_E_CONFIG);
  OK(zp_projects_month_json(projects, projects_len, "projects.csv", "2020-07", NULL, 2, &report));
  CHECK(report != NULL && strstr(report, "\"period\": \"2020-07\"") != NULL);
  CHECK(report != NULL && strstr(report, "\"check\"") != NULL);
  zp_string_free(report);
  report = NULL;
  OK(zp_projects_month_json(projects, projects_len, "projects.csv", "2020-07", "2020-07-15", -1, &report));
  CHECK(report != NULL && strstr(report, "\"as_of\":\"2020-07-15\"") != NULL);
  zp_string_free(report);
  report = NULL;
  CHECK(zp_projects_period_json(projects, projects_len, NULL, "2020", NULL, 1500, &report) == ZP_E_CONFIG);
  OK(zp_projects_period_json(projects, projects_len, NULL, "2020", NULL, 2, &report));
  CHECK(report != NULL && strstr(report, "\"scorecard_leaves\"") != NULL);
  zp_string_free(report);
  report = NULL;
  /* a quarter is not a month: error 751 */
  CHECK(zp_projects_month_json(projects, projects_len, NULL, "2020-Q3", NULL, 2, &report) == ZP_E_PROJECT);
  CHECK(zp_last_error_code() == 751);
  CHECK(report == NULL);
  CHECK(zp_projects_month_json(projects, projects_len, NULL, "2020-07", "2020-02-30", 2, &report) ==
        ZP_E_PROJECT);
  CHECK(zp_last_error_code() == 701);
  /* faces over the year: twelve months per task force, July's as the month's report gives them */
  OK(zp_projects_faces_json(projects, projects_len, "projects.csv", 2020, NULL, -1, &report));
  CHECK(report != NULL && strncmp(report, "{\"year\":2020,\"as_of\":\"2020-12-31\"", 33) == 0);
  CHECK(report != NULL && strstr(report, "\"month\":\"2020-12\"") != NULL);
  zp_string_free(report);
  report = NULL;
  CHECK(zp_projects_faces_json(projects, projects_len, NULL, 2020, "2019-06-30", -1, &report) ==
        ZP_E_PROJECT);
  CHECK(zp_last_error_code() == 751);
  CHECK(report == NULL);
  OK(zp_calendar_json(2020, -1, &report));
  CHECK(report != NULL && strncmp(report, "[{\"date\":\"2020-01-06\"", 21) == 0);
  zp_string_free(report);
  report = NULL;

  OK(zp_sample_file("projects/candidates.csv", &candidates, &candidates_len));
  CHECK(zp_admit_json(NULL, candidates, candidates_len, NULL, NULL, 1500, &report) == ZP_E_CONFIG);
  OK(zp_admit_json(NULL, candidates, candidates_len, "candidates.csv", NULL, 2, &report));
  CHECK(report != NULL && strstr(report, "\"decision\": \"admitted\"") != NULL);
  zp_string_free(report);
  report = NULL;
  OK(zp_admission_options_init(&options));
  CHECK(options.min_investment_per_mu == 300 && options.min_tax_per_mu == 10 && isnan(options.pass_mark));
  options.pass_mark = 1000; /* nobody passes */
  OK(zp_admit_json(NULL, candidates, candidates_len, NULL, &options, -1, &report));
  CHECK(report != NULL && strstr(report, "\"decision\":\"admitted\"") == NULL);
  zp_string_free(report);
  report = NULL;
  CHECK(zp_admit_json(NULL, "name\nx\n", 7, NULL, NULL, 2, &report) < 0);
  CHECK(report == NULL);

  OK(zp_ahp(a, 3, ZP_ROW_MAJOR, 0, w, &info));
  CHECK(fabs(w[0] - 0.278955) < 5e-7 && fabs(w[1] - 0.649118) < 5e-7 && fabs(w[2] - 0.071927) < 5e-7);
  CHECK(fabs(info.lambda_max - 3.064888) < 5e-7);
  CHECK(fabs(info.cr - 0.0559) < 5e-5 && info.ri == 0.58 && info.acceptable == 1);
  OK(zp_ahp(a, 3, ZP_ROW_MAJOR, 0, w, NULL));
  CHECK(zp_ahp(not_reciprocal, 2, ZP_ROW_MAJOR, 0, w, &info) == ZP_E_WEIGHTS);
  CHECK(zp_last_error_code() == 803);
  CHECK(zp_ahp(NULL, 3, ZP_ROW_MAJOR, 0, w, &info) == ZP_E_ARGUMENT);
  OK(zp_data_weights("entropy", e, 2, 2, ZP_COLUMN_MAJOR, 0, w));
  CHECK(fabs(w[0] - 0.358889) < 5e-7 && fabs(w[1] - 0.641111) < 5e-7);
  CHECK(zp_data_weights("magic", e, 2, 2, ZP_COLUMN_MAJOR, 0, w) == ZP_E_ARGUMENT);
}

/* Calls `fn` on each string of a JSON array of plain strings (no escapes: the paths of a temp dir);
 * returns how many. */
static size_t each_path(const char* json, void (*fn)(const char*)) {
  char path[4096];
  size_t n = 0;
  const char* p = json;
  while ((p = strchr(p, '"')) != NULL) {
    const char* end = strchr(p + 1, '"');
    size_t len;
    if (!end) break;
    len = (size_t)(end - p - 1);
    if (len < sizeof path) {
      memcpy(path, p + 1, len);
      path[len] = '\0';
      fn(path);
      ++n;
    }
    p = end + 1;
  }
  return n;
}

static void check_exists(const char* path) {
  FILE* f = fopen(path, "rb");
  CHECK(f != NULL);
  if (f) {
    CHECK(fgetc(f) != EOF); /* not empty */
    fclose(f);
  }
}

static void remove_file(const char* path) { CHECK(remove(path) == 0); }

/* zp_report_parse_inputs: every section and the language through one struct whose size is checked. */
static void report_inputs(const char* card) {
  const char* projects = NULL;
  size_t projects_len = 0;
  char *faces = NULL, *html = NULL, *old_html = NULL;
  zp_report* report = NULL;
  zp_report_inputs in;

  OK(zp_sample_file("projects/projects.csv", &projects, &projects_len));
  OK(zp_projects_faces_json(projects, projects_len, "projects.csv", 2020, NULL, -1, &faces));
  memset(&in, 0, sizeof in);
  in.size = sizeof in;
  in.scorecard_json = card;
  in.faces_json = faces;
  in.lang = "en";
  OK(zp_report_parse_inputs(&in, &report));
  OK(zp_report_html(report, &html));
  CHECK(html != NULL && strstr(html, "id=\"faces_year\"") != NULL);
  CHECK(html != NULL && strstr(html, "Monthly reviews of 2020") != NULL);
  CHECK(html != NULL && strstr(html, "2020 年月度督查") == NULL);
  zp_string_free(html);
  zp_report_free(report);

  /* lang NULL is Chinese, and without the new sections the page is zp_report_parse's */
  in.faces_json = "";
  in.lang = NULL;
  in.title = "C API report";
  OK(zp_report_parse_inputs(&in, &report));
  OK(zp_report_html(report, &html));
  zp_report_free(report);
  OK(zp_report_parse(card, NULL, NULL, NULL, "C API report", NULL, &report));
  OK(zp_report_html(report, &old_html));
  zp_report_free(report);
  CHECK(html != NULL && old_html != NULL && strcmp(html, old_html) == 0);
  CHECK(html != NULL && strstr(html, "计分总表") != NULL && strstr(html, "id=\"faces_year\"") == NULL);
  zp_string_free(html);
  zp_string_free(old_html);

  /* a size this library does not know, an unknown language, no inputs: ZP_E_ARGUMENT */
  report = (zp_report*)1;
  in.size = sizeof in - 1;
  CHECK(zp_report_parse_inputs(&in, &report) == ZP_E_ARGUMENT);
  CHECK(report == NULL);
  CHECK(zp_last_error_code() == 0 && strncmp(zp_last_error(), "inputs->size ", 13) == 0);
  in.size = 0;
  CHECK(zp_report_parse_inputs(&in, &report) == ZP_E_ARGUMENT);
  in.size = sizeof in + 8;
  CHECK(zp_report_parse_inputs(&in, &report) == ZP_E_ARGUMENT);
  in.size = sizeof in;
  in.lang = "fr";
  CHECK(zp_report_parse_inputs(&in, &report) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(), "lang must be \"zh\" or \"en\", got \"fr\"") == 0);
  in.lang = "en";
  in.scorecard_json = NULL;
  CHECK(zp_report_parse_inputs(&in, &report) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(), "scorecard_json is NULL") == 0);
  CHECK(zp_report_parse_inputs(NULL, &report) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(), "inputs is NULL") == 0);
  /* a bad section is the JSON's error, as in zp_report_parse */
  in.scorecard_json = card;
  in.series_json = "{\"periods\": []}";
  CHECK(zp_report_parse_inputs(&in, &report) == ZP_E_CONFIG);
  CHECK(zp_last_error_code() == 201);
  CHECK(report == NULL);
  zp_string_free(faces);
}

static void reports(void) {
  zp_tree* tree = NULL;
  zp_values* values = NULL;
  zp_targets* targets = NULL;
  zp_pay_policy* policy = NULL;
  zp_report* report = (zp_report*)1;
  const char *csv = NULL, *staff = NULL, *unit = NULL;
  size_t len = 0, staff_len = 0, units = 0, i;
  char *card = NULL, *pay = NULL, *html = NULL, *markdown = NULL, *files = NULL;
  char dir[] = "/tmp/zp_c_api_reports_XXXXXX";

  OK(zp_preset_load("task-force", &tree));
  OK(zp_sample_file("task-force/values.csv", &csv, &len));
  OK(zp_values_read_csv(tree, csv, len, "values.csv", &values));
  OK(zp_sample_file("task-force/targets.csv", &csv, &len));
  OK(zp_targets_read_csv(tree, values, csv, len, "targets.csv", &targets));
  CHECK(zp_scorecard_json(tree, values, targets, 1500, &card) == ZP_E_CONFIG && zp_last_error_code() == 214);
  OK(zp_scorecard_json(tree, values, targets, 2, &card));
  CHECK(card != NULL && strstr(card, "\"leaves\"") != NULL);
  OK(zp_sample_file("pay/staff.csv", &staff, &staff_len));
  OK(zp_pay_policy_standard(&policy));
  OK(zp_pay_run(policy, staff, staff_len, card, strlen(card), NULL, 0, -1, &pay));

  /* scorecard only: NULL and "" leave the sections out; the title defaults to the tree's name */
  OK(zp_report_parse(card, NULL, "", NULL, NULL, NULL, &report));
  OK(zp_report_html(report, &html));
  CHECK(html != NULL && strstr(html, "产业专班考核") != NULL);
  OK(zp_values_units(values, &units));
  for (i = 0; i < units; ++i) {
    OK(zp_values_unit_id(values, i, &unit));
    CHECK(html != NULL && strstr(html, unit) != NULL);
  }
  zp_string_free(html);
  zp_report_free(report);

  /* with pay, a title and the tree given */
  OK(zp_report_parse(card, pay, NULL, NULL, "C API report", tree, &report));
  OK(zp_report_markdown(report, &markdown));
  CHECK(markdown != NULL && strstr(markdown, "C API report") != NULL);
  zp_string_free(markdown);
  CHECK(mkdtemp(dir) != NULL);
  OK(zp_report_write(report, dir, &files));
  CHECK(files != NULL && files[0] == '[' && strstr(files, "/report.html\"") != NULL &&
        strstr(files, "/report.xlsx\"") != NULL && strstr(files, "/report.md\"") != NULL &&
        strstr(files, "/report_pay_people.csv\"") != NULL);
  if (files) {
    CHECK(each_path(files, check_exists) >= 5); /* html, xlsx, md and a CSV per table */
    each_path(files, remove_file);
  }
  zp_string_free(files);
  OK(zp_report_write(report, dir, NULL)); /* the paths are optional */
  OK(zp_report_write(report, dir, &files));
  if (files) each_path(files, remove_file);
  zp_string_free(files);
  CHECK(rmdir(dir) == 0);
  zp_report_free(report);

  /* errors: bad JSON, an unknown preset, a NULL scorecard, a folder that cannot be made */
  report = (zp_report*)1;
  CHECK(zp_report_parse("{", NULL, NULL, NULL, NULL, NULL, &report) == ZP_E_PARSE);
  CHECK(report == NULL);
  CHECK(zp_last_error_code() == 101);
  CHECK(strncmp(zp_last_error(), "[zoneperf.parse.101] scorecard:1:2: invalid JSON: ", 50) == 0);
  CHECK(zp_report_parse("{\"tree\": \"no-such-tree\", \"units\": []}", NULL, NULL, NULL, NULL, NULL,
                        &report) == ZP_E_CONFIG);
  CHECK(zp_last_error_code() == 216);
  CHECK(zp_report_parse(card, "{", NULL, NULL, NULL, NULL, &report) == ZP_E_PARSE);
  CHECK(zp_report_parse(NULL, NULL, NULL, NULL, NULL, NULL, &report) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(), "scorecard_json is NULL") == 0);
  OK(zp_report_parse(card, NULL, NULL, NULL, NULL, NULL, &report));
  files = (char*)1;
  CHECK(zp_report_write(report, "/proc/zp_no_such_dir", &files) == ZP_E_IO);
  CHECK(files == NULL);
  CHECK(zp_last_error_code() == 402);
  CHECK(zp_report_html(NULL, &html) == ZP_E_ARGUMENT);
  zp_report_free(report);
  zp_report_free(NULL);
  report_inputs(card);

  zp_string_free(pay);
  zp_string_free(card);
  zp_pay_policy_free(policy);
  zp_targets_free(targets);
  zp_values_free(values);
  zp_tree_free(tree);
}

/* Issue 19, item 3: every stride and shape is checked; a bad one is ZP_E_ARGUMENT with a message,
 * never a wrong total with status 0 or a read outside the caller's buffer. */
static void bad_shapes(void) {
  zp_tree* tree = NULL;
  zp_result* result = (zp_result*)1;
  double values[3 * 20];
  double targets[3] = {NAN, NAN, NAN};
  const char* target_ids[] = {"intent_projects"};
  double m[9] = {1, 2, 3, 0.5, 1, 2, 1.0 / 3, 0.5, 1};
  double w[3];
  size_t c;
  for (c = 0; c < 3 * 20; ++c) values[c] = 1;
  OK(zp_preset_load("task-force", &tree));

  /* ld smaller than the rows of a column-major matrix (it once gave a wrong total, status 0) */
  CHECK(zp_assess(tree, values, 3, ZP_COLUMN_MAJOR, 2, NULL, 0, NULL, ZP_COLUMN_MAJOR, 0, NULL, NULL,
                  &result) == ZP_E_ARGUMENT);
  CHECK(result == NULL);
  CHECK(
      strcmp(zp_last_error(),
             "values: leading dimension 2 is less than the 3 rows of a column-major matrix (0 for dense)") ==
      0);
  /* ... and than the columns of a row-major one */
  CHECK(zp_assess(tree, values, 3, ZP_ROW_MAJOR, 19, NULL, 0, NULL, ZP_ROW_MAJOR, 0, NULL, NULL, &result) ==
        ZP_E_ARGUMENT);
  CHECK(strcmp(
            zp_last_error(),
            "values: leading dimension 19 is less than the 20 columns of a row-major matrix (0 for dense)") ==
        0);
  /* a huge ld (once a read before the buffer) */
  CHECK(zp_assess(tree, values, 3, ZP_ROW_MAJOR, (size_t)1 << 62, NULL, 0, NULL, ZP_ROW_MAJOR, 0, NULL, NULL,
                  &result) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(),
               "values: leading dimension 4611686018427387904 for 3 x 20 overflows the "
               "addressable size") == 0);
  /* rows * ld overflowing with each factor in range */
  CHECK(zp_assess(tree, values, (size_t)1 << 40, ZP_ROW_MAJOR, (size_t)1 << 30, NULL, 0, NULL, ZP_ROW_MAJOR,
                  0, NULL, NULL, &result) == ZP_E_ARGUMENT);
  CHECK(strstr(zp_last_error(), "overflows the addressable size") != NULL);
  /* a negative size passed as size_t */
  CHECK(zp_assess(tree, values, (size_t)-1, ZP_ROW_MAJOR, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, NULL, NULL,
                  &result) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(),
               "values: 18446744073709551615 x 20 is too large (a negative size passed as "
               "size_t?)") == 0);
  /* NULL data, an unknown order */
  CHECK(zp_assess(tree, NULL, 3, ZP_ROW_MAJOR, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, NULL, NULL, &result) ==
        ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(), "values is NULL") == 0);
  CHECK(zp_assess(tree, values, 3, (zp_order)7, 0, NULL, 0, NULL, ZP_ROW_MAJOR, 0, NULL, NULL, &result) ==
        ZP_E_ARGUMENT);
  /* the targets' own ld */
  CHECK(zp_assess(tree, values, 3, ZP_ROW_MAJOR, 0, target_ids, 1, targets, ZP_COLUMN_MAJOR, 1, NULL, NULL,
                  &result) == ZP_E_ARGUMENT);
  CHECK(strcmp(zp_last_error(),
               "target_values: leading dimension 1 is less than the 3 rows of a column-major "
               "matrix (0 for dense)") == 0);
  /* a row-major ld larger than the columns is a valid padded matrix */
  OK(zp_assess(tree, values, 2, ZP_ROW_MAJOR, 30, target_ids, 1, targets, ZP_COLUMN_MAJOR, 3, NULL, NULL,
               &result));
  zp_result_free(result);

  /* the weights' matrices */
  CHECK(zp_ahp(m, 3, ZP_ROW_MAJOR, 2, w, NULL) == ZP_E_ARGUMENT);
  CHECK(
      strcmp(zp_last_error(),
             "matrix: leading dimension 2 is less than the 3 columns of a row-major matrix (0 for dense)") ==
      0);
  CHECK(zp_ahp(NULL, 3, ZP_ROW_MAJOR, 0, w, NULL) == ZP_E_ARGUMENT);
  CHECK(zp_data_weights("entropy", m, 3, 3, ZP_COLUMN_MAJOR, (size_t)-1, w) == ZP_E_ARGUMENT);
  CHECK(strstr(zp_last_error(), "values: leading dimension 18446744073709551615") == zp_last_error());
  zp_tree_free(tree);
}

/* Issue 19, items 1 and 2: JSON nested too deep is error 102, an indent outside -1..16 error 214. */
static void deep_json_and_indents(void) {
  zp_tree* tree = NULL;
  zp_pay_policy* policy = NULL;
  zp_report* report = NULL;
  char* json = (char*)1;
  enum { depth = 100000 };
  char* deep = (char*)malloc(depth + 1);
  memset(deep, '[', depth);
  deep[depth] = 0;
  CHECK(zp_tree_from_json(deep, depth, "deep.json", &tree) == ZP_E_PARSE);
  CHECK(zp_last_error_code() == 102);
  CHECK(strncmp(zp_last_error(),
                "[zoneperf.parse.102] deep.json:1:129: JSON nested deeper than 128 levels at /0/0", 78) == 0);
  CHECK(zp_pay_policy_from_json(deep, depth, "deep.json", &policy) == ZP_E_PARSE);
  CHECK(zp_last_error_code() == 102);
  CHECK(zp_report_parse(deep, NULL, NULL, NULL, NULL, NULL, &report) == ZP_E_PARSE);
  CHECK(zp_last_error_code() == 102);
  free(deep);

  OK(zp_preset_load("task-force", &tree));
  CHECK(zp_tree_to_json(tree, 1500, &json) == ZP_E_CONFIG);
  CHECK(json == NULL);
  CHECK(strcmp(zp_last_error(),
               "[zoneperf.config.214] indent: the indent must be -1 (compact) or 0 to 16, not 1500") == 0);
  CHECK(zp_tree_to_json(tree, -2, &json) == ZP_E_CONFIG);
  OK(zp_tree_to_json(tree, 16, &json));
  zp_string_free(json);
  OK(zp_tree_to_json(tree, -1, &json));
  CHECK(strchr(json, '\n') == NULL);
  zp_string_free(json);
  CHECK(zp_calendar_json(2020, 1500, &json) == ZP_E_CONFIG);
  CHECK(zp_last_error_code() == 214);
  OK(zp_pay_policy_standard(&policy));
  zp_pay_policy_free(policy);
  zp_tree_free(tree);
}

/* Workbooks: the embedded sample values.xlsx read from bytes, then from a file, with its sheet named. */
static void workbooks(void) {
  zp_tree* tree = NULL;
  zp_values *values = NULL, *again = NULL;
  zp_targets* targets = NULL;
  const char *bytes = NULL, *unit = NULL;
  const double *a = NULL, *b = NULL;
  size_t len = 0, units = 0, columns = 0;
  char dir[] = "/tmp/zp-c-xlsx-XXXXXX";
  char values_path[64], targets_path[64], sheet[96];
  FILE* f = NULL;

  OK(zp_preset_load("task-force", &tree));
  OK(zp_tree_column_count(tree, &columns));
  OK(zp_sample_file("task-force/values.xlsx", &bytes, &len));
  CHECK(len > 4 && memcmp(bytes, "PK\003\004", 4) == 0);
  OK(zp_values_read_csv(tree, bytes, len, "values.xlsx#values", &values));
  OK(zp_values_units(values, &units));
  CHECK(units == 4);
  OK(zp_values_unit_id(values, 1, &unit));
  CHECK(strcmp(unit, "高端装备") == 0);

  CHECK(mkdtemp(dir) != NULL);
  snprintf(values_path, sizeof values_path, "%s/values.xlsx", dir);
  f = fopen(values_path, "wb");
  CHECK(f != NULL && fwrite(bytes, 1, len, f) == len);
  if (f) fclose(f);
  snprintf(sheet, sizeof sheet, "%s#values", values_path);
  OK(zp_values_read_file(tree, sheet, &again));
  OK(zp_values_data(values, &a));
  OK(zp_values_data(again, &b));
  CHECK(memcmp(a, b, sizeof(double) * units * columns) == 0);
  OK(zp_sample_file("task-force/targets.xlsx", &bytes, &len));
  snprintf(targets_path, sizeof targets_path, "%s/targets.xlsx", dir);
  f = fopen(targets_path, "wb");
  CHECK(f != NULL && fwrite(bytes, 1, len, f) == len);
  if (f) fclose(f);
  OK(zp_targets_read_file(tree, values, targets_path, &targets));
  zp_targets_free(targets);
  targets = NULL;

  snprintf(sheet, sizeof sheet, "%s#Nope", values_path);
  zp_values_free(again);
  again = NULL;
  CHECK(zp_values_read_file(tree, sheet, &again) == ZP_E_PARSE && again == NULL);
  CHECK(strstr(zp_last_error(), "[zoneperf.parse.121]") != NULL);
  CHECK(strstr(zp_last_error(), "no sheet \"Nope\" (the workbook's sheets: \"values\")") != NULL);
  CHECK(zp_targets_read_file(tree, values, "/no/such/targets.xlsx", &targets) == ZP_E_IO && targets == NULL);
  CHECK(zp_values_read_file(tree, NULL, &again) == ZP_E_ARGUMENT);

  remove(values_path);
  remove(targets_path);
  rmdir(dir);
  zp_values_free(values);
  zp_tree_free(tree);
}

/* A tree loaded and never freed: LeakSanitizer must report it. */
static __attribute__((noinline)) void leak_a_tree(void) {
  zp_tree* leaked = NULL;
  OK(zp_preset_load("task-force", &leaked));
}

/* Unoptimised code leaves the leaked pointer in the dead stack below main's frame, where the leak
   check at exit would find it and count the tree as reachable: overwrite that stack first. */
static __attribute__((noinline)) void clear_the_stack(void) {
  volatile char junk[1 << 16];
  size_t i;
  for (i = 0; i < sizeof junk; ++i) junk[i] = 0;
}

int main(void) {
  bad_shapes();
  deep_json_and_indents();
  presets_and_tree();
  pay_and_land();
  projects_and_weights();
  errors();
  assess_sample();
  reports();
  workbooks();
  if (getenv("ZP_TEST_LEAK")) {
    leak_a_tree();
    clear_the_stack();
  }
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("c_api_test: all checks passed\n");
  return 0;
}
