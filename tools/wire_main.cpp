// hs_wire: a JSON-lines host for hs::Engine.
//
//   hs_wire [--seed N]
//
// Each stdin line is one request
//   {"caller": "111111111111", "target": "AWSOrganizationsV20161128.DescribeHandshake", "body": "<raw body>"}
// and produces exactly one stdout line, flushed at once:
//   {"status":200,"body":"<raw response body>"}
// A line that is not a JSON object with string members caller, target and body
// (including an empty line) gets status 400 with a SerializationException body.
// The process keeps one engine (one world) for its whole life and ends at EOF.

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include "engine.h"
#include "wire/json.h"

namespace {

using json = hs::Json;

std::string error_body(const char* type, const std::string& message) {
  json body = json::object();
  body["__type"] = type;
  body["Message"] = message;
  return body.dump();  // invalid UTF-8 prints as U+FFFD
}

// {"status":N,"body":"..."} with the members in that order.
std::string response_line(int status, const std::string& body) {
  std::string line = "{\"status\":";
  line += std::to_string(status);
  line += ",\"body\":";
  line += json(body).dump();
  line += '}';
  return line;
}

bool is_string_member(const json& request, const char* name) {
  const auto it = request.find(name);
  return it != request.end() && it->is_string();
}

std::string handle_line(hs::Engine& engine, const std::string& line) {
  const json request = json::parse(line, nullptr, false);
  if (request.is_discarded()) {
    return response_line(400, error_body("SerializationException", "Request line is not valid JSON"));
  }
  if (!request.is_object() || !is_string_member(request, "caller") || !is_string_member(request, "target") ||
      !is_string_member(request, "body")) {
    return response_line(400,
                         error_body("SerializationException",
                                    "Request line must be a JSON object with string members caller, target and body"));
  }
  try {
    const hs::WireResponse response = engine.handle(request.find("caller")->get_ref<const std::string&>(),
                                                    request.find("target")->get_ref<const std::string&>(),
                                                    request.find("body")->get_ref<const std::string&>());
    return response_line(response.status, response.body);
  } catch (const std::exception& e) {
    return response_line(500, error_body("InternalFailure", e.what()));
  } catch (...) {
    return response_line(500, error_body("InternalFailure", "Unknown internal failure"));
  }
}

int usage(std::ostream& out, int code) {
  out << "usage: hs_wire [--seed N]\n"
         "Reads one JSON request per stdin line: {\"caller\": ..., \"target\": ..., \"body\": ...}\n"
         "Writes one JSON response per line: {\"status\": ..., \"body\": ...}\n";
  return code;
}

bool parse_seed(const std::string& text, std::uint64_t& seed) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  errno = 0;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (errno != 0 || end == nullptr || *end != '\0') return false;
  seed = static_cast<std::uint64_t>(value);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::uint64_t seed = 0;
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      std::string value;
      if (arg == "-h" || arg == "--help") return usage(std::cout, 0);
      if (arg == "--seed") {
        if (i + 1 >= argc) {
          std::cerr << "hs_wire: --seed needs a value\n";
          return usage(std::cerr, 2);
        }
        value = argv[++i];
      } else if (arg.rfind("--seed=", 0) == 0) {
        value = arg.substr(7);
      } else {
        std::cerr << "hs_wire: unexpected argument: " << arg << '\n';
        return usage(std::cerr, 2);
      }
      if (!parse_seed(value, seed)) {
        std::cerr << "hs_wire: --seed needs a non-negative integer, got: " << value << '\n';
        return 2;
      }
    }

    std::ios::sync_with_stdio(false);
    hs::Engine engine(seed);
    std::string line;
    while (std::getline(std::cin, line)) {
      std::cout << handle_line(engine, line) << '\n' << std::flush;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "hs_wire: " << e.what() << '\n';
    return 1;
  } catch (...) {
    std::cerr << "hs_wire: unknown failure\n";
    return 1;
  }
}
