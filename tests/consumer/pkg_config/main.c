/* A C program built with nothing but `cc main.c $(pkg-config --cflags --libs zoneperf)`. */
#include <stdio.h>
#include <zoneperf/c/zoneperf.h>

int main(void) {
  zp_tree* tree = NULL;
  size_t columns = 0;
  if (zp_preset_load("task-force", &tree) != ZP_OK || zp_tree_column_count(tree, &columns) != ZP_OK) {
    fprintf(stderr, "%s\n", zp_last_error());
    return 1;
  }
  printf("pkg-config consumer: zoneperf %s, task-force has %zu columns\n", zp_version(), columns);
  zp_tree_free(tree);
  return columns == 20 ? 0 : 1;
}
