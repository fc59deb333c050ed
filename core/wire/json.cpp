// Json as a value: construction, reading, objects, arrays, iteration, equality (the contracts are in
// json.h; the text forms, dump() and parse(), are in json_text.cpp).
#include "wire/json.h"

#include <stdexcept>

namespace hs {

// ---- construction, copy, destruction ----------------------------------------------------------------

Json::Json(const char* s) : type_(value_t::string) { v_.s = new std::string(s); }
Json::Json(std::string s) : type_(value_t::string) { v_.s = new std::string(std::move(s)); }
Json::Json(std::string_view s) : type_(value_t::string) { v_.s = new std::string(s); }

Json::Json(value_t t) : type_(t) {
  switch (t) {
    case value_t::string: v_.s = new std::string(); break;
    case value_t::array: v_.a = new array_t(); break;
    case value_t::object: v_.o = new object_t(); break;
    default: break;  // the scalars start at zero (v_ is value-initialized)
  }
}

Json::Json(std::initializer_list<Json> init) {
  bool pairs = true;
  for (const Json& x : init)
    if (!x.is_array() || x.v_.a->size() != 2 || !(*x.v_.a)[0].is_string()) pairs = false;
  // Built in a local, which frees what it holds if memory runs out half way (this object, not yet
  // constructed, would not).
  Json built(pairs && init.size() > 0 ? value_t::object : value_t::array);
  if (built.is_object())
    for (const Json& x : init) (*built.v_.o)[*(*x.v_.a)[0].v_.s] = (*x.v_.a)[1];
  else
    built.v_.a->assign(init.begin(), init.end());
  *this = std::move(built);
}

Json::Json(const Json& other) : type_(other.type_), v_(other.v_) {
  switch (type_) {
    case value_t::string: v_.s = new std::string(*other.v_.s); break;
    case value_t::array: v_.a = new array_t(*other.v_.a); break;
    case value_t::object: v_.o = new object_t(*other.v_.o); break;
    default: break;
  }
}

void Json::destroy() noexcept {
  switch (type_) {
    case value_t::string: delete v_.s; break;
    case value_t::array: delete v_.a; break;
    case value_t::object: delete v_.o; break;
    default: break;
  }
  type_ = value_t::null;
}

Json Json::array(std::initializer_list<Json> init) {
  Json j(value_t::array);
  j.v_.a->assign(init.begin(), init.end());
  return j;
}

Json Json::object(std::initializer_list<Json> init) {
  Json j(init);
  if (!j.is_object()) {
    if (init.size() != 0) throw std::domain_error("Json::object: every element must be a {key, value} pair");
    j = Json(value_t::object);
  }
  return j;
}

const char* Json::type_name() const noexcept {
  switch (type_) {
    case value_t::null: return "null";
    case value_t::object: return "object";
    case value_t::array: return "array";
    case value_t::string: return "string";
    case value_t::boolean: return "boolean";
    case value_t::discarded: return "discarded";
    default: return "number";
  }
}

void Json::wrongType(const char* wanted) const {
  throw std::domain_error(std::string("JSON: wanted ") + wanted + ", found " + type_name());
}

// ---- scalars ----------------------------------------------------------------------------------------

const std::string& Json::asString() const {
  if (type_ != value_t::string) wrongType("string");
  return *v_.s;
}

bool Json::asBool() const {
  if (type_ != value_t::boolean) wrongType("boolean");
  return v_.b;
}

double Json::asDouble() const {
  switch (type_) {
    case value_t::number_float: return v_.d;
    case value_t::number_integer: return static_cast<double>(v_.i);
    case value_t::number_unsigned: return static_cast<double>(v_.u);
    default: wrongType("number");
  }
}

std::int64_t Json::asInt() const {
  switch (type_) {
    case value_t::number_float: return static_cast<std::int64_t>(v_.d);
    case value_t::number_integer: return v_.i;
    case value_t::number_unsigned: return static_cast<std::int64_t>(v_.u);
    default: wrongType("number");
  }
}

std::uint64_t Json::asUnsigned() const {
  switch (type_) {
    case value_t::number_float: return static_cast<std::uint64_t>(v_.d);
    case value_t::number_integer: return static_cast<std::uint64_t>(v_.i);
    case value_t::number_unsigned: return v_.u;
    default: wrongType("number");
  }
}

// ---- objects ----------------------------------------------------------------------------------------

Json& Json::member(std::string_view key) {
  if (type_ == value_t::null) *this = Json(value_t::object);
  if (type_ != value_t::object) wrongType("object");
  auto it = v_.o->find(key);
  if (it == v_.o->end()) it = v_.o->emplace(std::string(key), Json()).first;
  return it->second;
}

const Json* Json::find_ptr(std::string_view key) const {
  if (type_ != value_t::object) return nullptr;
  auto it = v_.o->find(key);
  return it == v_.o->end() ? nullptr : &it->second;
}

const Json& Json::memberOrNull(std::string_view key) const {
  static const Json kNull;
  if (type_ != value_t::object && type_ != value_t::null) wrongType("object");
  const Json* found = find_ptr(key);
  return found ? *found : kNull;
}

Json& Json::at(std::string_view key) { return const_cast<Json&>(static_cast<const Json&>(*this).at(key)); }

const Json& Json::at(std::string_view key) const {
  if (type_ != value_t::object) wrongType("object");
  const Json* found = find_ptr(key);
  if (!found) throw std::out_of_range("JSON: no member '" + std::string(key) + "'");
  return *found;
}

bool Json::contains(std::string_view key) const { return find_ptr(key) != nullptr; }

std::string Json::value(std::string_view key, const char* fallback) const {
  if (type_ != value_t::object) wrongType("object");
  const Json* found = find_ptr(key);
  return found ? found->asString() : std::string(fallback);
}

std::size_t Json::erase(std::string_view key) {
  if (type_ != value_t::object) wrongType("object");
  auto it = v_.o->find(key);
  if (it == v_.o->end()) return 0;
  v_.o->erase(it);
  return 1;
}

void Json::update(const Json& other) {
  if (type_ == value_t::null) *this = Json(value_t::object);
  if (type_ != value_t::object || other.type_ != value_t::object) wrongType("object");
  for (const auto& [k, v] : *other.v_.o) (*v_.o)[k] = v;
}

Json::object_t& Json::items() {
  if (type_ != value_t::object) wrongType("object");
  return *v_.o;
}

const Json::object_t& Json::items() const {
  if (type_ != value_t::object) wrongType("object");
  return *v_.o;
}

// ---- arrays -----------------------------------------------------------------------------------------

Json& Json::operator[](std::size_t index) {
  if (type_ == value_t::null) *this = Json(value_t::array);
  if (type_ != value_t::array) wrongType("array");
  if (index >= v_.a->size()) v_.a->resize(index + 1);
  return (*v_.a)[index];
}

const Json& Json::operator[](std::size_t index) const { return at(index); }

Json& Json::at(std::size_t index) { return const_cast<Json&>(static_cast<const Json&>(*this).at(index)); }

const Json& Json::at(std::size_t index) const {
  if (type_ != value_t::array) wrongType("array");
  if (index >= v_.a->size()) throw std::out_of_range("JSON: index " + std::to_string(index) + " out of range");
  return (*v_.a)[index];
}

void Json::push_back(Json item) {
  if (type_ == value_t::null) *this = Json(value_t::array);
  if (type_ != value_t::array) wrongType("array");
  v_.a->push_back(std::move(item));
}

Json& Json::back() { return const_cast<Json&>(static_cast<const Json&>(*this).back()); }
const Json& Json::back() const {
  if (type_ != value_t::array || v_.a->empty()) wrongType("non-empty array");
  return v_.a->back();
}
Json& Json::front() { return const_cast<Json&>(static_cast<const Json&>(*this).front()); }
const Json& Json::front() const {
  if (type_ != value_t::array || v_.a->empty()) wrongType("non-empty array");
  return v_.a->front();
}

std::size_t Json::size() const noexcept {
  switch (type_) {
    case value_t::null: return 0;
    case value_t::array: return v_.a->size();
    case value_t::object: return v_.o->size();
    default: return 1;
  }
}

void Json::clear() noexcept {
  switch (type_) {
    case value_t::string: v_.s->clear(); break;
    case value_t::array: v_.a->clear(); break;
    case value_t::object: v_.o->clear(); break;
    case value_t::boolean: v_.b = false; break;
    case value_t::number_integer: v_.i = 0; break;
    case value_t::number_unsigned: v_.u = 0; break;
    case value_t::number_float: v_.d = 0; break;
    default: break;
  }
}

// ---- iteration --------------------------------------------------------------------------------------

Json::iterator Json::begin() {
  if (type_ == value_t::object) return iterator(this, v_.o->begin());
  if (type_ == value_t::array) return iterator(this, v_.a->begin());
  return iterator(this, type_ == value_t::null);
}
Json::iterator Json::end() {
  if (type_ == value_t::object) return iterator(this, v_.o->end());
  if (type_ == value_t::array) return iterator(this, v_.a->end());
  return iterator(this, true);
}
Json::const_iterator Json::begin() const { return const_cast<Json*>(this)->begin(); }
Json::const_iterator Json::end() const { return const_cast<Json*>(this)->end(); }

Json::iterator Json::find(std::string_view key) {
  if (type_ != value_t::object) return end();
  return iterator(this, v_.o->find(key));
}
Json::const_iterator Json::find(std::string_view key) const { return const_cast<Json*>(this)->find(key); }

Json::iterator Json::erase(iterator at) {
  if (type_ == value_t::object) return iterator(this, v_.o->erase(at.object_));
  if (type_ == value_t::array) return iterator(this, v_.a->erase(at.array_));
  wrongType("object or array");
}

// ---- equality ---------------------------------------------------------------------------------------

bool operator==(const Json& a, const Json& b) noexcept {
  using T = Json::value_t;
  if (a.type_ == b.type_) {
    switch (a.type_) {
      case T::null: return true;
      case T::boolean: return a.v_.b == b.v_.b;
      case T::number_integer: return a.v_.i == b.v_.i;
      case T::number_unsigned: return a.v_.u == b.v_.u;
      case T::number_float: return a.v_.d == b.v_.d;
      case T::string: return *a.v_.s == *b.v_.s;
      case T::array: return *a.v_.a == *b.v_.a;
      case T::object: return *a.v_.o == *b.v_.o;
      case T::discarded: return false;
    }
  }
  // Numbers of different kinds compare by value, as nlohmann::json compares them.
  if (a.is_number() && b.is_number()) {
    if (a.is_number_float() || b.is_number_float()) return a.asDouble() == b.asDouble();
    const Json& s = a.type_ == T::number_integer ? a : b;  // one signed, one unsigned
    const Json& u = a.type_ == T::number_integer ? b : a;
    return s.v_.i >= 0 && static_cast<std::uint64_t>(s.v_.i) == u.v_.u;
  }
  return false;
}

}  // namespace hs
