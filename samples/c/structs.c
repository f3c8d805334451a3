/* C sample: classic padding cases (holes, trailing padding, bit-fields, unions, flexible and zero-length arrays, packed, aligned, cache lines) and .data/.rodata/.bss globals. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Holes: 3 bytes after c, 7 after d; 24 bytes on x86-64. */
struct hole_char_int_double {
  char c;
  int i;
  char d;
  double x;
};

/* The same members reordered: no holes, 16 bytes (what --suggest should find). */
struct hole_free_reordered {
  double x;
  int i;
  char c;
  char d;
};

/* No holes, 7 bytes of trailing padding: 16 bytes. */
struct trailing_padding {
  double d;
  char c;
};

/* Bit-fields that straddle byte boundaries inside one unsigned int. */
struct bitfield_straddles_bytes {
  unsigned int low : 3;    /* bits 0-2 */
  unsigned int middle : 7; /* bits 3-9: spans bytes 0 and 1 */
  unsigned int wide : 12;  /* bits 10-21: spans bytes 1 and 2 */
  unsigned int flag : 1;   /* bit 22 */
  unsigned char tail;      /* next free byte: 3 */
};

/* A zero-width bit-field forces the next one to a new int unit, leaving a gap. */
struct bitfield_zero_width {
  unsigned int a : 4;
  int : 0;
  unsigned int b : 4; /* starts at bit 32 */
  char c;
};

/* Bit-fields of mixed base types sharing one 8-byte unit; `big` spans bytes 1-6. */
struct bitfield_mixed_types {
  unsigned char kind : 2;
  unsigned short code : 9;
  unsigned long long big : 40;
  signed int negative : 5;
};

/* Union: size of the largest member, aligned to the strictest. */
union int_or_double {
  int i;
  double d;
  char bytes[3];
};

/* Anonymous struct and union nested inside a struct, plus a named inner struct. */
struct nested_anonymous {
  int kind;
  union {
    int as_int;
    float as_float;
    struct {
      short low;
      short high;
    };
  };
  struct {
    char tag;
    double weight;
  } named_inner;
  char last;
};

/* Flexible array member: the array adds nothing to sizeof. */
struct flexible_array {
  size_t length;
  char tag;
  int data[];
};

/* GNU zero-length array: the pre-C99 spelling of a flexible array. */
struct zero_length_array {
  int count;
  char name[0];
};

/* Packed: no padding at all, 7 bytes, misaligned int. */
struct __attribute__((packed)) packed_record {
  char c;
  int i;
  short s;
};

/* Over-aligned: 4 bytes of data, 60 bytes of trailing padding. */
struct __attribute__((aligned(64))) aligned_64 {
  int value;
};

/* 80 bytes; `straddler` occupies bytes 60-69 and so crosses the 64-byte cache line. */
struct crosses_cacheline {
  char header[56];
  int count;
  char straddler[10];
  double tail;
};

struct point {
  int x;
  int y;
};

/* Array of structs inside a struct, with a hole before it. */
struct polygon {
  char closed;
  struct point vertices[5];
  double perimeter;
};

enum color { COLOR_RED, COLOR_GREEN = 5, COLOR_BLUE = -1 };

/* An enum member followed by a char: 3 bytes of trailing padding. */
struct colored_point {
  enum color color;
  struct point where;
  char label;
};

/* .data: an initialised global array. */
int initialized_table[64] = {1, 2, 3, 5, 8, 13, 21, 34};

/* .rodata: a const lookup table. */
static const struct point kCorners[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

/* .bss: 128 KiB of zeros. */
static char big_bss[128 * 1024];

/* An array of structs in .data. */
struct colored_point palette[3] = {
    {COLOR_RED, {1, 2}, 'r'},
    {COLOR_GREEN, {3, 4}, 'g'},
    {COLOR_BLUE, {5, 6}, 'b'},
};

struct flexible_array flexible_header;
struct zero_length_array zero_length_header;

static int sum_flexible(const struct flexible_array *array) {
  int total = 0;
  for (size_t i = 0; i < array->length; ++i) total += array->data[i];
  return total;
}

int main(void) {
  struct hole_char_int_double holes = {'a', 1, 'b', 2.0};
  struct hole_free_reordered reordered = {2.0, 1, 'a', 'b'};
  struct trailing_padding trailing = {1.0, 'c'};
  struct bitfield_straddles_bytes straddles = {5, 100, 4000, 1, 9};
  struct bitfield_zero_width zero_width = {3, 4, 'z'};
  struct bitfield_mixed_types mixed = {1, 300, 123456789ULL, -7};
  union int_or_double either = {.d = 1.5};
  struct nested_anonymous nested = {.kind = 1, .as_int = 7, .named_inner = {'n', 2.0}, .last = 'l'};
  struct packed_record packed = {'p', 42, 7};
  struct aligned_64 aligned = {64};
  struct crosses_cacheline crosses;
  struct polygon square = {1, {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, 4.0};
  enum color chosen = COLOR_GREEN;
  int flexible_storage[1 + (sizeof(struct flexible_array) + 3 * sizeof(int)) / sizeof(int)];
  struct flexible_array *flexible = (struct flexible_array *)flexible_storage;

  memset(&crosses, 0, sizeof crosses);
  crosses.count = 3;
  flexible->length = 3;
  flexible->tag = 'f';
  flexible->data[0] = 1;
  flexible->data[1] = 2;
  flexible->data[2] = 3;
  big_bss[sizeof big_bss - 1] = 1;
  initialized_table[8] = 55;
  zero_length_header.count = 0;
  flexible_header.length = 0;

  printf("holes %zu reordered %zu trailing %zu straddles %zu zero_width %zu mixed %zu\n",
         sizeof holes, sizeof reordered, sizeof trailing, sizeof straddles, sizeof zero_width,
         sizeof mixed);
  printf("union %zu nested %zu packed %zu aligned %zu crosses %zu polygon %zu\n", sizeof either,
         sizeof nested, sizeof packed, sizeof aligned, sizeof crosses, sizeof square);
  printf("flexible %zu sum %d zero_length %zu colored %zu color %d corner %d bss %d data %d\n",
         sizeof(struct flexible_array), sum_flexible(flexible), sizeof(struct zero_length_array),
         sizeof palette[0], (int)chosen, kCorners[2].x + palette[2].where.y,
         big_bss[sizeof big_bss - 1], initialized_table[8]);
  printf("values %d %u %u %d %d %d %c\n", holes.i, straddles.wide, zero_width.b, mixed.negative,
         nested.as_int, packed.i, square.closed ? 'y' : 'n');
  return 0;
}
