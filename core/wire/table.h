// A constant table: the rows of an array in static storage, seen without a copy. The engine's fixed tables
// (request shapes, the operations, the Simulator controls) are constexpr arrays that the compiler lays out
// as data: no code runs to build them, and none is in the module for it.
#pragma once
#include <cstddef>
#include <string_view>

namespace hs {

template <typename Row>
class Table {
 public:
  constexpr Table() = default;
  template <std::size_t N>
  constexpr Table(const Row (&rows)[N]) : rows_(rows), size_(N) {}  // NOLINT: a table converts from its array

  constexpr const Row* begin() const { return rows_; }
  constexpr const Row* end() const { return rows_ + size_; }
  constexpr std::size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const Row& operator[](std::size_t i) const { return rows_[i]; }

 private:
  // Invariant: rows_ points at size_ rows that live as long as the program (an array of static storage).
  const Row* rows_ = nullptr;
  std::size_t size_ = 0;
};

// A row of a table looked up by name: the name and what it stands for (an error's message, a rule's
// provenance).
template <typename Value>
struct Named {
  std::string_view name;
  Value value;
};

// What `name` stands for in `table`, or nullptr. A linear scan: for the short tables read when a call is
// refused or explained, not on the paths every call takes.
template <typename Value, std::size_t N>
const Value* lookup(const Named<Value> (&table)[N], std::string_view name) {
  for (const Named<Value>& row : table)
    if (row.name == name) return &row.value;
  return nullptr;
}

}  // namespace hs
