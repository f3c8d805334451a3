/* Freestanding cross-target sample (i386, ppc64, ppc): a few structs whose layout changes with the ABI, two globals and a function; no system headers. */

/* 3-byte hole after tag on every target. */
struct tiny_pair {
  char tag;
  int value;
};

/* ABI-dependent: long long and double are 4-aligned inside structs on i386 (24 bytes: 3-byte
 * hole, 2 bytes trailing) and 8-aligned on x86-64 and PowerPC (32 bytes: 7-byte hole, 6 trailing). */
struct tiny_wide {
  char c;
  long long ll;
  double d;
  short s;
};

/* Pointer-sized member: 8 bytes on 32-bit targets, 16 bytes on 64-bit ones. */
struct tiny_node {
  struct tiny_node *next;
  short id;
};

/* .data: an initialised global. */
struct tiny_pair tiny_initialized = {'a', 42};

/* .bss: zero globals. */
struct tiny_wide tiny_zeroed;
struct tiny_node tiny_nodes[4];

int tiny_sum(const struct tiny_pair *pair, const struct tiny_wide *wide) {
  int total = pair->value + (int)wide->s;
  for (struct tiny_node *node = tiny_nodes[0].next; node; node = node->next) total += node->id;
  return total;
}
