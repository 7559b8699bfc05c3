/* Links the staticlib and calls it directly. */
#include <stdint.h>
#include <stdio.h>

int32_t outputs_add(int32_t, int32_t);
size_t outputs_strlen(const char *);
int outputs_checked_div(int32_t, int32_t, int32_t *);
void outputs_map(int32_t *, size_t, int32_t (*)(int32_t));
size_t outputs_describe(double, char *, size_t);
uint64_t outputs_parallel_sum(uint64_t);
extern const uint32_t OUTPUTS_VERSION;
extern const uint64_t OUTPUTS_CALLS;
extern int32_t OUTPUTS_SCALE;

static int32_t negate(int32_t x) { return -x; }

int main(void) {
  printf("version %06x scale %d\n", OUTPUTS_VERSION, OUTPUTS_SCALE);
  printf("add %d strlen %zu\n", outputs_add(1, 2), outputs_strlen("static"));
  int32_t q = 0;
  int rc = outputs_checked_div(10, 3, &q);
  printf("div 10/3 rc=%d q=%d\n", rc, q);
  rc = outputs_checked_div(10, 0, &q);
  printf("div 10/0 rc=%d (panic caught)\n", rc);
  OUTPUTS_SCALE = 10;
  int32_t xs[3] = {1, -2, 3};
  outputs_map(xs, 3, negate);
  printf("map %d %d %d\n", xs[0], xs[1], xs[2]);
  char buf[64];
  size_t n = outputs_describe(0.5, buf, sizeof buf);
  printf("describe %zu \"%s\"\n", n, buf);
  printf("parallel %llu\n", (unsigned long long)outputs_parallel_sum(999));
  printf("calls %llu\n", (unsigned long long)OUTPUTS_CALLS);
  return 0;
}
