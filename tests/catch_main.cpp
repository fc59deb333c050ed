// The Catch2 v2 runner for hs_tests. Compiled as our own translation unit (not
// Debian's Catch2WithMain library) so the same suite also links to WebAssembly
// and runs under node.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
