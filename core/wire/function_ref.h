// A reference to something callable, for a parameter that is only called while the function runs (a
// list's filter). Unlike std::function it neither copies nor allocates, and it puts no type information
// or clone/destroy code in the module for each lambda passed.
//
// Contract: the callable outlives the FunctionRef. Pass a lambda straight to the parameter, or name it
// with `auto` first; never store `FunctionRef f = [..]{..};`, whose lambda dies at the semicolon.
#pragma once
#include <memory>
#include <type_traits>
#include <utility>

namespace hs {

template <typename Signature>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef> &&
                                                    std::is_invocable_r_v<R, F&, Args...>>>
  FunctionRef(F&& f) noexcept  // NOLINT: converts from any callable, as std::function does
      : callable_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_(&callThrough<std::remove_reference_t<F>>) {}

  R operator()(Args... args) const { return call_(callable_, std::forward<Args>(args)...); }

 private:
  template <typename F>
  static R callThrough(void* callable, Args... args) {
    return (*static_cast<F*>(callable))(std::forward<Args>(args)...);
  }

  // Invariant: callable_ points at an object of the type call_ was made for.
  void* callable_;
  R (*call_)(void*, Args...);
};

}  // namespace hs
