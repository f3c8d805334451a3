/* C gate sample: one source, built "before" and "after" (-DGATE_AFTER); each gate_* type changes in exactly one way, for the CI gate's --diff/--check tests. */
/*
 * Layouts on x86-64 (checked with pahole and clang -Xclang -fdump-record-layouts):
 *
 *   type          before                                 after
 *   gate_flip     {int b; char a; char c;}  8, pad 2     {char a; int b; char c;}  12, hole 1..4, pad 6
 *   gate_added    {int id; int flags;}      8            + int extra                12
 *   gate_widened  {int id, count, total;}   12, align 4  total is long              16, align 8
 *   gate_shrunk   {int a, b, c;}            12           c removed                  8 (an improvement)
 *   gate_aligned  {int v[4];}               16, align 4  aligned(16)                16, align 16
 *   gate_removed  {int gone;}               4            (absent)
 *   gate_new      (absent)                               {short fresh;}             2
 *   gate_same     {double d; int i;}        16, pad 4    unchanged
 *
 * Every type is used by main() through a volatile pointer, so the compiler keeps its DWARF.
 */
#include <stddef.h>

/* The macro that flips field order: the after build puts a char first and opens a hole. */
#ifdef GATE_AFTER
#define GATE_FLIP_FIELDS \
  char a;                \
  int b;                 \
  char c;
#else
#define GATE_FLIP_FIELDS \
  int b;                 \
  char a;                \
  char c;
#endif

struct gate_flip {
  GATE_FLIP_FIELDS
};

/* A field appended at the end. */
struct gate_added {
  int id;
  int flags;
#ifdef GATE_AFTER
  int extra;
#endif
};

/* The last field widened from int to long: at offset 8 it stays put, the struct grows and aligns to 8. */
struct gate_widened {
  int id;
  int count;
#ifdef GATE_AFTER
  long total;
#else
  int total;
#endif
};

/* The last field removed: smaller, nothing moves. */
struct gate_shrunk {
  int a;
  int b;
#ifndef GATE_AFTER
  int c;
#endif
};

/* Alignment raised without changing the size. The attribute goes before the body: clang's
   -fdump-record-layouts-complete (the type oracle) dumps a record before a trailing one applies. */
#ifdef GATE_AFTER
#define GATE_ALIGNED __attribute__((aligned(16)))
#else
#define GATE_ALIGNED
#endif
struct GATE_ALIGNED gate_aligned {
  int v[4];
};

#ifndef GATE_AFTER
struct gate_removed {
  int gone;
};
#else
struct gate_new {
  short fresh;
};
#endif

struct gate_same {
  double d;
  int i;
};

/* Reads each value through a volatile pointer, so neither the type nor the object is optimised away. */
static size_t keep(const volatile void *value, size_t size) {
  const volatile unsigned char *bytes = value;
  return size + bytes[0];
}

int main(void) {
  struct gate_flip flip = {0};
  struct gate_added added = {0};
  struct gate_widened widened = {0};
  struct gate_shrunk shrunk = {0};
  struct gate_aligned aligned = {{0}};
  struct gate_same same = {0};
  size_t total = keep(&flip, sizeof flip) + keep(&added, sizeof added) + keep(&widened, sizeof widened) +
                 keep(&shrunk, sizeof shrunk) + keep(&aligned, sizeof aligned) + keep(&same, sizeof same);
#ifndef GATE_AFTER
  struct gate_removed removed = {0};
  total += keep(&removed, sizeof removed);
#else
  struct gate_new fresh = {0};
  total += keep(&fresh, sizeof fresh);
#endif
  return total == 0;
}
