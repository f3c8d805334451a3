/* Shared-library sample (libshapes.so): exported shape structs, functions and globals, no system headers. */

/* 32 bytes: three doubles, then a flag with 7 bytes of trailing padding. */
struct shape_circle {
  double center_x;
  double center_y;
  double radius;
  unsigned char filled;
};

/* 28 bytes: ints and a label, no padding. */
struct shape_rect {
  int x;
  int y;
  unsigned int width;
  unsigned int height;
  char label[12];
};

enum shape_kind { SHAPE_CIRCLE = 1, SHAPE_RECT = 2 };

/* A tagged union: 4-byte hole after the kind, then the largest member. */
struct shape {
  enum shape_kind kind;
  union {
    struct shape_circle circle;
    struct shape_rect rect;
  } as;
};

/* .data: an exported, initialised counter. */
int shapes_created = 0;

/* .rodata: the library version string. */
const char shapes_version_string[] = "shapes 1.0";

/* .bss: a small registry of shapes. */
struct shape shapes_registry[16];

double shape_circle_area(const struct shape_circle *circle) {
  return 3.14159265358979323846 * circle->radius * circle->radius;
}

unsigned int shape_rect_area(const struct shape_rect *rect) { return rect->width * rect->height; }

double shape_area(const struct shape *shape) {
  switch (shape->kind) {
  case SHAPE_CIRCLE:
    return shape_circle_area(&shape->as.circle);
  case SHAPE_RECT:
    return (double)shape_rect_area(&shape->as.rect);
  }
  return 0.0;
}

int shapes_register(const struct shape *shape) {
  if (shapes_created >= 16) return -1;
  shapes_registry[shapes_created] = *shape;
  return shapes_created++;
}

const char *shapes_version(void) { return shapes_version_string; }
