// A response body on its way to the wire: serialized once, either from a Json value or by a JsonWriter.
#pragma once
#include <string>

#include "wire/json.h"

namespace hs {

struct Body {
  Body(const Json& j) : text(dumpJson(j)) {}  // NOLINT: implicit, so handlers can return Json
  static Body raw(std::string serialized) {
    Body b;
    b.text = std::move(serialized);
    return b;
  }
  std::string text;

 private:
  Body() = default;
};

}  // namespace hs
