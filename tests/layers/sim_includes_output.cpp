// Compiled by the layering test: the sim stage must not see the output stage above it.
#include "output/run_writer.hpp"
