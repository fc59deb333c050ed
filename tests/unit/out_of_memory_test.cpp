// Memory running out in the middle of a call (docs/fidelity.md, "Out of memory"): for each call below, its
// first allocation fails, then its second, and so on until the call completes without meeting the failure
// (past the 400th, every 23rd).
// Every failure must be answered 413 RequestEntityTooLargeException with the engine's message, never 500
// or an abort; the world must be left as it was (a call that changes it: whole, one that exports and
// imports again), and the engine must go on answering. In wasm most engine files pass an exception on without
// unwinding (HS_WASM_PASS_THROUGH, cmake/HsToolchain.cmake); this is the test that the exception still
// reaches Engine::handle through them.
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <tuple>
#include <utility>
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

// The world every call starts from, the same in every TestWorld (one seed). Bill manages the docs
// organization, Mary (tagged k0=v0) a member of it; Susan invited by email (her handshake open); Juan
// standalone; Bill has asked for an account for Ada (CreateAccount). Anna, Li and Kim manage organizations of their own
// (Kim's without all features); Bill has invited Anna's organization into a billing transfer (the handshake open), and
// Li's has accepted one.
const std::string kOomMary = "444444444444";
const std::string kOomAnna = "555555555555";
const std::string kOomLi = "666666666666";
const std::string kOomKim = "777777777777";
struct OomIds {
  std::string susansHandshake;  // Bill's invitation to Susan
  std::string annasHandshake;   // Bill's transfer invitation to Anna
  std::string lisTransfer;      // the transfer Li accepted
  std::string root;             // the docs organization's root
  std::string accountRequest;   // Bill's CreateAccount request for Ada
};
Json oomTransferInvite(const std::string& to) {
  return Json{{"Type", "BILLING"},
              {"Target", {{"Type", "ACCOUNT"}, {"Id", to}}},
              {"StartTimestamp", 1790812800},
              {"SourceName", "Bill's bill"}};
}
OomIds buildOomWorld(TestWorld& t) {
  OomIds ids;
  t.docsWorld();
  t.account(kOomMary, "Mary", "mary@example.com");
  t.join(kOomMary, kDocsOrg);
  ok(t, kBill, "TagResource", Json{{"ResourceId", kOomMary}, {"Tags", {{{"Key", "k0"}, {"Value", "v0"}}}}});
  for (const auto& [id, name, org] :
       {std::tuple{kOomAnna, "Anna", "o-annaorg123"}, std::tuple{kOomLi, "Li", "o-liorg12345"}}) {
    t.account(id, name, std::string(name) + "@example.com");
    t.organization(id, org);
  }
  t.account(kOomKim, "Kim", "kim@example.com");
  t.organization(kOomKim, "o-kimorg1234", "CONSOLIDATED_BILLING");
  ids.annasHandshake =
      ok(t, kBill, "InviteOrganizationToTransferResponsibility", oomTransferInvite(kOomAnna))["Handshake"]["Id"]
          .get<std::string>();
  const Json lis = ok(t, kBill, "InviteOrganizationToTransferResponsibility", oomTransferInvite(kOomLi))["Handshake"];
  ok(t, kOomLi, "AcceptHandshake", Json{{"HandshakeId", lis["Id"]}});
  ids.lisTransfer = lis["Resources"][0]["Value"].get<std::string>();  // the transfer the handshake is for
  ids.susansHandshake = t.inviteSusan("Welcome")["Id"].get<std::string>();
  ids.root = ok(t, kBill, "ListRoots", Json::object())["Roots"][0]["Id"].get<std::string>();
  ids.accountRequest = ok(t, kBill, "CreateAccount",
                          Json{{"Email", "ada@example.com"}, {"AccountName", "Ada"}})["CreateAccountStatus"]["Id"]
                           .get<std::string>();
  return ids;
}

// That world, built once: as Simulator.ExportWorld writes it (each try starts from it in one call), and its ids.
struct OomWorld {
  std::string snapshot;
  OomIds ids;
};
const OomWorld& oomWorld() {
  static const OomWorld built = [] {
    TestWorld t;
    OomIds ids = buildOomWorld(t);
    return OomWorld{worldBytes(t), std::move(ids)};
  }();
  return built;
}
void oomStart(TestWorld& t) { REQUIRE(t.raw("", "Simulator.ImportWorld", oomWorld().snapshot).status == 200); }

void requireEveryFailureAnswered(const OomCall& c) {
  TestWorld fresh;
  oomStart(fresh);
  const hs::WireResponse expected = fresh.engine.handle(c.caller, c.target, c.body);
  INFO(c.target << " with memory: " << expected.body);
  REQUIRE(expected.status == 200);  // every call here succeeds: its whole path is tried
  // Every allocation of the first 400, then every 23rd (Simulator.DescribeLifecycle makes about 5,000).
  std::int64_t n = 1;
  for (;; n += n < 400 ? 1 : 23) {
    TestWorld t;
    oomStart(t);
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

std::string handshakeBody(const std::string& id) { return Json{{"HandshakeId", id}}.dump(); }
std::string transferBody(const std::string& id, Json body = Json::object()) {
  body["Id"] = id;
  return body.dump();
}

TEST_CASE("out of memory: a failed allocation in a call that changes the world") {
  const std::string aws = "AWSOrganizationsV20161128.";
  const OomIds& ids = oomWorld().ids;
  const std::vector<OomCall> calls = {
      {kBill, aws + "InviteAccountToOrganization",
       R"({"Target":{"Type":"ACCOUNT","Id":"333333333333"},"Notes":"Hi","Tags":[{"Key":"team","Value":"a"}]})", false},
      {kSusan, aws + "AcceptHandshake", handshakeBody(ids.susansHandshake), false},
      {kSusan, aws + "DeclineHandshake", handshakeBody(ids.susansHandshake), false},
      {kBill, aws + "CancelHandshake", handshakeBody(ids.susansHandshake), false},
      {kOomAnna, aws + "AcceptHandshake", handshakeBody(ids.annasHandshake), false},
      {kBill, aws + "RemoveAccountFromOrganization", R"({"AccountId":"444444444444"})", false},
      {kOomMary, aws + "LeaveOrganization", "{}", false},
      {kBill, aws + "TagResource", R"({"ResourceId":"444444444444","Tags":[{"Key":"k","Value":"v"}]})", false},
      {kBill, aws + "UntagResource", R"({"ResourceId":"444444444444","TagKeys":["k0"]})", false},
      {kBill, aws + "CreateAccount", R"({"Email":"new@example.com","AccountName":"New"})", false},
      {kBill, aws + "InviteOrganizationToTransferResponsibility", oomTransferInvite(kJuan).dump(), false},
      {kBill, aws + "UpdateResponsibilityTransfer", transferBody(ids.lisTransfer, {{"Name", "Paid by Bill"}}), false},
      {kBill, aws + "TerminateResponsibilityTransfer", transferBody(ids.lisTransfer), false},
      {kJuan, aws + "CreateOrganization", R"({"FeatureSet":"ALL"})", false},
      {kOomKim, aws + "DeleteOrganization", "{}", false},
      {kOomKim, aws + "EnableAllFeatures", "{}", false},
      {"", "Simulator.AdvanceTime", R"({"Seconds":1382400})", false},  // 16 days: Susan's invitation expires
      {"", "Simulator.SetTime", R"({"Timestamp":1790000000})", false},
      {"", "Simulator.CreateAccount", R"({"Name":"Zoe","Email":"zoe@example.com"})", false},
      {"", "Simulator.CreateOrganization", R"({"ManagementAccountId":"333333333333"})", false},
      {"", "Simulator.JoinOrganization", R"({"AccountId":"333333333333","OrganizationId":"o-exampleorgid"})", false},
      {"", "Simulator.SetSettings", R"({"AccountLimit":20})", false},
      {"", "Simulator.Reset", R"({"Seed":7})", false},
  };
  for (const OomCall& c : calls) requireEveryFailureAnswered(c);
}

TEST_CASE("out of memory: a failed allocation in a call that reads") {
  const std::string aws = "AWSOrganizationsV20161128.";
  const OomIds& ids = oomWorld().ids;
  const std::vector<OomCall> calls = {
      {kBill, aws + "DescribeHandshake", handshakeBody(ids.susansHandshake)},
      {kBill, aws + "ListHandshakesForOrganization", R"({"MaxResults":1})"},
      {kOomAnna, aws + "ListHandshakesForAccount", "{}"},
      {kBill, aws + "DescribeOrganization", "{}"},
      {kBill, aws + "DescribeAccount", R"({"AccountId":"444444444444"})"},
      {kBill, aws + "ListAccounts", "{}"},
      {kBill, aws + "ListRoots", "{}"},
      {kBill, aws + "ListParents", R"({"ChildId":"444444444444"})"},
      {kBill, aws + "ListTagsForResource", R"({"ResourceId":"444444444444"})"},
      {kBill, aws + "DescribeResponsibilityTransfer", transferBody(ids.lisTransfer)},
      {kOomLi, aws + "ListOutboundResponsibilityTransfers", R"({"Type":"BILLING"})"},
      {kBill, aws + "ListInboundResponsibilityTransfers", R"({"Type":"BILLING"})"},
      {kBill, aws + "ListCreateAccountStatus", "{}"},
      {kBill, aws + "DescribeCreateAccountStatus", Json{{"CreateAccountRequestId", ids.accountRequest}}.dump()},
      {kBill, aws + "ListChildren", Json{{"ParentId", ids.root}, {"ChildType", "ACCOUNT"}}.dump()},
      {kBill, aws + "ListAccountsForParent", Json{{"ParentId", ids.root}}.dump()},
  };
  for (const OomCall& c : calls) requireEveryFailureAnswered(c);
}

TEST_CASE("out of memory: a failed allocation in a Simulator control") {
  const std::string aws = "AWSOrganizationsV20161128.";
  const OomIds& ids = oomWorld().ids;
  // A smaller world to import (each of its allocations is a try): the docs world with Susan invited.
  TestWorld source;
  source.docsWorld();
  source.inviteSusan("Welcome");
  source.sim("AdvanceTime", {{"Seconds", 3600}});
  const std::string snapshot = worldBytes(source);
  const std::vector<OomCall> calls = {
      {"", "Simulator.ImportWorld", snapshot},
      {"", "Simulator.ExportWorld", "{}"},
      {"", "Simulator.DescribeWorld", "{}"},
      {"", "Simulator.DescribeLifecycle", R"({"Action":"INVITE"})"},
      {"", "Simulator.DescribeOperations", "{}"},
      {"", "Simulator.DescribeMoves", Json{{"Caller", kSusan}, {"HandshakeIds", {ids.susansHandshake}}}.dump()},
      {"", "Simulator.ExplainResponse",
       R"({"Target":"AWSOrganizationsV20161128.AcceptHandshake","Status":200,"Body":"{}"})"},
      {"", "Simulator.DryRun",
       Json{{"Caller", kSusan},
            {"Target", aws + "DeclineHandshake"},
            {"Body", handshakeBody(ids.susansHandshake)},
            {"Explain", true}}
           .dump()},
  };
  for (const OomCall& c : calls) requireEveryFailureAnswered(c);
}
