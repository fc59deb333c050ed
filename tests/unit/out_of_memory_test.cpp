// Memory running out in the middle of a call (docs/fidelity.md, "Out of memory"): for each call below, its
// first allocation fails, then its second, and so on until the call completes without meeting the failure.
// Every failure must be answered 413 RequestEntityTooLargeException with the engine's message, never 500
// or an abort; the world must be left as it was (a call that changes it: whole, one that exports and
// imports again), and the engine must go on answering. In wasm most engine files pass an exception on without
// unwinding (HS_WASM_PASS_THROUGH, cmake/HsToolchain.cmake); this is the test that the exception still
// reaches Engine::handle through them.
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

// The allocation that fails: the oomFailAt-th from the moment it was set (0: none). It fails once.
std::int64_t oomFailAt = 0;
std::int64_t oomCount = 0;
bool oomFailed = false;

// Arms the failure around one Engine::handle and nothing else (Catch2 allocates too).
hs::WireResponse handleFailingAt(hs::Engine& engine, std::int64_t n, const std::string& caller,
                                 const std::string& target, const std::string& body) {
  oomCount = 0;
  oomFailed = false;
  oomFailAt = n;
  hs::WireResponse r = engine.handle(caller, target, body);
  oomFailAt = 0;
  return r;
}

struct OomCall {
  std::string caller;
  std::string target;
  std::string body;
  // A call that changes the world may have changed part of it when memory ran out (docs/fidelity.md, "Out
  // of memory"); one that does not, or Simulator.ImportWorld, leaves it as it was.
  bool leavesWorld = true;
};

// Bill's organization with Susan invited (the handshake open) and Mary a member; Juan standalone; Anna
// managing an organization of her own. The same in every TestWorld (one seed). Returns Susan's handshake.
const std::string kOomMary = "444444444444";
const std::string kOomAnna = "555555555555";
std::string oomWorld(TestWorld& t) {
  t.docsWorld();
  t.account(kOomMary, "Mary", "mary@example.com");
  t.join(kOomMary, kDocsOrg);
  t.account(kOomAnna, "Anna", "anna@example.com");
  t.organization(kOomAnna, "o-annaorg123");
  return t.inviteSusan("Welcome")["Id"].get<std::string>();
}

std::string oomSusansHandshake() {
  TestWorld t;
  return Json{{"HandshakeId", oomWorld(t)}}.dump();
}

void requireEveryFailureAnswered(const OomCall& c) {
  TestWorld fresh;
  oomWorld(fresh);
  const hs::WireResponse expected = fresh.engine.handle(c.caller, c.target, c.body);
  INFO(c.target << " with memory: " << expected.body);
  REQUIRE(expected.status == 200);  // every call here succeeds: its whole path is tried
  std::int64_t n = 1;
  for (;; ++n) {
    TestWorld t;
    oomWorld(t);
    const std::string before = worldBytes(t);
    hs::WireResponse r = handleFailingAt(t.engine, n, c.caller, c.target, c.body);
    INFO(c.target << " " << c.body << ", allocation " << n << " failed: " << r.status << " " << r.body);
    if (!oomFailed) {  // the call made fewer than n allocations: it completed, as it does with memory
      REQUIRE(r.status == expected.status);
      REQUIRE(r.body == expected.body);
      break;
    }
    const std::string k413 =
        R"({"Message":"The request needs more memory than the engine has.","__type":"RequestEntityTooLargeException"})";
    if (c.target == "Simulator.DryRun" && r.status == 200) {
      // The failure came in the call it runs: it reports that call's answer.
      const Json reported = Json::parse(r.body);
      REQUIRE(reported["Status"] == 413);
      REQUIRE(reported["Body"] == k413);
    } else {
      REQUIRE(r.status == 413);
      REQUIRE(r.body == k413);
    }
    const std::string after = worldBytes(t);
    if (c.leavesWorld) REQUIRE(after == before);
    // The engine goes on: it answers, its world is one it can export and import, and (when the world was
    // left as it was) the same call, with memory this time, answers exactly as in a fresh world.
    TestWorld copy;
    const Reply imported = copy.raw("", "Simulator.ImportWorld", after);
    INFO(imported.raw);
    REQUIRE(imported.status == 200);
    REQUIRE(t.raw(kBill, "AWSOrganizationsV20161128.DescribeOrganization", "{}").status == 200);
    if (c.leavesWorld) {
      const hs::WireResponse again = t.engine.handle(c.caller, c.target, c.body);
      REQUIRE(again.status == expected.status);
      REQUIRE(again.body == expected.body);
    }
  }
  INFO(c.target);
  REQUIRE(n > 1);  // the call allocates: at least one failure was tried
}

}  // namespace

// Replaceable global allocation functions (C++17 [new.delete]): malloc and free, and the failure above.
void* operator new(std::size_t size) {
  if (oomFailAt != 0 && ++oomCount == oomFailAt) {
    oomFailed = true;
    oomFailAt = 0;
    throw std::bad_alloc();
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
// Every form that the deletes below may free comes from malloc (ASan checks that they match).
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size == 0 ? 1 : size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size == 0 ? 1 : size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

TEST_CASE("out of memory: a failed allocation in a call that changes the world") {
  const std::string aws = "AWSOrganizationsV20161128.";
  const std::vector<OomCall> calls = {
      {kBill, aws + "InviteAccountToOrganization",
       R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"Notes":"Hi","Tags":[{"Key":"team","Value":"a"}]})", false},
      {kSusan, aws + "AcceptHandshake", oomSusansHandshake(), false},
      {kSusan, aws + "DeclineHandshake", oomSusansHandshake(), false},
      {kBill, aws + "CancelHandshake", oomSusansHandshake(), false},
      {kBill, aws + "RemoveAccountFromOrganization", R"({"AccountId":"444444444444"})", false},
      {kBill, aws + "TagResource", R"({"ResourceId":"444444444444","Tags":[{"Key":"k","Value":"v"}]})", false},
      {kBill, aws + "CreateAccount", R"({"Email":"new@example.com","AccountName":"New"})", false},
      {kBill, aws + "InviteOrganizationToTransferResponsibility",
       R"({"Type":"BILLING","Target":{"Type":"ACCOUNT","Id":"555555555555"},"StartTimestamp":1790812800,)"
       R"("SourceName":"Bill's bill"})",
       false},
      {kJuan, aws + "CreateOrganization", R"({"FeatureSet":"ALL"})", false},
      {kOomAnna, aws + "DeleteOrganization", "{}", false},
      {"", "Simulator.AdvanceTime", R"({"Seconds":1382400})", false},  // 16 days: Susan's invitation expires
  };
  for (const OomCall& c : calls) requireEveryFailureAnswered(c);
}

TEST_CASE("out of memory: a failed allocation in a call that reads") {
  const std::string aws = "AWSOrganizationsV20161128.";
  requireEveryFailureAnswered({kBill, aws + "ListHandshakesForOrganization", R"({"MaxResults":1})"});
  requireEveryFailureAnswered({kBill, aws + "DescribeOrganization", "{}"});
  requireEveryFailureAnswered({kBill, aws + "ListAccounts", "{}"});
}

TEST_CASE("out of memory: a failed allocation in a Simulator control") {
  const std::string aws = "AWSOrganizationsV20161128.";
  TestWorld source;
  oomWorld(source);
  source.sim("AdvanceTime", {{"Seconds", 3600}});
  const std::string snapshot = Json{{"World", source.sim("ExportWorld")["World"]}}.dump();
  requireEveryFailureAnswered({"", "Simulator.ImportWorld", snapshot});
  requireEveryFailureAnswered({"", "Simulator.DescribeWorld", "{}"});
  requireEveryFailureAnswered(
      {"", "Simulator.DryRun",
       Json{{"Caller", kSusan}, {"Target", aws + "DeclineHandshake"}, {"Body", oomSusansHandshake()}, {"Explain", true}}
           .dump()});
}
