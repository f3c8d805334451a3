// C++ gate sample: one source, built "before" and "after" (-DGATE_AFTER); each gate:: class changes in exactly one way, for the CI gate's --diff/--check tests.
//
// Layouts on x86-64 (checked with pahole and clang -Xclang -fdump-record-layouts):
//
//   class            before                                   after
//   gate::Base       {int id;}                    4           unchanged
//   gate::Appended   Base + {int count;}          8           + int extra                       12
//   gate::Widened    Base + {short value;}        8, pad 2    value is int (fills the padding)  8, pad 0
//   gate::Shape      {int w; int h;}              8, align 4  + virtual area(): vptr at 0,      16, align 8
//                                                             w and h move to 8 and 12
//   gate::Stable     {vptr; int x;}               16, pad 4   unchanged
#include <cstddef>

namespace gate {

class Base {
public:
  int id = 1;
};

class Appended : public Base {
public:
  int count = 2;
#ifdef GATE_AFTER
  int extra = 3;
#endif
};

class Widened : public Base {
public:
#ifdef GATE_AFTER
  int value = 4;
#else
  short value = 4;
#endif
};

class Shape {
public:
#ifdef GATE_AFTER
  virtual int area() const { return w * h; }
#else
  int area() const { return w * h; }
#endif
  int w = 2;
  int h = 3;
};

class Stable {
public:
  virtual ~Stable() = default;
  virtual int get() const { return x; }
  int x = 5;
};

} // namespace gate

// Reads each object through a volatile pointer, so the compiler keeps the type and the object.
static std::size_t keep(const volatile void *value, std::size_t size) {
  return size + static_cast<const volatile unsigned char *>(value)[0];
}

int main() {
  gate::Base base;
  gate::Appended appended;
  gate::Widened widened;
  gate::Shape shape;
  gate::Stable stable;
  std::size_t total = keep(&base, sizeof base) + keep(&appended, sizeof appended) +
                      keep(&widened, sizeof widened) + keep(&shape, sizeof shape) + keep(&stable, sizeof stable);
  return static_cast<int>(total + static_cast<std::size_t>(shape.area() + stable.get())) == 0;
}
