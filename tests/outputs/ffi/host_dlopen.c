/* Loads the cdylib given as argv[1] with dlopen and calls everything it exports. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

static int32_t triple(int32_t x) { return 3 * x; }

typedef int32_t (*add_fn)(int32_t, int32_t);
typedef size_t (*strlen_fn)(const char *);
typedef int (*div_fn)(int32_t, int32_t, int32_t *);
typedef void (*map_fn)(int32_t *, size_t, int32_t (*)(int32_t));
typedef void (*scale_fn)(int32_t);
typedef size_t (*describe_fn)(double, char *, size_t);
typedef uint64_t (*sum_fn)(uint64_t);

#define LOAD(type, name) type name = (type)dlsym(lib, #name); \
  if (!name) { printf("missing symbol %s\n", #name); return 1; }

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { printf("dlopen failed: %s\n", dlerror()); return 1; }
  LOAD(add_fn, outputs_add)
  LOAD(strlen_fn, outputs_strlen)
  LOAD(div_fn, outputs_checked_div)
  LOAD(map_fn, outputs_map)
  LOAD(scale_fn, outputs_set_scale)
  LOAD(describe_fn, outputs_describe)
  LOAD(sum_fn, outputs_parallel_sum)
  LOAD(const uint32_t *, OUTPUTS_VERSION)
  LOAD(const uint64_t *, OUTPUTS_CALLS)
  LOAD(const int32_t *, OUTPUTS_SCALE)

  printf("version %06x scale %d calls %llu\n", *OUTPUTS_VERSION, *OUTPUTS_SCALE,
         (unsigned long long)*OUTPUTS_CALLS);
  printf("add %d %d\n", outputs_add(40, 2), outputs_add(INT32_MAX, 1));
  printf("strlen %zu\n", outputs_strlen("hello, dlopen"));
  int32_t q = 0;
  int rc = outputs_checked_div(7, 2, &q);
  printf("div 7/2 rc=%d q=%d\n", rc, q);
  rc = outputs_checked_div(7, 0, &q);
  printf("div 7/0 rc=%d (panic caught)\n", rc);
  int32_t xs[4] = {1, 2, 3, 4};
  outputs_map(xs, 4, triple);
  printf("map %d %d %d %d\n", xs[0], xs[1], xs[2], xs[3]);
  outputs_set_scale(-1);
  outputs_map(xs, 4, triple);
  printf("map %d %d %d %d scale %d\n", xs[0], xs[1], xs[2], xs[3], *OUTPUTS_SCALE);
  char buf[64];
  size_t n = outputs_describe(2.25, buf, sizeof buf);
  printf("describe %zu \"%s\"\n", n, buf);
  n = outputs_describe(-16, buf, 12);
  printf("describe %zu \"%s\"\n", n, buf);
  printf("parallel %llu\n", (unsigned long long)outputs_parallel_sum(10000));
  printf("calls %llu\n", (unsigned long long)*OUTPUTS_CALLS);
  printf("not exported: %s\n", dlsym(lib, "outputs_not_exported") ? "found" : "absent");
  printf("dlclose %d\n", dlclose(lib));
  return 0;
}
