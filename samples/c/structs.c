/* C sample: uses every type of structs.h (holes, trailing padding, bit-fields, unions, flexible and zero-length arrays, packed, aligned, cache lines, typedef'd and nested anonymous members) and holds .data/.rodata/.bss globals. */
#include <stdio.h>
#include <string.h>

#include "structs.h"

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
  event_t event = {1, 1700000000LL, 'e'};
  list_node_t tail_node = {NULL, 2};
  list_node_t head_node = {&tail_node, 1};
  struct register_view reg = {.enable = 1, .mode = 5, .count = 200, .status = 0x80};
  struct padded_array pads = {{{1.0, 'a'}, {2.0, 'b'}}, 2, 2};

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
  printf("event %zu list %zu (%d) register %zu (%u) padded %zu (%c)\n", sizeof event,
         sizeof head_node, head_node.next->value + (int)event.id, sizeof reg, reg.count, sizeof pads,
         pads.items[1].c);
  return 0;
}
