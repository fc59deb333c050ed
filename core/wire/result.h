// Result<T>: a value or an AwsError. Expected failures (every AWS error) travel as values,
// never as exceptions.
#pragma once
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace hs {

// An error exactly as it goes on the wire: {"__type": type, "Message": message, ["Reason": reason]}.
struct AwsError {
  std::string type;
  std::string message;
  std::string reason;  // empty: no Reason member
  int status = 400;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(AwsError error) : v_(std::move(error)) {}  // NOLINT
  // Any value T can be built from (e.g. a Json for a Result<Body>).
  template <class U, class = std::enable_if_t<!std::is_same_v<std::decay_t<U>, Result> &&
                                              !std::is_same_v<std::decay_t<U>, AwsError> &&
                                              !std::is_same_v<std::decay_t<U>, T> && std::is_constructible_v<T, U&&>>>
  Result(U&& value) : v_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const AwsError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, AwsError> v_;
};

// For operations that only succeed or fail.
struct Ok {};
using Status = Result<Ok>;
inline Status okStatus() { return Ok{}; }

}  // namespace hs

// Returns the error of `expr` (a Result or Status) from the enclosing function if it failed.
#define HS_TRY(expr)                                         \
  do {                                                       \
    auto&& hs_try_result_ = (expr);                          \
    if (!hs_try_result_.ok()) return hs_try_result_.error(); \
  } while (0)
