#include "model/id_generator.h"

namespace hs {

std::uint64_t IdGenerator::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::string IdGenerator::fromAlphabet(const char* alphabet, int alphabetSize, int length) {
  std::string out;
  out.reserve(static_cast<size_t>(length));
  for (int i = 0; i < length; ++i) out.push_back(alphabet[next() % static_cast<std::uint64_t>(alphabetSize)]);
  return out;
}

static const char kHex[] = "0123456789abcdef";
static const char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
static const char kDigits[] = "0123456789";

std::string IdGenerator::handshakeId() { return "h-" + fromAlphabet(kHex, 16, 32); }
std::string IdGenerator::organizationId() { return "o-" + fromAlphabet(kAlnum, 36, 10); }
std::string IdGenerator::rootId() { return "r-" + fromAlphabet(kAlnum, 36, 4); }
std::string IdGenerator::transferId() { return "rt-" + fromAlphabet(kAlnum, 36, 16); }

std::string IdGenerator::accountId() { return fromAlphabet(kDigits + 1, 9, 1) + fromAlphabet(kDigits, 10, 11); }

std::string IdGenerator::requestId() {
  std::string s = fromAlphabet(kHex, 16, 32);
  return s.substr(0, 8) + "-" + s.substr(8, 4) + "-" + s.substr(12, 4) + "-" + s.substr(16, 4) + "-" + s.substr(20);
}

}  // namespace hs
