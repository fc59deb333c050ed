#include <catch2/catch.hpp>
#include <string>

#include "engine.h"

TEST_CASE("an unknown target is UnknownOperationException", "[smoke][wire]") {
  hs::Engine engine;
  const hs::WireResponse response = engine.handle("111111111111", "Nope.X", "{}");
  CHECK(response.status == 400);
  CHECK(response.body.find("UnknownOperationException") != std::string::npos);
}
