// memlayout's entry point; everything else lives in the libraries under src/.
#include "cli/run.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char **argv) {
#if defined(__GLIBC__)
  // Each unit's DIE arrays are a few large blocks, freed when the unit is read and allocated again for
  // the next: glibc's defaults hand them back to the kernel and fault them in afresh each time (a third
  // of the CPU time on a C++ program). Kept for reuse instead; peak memory does not change.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  return memlayout::cli::main(argc, argv);
}
