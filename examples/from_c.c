/* The same scorecard from C, through the C API (include/zoneperf/c/zoneperf.h).
 * Run: ./build/examples/example_from_c   (expected output: docs/bindings.md) */
#include <stdio.h>

#include "zoneperf/c/zoneperf.h"

/* Every call returns 0 or a negative status; zp_last_error() says what went wrong. */
#define TRY(call)                               \
  do {                                          \
    if ((call) != ZP_OK) {                      \
      fprintf(stderr, "%s\n", zp_last_error()); \
      goto done;                                \
    }                                           \
  } while (0)

int main(void) {
  int status = 1;
  zp_tree* tree = NULL;
  zp_values* values = NULL;
  zp_targets* targets = NULL;
  zp_result* result = NULL;
  const char *csv = NULL, *unit = NULL, *grade = NULL;
  size_t length = 0, units = 0, u;
  double total = 0;
  int32_t rank = 0;

  TRY(zp_preset_load("task-force", &tree));
  TRY(zp_sample_file("task-force/values.csv", &csv, &length));
  TRY(zp_values_read_csv(tree, csv, length, "values.csv", &values));
  TRY(zp_sample_file("task-force/targets.csv", &csv, &length));
  TRY(zp_targets_read_csv(tree, values, csv, length, "targets.csv", &targets));
  TRY(zp_assess_tables(tree, values, targets, NULL, &result));

  TRY(zp_result_units(result, &units));
  for (u = 0; u < units; ++u) {
    TRY(zp_values_unit_id(values, u, &unit));
    TRY(zp_result_total(result, u, &total));
    TRY(zp_result_rank(result, u, &rank));
    TRY(zp_result_grade_label(result, u, &grade));
    printf("%-8s total %6.2f  rank %d  %s\n", unit, total, (int)rank, grade ? grade : "-");
  }

  /* Errors are values, not crashes: an unknown preset gives ZP_E_CONFIG and a message. */
  {
    zp_tree* none = NULL;
    int s = zp_preset_load("no-such-preset", &none);
    printf("zp_preset_load(\"no-such-preset\") = %d: %s\n", s, zp_last_error());
  }
  status = 0;
done:
  /* Free in any order; NULL is fine. */
  zp_result_free(result);
  zp_targets_free(targets);
  zp_values_free(values);
  zp_tree_free(tree);
  return status;
}
