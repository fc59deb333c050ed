// Seedable generator of AWS-shaped identifiers. Same seed, same sequence of ids, so a seeded
// world replays identically. The whole state is one 64-bit word, saved in world snapshots.
#pragma once
#include <cstdint>
#include <string>

namespace hs {

class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed = 0) : state_(seed) {}

  std::uint64_t next();          // splitmix64
  std::string handshakeId();     // h- + 32 lowercase hex
  std::string organizationId();  // o- + 10 [a-z0-9]
  std::string rootId();          // r- + 4 [a-z0-9]
  std::string accountId();       // 12 digits, never starting with 0
  std::string transferId();      // rt- + 16 [a-z0-9]
  std::string requestId();       // UUID-shaped, for x-amzn-RequestId

  std::uint64_t state() const { return state_; }
  void setState(std::uint64_t s) { state_ = s; }

 private:
  std::string fromAlphabet(const char* alphabet, int alphabetSize, int length);
  std::uint64_t state_;
};

}  // namespace hs
