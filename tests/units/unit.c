/* Built three times: UNIT=a, UNIT=b with WIDE, UNIT=c as a again. Each prints its layouts as the
   compiler sees them (sizeof, offsetof, the pointee of each pointer): the test's ground truth. */
#include <stddef.h>
#include <stdio.h>
#include "shared.h"

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define STR2(x) #x
#define STR(x) STR2(x)

struct same CAT(same_, UNIT);
struct by_typedef CAT(bt_, UNIT);
struct by_pointee CAT(bp_, UNIT);
struct inner CAT(in_, UNIT);
struct by_inner CAT(bi_, UNIT);
struct pointee_a CAT(pa_, UNIT);
struct pointee_b CAT(pb_, UNIT);

void CAT(report_, UNIT)(void) {
  printf("same %zu a=%zu b=%zu c=%zu\n", sizeof(struct same), offsetof(struct same, a), offsetof(struct same, b),
         offsetof(struct same, c));
  printf("by_typedef %zu tag=%zu w=%zu\n", sizeof(struct by_typedef), offsetof(struct by_typedef, tag),
         offsetof(struct by_typedef, w));
  printf("by_pointee %zu p=%zu:" STR(POINTEE) " n=%zu\n", sizeof(struct by_pointee), offsetof(struct by_pointee, p),
         offsetof(struct by_pointee, n));
  printf("inner %zu v=%zu\n", sizeof(struct inner), offsetof(struct inner, v));
  printf("by_inner %zu p=%zu:inner\n", sizeof(struct by_inner), offsetof(struct by_inner, p));
  printf("pointee_a %zu x=%zu\n", sizeof(struct pointee_a), offsetof(struct pointee_a, x));
  printf("pointee_b %zu y=%zu z=%zu\n", sizeof(struct pointee_b), offsetof(struct pointee_b, y),
         offsetof(struct pointee_b, z));
}
