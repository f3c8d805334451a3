// memlayout's entry point; everything else lives in the libraries under src/.
#include "cli/run.h"

int main(int argc, char **argv) { return memlayout::cli::main(argc, argv); }
