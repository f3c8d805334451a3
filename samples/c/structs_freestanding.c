/* Freestanding use of every structs.h type (no libc), built for i386 where double and long long are 4-aligned inside structs. */
#include "structs.h"

/* What i386 changes (System V i386 ABI; clang -Xclang -fdump-record-layouts agrees):
 *   hole_char_int_double   x at 12, 20 bytes: 3-byte hole, no 7-byte one before the double
 *   trailing_padding       12 bytes (3 of trailing padding, not 7)
 *   nested_anonymous       named_inner.weight at 4: 24 bytes, align 4
 *   flexible_array         4-byte size_t: tag at 4, data at 8, 8 bytes
 *   polygon                perimeter at 44, 52 bytes: one hole, not two
 *   event_t                stamp at 4: 16 bytes
 *   list_node, padded_array  4-byte pointers and size_t
 *   every struct holding a double or long long is only 4-aligned */

struct hole_char_int_double g_holes;
struct hole_free_reordered g_reordered;
struct trailing_padding g_trailing;
struct bitfield_straddles_bytes g_straddles;
struct bitfield_zero_width g_zero_width;
struct bitfield_mixed_types g_mixed;
union int_or_double g_either;
struct nested_anonymous g_nested;
struct flexible_array g_flexible;
struct zero_length_array g_zero_length;
struct packed_record g_packed;
struct aligned_64 g_aligned;
struct crosses_cacheline g_crosses;
struct polygon g_polygon;
struct colored_point g_colored = {COLOR_BLUE, {5, 6}, 'b'};
event_t g_event;
list_node_t g_nodes[2] = {{&g_nodes[1], 1}, {0, 2}};
struct register_view g_register;
struct padded_array g_pads;

/* A function, so the object has code and a line table like the other samples. */
unsigned int register_count(const struct register_view *view) { return view->count + view->mode; }
