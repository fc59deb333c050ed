// A streaming JSON writer for hot responses (handshakes and handshake lists). It writes exactly what
// dumpJson() would write for the same value: the caller emits object keys in sorted order, strings
// are escaped as nlohmann::json escapes them, and timestamps print as timestampJson() prints them.
// tests/unit/json_writer_test.cpp holds the two forms equal.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "clock.h"

namespace hs {

class JsonWriter {
 public:
  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(std::string_view k);            // keys must come in sorted order
  JsonWriter& string(std::string_view s);
  JsonWriter& timestamp(Millis t);
  JsonWriter& raw(std::string_view json);          // an already serialized value
  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool afterKey_ = false;
};

}  // namespace hs
