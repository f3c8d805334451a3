/* One header, two configurations (WIDE or not), as a kernel header seen by binfmt_elf.c and
   compat_binfmt_elf.c: the same names, files and lines, different layouts. */
struct same { int a; char b; long c; };

#ifdef WIDE
typedef long word_t;
#define POINTEE pointee_b
struct inner { long v; };
#else
typedef int word_t;
#define POINTEE pointee_a
struct inner { int v; };
#endif

struct pointee_a { int x; };
struct pointee_b { long y; long z; };

struct by_typedef { char tag; word_t w; };         /* offsets and size differ */
struct by_pointee { struct POINTEE *p; int n; };   /* only the pointee differs: the kernel's elf_note_info */
struct by_inner { struct inner *p; };              /* same layout: one entry, though `inner` has two */
