// Quiet: a static program that does ordinary work — reads its input, writes a result to scratch
// space, prints it.
// selftest: quiet
#include <stdio.h>

int main(void) {
  unsigned long sum = 0;
  for (unsigned long i = 0; i < 100000; i++) {
    sum += i * i % 7;
  }
  FILE *f = fopen("/tmp/result.txt", "w");
  if (f) {
    fprintf(f, "%lu\n", sum);
    fclose(f);
  }
  printf("sum %lu\n", sum);
  return 0;
}
