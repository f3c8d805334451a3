/* C sample types, shared by structs.c (x86-64 programs) and structs_freestanding.c (i386 objects): every classic padding case. */
#ifndef MEMLAYOUT_SAMPLES_STRUCTS_H
#define MEMLAYOUT_SAMPLES_STRUCTS_H

#include <stddef.h>

/* Offsets and sizes in the comments are for x86-64; structs_freestanding.c notes what i386 changes. */

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

/* A typedef'd anonymous struct: DWARF names it only through the typedef. x86-64: 6-byte hole after
 * id, 7 bytes of trailing padding, 24 bytes; i386 (long long 4-aligned in structs): 2-byte hole, 3
 * trailing, 16 bytes. */
typedef struct {
  short id;
  long long stamp;
  char flag;
} event_t;

/* A struct users name by a typedef of its forward declaration: list_node_t. */
typedef struct list_node list_node_t;
struct list_node {
  list_node_t *next;
  int value;
};

/* Anonymous members two levels deep (a struct inside a union), with bit-fields and an unnamed
 * 4-bit reserved field inside: raw and the bit-fields all belong to register_view. 8 bytes. */
struct register_view {
  union {
    unsigned int raw;
    struct {
      unsigned int enable : 1;
      unsigned int mode : 3;
      unsigned int : 4;
      unsigned int count : 8;
    };
  };
  unsigned char status;
};

/* An array of structs that have trailing padding of their own: 2 x 16 bytes, then a 4-byte hole
 * before the pointer-sized tail on x86-64. */
struct padded_array {
  struct trailing_padding items[2];
  int used;
  size_t capacity;
};

#endif
