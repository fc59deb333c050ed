// The JSON value used throughout the engine: null, boolean, integer (signed or unsigned), float, string,
// array or object, plus `discarded`, the value of a text that did not parse.
//
// Contracts every response and snapshot relies on:
// - object keys are kept sorted (std::map), so one value has one byte form: dump() writes it;
// - a parsed number without fraction or exponent is unsigned when it has no sign and fits 64 bits, signed
//   when it has a '-' and fits, else a float; equality compares numbers by value across those kinds;
// - dump() is compact (or indented), escapes as JSON requires and nothing more (UTF-8 passes through),
//   prints floats in their shortest round-trip form ("1789271046.11", "5.0", "1e+20"), and never throws:
//   invalid UTF-8 (which parse() never lets in) prints as U+FFFD.
// The interface is the subset of nlohmann::json's that the engine, its tests and its tools use, with the
// same meaning; the engine's own code keeps every member out of line (json.cpp), which keeps the wasm
// module small.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace hs {

class Json {
 public:
  enum class value_t : std::uint8_t {
    null,
    object,
    array,
    string,
    boolean,
    number_integer,
    number_unsigned,
    number_float,
    discarded
  };
  using object_t = std::map<std::string, Json, std::less<>>;
  using array_t = std::vector<Json>;

  // Construction. A braced list is an object when every element is a two-element array whose first element
  // is a string ({{"Key", 1}, {"Other", "x"}}), else an array; array() and object() say which.
  Json() noexcept {}
  Json(std::nullptr_t) noexcept {}                               // NOLINT: implicit, as every constructor here
  Json(bool b) noexcept : type_(value_t::boolean) { v_.b = b; }  // NOLINT
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Json(T n) noexcept {  // NOLINT
    if constexpr (std::is_signed_v<T>) {
      type_ = value_t::number_integer;
      v_.i = n;
    } else {
      type_ = value_t::number_unsigned;
      v_.u = n;
    }
  }
  Json(double d) noexcept : type_(value_t::number_float) { v_.d = d; }  // NOLINT
  Json(const char* s);                                                  // NOLINT
  Json(std::string s);                                                  // NOLINT
  Json(std::string_view s);                                             // NOLINT
  Json(std::initializer_list<Json> init);                               // NOLINT
  Json(value_t t);                                                      // NOLINT: an empty value of that type
  template <class T>
  Json(const std::vector<T>& items) : Json(value_t::array) {  // NOLINT
    for (const auto& x : items) push_back(Json(x));
  }
  template <class T>
  Json(const std::set<T>& items) : Json(value_t::array) {  // NOLINT
    for (const auto& x : items) push_back(Json(x));
  }
  Json(const Json& other);
  Json(Json&& other) noexcept : type_(other.type_), v_(other.v_) { other.type_ = value_t::null; }
  Json& operator=(Json other) noexcept {
    swap(other);
    return *this;
  }
  ~Json() {
    if (type_ == value_t::string || type_ == value_t::array || type_ == value_t::object) destroy();
  }
  void swap(Json& other) noexcept {
    std::swap(type_, other.type_);
    std::swap(v_, other.v_);
  }

  static Json array(std::initializer_list<Json> init = {});
  static Json object(std::initializer_list<Json> init = {});  // init: {key, value} pairs

  // Parsing (RFC 8259, strict: one value and nothing but whitespace after it; a leading UTF-8 BOM is
  // skipped). On invalid text: a `discarded` value, or std::invalid_argument when allow_exceptions.
  static Json parse(std::string_view text, std::nullptr_t = nullptr, bool allow_exceptions = true);

  // Kind.
  value_t type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == value_t::null; }
  bool is_boolean() const noexcept { return type_ == value_t::boolean; }
  bool is_number() const noexcept { return is_number_integer() || type_ == value_t::number_float; }
  bool is_number_integer() const noexcept {
    return type_ == value_t::number_integer || type_ == value_t::number_unsigned;
  }
  bool is_number_unsigned() const noexcept { return type_ == value_t::number_unsigned; }
  bool is_number_float() const noexcept { return type_ == value_t::number_float; }
  bool is_string() const noexcept { return type_ == value_t::string; }
  bool is_array() const noexcept { return type_ == value_t::array; }
  bool is_object() const noexcept { return type_ == value_t::object; }
  bool is_discarded() const noexcept { return type_ == value_t::discarded; }
  const char* type_name() const noexcept;

  // Reading a scalar: get<std::string>(), get<bool>(), get<any arithmetic type>() (numbers convert as
  // static_cast does). The wrong kind throws std::domain_error.
  template <class T>
  T get() const {
    if constexpr (std::is_same_v<T, std::string>) {
      return asString();
    } else if constexpr (std::is_same_v<T, bool>) {
      return asBool();
    } else if constexpr (std::is_same_v<T, Json>) {
      return *this;
    } else if constexpr (std::is_floating_point_v<T>) {
      return static_cast<T>(asDouble());
    } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      return static_cast<T>(asInt());
    } else {
      static_assert(std::is_integral_v<T>, "Json::get<T>: T is a string, bool, number or Json");
      return static_cast<T>(asUnsigned());
    }
  }
  // Implicit reads, as nlohmann::json has them (std::string s = j["Id"]); never to char, so that
  // `str = j` picks std::string's assignment.
  template <class T,
            std::enable_if_t<(std::is_same_v<T, std::string> || std::is_arithmetic_v<T>)&&!std::is_same_v<T, char>,
                             int> = 0>
  operator T() const {  // NOLINT
    return get<T>();
  }
  template <class T>
  const std::string& get_ref() const {
    static_assert(std::is_same_v<T, const std::string&>, "Json::get_ref: only const std::string&");
    return asString();
  }
  const std::string& asString() const;
  bool asBool() const;
  double asDouble() const;
  std::int64_t asInt() const;
  std::uint64_t asUnsigned() const;

  // Objects. operator[] on a null value makes it an object (or, with an index, reads arrays only); the
  // const operator[] of a missing key is null. value() is `default` when the key is missing.
  Json& operator[](const std::string& key) { return member(key); }
  Json& operator[](std::string_view key) { return member(key); }
  template <class C, std::enable_if_t<std::is_same_v<std::remove_const_t<C>, char>, int> = 0>
  Json& operator[](C* key) {
    return member(std::string_view(key));
  }
  const Json& operator[](const std::string& key) const { return memberOrNull(key); }
  const Json& operator[](std::string_view key) const { return memberOrNull(key); }
  template <class C, std::enable_if_t<std::is_same_v<std::remove_const_t<C>, char>, int> = 0>
  const Json& operator[](C* key) const {
    return memberOrNull(std::string_view(key));
  }
  Json& operator[](std::size_t index);
  const Json& operator[](std::size_t index) const;
  Json& at(std::string_view key);              // std::out_of_range when missing
  const Json& at(std::string_view key) const;  // std::out_of_range when missing
  Json& at(std::size_t index);
  const Json& at(std::size_t index) const;
  bool contains(std::string_view key) const;
  std::size_t count(std::string_view key) const { return contains(key) ? 1 : 0; }
  template <class T>
  T value(std::string_view key, const T& fallback) const {
    const Json* found = find_ptr(key);
    return found ? found->get<T>() : fallback;
  }
  std::string value(std::string_view key, const char* fallback) const;
  std::size_t erase(std::string_view key);
  void update(const Json& other);  // every member of `other` set here (both objects)
  // The members, for `for (auto& [key, value] : j.items())`; objects only (std::domain_error otherwise).
  object_t& items();
  const object_t& items() const;

  // Arrays. push_back on a null value makes it an array.
  void push_back(Json item);
  template <class... Args>
  Json& emplace_back(Args&&... args) {
    push_back(Json(std::forward<Args>(args)...));
    return back();
  }
  Json& back();
  const Json& back() const;
  Json& front();
  const Json& front() const;

  // Both: the number of members or elements (null: 0; a scalar: 1).
  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  void clear() noexcept;

  // Iteration: the values of an object (with key()) or the elements of an array; a scalar is a range of
  // itself, null an empty range.
  template <bool Const>
  class Iter {
    using J = std::conditional_t<Const, const Json, Json>;
    using ObjectIt = std::conditional_t<Const, object_t::const_iterator, object_t::iterator>;
    using ArrayIt = std::conditional_t<Const, array_t::const_iterator, array_t::iterator>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Json;
    using difference_type = std::ptrdiff_t;
    using pointer = J*;
    using reference = J&;

    Iter() = default;
    Iter(J* owner, ObjectIt o) : owner_(owner), object_(o) {}
    Iter(J* owner, ArrayIt a) : owner_(owner), array_(a) {}
    Iter(J* owner, bool atEnd) : owner_(owner), scalarEnd_(atEnd) {}
    template <bool C = Const, std::enable_if_t<C, int> = 0>
    Iter(const Iter<false>& other)  // NOLINT: iterator -> const_iterator
        : owner_(other.owner_), object_(other.object_), array_(other.array_), scalarEnd_(other.scalarEnd_) {}

    J& operator*() const {
      if (owner_->is_object()) return object_->second;
      if (owner_->is_array()) return *array_;
      return *owner_;
    }
    J* operator->() const { return &**this; }
    const std::string& key() const { return object_->first; }  // objects only
    J& value() const { return **this; }
    Iter& operator++() {
      if (owner_->is_object())
        ++object_;
      else if (owner_->is_array())
        ++array_;
      else
        scalarEnd_ = true;
      return *this;
    }
    Iter operator++(int) {
      Iter was = *this;
      ++*this;
      return was;
    }
    friend bool operator==(const Iter& a, const Iter& b) {
      if (a.owner_ != b.owner_) return false;
      if (!a.owner_) return true;
      if (a.owner_->is_object()) return a.object_ == b.object_;
      if (a.owner_->is_array()) return a.array_ == b.array_;
      return a.scalarEnd_ == b.scalarEnd_;
    }
    friend bool operator!=(const Iter& a, const Iter& b) { return !(a == b); }

   private:
    friend class Iter<true>;
    friend class Json;
    J* owner_ = nullptr;
    ObjectIt object_{};
    ArrayIt array_{};
    bool scalarEnd_ = false;
  };
  using iterator = Iter<false>;
  using const_iterator = Iter<true>;
  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  iterator find(std::string_view key);  // end() when missing or not an object
  const_iterator find(std::string_view key) const;
  iterator erase(iterator at);

  // Text. indent < 0: compact; else pretty, `indent` spaces a level.
  std::string dump(int indent = -1) const;

  friend bool operator==(const Json& a, const Json& b) noexcept;
  friend bool operator!=(const Json& a, const Json& b) noexcept { return !(a == b); }
  template <class T, std::enable_if_t<!std::is_same_v<std::decay_t<T>, Json>, int> = 0>
  friend bool operator==(const Json& a, const T& b) {
    return a == Json(b);
  }
  template <class T, std::enable_if_t<!std::is_same_v<std::decay_t<T>, Json>, int> = 0>
  friend bool operator==(const T& a, const Json& b) {
    return Json(a) == b;
  }
  template <class T, std::enable_if_t<!std::is_same_v<std::decay_t<T>, Json>, int> = 0>
  friend bool operator!=(const Json& a, const T& b) {
    return !(a == Json(b));
  }
  template <class T, std::enable_if_t<!std::is_same_v<std::decay_t<T>, Json>, int> = 0>
  friend bool operator!=(const T& a, const Json& b) {
    return !(Json(a) == b);
  }

 private:
  Json& member(std::string_view key);
  const Json& memberOrNull(std::string_view key) const;
  const Json* find_ptr(std::string_view key) const;
  void destroy() noexcept;
  [[noreturn]] void wrongType(const char* wanted) const;

  // type_ says which member of v_ is live: s, a, o own their heap value (string, array, object); the
  // others are held inline. A moved-from value is null.
  value_t type_ = value_t::null;
  union Value {
    bool b;
    std::int64_t i;
    std::uint64_t u;
    double d;
    std::string* s;
    array_t* a;
    object_t* o;
  } v_{};
};

// Serializes without ever throwing (see dump()).
inline std::string dumpJson(const Json& j) { return j.dump(); }

}  // namespace hs
