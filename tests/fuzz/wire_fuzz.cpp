// libFuzzer target for the wire entry point, hs::Engine::handle(caller, target, body).
//
// Input format: a short sequence of calls, one per line ('\n' separates calls; at most kMaxCalls):
//
//   <caller byte><target byte><body bytes...>
//
//   caller byte  picks kCallers[byte % size] (Bill, Susan, a member, ... an unknown or malformed caller)
//   target byte  picks kTargets[byte % size] (every AWS operation, every Simulator control, bad targets)
//   body         the raw request body, sent as is (need not be JSON), after these substitutions:
//                  $h0 .. $h9  the id of the 1st .. 10th most recent handshake id seen in a response
//                  $t          the last NextToken seen in a response
//                  $w          the last World returned by Simulator.ExportWorld (as JSON text)
//
// A line of fewer than two bytes is skipped. tests/fuzz/make_corpus.py writes seed inputs in this
// format (it reads the caller and target tables below from this file, between the BEGIN/END markers).
//
// Every input starts from the same small world, built through the wire:
//   Bill 111111111111 manages o-exampleorgid (ALL) with members 333333333333 (INVITED) and
//   444444444444 (CREATED); Susan 222222222222 and Juan 555555555555 are standalone; Carol
//   666666666666 manages o-secondorgid1 (CONSOLIDATED_BILLING) with member 777777777777 (INVITED).
//
// Besides the sanitizers, each call is checked for:
//   - status 200 or 400 (500 is an internal failure: a bug), body a JSON object, errors with __type;
//   - a rejected call (400) and every read-only call leave Simulator.ExportWorld byte-identical,
//     except AcceptHandshake answering ALREADY_IN_AN_ORGANIZATION (AWS-observed: the handshake is
//     consumed), which may change exactly that handshake;
// and after the sequence: export -> import into a fresh engine -> export is identical.
// A violated check prints the call and aborts, so libFuzzer records the input as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include "engine.h"
#include "fuzz_world.h"
#include "model/world.h"
#include "wire/json.h"

namespace {

constexpr size_t kMaxCalls = 48;
constexpr size_t kMaxRecentIds = 10;

// BEGIN CALLERS
const char* const kCallers[] = {
    "111111111111",  // Bill, management account of o-exampleorgid
    "222222222222",  // Susan, standalone
    "333333333333",  // Ana, invited member of o-exampleorgid
    "444444444444",  // Ben, created member of o-exampleorgid
    "555555555555",  // Juan, standalone
    "666666666666",  // Carol, management account of o-secondorgid1 (CONSOLIDATED_BILLING)
    "777777777777",  // Dan, invited member of o-secondorgid1
    "999999999999",  // no such account
    "",              // empty caller
    "11111111111x",  // malformed caller
};
// END CALLERS

// BEGIN TARGETS
const char* const kTargets[] = {
    "AWSOrganizationsV20161128.InviteAccountToOrganization",
    "AWSOrganizationsV20161128.AcceptHandshake",
    "AWSOrganizationsV20161128.DeclineHandshake",
    "AWSOrganizationsV20161128.CancelHandshake",
    "AWSOrganizationsV20161128.DescribeHandshake",
    "AWSOrganizationsV20161128.ListHandshakesForAccount",
    "AWSOrganizationsV20161128.ListHandshakesForOrganization",
    "AWSOrganizationsV20161128.EnableAllFeatures",
    "AWSOrganizationsV20161128.CreateOrganization",
    "AWSOrganizationsV20161128.DescribeOrganization",
    "AWSOrganizationsV20161128.DeleteOrganization",
    "AWSOrganizationsV20161128.LeaveOrganization",
    "AWSOrganizationsV20161128.RemoveAccountFromOrganization",
    "AWSOrganizationsV20161128.ListAccounts",
    "AWSOrganizationsV20161128.DescribeAccount",
    "AWSOrganizationsV20161128.InviteOrganizationToTransferResponsibility",
    "AWSOrganizationsV20161128.ListInboundResponsibilityTransfers",
    "AWSOrganizationsV20161128.ListOutboundResponsibilityTransfers",
    "AWSOrganizationsV20161128.DescribeResponsibilityTransfer",
    "AWSOrganizationsV20161128.UpdateResponsibilityTransfer",
    "AWSOrganizationsV20161128.TerminateResponsibilityTransfer",
    "Simulator.CreateAccount",
    "Simulator.CreateOrganization",
    "Simulator.JoinOrganization",
    "Simulator.SetTime",
    "Simulator.AdvanceTime",
    "Simulator.Reset",
    "Simulator.ExportWorld",
    "Simulator.ImportWorld",
    "Simulator.DescribeWorld",
    "Simulator.DescribeLifecycle",
    "Simulator.DryRun",
    "Simulator.SetSettings",
    "AWSOrganizationsV20161128.",
    "Simulator.",
    "AWSOrganizationsV20161128.acceptHandshake",
};
// END TARGETS

constexpr size_t kCallerCount = sizeof(kCallers) / sizeof(kCallers[0]);
constexpr size_t kTargetCount = sizeof(kTargets) / sizeof(kTargets[0]);

using hs_fuzz::kSetup;  // tests/fuzz/fuzz_world.h

[[noreturn]] void fail(const std::string& what, const std::string& caller, const std::string& target,
                       const std::string& body, const hs::WireResponse& r) {
  std::fprintf(stderr,
               "\n=== wire_fuzz invariant violated: %s\n  caller: %s\n  target: %s\n  body:   %.2000s\n"
               "  status: %d\n  reply:  %.2000s\n",
               what.c_str(), caller.c_str(), target.c_str(), body.c_str(), r.status, r.body.c_str());
  std::abort();
}

std::string exportWorld(hs::Engine& e) { return e.handle("", "Simulator.ExportWorld", "{}").body; }

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Remembers handshake ids (h- + 32 hex) seen in a response, most recent first.
void harvestIds(const std::string& body, std::deque<std::string>& recent) {
  for (size_t pos = body.find("\"h-"); pos != std::string::npos; pos = body.find("\"h-", pos + 1)) {
    if (pos + 36 > body.size() || body[pos + 35] != '"') continue;
    bool ok = true;
    for (size_t i = pos + 3; i < pos + 35 && ok; ++i) ok = isHex(body[i]);
    if (!ok) continue;
    std::string id = body.substr(pos + 1, 34);
    for (auto it = recent.begin(); it != recent.end(); ++it)
      if (*it == id) {
        recent.erase(it);
        break;
      }
    recent.push_front(id);
    if (recent.size() > kMaxRecentIds) recent.pop_back();
  }
}

std::string substitute(const std::string& body, const std::deque<std::string>& recent, const std::string& token,
                       const std::string& world) {
  if (body.find('$') == std::string::npos) return body;
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '$' && i + 1 < body.size()) {
      char k = body[i + 1];
      if (k == 'h' && i + 2 < body.size() && body[i + 2] >= '0' && body[i + 2] <= '9') {
        size_t n = static_cast<size_t>(body[i + 2] - '0');
        out += n < recent.size() ? recent[n] : std::string("h-00000000");
        i += 2;
        continue;
      }
      if (k == 't') {
        out += token;
        ++i;
        continue;
      }
      if (k == 'w') {
        out += world.empty() ? std::string("{}") : world;
        ++i;
        continue;
      }
    }
    out += body[i];
  }
  return out;
}

bool readOnly(const std::string& target) {
  static const char* const kReadOnly[] = {"AWSOrganizationsV20161128.DescribeHandshake",
                                          "AWSOrganizationsV20161128.ListHandshakesForAccount",
                                          "AWSOrganizationsV20161128.ListHandshakesForOrganization",
                                          "AWSOrganizationsV20161128.DescribeOrganization",
                                          "AWSOrganizationsV20161128.ListAccounts",
                                          "AWSOrganizationsV20161128.DescribeAccount",
                                          "Simulator.ExportWorld",
                                          "Simulator.DescribeWorld",
                                          "Simulator.DescribeLifecycle",
                                          "Simulator.DryRun"};
  for (const char* t : kReadOnly)
    if (target == t) return true;
  return false;
}

using hs_fuzz::onlyConsumed;  // tests/fuzz/fuzz_world.h

void checkResponse(const std::string& caller, const std::string& target, const std::string& body,
                   const hs::WireResponse& r) {
  if (r.status == 413) {
    if (r.body.find("\"RequestEntityTooLargeException\"") == std::string::npos)
      fail("status 413 without RequestEntityTooLargeException", caller, target, body, r);
  } else if (r.status != 200 && r.status != 400) {
    fail("status is neither 200 nor 400", caller, target, body, r);
  }
  // Operations without an output shape answer 200 with an empty body, as AWS does.
  if (r.status == 200 && r.body.empty() &&
      (target == "AWSOrganizationsV20161128.DeleteOrganization" ||
       target == "AWSOrganizationsV20161128.LeaveOrganization" ||
       target == "AWSOrganizationsV20161128.RemoveAccountFromOrganization"))
    return;
  hs::Json j = hs::Json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) fail("response body is not a JSON object", caller, target, body, r);
  if (r.status != 200) {
    auto t = j.find("__type");
    auto m = j.find("Message");
    if (m == j.end()) m = j.find("message");  // AWS's front end: an unsigned request
    if (t == j.end() || !t->is_string() || t->get<std::string>().empty())
      fail("error without __type", caller, target, body, r);
    if (m == j.end() || !m->is_string()) fail("error without Message", caller, target, body, r);
  }
}

// The starting world is built through the wire once; each input starts from a copy of it.
void buildWorld(hs::Engine& e) {
  static hs::Engine* prototype = [] {
    auto* p = new hs::Engine(7);
    for (const auto& step : kSetup) {
      hs::WireResponse r = p->handle("", step[0], step[1]);
      if (r.status != 200) fail("setup call failed", "", step[0], step[1], r);
    }
    return p;
  }();
  e.world() = prototype->world();
  e.world().setClock(&e.clock());
  e.clock().set(prototype->clock().now());
}

// HS_FUZZ_TRACE=1 prints every call and reply to stderr (for reading a crash input).
// HS_FUZZ_NO_WORLD_CHECK=1 skips the per-call export comparison (several times more execs/s).
const bool kTrace = std::getenv("HS_FUZZ_TRACE") != nullptr;
const bool kWorldCheck = std::getenv("HS_FUZZ_NO_WORLD_CHECK") == nullptr;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hs::Engine engine(7);
  buildWorld(engine);

  std::deque<std::string> recent;
  std::string token, world, lastExport;
  bool haveExport = false;
  size_t calls = 0;
  size_t start = 0;
  while (start <= size && calls < kMaxCalls) {
    size_t end = start;
    while (end < size && data[end] != '\n') ++end;
    if (end - start >= 2) {
      const std::string caller = kCallers[data[start] % kCallerCount];
      const std::string target = kTargets[data[start + 1] % kTargetCount];
      const std::string raw(reinterpret_cast<const char*>(data) + start + 2, end - start - 2);
      const std::string body = substitute(raw, recent, token, world);
      ++calls;

      // The export after a call that cannot have changed the world is the export before the next one.
      if (kWorldCheck && !haveExport) {
        lastExport = exportWorld(engine);
        haveExport = true;
      }
      const std::string before = lastExport;
      hs::WireResponse r = engine.handle(caller, target, body);
      if (kTrace)
        std::fprintf(stderr, "> %s %s %s\n< %d %s\n", caller.c_str(), target.c_str(), body.c_str(), r.status,
                     r.body.c_str());
      checkResponse(caller, target, body, r);
      const bool mayChange = r.status == 200 && !readOnly(target);
      if (kWorldCheck && !mayChange) {
        lastExport = exportWorld(engine);
        if (lastExport != before) {
          bool quirk = target == "AWSOrganizationsV20161128.AcceptHandshake" &&
                       r.body.find("\"ALREADY_IN_AN_ORGANIZATION\"") != std::string::npos &&
                       onlyConsumed(before, lastExport, body);
          if (!quirk) fail("a rejected or read-only call changed the exported world", caller, target, body, r);
        }
      } else {
        haveExport = false;
      }

      harvestIds(r.body, recent);
      hs::Json j = hs::Json::parse(r.body, nullptr, false);
      if (j.is_object()) {
        auto t = j.find("NextToken");
        if (t != j.end() && t->is_string()) token = t->get<std::string>();
        auto w = j.find("World");
        if (target == "Simulator.ExportWorld" && w != j.end()) world = w->dump();
      }
    }
    start = end + 1;
  }

  // Snapshot round trip: export, import into a fresh engine, export again.
  const std::string first = exportWorld(engine);
  hs::Json snap = hs::Json::parse(first, nullptr, false);
  if (snap.is_discarded() || !snap.contains("World")) fail("ExportWorld is not JSON", "", "", "", {200, first});
  hs::Engine other(99);
  const std::string importBody = hs::Json{{"World", snap["World"]}}.dump();
  hs::WireResponse imported = other.handle("", "Simulator.ImportWorld", importBody);
  if (imported.status != 200) fail("the engine refused its own export", "", "Simulator.ImportWorld", first, imported);
  const std::string second = exportWorld(other);
  if (second != first) fail("export -> import -> export differs", "", "Simulator.ImportWorld", first, {200, second});
  return 0;
}
