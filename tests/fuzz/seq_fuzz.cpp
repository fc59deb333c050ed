// Structure-aware libFuzzer target: call sequences over a small fixed world, with invariants checked
// after every call.
//
// Input format: a sequence of records (at most kMaxCalls), each
//
//   <caller byte> <operation byte> <ref byte> <mutation byte> [<length byte> <length raw bytes>]
//
//   caller     kCallers[byte % 10]: the accounts of the world, an unknown account, the empty
//              (unsigned) caller and a malformed one
//   operation  kOps[byte % size]: every AWS operation, plus Simulator.AdvanceTime, SetSettings,
//              CreateAccount, DescribeWorld (or ExportWorld) and a snapshot round trip (export,
//              import into a fresh engine, export again: must be byte-identical; an export text whose
//              round trip already passed is not imported again; or DescribeHandshake)
//   ref        picks what the well-formed body names: a handshake among those existing (newest first;
//              one past the last is an id nobody has), a transfer, an account or email, a filter, a
//              page size, a clock jump, a setting... (each operation reads its own bits of it)
//   mutation   low 4 bits: the mutation of the well-formed body (see kMutationNames); bits 4-6: its
//              parameter (which member, which value); bit 7, on an unmutated call: send the call
//              through Simulator.DryRun first (the world must not change, and the real call must
//              then answer the same)
//   length + bytes   only for the "raw" mutation: the request body, sent as is
//
// tests/fuzz/make_corpus.py writes seeds in this format (tests/fuzz/corpus/seq/); it reads the tables
// between the BEGIN/END markers below. HS_FUZZ_TRACE=1 prints every call and reply to stderr.
//
// The world (built once through the wire, copied into the one engine for every input), rich enough
// that short sequences reach every state: Bill 111111111111 manages o-exampleorgid (ALL) with Ana
// 333333333333 (invited) and Ben 444444444444 (created); Carol 666666666666 manages o-secondorgid1
// (CONSOLIDATED_BILLING) with Dan 777777777777, and has started the all-features migration (Dan's
// approval is open); Susan 222222222222 and Juan 555555555555 are standalone. Handshakes: Bill
// invited Susan (ACCOUNT, open) and Juan (EMAIL, open); Carol invited Juan (open) and Susan
// (declined); Bill's invitation to nobody@example.com is canceled; Bill invited Carol's organization
// to take over its bill (a transfer, open).
//
// Checked after every call (a violation prints the call and aborts, so libFuzzer saves the input):
//   - status 200 or 400 (413 only as RequestEntityTooLargeException); never 500;
//   - the body is a JSON object (a 200 of DeleteOrganization, LeaveOrganization or
//     RemoveAccountFromOrganization may be empty); an error has a non-empty __type and a Message;
//   - a refused call and every read-only call change nothing, except AcceptHandshake ->
//     ALREADY_IN_AN_ORGANIZATION (AWS-observed: the handshake is consumed): a hash of every stored field
//     after every call, and Simulator.ExportWorld byte-identical at the first call of every 8th input
//     (HS_FUZZ_FULL_WORLD_CHECK=1: every call, each input's start world against the prototype's export,
//     and every round trip);
//   - a DryRun answers exactly what the real call then answers, and changes nothing;
//   - the world: every handshake's state is one of the enum, ids unique and well-formed (h- and 32
//     hex), stored under its seq; a terminal handshake never changes state; a handshake disappears
//     only past its 30-day retention; Expiration after Requested; a successful Accept/Decline/Cancel
//     leaves the named handshake ACCEPTED/DECLINED/CANCELED; every member's organization exists and
//     lists it, every organization's members exist and point back, its management account is a
//     member; root emails unique; transfer ids unique, each with a handshake that exists.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "engine.h"
#include "fuzz_world.h"
#include "model/timestamp.h"
#include "model/world.h"
#include "wire/json.h"

namespace {

constexpr size_t kMaxCalls = 6;
constexpr const char* kAws = "AWSOrganizationsV20161128.";

// BEGIN CALLERS
const char* const kCallers[] = {
    "111111111111",  // Bill, management account of o-exampleorgid (ALL)
    "222222222222",  // Susan, standalone
    "333333333333",  // Ana, invited member of o-exampleorgid
    "555555555555",  // Juan, standalone
    "666666666666",  // Carol, management account of o-secondorgid1 (CONSOLIDATED_BILLING)
    "444444444444",  // Ben, created member of o-exampleorgid
    "777777777777",  // Dan, invited member of o-secondorgid1
    "999999999999",  // no such account
    "",              // unsigned request
    "11111111111x",  // malformed
};
// END CALLERS

// BEGIN OPS
const char* const kOps[] = {
    "InviteAccountToOrganization",
    "AcceptHandshake",
    "DeclineHandshake",
    "CancelHandshake",
    "DescribeHandshake",
    "ListHandshakesForAccount",
    "ListHandshakesForOrganization",
    "EnableAllFeatures",
    "CreateOrganization",
    "DescribeOrganization",
    "DeleteOrganization",
    "LeaveOrganization",
    "RemoveAccountFromOrganization",
    "ListAccounts",
    "DescribeAccount",
    "InviteOrganizationToTransferResponsibility",
    "ListInboundResponsibilityTransfers",
    "ListOutboundResponsibilityTransfers",
    "DescribeResponsibilityTransfer",
    "UpdateResponsibilityTransfer",
    "TerminateResponsibilityTransfer",
    "Simulator.AdvanceTime",
    "Simulator.SetSettings",
    "Simulator.CreateAccount",
    "Simulator.DescribeWorld",
    "RoundTrip",
};
// END OPS

// BEGIN MUTATIONS
[[maybe_unused]] const char* const kMutationNames[] = {
    "none",      "none", "none", "none", "none",
    "drop",       // drop member p
    "wrongtype",  // member p gets a value of the wrong JSON type
    "huge",       // member p gets a long string (300, 1,025, 4,000, or 600 escapes)
    "empty",      // member p gets ""
    "hostile",    // member p gets a string from kHostile
    "extra",      // an extra member from kExtra
    "raw",        // the body is the length-prefixed raw bytes that follow the record
    "notobject",  // the body is kNotObject[p]
    "number",     // member p gets a number from kNumbers
    "crossid",    // member p gets an id of another kind (account, organization, handshake, transfer, email)
    "none",
};
// END MUTATIONS
constexpr int kMutRaw = 11;

constexpr size_t kCallerCount = sizeof(kCallers) / sizeof(kCallers[0]);
constexpr size_t kOpCount = sizeof(kOps) / sizeof(kOps[0]);
static_assert(sizeof(kMutationNames) / sizeof(kMutationNames[0]) == 16, "16 mutations");

const char* const kAccountIds[] = {"111111111111", "222222222222", "333333333333", "555555555555",
                                   "666666666666", "444444444444", "888888888888", "999999999999"};
const char* const kEmails[] = {"bill@example.com",  "susan@example.com", "ana@example.com",   "juan@example.com",
                               "carol@example.com", "ben@example.com",   "spare@example.com", "SUSAN@Example.COM"};
const char* const kActionTypes[] = {"INVITE",
                                    "ENABLE_ALL_FEATURES",
                                    "APPROVE_ALL_FEATURES",
                                    "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE",
                                    "TRANSFER_RESPONSIBILITY",
                                    "invite"};
const char* const kHostile[] = {
    R"("h-")",
    R"("h-0123456789abcdef0123456789abcdeg")",
    R"("H-0123456789ABCDEF0123456789ABCDEF")",
    R"("../../../etc/passwd")",
    R"("\u0000")",
    R"("\ud800")",
    R"("\u00e9\ud83d\ude00")",
    R"("%s%n%x")",
    R"("\"}")",
    R"("\\\\")",
    R"("<script>alert(1)</script>")",
    R"("-1")",
    R"("1e309")",
    R"("99999999999999999999999999")",
    R"(" 111111111111")",
    R"("o-exampleorgid")",
    R"("r-ab12")",
    R"("rt-0000000000")",
    R"("\t\n\r")",
    R"("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")",
    R"("susan@example.com\u0000x")",
    R"("\u202esusan@example.com")",
    R"("SUSAN@EXAMPLE.COM")",
    R"("h-ffffffffffffffffffffffffffffffff")",
};
const char* const kWrongType[] = {"0", "-1", "1.5", "true", "null", "[]", "{}", R"(["x"])", R"({"a":1})", "false"};
const char* const kNumbers[] = {"0", "-1", "1e308", "1.5", "9007199254740993", "-0", "1e-7", "99999999999999999999"};
const char* const kNotObject[] = {"", "[]", "null", R"("x")", "{", R"({"a":})", "{}{}", "{\"a\":1}\x00x"};
const char* const kExtra[][2] = {
    {"Unknown", R"("ignored")"},
    {"__type", R"("AccessDeniedException")"},
    {"", "1"},
    {"Nested", R"({"a":{"b":{"c":[[[[[[[[1]]]]]]]]}}})"},
    {"HandshakeId", R"("h-0123456789abcdef0123456789abcdef")"},  // a duplicate key when the body has one
    {"Target", R"({"Type":"ACCOUNT","Id":"999999999999"})"},
    {"MaxResults", "1"},
    {"NextToken", R"("AAAA")"},
};
const double kJumps[] = {1, 3600, 86400, 4 * 86400.0, 15 * 86400.0 + 1, 31 * 86400.0, 91 * 86400.0, 0.001};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

using hs_fuzz::kSetup;  // tests/fuzz/fuzz_world.h
// Handshakes of the starting world: {caller, operation, body}.
const char* const kSetupCalls[][3] = {
    {"111111111111", "InviteAccountToOrganization", R"({"Target":{"Type":"ACCOUNT","Id":"222222222222"}})"},
    {"111111111111", "InviteAccountToOrganization", R"({"Target":{"Type":"EMAIL","Id":"juan@example.com"}})"},
    {"666666666666", "InviteAccountToOrganization", R"({"Target":{"Type":"ACCOUNT","Id":"555555555555"}})"},
    {"666666666666", "InviteAccountToOrganization", R"({"Target":{"Type":"ACCOUNT","Id":"222222222222"}})"},
    {"222222222222", "DeclineHandshake", "$0"},
    {"111111111111", "InviteAccountToOrganization", R"({"Target":{"Type":"EMAIL","Id":"nobody@example.com"}})"},
    {"111111111111", "CancelHandshake", "$0"},
    {"666666666666", "EnableAllFeatures", "{}"},
    {"111111111111", "InviteOrganizationToTransferResponsibility",
     R"({"Type":"BILLING","Target":{"Type":"ACCOUNT","Id":"666666666666"},"StartTimestamp":1790812800,"SourceName":"Carol's bill"})"},
};

// HS_FUZZ_TRACE=1 prints every call and reply; HS_FUZZ_NO_WORLD_CHECK=1 skips the export comparisons.
const bool kTrace = std::getenv("HS_FUZZ_TRACE") != nullptr;
const bool kWorldCheck = std::getenv("HS_FUZZ_NO_WORLD_CHECK") == nullptr;
// HS_FUZZ_SLOW_US=N prints every call that takes more than N microseconds of CPU time (finding slow paths).
const long kSlowMicros = std::getenv("HS_FUZZ_SLOW_US") ? std::atol(std::getenv("HS_FUZZ_SLOW_US")) : 0;
const bool kFullWorldCheck = std::getenv("HS_FUZZ_FULL_WORLD_CHECK") != nullptr;
// HS_FUZZ_FULL_WORLD_CHECK=1 also repeats the snapshot round trip of an export text seen before.
const bool kRoundTripMemo = !kFullWorldCheck;

long cpuMicros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<long>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

struct Call {
  std::string caller, target, body;
};

[[noreturn]] void fail(const std::string& what, const Call& c, const hs::WireResponse& r) {
  std::fprintf(stderr,
               "\n=== seq_fuzz invariant violated: %s\n  caller: %s\n  target: %s\n  body:   %.2000s\n"
               "  status: %d\n  reply:  %.2000s\n",
               what.c_str(), c.caller.c_str(), c.target.c_str(), c.body.c_str(), r.status, r.body.c_str());
  std::abort();
}

[[noreturn]] void failWorld(const std::string& what, const Call& c, const hs::WireResponse& r) {
  fail("world invariant: " + what, c, r);
}

std::string quote(const std::string& s) { return "\"" + s + "\""; }

std::string exportWorld(hs::Engine& e) { return e.handle("", "Simulator.ExportWorld", "{}").body; }

// Epoch seconds of the 1st of the month `k` months after the current one (transfers start on the 1st
// of a month, end on the last day); the calendar is the engine's own (core/model/timestamp.h).
std::int64_t monthStart(hs::Millis now, int k) {
  const hs::CivilTime c = hs::toCivil(now);
  const int months = c.year * 12 + (c.month - 1) + k;  // the clock is never before 1970: positive
  return hs::fromCivil(months / 12, months % 12 + 1, 1) / 1000;
}

// --- body building ---
using Members = std::vector<std::pair<std::string, std::string>>;  // (name, raw JSON value)

std::string render(const Members& ms) {
  size_t size = 2;
  for (const auto& [name, value] : ms) size += name.size() + value.size() + 4;
  std::string out;
  out.reserve(size);  // one allocation, not one per doubling
  out += '{';
  for (size_t i = 0; i < ms.size(); ++i) {
    if (i) out += ',';
    out += '"';
    out += ms[i].first;
    out += "\":";
    out += ms[i].second;
  }
  out += '}';
  return out;
}

struct Context {
  hs::Engine* engine;
  std::vector<std::string> handshakeIds;  // newest first
  std::vector<std::string> transferIds;
  std::string lastToken;
};

std::string pickHandshake(const Context& cx, unsigned r) {
  const size_t n = cx.handshakeIds.size();
  const size_t i = r % (n + 1);
  return i < n ? cx.handshakeIds[i] : std::string("h-00000000000000000000000000000000");
}
std::string pickTransfer(const Context& cx, unsigned r) {
  const size_t n = cx.transferIds.size();
  const size_t i = r % (n + 1);
  return i < n ? cx.transferIds[i] : std::string("rt-0000000000");
}
std::string party(unsigned r) {
  // r & 3: ACCOUNT, EMAIL, ACCOUNT, ORGANIZATION; r >> 2: whom
  const unsigned who = (r >> 2) % COUNT(kAccountIds);
  switch (r & 3) {
    case 1: return std::string(R"({"Type":"EMAIL","Id":")") + kEmails[who] + "\"}";
    case 3:
      return std::string(R"({"Type":"ORGANIZATION","Id":")") + (who & 1 ? "o-secondorgid1" : "o-exampleorgid") + "\"}";
    default: return std::string(R"({"Type":"ACCOUNT","Id":")") + kAccountIds[who] + "\"}";
  }
}
void paging(Members& ms, const Context& cx, unsigned r) {
  static const char* const kMax[] = {nullptr, "1", "2", "20"};
  if (const char* m = kMax[(r >> 4) & 3]) ms.emplace_back("MaxResults", m);
  if ((r & 0x40) && !cx.lastToken.empty()) ms.emplace_back("NextToken", quote(cx.lastToken));
}

// The well-formed call of kOps[op] for `ref`. Returns false for the round trip (not a wire call).
bool buildCall(const Context& cx, unsigned op, unsigned r, std::string& target, Members& ms) {
  const char* const name = kOps[op];
  if (std::strncmp(name, "Simulator.", 10) == 0)
    target = name;
  else
    target.reserve(std::strlen(kAws) + std::strlen(name)), target.assign(kAws).append(name);
  const hs::Millis now = cx.engine->clock().now();
  switch (op) {
    case 0:  // InviteAccountToOrganization
      ms.emplace_back("Target", party(r));
      if (r & 0x40) ms.emplace_back("Notes", R"("Welcome")");
      if (r & 0x80) ms.emplace_back("Tags", R"([{"Key":"team","Value":"a"}])");
      break;
    case 1:
    case 2:
    case 3:
    case 4: ms.emplace_back("HandshakeId", quote(pickHandshake(cx, r))); break;
    case 5:
    case 6: {
      switch (r & 3) {
        case 1:
          ms.emplace_back("Filter",
                          std::string(R"({"ActionType":")") + kActionTypes[(r >> 2) % COUNT(kActionTypes)] + "\"}");
          break;
        case 2: ms.emplace_back("Filter", R"({"ParentHandshakeId":")" + pickHandshake(cx, r >> 2) + "\"}"); break;
        default: break;
      }
      paging(ms, cx, r);
      break;
    }
    case 8: {
      static const char* const kSets[] = {nullptr, R"("ALL")", R"("CONSOLIDATED_BILLING")", R"("all")"};
      if (const char* f = kSets[r & 3]) ms.emplace_back("FeatureSet", f);
      break;
    }
    case 12:
    case 14: ms.emplace_back("AccountId", quote(kAccountIds[r % COUNT(kAccountIds)])); break;
    case 13: paging(ms, cx, r); break;
    case 15: {
      ms.emplace_back("Type", R"("BILLING")");
      ms.emplace_back("Target", party(r & 0x3f));
      static const int kStarts[] = {1, 1, 2, 0, 13, -1, 1, 1};
      std::int64_t start = monthStart(now, kStarts[(r >> 5) & 7]);
      ms.emplace_back("StartTimestamp", std::to_string(start) + ((r >> 5) == 6 ? ".5" : ""));
      ms.emplace_back("SourceName", R"("Billing")");
      break;
    }
    case 16:
    case 17:
      ms.emplace_back("Type", R"("BILLING")");
      if (op == 16 && (r & 0x80)) ms.emplace_back("Id", quote(pickTransfer(cx, r)));
      paging(ms, cx, r);
      break;
    case 18: ms.emplace_back("Id", quote(pickTransfer(cx, r))); break;
    case 19:
      ms.emplace_back("Id", quote(pickTransfer(cx, r)));
      ms.emplace_back("Name", (r & 0x80) ? R"("Renamed")" : R"("Billing")");
      break;
    case 20: {
      ms.emplace_back("Id", quote(pickTransfer(cx, r)));
      static const int kEnds[] = {0, 1, 2, 3, 12, -1, 0, 0};
      const int k = kEnds[(r >> 4) & 7];
      if (k) ms.emplace_back("EndTimestamp", std::to_string(monthStart(now, k)) + ((r & 8) ? "" : "-0.001"));
      // "1790812800-0.001" is not JSON: keep numbers valid by computing the last millisecond instead
      if (k && !(r & 8)) ms.back().second = std::to_string(monthStart(now, k) - 1) + ".999";
      break;
    }
    case 21: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", kJumps[r & 7]);
      ms.emplace_back("Seconds", buf);
      break;
    }
    case 22:
      switch (r % 6) {
        case 0: ms.emplace_back("AccountLimit", (r & 8) ? "4" : "1000"); break;
        case 1: ms.emplace_back("MemberOfOtherOrganization", R"("MOVE")"); break;
        case 2: ms.emplace_back("MemberOfOtherOrganization", R"("REJECT")"); break;
        case 3: ms.emplace_back("InvitesDuringMigration", R"("ALLOW")"); break;
        case 4: ms.emplace_back("InvitesDuringMigration", R"("REJECT")"); break;
        default: break;
      }
      break;
    case 23:
      ms.emplace_back("Name", R"("Spare")");
      ms.emplace_back("Email", (r & 1) ? R"("spare@example.com")" : R"("susan@example.com")");
      if (r & 2) ms.emplace_back("Id", R"("888888888888")");
      break;
    case 24:  // DescribeWorld builds the whole view (costly under ASan): a quarter of the time
      if (r & 3) target = "Simulator.ExportWorld";
      break;
    case 25:  // the round trip parses a whole snapshot: a quarter of the time, else a DescribeHandshake
      if ((r & 3) == 0) return false;
      target = std::string(kAws) + "DescribeHandshake";
      ms.emplace_back("HandshakeId", quote(pickHandshake(cx, r >> 2)));
      break;
    default:  // EnableAllFeatures, DescribeOrganization, DeleteOrganization, LeaveOrganization, DescribeWorld
      break;
  }
  return true;
}

std::string crossId(const Context& cx, unsigned p) {
  switch (p & 7) {
    case 0: return R"("111111111111")";
    case 1: return R"("o-exampleorgid")";
    case 2: return quote(pickHandshake(cx, 0));
    case 3: return quote(pickTransfer(cx, 0));
    case 4: return R"("susan@example.com")";
    case 5: return R"("r-ab12")";
    case 6: return quote("arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/" + pickHandshake(cx, 1));
    default: return R"("rt-" )";
  }
}

std::string hugeString(unsigned p) {
  switch (p & 3) {
    case 0: return quote(std::string(300, 'x'));
    case 1: return quote(std::string(4000, 'A'));
    case 2: return quote(std::string(1025, 'B'));
    default: {
      std::string s = "\"";
      for (int i = 0; i < 600; ++i) s += "\\u00e9";
      return s + "\"";
    }
  }
}

// Applies mutation `kind` with parameter `p`. Returns the body to send.
std::string mutate(const Context& cx, Members ms, int kind, unsigned p, unsigned r, const std::string& raw) {
  const size_t n = ms.size();
  auto member = [&]() -> std::string* { return n ? &ms[p % n].second : nullptr; };
  switch (kind) {
    case 5:
      if (n) ms.erase(ms.begin() + static_cast<long>(p % n));
      break;
    case 6:
      if (auto* v = member()) *v = kWrongType[(p + r) % COUNT(kWrongType)];
      break;
    case 7:
      if (auto* v = member())
        *v = hugeString(p);
      else
        ms.emplace_back("Huge", hugeString(p));
      break;
    case 8:
      if (auto* v = member()) *v = R"("")";
      break;
    case 9:
      if (auto* v = member()) *v = kHostile[(p * 8 + (r >> 5)) % COUNT(kHostile)];
      break;
    case 10: ms.emplace_back(kExtra[p & 7][0], kExtra[p & 7][1]); break;
    case kMutRaw: return raw;
    case 12: return kNotObject[p & 7] + std::string(p == 7 ? 4 : 0, '\0');
    case 13:
      if (auto* v = member()) *v = kNumbers[(p + r) % COUNT(kNumbers)];
      break;
    case 14:
      if (auto* v = member()) *v = crossId(cx, p + r);
      break;
    default: break;
  }
  return render(ms);
}

// --- a small JSON reader for the checks: the harness uses no nlohmann and gets no coverage, so the
// fuzzer's features are the engine's alone (and parsing every response costs little) ---
#define HS_NOCOV __attribute__((no_sanitize("coverage")))

// The top-level members of a reply (or request) the checks read.
struct TopMembers {
  enum Slot { Type, Message, LowerMessage, NextToken, HandshakeId, Body, kSlots };
  bool has[kSlots] = {};
  bool nonEmpty[kSlots] = {};
  std::string value[kSlots];  // decoded, for NextToken, HandshakeId and Body only
  HS_NOCOV static int slot(const std::string& key) {
    if (key == "__type") return Type;
    if (key == "Message") return Message;
    if (key == "message") return LowerMessage;
    if (key == "NextToken") return NextToken;
    if (key == "HandshakeId") return HandshakeId;
    if (key == "Body") return Body;
    return -1;
  }
  HS_NOCOV static bool decoded(int slot) { return slot == NextToken || slot == HandshakeId || slot == Body; }
};

struct MiniJson {
  const char* p;
  const char* end;
  int depth = 0;
  HS_NOCOV void ws() {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
  }
  HS_NOCOV bool lit(const char* s) {
    for (; *s; ++s, ++p)
      if (p >= end || *p != *s) return false;
    return true;
  }
  HS_NOCOV static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  // A string; its decoded value (UTF-8) into *out when out is set.
  HS_NOCOV bool str(std::string* out) {
    if (p >= end || *p != '"') return false;
    ++p;
    while (p < end && *p != '"') {
      unsigned char c = static_cast<unsigned char>(*p);
      if (c < 0x20) return false;
      if (c != '\\') {
        // A run of plain characters is appended at once (not a character at a time).
        const char* run = p;
        while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
        if (out) out->append(run, static_cast<size_t>(p - run));
        continue;
      }
      if (++p >= end) return false;
      char e = *p++;
      char plain = 0;
      switch (e) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        case 'u': {
          unsigned cp = 0;
          for (int i = 0; i < 4; ++i) {
            if (p >= end || hex(*p) < 0) return false;
            cp = cp * 16 + static_cast<unsigned>(hex(*p++));
          }
          if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
            unsigned lo = 0;
            bool ok = true;
            for (int i = 2; i < 6; ++i) ok = ok && hex(p[i]) >= 0, lo = lo * 16 + static_cast<unsigned>(hex(p[i]));
            if (ok && lo >= 0xDC00 && lo <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00), p += 6;
          }
          if (out) {
            if (cp < 0x80)
              out->push_back(static_cast<char>(cp));
            else if (cp < 0x800)
              out->push_back(static_cast<char>(0xC0 | (cp >> 6))),
                  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            else if (cp < 0x10000)
              out->push_back(static_cast<char>(0xE0 | (cp >> 12))),
                  out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))),
                  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            else
              out->push_back(static_cast<char>(0xF0 | (cp >> 18))),
                  out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F))),
                  out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))),
                  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          continue;
        }
        default: return false;
      }
      if (out) out->push_back(plain);
    }
    if (p >= end) return false;
    ++p;
    return true;
  }
  HS_NOCOV bool number(double* out) {
    const char* s = p;
    if (p < end && *p == '-') ++p;
    if (p >= end || *p < '0' || *p > '9') return false;
    while (p < end && ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')) ++p;
    if (out) *out = std::strtod(std::string(s, p).c_str(), nullptr);
    return true;
  }
  HS_NOCOV bool value() {
    ws();
    if (p >= end) return false;
    switch (*p) {
      case '{': return object(nullptr);
      case '[': {
        if (++depth > 200) return false;
        ++p;
        ws();
        if (p < end && *p == ']') {
          ++p;
          --depth;
          return true;
        }
        for (;;) {
          if (!value()) return false;
          ws();
          if (p < end && *p == ',') {
            ++p;
            continue;
          }
          if (p < end && *p == ']') {
            ++p;
            --depth;
            return true;
          }
          return false;
        }
      }
      case '"': return str(nullptr);
      case 't': return lit("true");
      case 'f': return lit("false");
      case 'n': return lit("null");
      default: return number(nullptr);
    }
  }
  // An object. At the top level (got set) the members the checks read are noted in *got: the error
  // type and message (only whether they are there and non-empty), the paging token, the handshake a call
  // names and DryRun's answer (decoded), the number "Status" into *status. Nested objects and the
  // other members are only validated: no key is decoded and nothing allocated.
  HS_NOCOV bool object(TopMembers* got, double* status = nullptr) {
    if (p >= end || *p != '{' || ++depth > 200) return false;
    ++p;
    ws();
    if (p < end && *p == '}') {
      ++p;
      --depth;
      return true;
    }
    std::string key;  // top level only; reused for every key
    for (;;) {
      ws();
      if (got) {
        key.clear();
        if (!str(&key)) return false;
      } else if (!str(nullptr)) {
        return false;
      }
      ws();
      if (p >= end || *p != ':') return false;
      ++p;
      ws();
      const int which = got && p < end && *p == '"' ? TopMembers::slot(key) : -1;
      if (which >= 0) {
        const bool empty = p + 1 < end && p[1] == '"';
        std::string* out = TopMembers::decoded(which) ? &got->value[which] : nullptr;
        if (out) out->clear();  // a repeated member: the last one counts
        if (!str(out)) return false;
        got->has[which] = true;
        got->nonEmpty[which] = !empty;
      } else if (status && got && key == "Status" && p < end && (*p == '-' || (*p >= '0' && *p <= '9'))) {
        if (!number(status)) return false;
      } else if (!value()) {
        return false;
      }
      ws();
      if (p < end && *p == ',') {
        ++p;
        continue;
      }
      if (p < end && *p == '}') {
        ++p;
        --depth;
        return true;
      }
      return false;
    }
  }
};

// Parses `text` as exactly one JSON object; its top-level string members into `members`.
HS_NOCOV bool readObject(const std::string& text, TopMembers& members, double* status = nullptr) {
  MiniJson j{text.data(), text.data() + text.size()};
  j.ws();
  if (!j.object(&members, status)) return false;
  j.ws();
  return j.p == j.end;
}

HS_NOCOV bool validUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    if (c < 0x80)
      n = 0;
    else if ((c >> 5) == 6)
      n = 1;
    else if ((c >> 4) == 14)
      n = 2;
    else if ((c >> 3) == 30)
      n = 3;
    else
      return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n + 1;
  }
  return true;
}

HS_NOCOV std::string jsonString(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += static_cast<char>(c);
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

// A hash of every stored field the harness knows of (of visible handshakes): the cheap "a refused call
// changes nothing" check, run after every call (ExportWorld, which covers everything, is compared on a
// sample of calls). Only bytes() goes without ASan's and UBSan's checks (HS_HASH: it reads whole
// aligned words around a string's last bytes): a function without them cannot have the checked
// std::string and std::map accessors inlined, and calling them out of line cost more than the checks.
#define HS_HASH __attribute__((no_sanitize("coverage", "address", "undefined")))
struct Fingerprint {
  std::uint64_t h = 1469598103934665603ull;
  // Eight bytes at a time (a byte-wise FNV loop was a tenth of the fuzzer's time).
  static std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
  }
  void word(std::uint64_t w) { h = mix(h, w); }
  // (The mix is written out again here: a function with other sanitizer settings is not inlined.)
  HS_HASH void bytes(const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    std::uint64_t x = h;
    for (; n >= 8; b += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, b, 8);
      x = (x ^ w) * 0x9E3779B97F4A7C15ull, x ^= x >> 29;
    }
    // The last 0-7 bytes from the one or two aligned words that hold them, masked (x86: little-endian).
    // An aligned word never crosses a page, so reading all of one that holds a byte of the string is
    // safe (unchecked: HS_HASH); no byte loop, no variable-length memcpy (ASan's interceptor).
    std::uint64_t tail = 0;
    if (n) {
      const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(b);
      const unsigned shift = 8 * static_cast<unsigned>(at & 7);
      const unsigned char* aligned = b - (at & 7);
      std::uint64_t w;
      std::memcpy(&w, aligned, 8);
      tail = w >> shift;
      if (shift + 8 * n > 64) {
        std::memcpy(&w, aligned + 8, 8);
        tail |= w << (64 - shift);
      }
      tail &= ~0ull >> (64 - 8 * n);
    }
    x = (x ^ tail ^ (static_cast<std::uint64_t>(n) << 56)) * 0x9E3779B97F4A7C15ull;
    h = x ^ (x >> 29);
  }
  Fingerprint& operator<<(const std::string& s) {
    bytes(s.data(), s.size());
    return *this;
  }
  Fingerprint& operator<<(std::uint64_t v) {
    word(v);
    return *this;
  }
  Fingerprint& operator<<(std::int64_t v) {
    word(static_cast<std::uint64_t>(v));
    return *this;
  }
  Fingerprint& operator<<(int v) {
    word(static_cast<std::uint64_t>(static_cast<unsigned>(v)));
    return *this;
  }
  Fingerprint& operator<<(bool v) { return *this << static_cast<int>(v); }
};

void resources(Fingerprint& f, const std::vector<hs::HandshakeResource>& rs) {
  f << static_cast<std::uint64_t>(rs.size());
  for (const auto& r : rs) {
    f << r.type << r.value;
    resources(f, r.children);
  }
}

std::uint64_t fingerprint(hs::Engine& e) {
  hs::World& w = e.world();
  Fingerprint f;
  f << static_cast<std::int64_t>(e.clock().now()) << w.seed << w.tokenKey << w.nextSeq << w.ids.state();
  f << static_cast<std::int64_t>(w.settings.accountLimit) << static_cast<int>(w.settings.memberOfOtherOrganization)
    << static_cast<int>(w.settings.invitesDuringMigration)
    << static_cast<std::int64_t>(w.settings.finalizingOrganizationSeconds)
    << static_cast<std::uint64_t>(w.resourceTags.size()) << static_cast<std::uint64_t>(w.createAccountRequests.size());
  for (const auto& [id, a] : w.accounts)
    f << id << a.name << a.email << a.organizationId << static_cast<int>(a.joinedMethod)
      << static_cast<std::int64_t>(a.joined) << a.joinSeq << static_cast<std::int64_t>(a.created);
  for (const auto& [id, o] : w.organizations) {
    f << id << o.rootId << static_cast<int>(o.featureSet) << o.managementAccountId << o.allFeaturesHandshakeId
      << o.scpEnabled << static_cast<std::int64_t>(o.created) << static_cast<std::uint64_t>(o.memberIds.size());
    for (const auto& m : o.memberIds) f << m;
  }
  const hs::Millis now = e.clock().now();
  for (const auto& [seq, h] : w.handshakes) {
    // Handshakes past their retention are dropped at the start of the next call, whatever it is:
    // not a change anybody can see.
    if (!h.visibleAt(now)) continue;
    f << seq << h.seq << h.id << static_cast<int>(h.action) << h.organizationId << h.senderAccountId
      << static_cast<int>(h.state) << static_cast<std::int64_t>(h.requested) << static_cast<std::int64_t>(h.expiration)
      << static_cast<std::int64_t>(h.ended) << h.parentId << h.recipientAccountId << h.recipientEmail << h.transferId
      << static_cast<std::uint64_t>(h.tags.size()) << static_cast<std::uint64_t>(h.parties.size());
    for (const auto& p : h.parties) f << p.id << p.type;
    resources(f, h.resources);
  }
  for (const auto& [id, t] : w.transfers)
    f << id << t.seq << t.name << t.type << static_cast<int>(t.status) << t.sourceAccountId << t.sourceEmail
      << t.sourceOrganizationId << t.targetAccountId << t.targetEmail << t.targetOrganizationId
      << static_cast<std::int64_t>(t.start) << static_cast<std::int64_t>(t.end) << t.handshakeId;
  return f.h;
}

// --- checks ---
bool readOnly(unsigned op) {
  switch (op) {
    case 4:
    case 5:
    case 6:
    case 9:
    case 13:
    case 14:
    case 16:
    case 17:
    case 18:
    case 24:
    case 25: return true;
    default: return false;
  }
}
bool noOutput(unsigned op) { return op == 10 || op == 11 || op == 12; }

HS_NOCOV void checkResponse(const Call& c, unsigned op, const hs::WireResponse& r, TopMembers& members) {
  if (r.status == 413) {
    if (r.body.find("\"RequestEntityTooLargeException\"") == std::string::npos)
      fail("status 413 without RequestEntityTooLargeException", c, r);
  } else if (r.status != 200 && r.status != 400) {
    fail("status is neither 200 nor 400", c, r);
  }
  if (r.status == 200 && r.body.empty() && noOutput(op)) return;
  if (!readObject(r.body, members)) fail("response body is not a JSON object", c, r);
  if (r.status != 200) {
    // AWS's front end answers an unsigned request with a lowercase "message".
    if (!members.has[TopMembers::Type] || !members.nonEmpty[TopMembers::Type]) fail("error without __type", c, r);
    if (!members.has[TopMembers::Message] && !members.has[TopMembers::LowerMessage])
      fail("error without Message", c, r);
  }
}

using hs_fuzz::onlyConsumed;  // tests/fuzz/fuzz_world.h

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

struct Seen {
  std::uint64_t seq;         // the handshake's key in World::handshakes
  hs::HandshakeState state;  // at the previous check
  hs::Millis ended;          // when it became terminal, or will expire
};
using SeenList = std::vector<Seen>;  // by seq, as World::handshakes

HS_NOCOV bool sameEmail(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Walks the world's records directly and checks the structural invariants. It runs after every call,
// so it allocates nothing but the list of states it hands to the next check (the world is small:
// pairwise comparisons instead of sets).
void checkWorld(hs::Engine& e, SeenList& seen, SeenList& next, const Call& c, const hs::WireResponse& r) {
  hs::World& w = e.world();
  const hs::Millis now = e.clock().now();
  next.clear();  // the other list of the two the input alternates between (their buffers are reused)
  next.reserve(w.handshakes.size());
  // Retention: a handshake seen before and gone now must be past 30 days after it ended (an expired one
  // ended at its expiration).
  auto checkGone = [&](const Seen& gone) {
    if (now <= gone.ended + hs::kRetention)
      failWorld("handshake #" + std::to_string(gone.seq) + " (" + hs::toString(gone.state) +
                    ") disappeared within its retention (ended " + std::to_string(gone.ended) + ", now " +
                    std::to_string(now) + ")",
                c, r);
  };
  auto previous = seen.begin();
  for (const auto& [seq, h] : w.handshakes) {
    const int s = static_cast<int>(h.state);
    if (s < static_cast<int>(hs::HandshakeState::Requested) || s > static_cast<int>(hs::HandshakeState::Expired))
      failWorld("handshake " + h.id + " has a state outside the enum", c, r);
    if (seq != h.seq) failWorld("handshake " + h.id + " stored under another seq", c, r);
    if (h.id.size() != 34 || h.id.compare(0, 2, "h-") != 0 || !std::all_of(h.id.begin() + 2, h.id.end(), isHex))
      failWorld("malformed handshake id " + h.id, c, r);
    // Ids are unique: a second handshake with the same id is not the one the index finds.
    if (w.findHandshake(h.id) != &h) failWorld("duplicate or unindexed handshake id " + h.id, c, r);
    if (h.expiration <= h.requested) failWorld("handshake " + h.id + " expires before it is requested", c, r);
    const hs::HandshakeState st = h.stateAt(now);
    for (; previous != seen.end() && previous->seq < seq; ++previous) checkGone(*previous);
    if (previous != seen.end() && previous->seq == seq) {
      if (hs::isTerminal(previous->state) && st != previous->state)
        failWorld("terminal handshake " + h.id + " changed state from " + hs::toString(previous->state) + " to " +
                      hs::toString(st),
                  c, r);
      ++previous;
    }
    next.push_back(Seen{seq, st, h.endedAt()});
  }
  for (; previous != seen.end(); ++previous) checkGone(*previous);
  seen.swap(next);

  for (auto it = w.accounts.begin(); it != w.accounts.end(); ++it) {
    const auto& [id, a] = *it;
    if (a.id != id) failWorld("account stored under another id", c, r);
    for (auto other = w.accounts.begin(); other != it; ++other)
      if (sameEmail(other->second.email, a.email)) failWorld("duplicate root email " + a.email, c, r);
    if (a.organizationId.empty()) continue;
    const hs::Organization* o = w.findOrganization(a.organizationId);
    if (!o) failWorld("account " + id + " is in a missing organization " + a.organizationId, c, r);
    if (std::find(o->memberIds.begin(), o->memberIds.end(), id) == o->memberIds.end())
      failWorld("organization " + o->id + " does not list its member " + id, c, r);
  }
  for (const auto& [id, o] : w.organizations) {
    if (o.memberIds.empty() || o.memberIds.front() != o.managementAccountId)
      failWorld("organization " + id + " does not list its management account first", c, r);
    for (auto m = o.memberIds.begin(); m != o.memberIds.end(); ++m) {
      const hs::Account* a = w.findAccount(*m);
      if (!a || a->organizationId != id) failWorld("member " + *m + " of " + id + " does not point back", c, r);
      if (std::find(o.memberIds.begin(), m, *m) != m) failWorld("organization " + id + " lists " + *m + " twice", c, r);
    }
  }
  for (const auto& [id, t] : w.transfers) {
    if (t.id != id) failWorld("transfer stored under another id", c, r);
    if (!w.findHandshake(t.handshakeId)) failWorld("transfer " + id + " has no handshake " + t.handshakeId, c, r);
  }
}

void checkMove(hs::Engine& e, unsigned op, const Call& c, const hs::WireResponse& r) {
  if (r.status != 200 || op < 1 || op > 3) return;
  static const hs::HandshakeState kTo[] = {hs::HandshakeState::Accepted, hs::HandshakeState::Declined,
                                           hs::HandshakeState::Canceled};
  TopMembers in;
  if (!readObject(c.body, in) || !in.has[TopMembers::HandshakeId]) return;
  const hs::Handshake* h = e.world().findHandshake(in.value[TopMembers::HandshakeId]);
  if (!h) fail("the handshake a successful call moved is gone", c, r);
  if (h->stateAt(e.clock().now()) != kTo[op - 1])
    fail(std::string("the handshake is ") + hs::toString(h->stateAt(e.clock().now())) + " after a successful " +
             kOps[op],
         c, r);
}

hs::Engine& prototype() {
  static hs::Engine* p = [] {
    auto* e = new hs::Engine(7);
    for (const auto& step : kSetup) {
      hs::WireResponse r = e->handle("", step[0], step[1]);
      if (r.status != 200) fail("setup call failed", {"", step[0], step[1]}, r);
    }
    for (const auto& step : kSetupCalls) {
      std::string body = step[2];
      if (body == "$0") body = "{\"HandshakeId\":\"" + e->world().handshakes.rbegin()->second.id + "\"}";
      hs::WireResponse r = e->handle(step[0], std::string(kAws) + step[1], body);
      if (r.status != 200) fail("setup call failed", {step[0], step[1], step[2]}, r);
    }
    return e;
  }();
  return *p;
}

// Whether the round trip of this export text already passed, else records it. The check is a pure
// function of the text (import into a fresh engine, export again), so a text seen before would run the
// same code on the same data: repeats (the start world, common prefixes of inputs) skip the import.
// A fixed table of text hashes, never allocated during an input (libFuzzer counts an input's mallocs
// against its frees); a collision of two 64-bit hashes only skips one check.
HS_HASH bool roundTripPassedBefore(const std::string& text) {
  constexpr size_t kSlots = 1 << 14;
  static std::uint64_t table[kSlots];
  Fingerprint f;
  f.bytes(text.data(), text.size());
  const std::uint64_t h = f.h | 1;  // 0 marks an empty slot
  size_t i = h % kSlots;
  for (size_t probe = 0; probe < 8; ++probe, i = (i + 1) % kSlots) {
    if (table[i] == h) return true;
    if (table[i] == 0) break;
  }
  table[i] = h;  // the first empty slot, else the one after a full run (a cache: evicted texts are checked again)
  return false;
}

void roundTrip(hs::Engine& e) {
  // The export body, {"World": ...}, is exactly an ImportWorld request.
  const std::string first = exportWorld(e);
  if (kRoundTripMemo && roundTripPassedBefore(first)) return;
  const Call c{"", "Simulator.ImportWorld", "(export of the fuzzed world)"};
  // A fresh engine, freed with the check: an input that ends with more mallocs than frees is run a
  // second time by libFuzzer's leak detection.
  hs::Engine other(99);
  hs::WireResponse imported = other.handle("", "Simulator.ImportWorld", first);
  if (imported.status != 200) fail("the engine refused its own export", c, imported);
  const std::string second = exportWorld(other);
  if (second != first) fail("export -> import -> export differs", c, {200, second});
}

// Copies the prototype's world into the engine's. The copy assignment keeps the containers' nodes and
// rebuilds their values, so the block count after it is the start world's whatever the calls did.
void restoreWorld(hs::Engine& engine, hs::Engine& proto) {
  engine.world() = proto.world();
  engine.world().setClock(&engine.clock());
}

// The ids are assigned over the strings already there (their buffers are reused: no allocation per id).
void refreshContext(Context& cx) {
  hs::World& w = cx.engine->world();
  cx.handshakeIds.resize(w.handshakes.size());
  auto id = cx.handshakeIds.begin();
  for (auto it = w.handshakes.rbegin(); it != w.handshakes.rend(); ++it) *id++ = it->second.id;
  cx.transferIds.resize(w.transfers.size());
  id = cx.transferIds.begin();
  for (const auto& entry : w.transfers) *id++ = entry.first;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static hs::Engine engine(7);
  hs::Engine& proto = prototype();
  // Every input starts from the prototype's world. An input whose calls changed nothing (all refused or
  // read-only, which the fingerprint proves call by call) leaves it as it was; one that changed it
  // copies it back before it returns (below).
  static bool started = false;
  // The start world's export, taken once: the sampled comparison's "before" on an input's first call.
  static const std::string startExport = exportWorld(proto);
  if (!started) {
    restoreWorld(engine, proto), started = true;
    engine.clock().set(proto.clock().now());
    if (exportWorld(engine) != startExport)
      fail("the copy of the start world exports differently", {"", "(reset)", ""}, {200, exportWorld(engine)});
  }
  engine.clock().set(proto.clock().now());
  if (kFullWorldCheck && exportWorld(engine) != startExport)
    fail("the input does not start from the prototype's world", {"", "(reset)", ""}, {200, exportWorld(engine)});
  bool changed = false, worldChecked = false;

  Context cx{&engine, {}, {}, {}};
  SeenList seen, seenScratch;
  std::string lastExport;
  bool haveExport = false;
  size_t pos = 0, calls = 0;
  bool clockMoved = false;
  bool fpValid = false;
  std::uint64_t fpLast = 0;
  refreshContext(cx);
  while (pos + 4 <= size && calls < kMaxCalls) {
    const unsigned callerByte = data[pos], opByte = data[pos + 1], ref = data[pos + 2], mut = data[pos + 3];
    pos += 4;
    const int kind = static_cast<int>(mut & 15);
    const unsigned param = (mut >> 4) & 7;
    const bool dryRunFirst = (mut & 0x80) != 0 && kind <= 4;  // unmutated calls only
    std::string raw;
    if (kind == kMutRaw && pos < size) {
      size_t len = std::min<size_t>(data[pos], size - pos - 1);
      raw.assign(reinterpret_cast<const char*>(data) + pos + 1, len);
      pos += 1 + len;
    }
    ++calls;
    const unsigned op = opByte % kOpCount;
    Call c;
    c.caller = kCallers[callerByte % kCallerCount];
    Members ms;
    ms.reserve(8);  // a body has at most 6 members, plus the extra member of a mutation
    if (!buildCall(cx, op, ref, c.target, ms)) {
      if (kTrace) std::fprintf(stderr, "> round trip\n");
      roundTrip(engine);
      continue;
    }
    c.body = mutate(cx, std::move(ms), kind, param, ref, raw);

    // The full export comparison runs on the first call of every 8th input (by length; every call
    // with HS_FUZZ_FULL_WORLD_CHECK=1); the fingerprint on every call.
    const bool fullCheck = kWorldCheck && (kFullWorldCheck || (calls == 1 && size % 8 == 0));
    // On an input's first call the world is the start world (the fingerprint proves an input that
    // leaves it changed nothing; one that changed it copies it back), so its export is the one taken
    // once; a world that is not the start world differs from it, and the check fails all the same.
    const std::string* before = &lastExport;
    if (fullCheck && calls == 1 && !kFullWorldCheck) {
      before = &startExport;
    } else if (fullCheck && !haveExport) {
      lastExport = exportWorld(engine);
      haveExport = true;
    }
    // Any call first drops the handshakes past their retention (and what points to them): let a call
    // that does nothing else do it, so that the fingerprint compares what the call itself changes.
    if (clockMoved) engine.handle("", "Simulator.", ""), fpValid = false;
    clockMoved = false;
    // The fingerprint after the previous call is this call's "before" (nothing ran in between).
    const std::uint64_t fpBefore = fpValid ? fpLast : fingerprint(engine);
    hs::WireResponse dry{0, {}};
    // Only a body that is valid UTF-8 can travel inside a JSON string unchanged.
    if (dryRunFirst && c.target.rfind("Simulator.", 0) != 0 && validUtf8(c.body)) {
      const std::string dryBody = "{\"Caller\":" + jsonString(c.caller) + ",\"Target\":" + jsonString(c.target) +
                                  ",\"Body\":" + jsonString(c.body) + "}";
      dry = engine.handle("", "Simulator.DryRun", dryBody);
      if (kTrace) std::fprintf(stderr, "> dry run\n< %d %.300s\n", dry.status, dry.body.c_str());
      if (dry.status != 200 && dry.status != 413) fail("DryRun refused a call", c, dry);
      if (fingerprint(engine) != fpBefore) fail("DryRun changed the world", c, dry);
      if (fullCheck && exportWorld(engine) != *before) fail("DryRun changed the exported world", c, dry);
    }

    const long t0 = kSlowMicros > 0 ? cpuMicros() : 0;
    hs::WireResponse r = engine.handle(c.caller, c.target, c.body);
    if (kSlowMicros > 0) {
      const long us = cpuMicros() - t0;
      if (us > kSlowMicros)
        std::fprintf(stderr, "slow %ld us: %s %s (%zu bytes) -> %d (%zu bytes) %.120s\n", us, c.caller.c_str(),
                     c.target.c_str(), c.body.size(), r.status, r.body.size(), c.body.c_str());
    }
    if (kTrace)
      std::fprintf(stderr, "> %s %s %.300s\n< %d %.300s\n", c.caller.c_str(), c.target.c_str(), c.body.c_str(),
                   r.status, r.body.c_str());
    TopMembers parsed;
    checkResponse(c, op, r, parsed);
    const bool mayChange = r.status == 200 && !readOnly(op);
    if (fullCheck && !mayChange) {
      const std::string after = exportWorld(engine);
      if (after != *before) {
        const bool quirk = op == 1 && r.body.find("\"ALREADY_IN_AN_ORGANIZATION\"") != std::string::npos &&
                           onlyConsumed(*before, after, c.body);
        if (kTrace && !quirk)
          std::fprintf(stderr, "export before: %s\nexport after:  %s\n", before->c_str(), after.c_str());
        if (!quirk) fail("a refused or read-only call changed the exported world", c, r);
      }
    }
    // After a call that may change the world, the hash is only the next call's "before".
    const bool lastCall = pos + 4 > size || calls == kMaxCalls;
    fpValid = !mayChange || !lastCall;
    if (fpValid) fpLast = fingerprint(engine);
    const bool worldChanged = mayChange || fpLast != fpBefore;
    if (!mayChange && fpLast != fpBefore) {
      const bool quirk = op == 1 && r.body.find("\"ALREADY_IN_AN_ORGANIZATION\"") != std::string::npos;
      if (!quirk) fail("a refused or read-only call changed the world", c, r);
    }
    changed = changed || worldChanged;
    haveExport = false;
    if (dry.status == 200) {
      TopMembers d;
      double status = -1;
      if (!readObject(dry.body, d, &status) || static_cast<int>(status) != r.status ||
          d.value[TopMembers::Body] != r.body)
        fail("DryRun answered differently from the real call", c, {dry.status, dry.body + "\n  real:   " + r.body});
    }
    checkMove(engine, op, c, r);
    // The invariants hold of the world as the previous call left it, and the clock has not moved: a
    // call that changed nothing (the fingerprint says so) cannot break them. The first check fills `seen`.
    if (worldChanged || !worldChecked) checkWorld(engine, seen, seenScratch, c, r);
    worldChecked = true;
    if (parsed.has[TopMembers::NextToken]) cx.lastToken = parsed.value[TopMembers::NextToken];
    if (mayChange) refreshContext(cx);
    if (mayChange && op == 21) clockMoved = true;
  }
  // Back to the start world within the input, so that its mallocs and frees balance: libFuzzer re-runs an
  // input that ends with more mallocs than frees, looking for a leak (the copy used to wait for the next
  // input, which then paid such a re-run when it changed nothing itself).
  if (changed) restoreWorld(engine, proto);
  return 0;
}
