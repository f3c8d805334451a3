// C++ sample: inheritance, vtables, virtual bases, tail-padding reuse, empty bases, [[no_unique_address]], templates, namespaces.
#include <cstddef>
#include <cstdio>

namespace geo {

// 8 bytes, no padding; qualified name geo::Point.
struct Point {
  int x;
  int y;
};

namespace detail {
// A nested namespace: geo::detail::Extent.
struct Extent {
  Point min;
  Point max;
};
} // namespace detail

} // namespace geo

// Single inheritance: the base subobject at offset 0, then a 4-byte hole before the double.
struct Animal {
  int legs;
};

struct Dog : Animal {
  double weight;
};

// Multiple inheritance: two bases at offsets 0 and 8, then the derived member.
struct Named {
  const char *name;
};

struct Aged {
  int age;
};

struct Person : Named, Aged {
  char initial;
};

// Virtual functions: an artificial vtable pointer at offset 0.
class Shape {
public:
  Shape() = default;
  Shape(const Shape &) = default;
  Shape &operator=(const Shape &) = default;
  virtual ~Shape();
  virtual double area() const = 0;
  int id = 0;
};

Shape::~Shape() = default;

class Circle : public Shape {
public:
  explicit Circle(double r) : radius(r) {}
  double area() const override { return 3.0 * radius * radius; }
  double radius;
};

// A virtual base: the diamond shares one VirtualBase, reached through vtable offsets.
struct VirtualBase {
  int shared;
};

struct Left : virtual VirtualBase {
  int left;
};

struct Right : virtual VirtualBase {
  int right;
};

struct Diamond : Left, Right {
  int own;
};

// Tail-padding reuse: NonPodBase is not POD (user-provided constructor), so its 3 bytes of tail
// padding (dsize 5, size 8) may hold ReusesTailPadding::extra at offset 5; the total stays 8.
class NonPodBase {
public:
  NonPodBase() : value(0), flag(0) {}
  int value;
  char flag;
};

class ReusesTailPadding : public NonPodBase {
public:
  char extra = 'e';
};

// The same shape with a POD base: its tail padding is not reused, so 12 bytes.
struct PodBase {
  int value;
  char flag;
};

struct NoTailPaddingReuse : PodBase {
  char extra;
};

// Empty base optimisation: Empty takes no space, 4 bytes in total.
struct Empty {};

struct EmptyBaseOptimized : Empty {
  int value;
};

// [[no_unique_address]]: the empty member overlaps `value`, 4 bytes...
struct WithNoUniqueAddress {
  [[no_unique_address]] Empty empty;
  int value;
};

// ...and without it the empty member takes a byte plus a 3-byte hole: 8 bytes.
struct WithoutNoUniqueAddress {
  Empty empty;
  int value;
};

namespace ns {

// Class templates: ns::Pair<int, long> has a 4-byte hole after `first`.
template <typename A, typename B> struct Pair {
  A first;
  B second;
};

// ns::Vec<int>: a pointer and two sizes, 24 bytes.
template <typename T> class Vec {
public:
  Vec(T *data, std::size_t size) : data_(data), size_(size), capacity_(size) {}
  std::size_t size() const { return size_; }
  const T &operator[](std::size_t i) const { return data_[i]; }

private:
  T *data_;
  std::size_t size_;
  std::size_t capacity_;
};

} // namespace ns

// A static member lives outside the object: 4 bytes of `value` only.
struct Counter {
  static int instances;
  int value;
};

int Counter::instances = 0;

// An anonymous union inside a class, after a one-byte enum: 7-byte hole, 16 bytes.
class Variant {
public:
  enum class Kind : unsigned char { Int, Float, Double };
  Kind kind = Kind::Int;
  union {
    int asInt;
    float asFloat;
    double asDouble;
  };
};

// An anonymous struct inside an anonymous union (a GNU extension C++ compilers share): r, g, b, a
// and value all belong to Rgba. 4 bytes.
struct Rgba {
  union {
    struct {
      unsigned char r, g, b, a;
    };
    unsigned int value;
  };
};

// A class nested in a class: Outer::Inner (4 bytes, 1 of trailing padding), then a 4-byte hole.
struct Outer {
  struct Inner {
    short id;
    char code;
  };
  Inner inner;
  long tail;
};

// A typedef'd anonymous struct: C++ gives it the typedef's name for linkage, CppStatus.
typedef struct {
  int code;
  char severity;
} CppStatus;

// An array of structs after a byte: 3-byte hole, 28 bytes.
struct Polyline {
  unsigned char count;
  geo::Point points[3];
};

// Bit-fields in a class, one a bool: bits 0-3 of byte 0, a 1-byte hole, level at 2. 4 bytes.
struct Flags {
  bool ready : 1;
  unsigned char mode : 3;
  unsigned short level;
};

int main() {
  geo::Point point{1, 2};
  geo::detail::Extent extent{{0, 0}, {4, 3}};
  Dog dog;
  dog.legs = 4;
  dog.weight = 12.5;
  Person person;
  person.name = "Ada";
  person.age = 36;
  person.initial = 'A';
  Circle circle(2.0);
  const Shape &shape = circle;
  Diamond diamond;
  diamond.shared = 1;
  diamond.left = 2;
  diamond.right = 3;
  diamond.own = 4;
  ReusesTailPadding reuses;
  NoTailPaddingReuse noReuse{};
  EmptyBaseOptimized emptyBase{};
  WithNoUniqueAddress withNua{};
  WithoutNoUniqueAddress withoutNua{};
  ns::Pair<int, long> pair{1, 2L};
  int storage[3] = {5, 6, 7};
  ns::Vec<int> vec(storage, 3);
  Counter counter{1};
  ++Counter::instances;
  Variant variant;
  variant.kind = Variant::Kind::Double;
  variant.asDouble = 0.5;
  Rgba rgba{};
  rgba.value = 0x01020304u;
  Outer outer{{7, 'c'}, 9L};
  CppStatus status{404, 'e'};
  Polyline polyline{3, {{0, 0}, {1, 1}, {2, 0}}};
  Flags flags{true, 5, 300};

  std::printf("point %d,%d extent %d dog %zu person %zu %s\n", point.x, point.y,
              extent.max.x, sizeof dog, sizeof person, person.name);
  std::printf("circle %zu area %.1f diamond %zu (%d) reuses %zu/%c no_reuse %zu\n",
              sizeof circle, shape.area(), sizeof diamond, diamond.shared, sizeof reuses,
              reuses.extra, sizeof noReuse);
  std::printf("empty_base %zu nua %zu without_nua %zu pair %zu vec %zu (%zu, %d)\n",
              sizeof emptyBase, sizeof withNua, sizeof withoutNua, sizeof pair, sizeof vec,
              vec.size(), vec[2]);
  std::printf("counter %zu (%d instances) variant %zu %.1f\n", sizeof counter,
              Counter::instances, sizeof variant, variant.asDouble);
  std::printf("rgba %zu (%u) outer %zu inner %zu status %zu (%d) polyline %zu (%d) flags %zu (%d)\n",
              sizeof rgba, unsigned{rgba.r}, sizeof outer, sizeof outer.inner, sizeof status,
              status.code, sizeof polyline, polyline.points[2].x, sizeof flags, flags.level);
  return 0;
}
