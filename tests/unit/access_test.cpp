// Who may do what (spec 5.1-5.9, 11.7): outsiders on someone else's handshake, who may describe, what
// each kind of account lists, unknown callers, and the organization operations' caller errors.
#include <string>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

const std::string kMary = "555555555555";  // invited member of Bill's organization
const std::string kMia = "444444444444";   // management account of another organization
const std::string kOtherOrg = "o-otherorg123";

const char* const kHandshakeOps[] = {"AcceptHandshake", "DeclineHandshake", "CancelHandshake", "DescribeHandshake"};

void accessWorld(TestWorld& t) {
  t.docsWorld();
  t.account(kMary, "Mary", "mary@example.com");
  t.join(kMary, kDocsOrg);
  t.account(kMia, "Mia", "mia@example.com");
  t.organization(kMia, kOtherOrg, "ALL");
}

}  // namespace

TEST_CASE("Outsiders get AccessDenied for every operation on someone else's handshake", "[access]") {
  TestWorld t;
  accessWorld(t);
  auto state = GENERATE(std::string("OPEN"), std::string("ACCEPTED"), std::string("DECLINED"), std::string("CANCELED"),
                        std::string("EXPIRED"));
  auto targetType = GENERATE(std::string("EMAIL"), std::string("ACCOUNT"));
  std::string id = invite(t, kBill, targetType, targetType == "EMAIL" ? "susan@example.com" : kSusan)["Id"];
  if (state == "ACCEPTED") ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}});
  if (state == "DECLINED") ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", id}});
  if (state == "CANCELED") ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
  if (state == "EXPIRED") t.advanceDays(16);
  REQUIRE(stateOf(t, kBill, id) == state);

  // A third standalone account, a member of the sending organization, the management account of another.
  for (const std::string& outsider : {kJuan, kMary, kMia}) {
    for (const char* op : kHandshakeOps) {
      INFO(state << " " << op << " by " << outsider);
      auto r = rejected(t, outsider, op, {{"HandshakeId", id}});
      REQUIRE_AWS_ERROR_MSG(r, "AccessDeniedException", "", kMsgAccessDenied);
    }
    // Nor do they see it in their lists.
    CHECK_FALSE(contains(listIds(t, outsider, "ListHandshakesForAccount"), id));
  }
  CHECK_FALSE(contains(listIds(t, kMia, "ListHandshakesForOrganization"), id));
  CHECK(stateOf(t, kBill, id) == state);
}

TEST_CASE("Sender and recipient may describe the handshake in every state and see the same thing", "[access]") {
  TestWorld t;
  accessWorld(t);
  auto state = GENERATE(std::string("OPEN"), std::string("ACCEPTED"), std::string("DECLINED"), std::string("CANCELED"),
                        std::string("EXPIRED"));
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com", "hello")["Id"];
  if (state == "ACCEPTED") ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}});
  if (state == "DECLINED") ok(t, kSusan, "DeclineHandshake", {{"HandshakeId", id}});
  if (state == "CANCELED") ok(t, kBill, "CancelHandshake", {{"HandshakeId", id}});
  if (state == "EXPIRED") t.advanceDays(16);
  Json bySender = describe(t, kBill, id);
  Json byRecipient = describe(t, kSusan, id);
  CHECK(bySender["State"] == state);
  CHECK(bySender == byRecipient);
  // The lists show the same object.
  Json sent = ok(t, kBill, "ListHandshakesForOrganization")["Handshakes"];
  Json received = ok(t, kSusan, "ListHandshakesForAccount")["Handshakes"];
  REQUIRE(sent.size() == 1);
  REQUIRE(received.size() == 1);
  CHECK(sent[0] == bySender);
  CHECK(received[0] == bySender);
}

TEST_CASE("An EMAIL invitation belongs to the account with that root email, compared case-insensitively", "[access]") {
  TestWorld t;
  accessWorld(t);
  std::string id = invite(t, kBill, "EMAIL", "Susan@Example.COM")["Id"];
  CHECK(describe(t, kSusan, id)["Id"] == id);
  CHECK(listIds(t, kSusan, "ListHandshakesForAccount") == std::vector<std::string>{id});
  REQUIRE_REJECTED(t, kJuan, "AcceptHandshake", Json({{"HandshakeId", id}}), "AccessDeniedException", "");
  Json accepted = ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"];
  CHECK(accepted["State"] == "ACCEPTED");
  // The target resource keeps the address exactly as it was given.
  CHECK(accepted["Resources"][1] == Json({{"Type", "EMAIL"}, {"Value", "Susan@Example.COM"}}));
}

TEST_CASE(
    "ListHandshakesForAccount: a standalone account sees what was sent to its id or its email, from any organization",
    "[access]") {
  TestWorld t;
  accessWorld(t);
  std::string a = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  std::string b = invite(t, kMia, "ACCOUNT", kSusan)["Id"];
  std::string c = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  std::string other = invite(t, kBill, "EMAIL", "juan@example.com")["Id"];
  std::vector<std::string> susan = listIds(t, kSusan, "ListHandshakesForAccount");
  CHECK(susan == std::vector<std::string>{a, b, c});
  CHECK(listIds(t, kJuan, "ListHandshakesForAccount") == std::vector<std::string>{other});
  // Filtered by action.
  CHECK(listIds(t, kSusan, "ListHandshakesForAccount", {{"Filter", {{"ActionType", "INVITE"}}}}) == susan);
  CHECK(listIds(t, kSusan, "ListHandshakesForAccount", {{"Filter", {{"ActionType", "ENABLE_ALL_FEATURES"}}}}).empty());
  // The senders' lists: each organization sees what it sent.
  CHECK(listIds(t, kBill, "ListHandshakesForOrganization") == std::vector<std::string>{a, c, other});
  CHECK(listIds(t, kMia, "ListHandshakesForOrganization") == std::vector<std::string>{b});
  // What Bill sent is not in Bill's received list (spec 5.6, management-owner).
  CHECK(listIds(t, kBill, "ListHandshakesForAccount").empty());
}

TEST_CASE("ListHandshakesForAccount: a member account sees invitations addressed to it", "[access]") {
  TestWorld t;
  accessWorld(t);
  // By ACCOUNT a member of another organization cannot be invited; by EMAIL it can (not resolved at invite time).
  REQUIRE_REJECTED(t, kMia, "InviteAccountToOrganization", Json({{"Target", target("ACCOUNT", kMary)}}),
                   "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION");
  std::string id = invite(t, kMia, "EMAIL", "mary@example.com")["Id"];
  CHECK(listIds(t, kMary, "ListHandshakesForAccount") == std::vector<std::string>{id});
  CHECK(describe(t, kMary, id)["State"] == "OPEN");
  // Bill (Mary's management account) neither sees nor may touch it.
  CHECK(listIds(t, kBill, "ListHandshakesForAccount").empty());
  CHECK_FALSE(contains(listIds(t, kBill, "ListHandshakesForOrganization"), id));
  REQUIRE_REJECTED(t, kBill, "DescribeHandshake", Json({{"HandshakeId", id}}), "AccessDeniedException", "");
}

TEST_CASE("Invitations to a management account stay hidden from its list until it deletes its organization",
          "[access]") {
  TestWorld t;
  accessWorld(t);
  // Mia invites Bill by email (an ACCOUNT invitation would be refused: Bill is in an organization).
  REQUIRE_REJECTED(t, kMia, "InviteAccountToOrganization", Json({{"Target", target("ACCOUNT", kBill)}}),
                   "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION");
  std::string id = invite(t, kMia, "EMAIL", "bill@example.com")["Id"];
  CHECK(listIds(t, kBill, "ListHandshakesForAccount").empty());
  CHECK(listIds(t, kBill, "ListHandshakesForAccount", {{"Filter", {{"ActionType", "INVITE"}}}}).empty());
  // Invisible to it (UG-ACC): Accept, like Describe and Decline, answers as for no such handshake.
  auto r = rejected(t, kBill, "AcceptHandshake", {{"HandshakeId", id}});
  REQUIRE_AWS_ERROR(r, "HandshakeNotFoundException", "");
  CHECK(stateOf(t, kMia, id) == "OPEN");
  // Bill empties and deletes his organization: the invitation appears and can be accepted.
  ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kMary}});
  ok(t, kBill, "DeleteOrganization");
  CHECK(listIds(t, kBill, "ListHandshakesForAccount") == std::vector<std::string>{id});
  CHECK(ok(t, kBill, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"]["State"] == "ACCEPTED");
  CHECK(ok(t, kBill, "DescribeOrganization")["Organization"]["Id"] == kOtherOrg);
}

TEST_CASE("An invitation to a standalone account hides once it creates its own organization", "[access]") {
  TestWorld t;
  accessWorld(t);
  std::string id = invite(t, kBill, "ACCOUNT", kJuan)["Id"];
  CHECK(listIds(t, kJuan, "ListHandshakesForAccount") == std::vector<std::string>{id});
  ok(t, kJuan, "CreateOrganization");
  CHECK(listIds(t, kJuan, "ListHandshakesForAccount").empty());
  ok(t, kJuan, "DeleteOrganization");
  CHECK(listIds(t, kJuan, "ListHandshakesForAccount") == std::vector<std::string>{id});
}

TEST_CASE("ListHandshakesForOrganization: members get AccessDenied, standalone accounts NotInUse", "[access]") {
  TestWorld t;
  accessWorld(t);
  invite(t, kBill, "EMAIL", "susan@example.com");
  for (const Json& body : {Json::object(), Json({{"MaxResults", 5}}), Json({{"Filter", {{"ActionType", "INVITE"}}}})}) {
    auto member = rejected(t, kMary, "ListHandshakesForOrganization", body);
    REQUIRE_AWS_ERROR_MSG(member, "AccessDeniedException", "", kMsgAccessDenied);
    for (const std::string& standalone : {kSusan, kJuan}) {
      auto r = rejected(t, standalone, "ListHandshakesForOrganization", body);
      REQUIRE_AWS_ERROR(r, "AWSOrganizationsNotInUseException", "");
    }
  }
  // The standalone recipient lists its received handshakes fine (no NotInUse for ListHandshakesForAccount).
  CHECK(ok(t, kSusan, "ListHandshakesForAccount")["Handshakes"].size() == 1);
}

TEST_CASE("An unknown or malformed caller is UnrecognizedClientException for every operation", "[access]") {
  TestWorld t;
  accessWorld(t);
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  const char* ops[] = {"InviteAccountToOrganization",
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
                       "DescribeAccount"};
  // An empty caller is an unsigned request: MissingAuthenticationTokenException (tests/unit/fidelity_test.cpp).
  for (const std::string& caller : {std::string("999999999999"), std::string("abc"), std::string("11111111111"),
                                    std::string("1111111111111"), kBill + " "}) {
    for (const char* op : ops) {
      INFO(op << " by '" << caller << "'");
      auto r = rejected(t, caller, op, {{"HandshakeId", id}, {"AccountId", kMary}});
      REQUIRE_AWS_ERROR_MSG(r, "UnrecognizedClientException", "",
                            "The security token included in the request is invalid.");
      // Even with a body that is not JSON, authentication comes first.
      auto garbage = rejectedRaw(t, caller, std::string("AWSOrganizationsV20161128.") + op, "{not json");
      REQUIRE_AWS_ERROR(garbage, "UnrecognizedClientException", "");
    }
  }
}

TEST_CASE("Organization operations: caller errors", "[access]") {
  TestWorld t;
  accessWorld(t);

  SECTION("CreateOrganization by an account already in an organization") {
    for (const std::string& caller : {kBill, kMary, kMia}) {
      auto r = rejected(t, caller, "CreateOrganization", {{"FeatureSet", "ALL"}});
      REQUIRE_AWS_ERROR_MSG(r, "AlreadyInOrganizationException", "",
                            "The AWS account is already a member of an organization.");
    }
    // CreateOrganization twice by the same account.
    Json org = ok(t, kJuan, "CreateOrganization", {{"FeatureSet", "CONSOLIDATED_BILLING"}})["Organization"];
    auto again = rejected(t, kJuan, "CreateOrganization");
    REQUIRE_AWS_ERROR(again, "AlreadyInOrganizationException", "");
    CHECK(ok(t, kJuan, "DescribeOrganization")["Organization"] == org);
  }
  SECTION("DescribeOrganization: management and member see the same organization; standalone NotInUse") {
    Json byBill = ok(t, kBill, "DescribeOrganization")["Organization"];
    Json byMary = ok(t, kMary, "DescribeOrganization")["Organization"];
    CHECK(byBill == byMary);
    CHECK(byBill["Id"] == kDocsOrg);
    CHECK(byBill["MasterAccountId"] == kBill);
    CHECK(byBill["MasterAccountEmail"] == "bill@example.com");
    CHECK(byBill["FeatureSet"] == "ALL");
    CHECK(ok(t, kMia, "DescribeOrganization")["Organization"]["Id"] == kOtherOrg);
    REQUIRE_REJECTED(t, kSusan, "DescribeOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
  }
  SECTION(
      "ListAccounts and DescribeAccount: members AccessDenied, standalone NotInUse, other organizations "
      "AccountNotFound") {
    for (const char* op : {"ListAccounts", "DescribeAccount"}) {
      INFO(op);
      REQUIRE_REJECTED(t, kMary, op, Json({{"AccountId", kMary}}), "AccessDeniedException", "");
      REQUIRE_REJECTED(t, kSusan, op, Json({{"AccountId", kSusan}}), "AWSOrganizationsNotInUseException", "");
    }
    REQUIRE_REJECTED(t, kMia, "DescribeAccount", Json({{"AccountId", kMary}}), "AccountNotFoundException", "");
    REQUIRE_REJECTED(t, kMia, "DescribeAccount", Json({{"AccountId", kBill}}), "AccountNotFoundException", "");
    Json accounts = ok(t, kBill, "ListAccounts")["Accounts"];
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[0]["Id"] == kBill);
    CHECK(accounts[1]["Id"] == kMary);
    CHECK(ok(t, kMia, "ListAccounts")["Accounts"].size() == 1);
  }
  SECTION("LeaveOrganization") {
    auto mgmt = rejected(t, kBill, "LeaveOrganization");
    REQUIRE_AWS_ERROR(mgmt, "MasterCannotLeaveOrganizationException", "");
    REQUIRE_REJECTED(t, kSusan, "LeaveOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
    ok(t, kMary, "LeaveOrganization");
    REQUIRE_REJECTED(t, kMary, "DescribeOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
    REQUIRE_REJECTED(t, kMary, "LeaveOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
    CHECK(ok(t, kBill, "ListAccounts")["Accounts"].size() == 1);
  }
  SECTION("RemoveAccountFromOrganization") {
    auto self = rejected(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kBill}});
    REQUIRE_AWS_ERROR_MSG(self, "ConstraintViolationException", "ACCOUNT_CANNOT_LEAVE_ORGANIZATION",
                          "You attempted to remove the management account from the organization.");
    REQUIRE_REJECTED(t, kMary, "RemoveAccountFromOrganization", Json({{"AccountId", kMary}}), "AccessDeniedException",
                     "");
    REQUIRE_REJECTED(t, kMary, "RemoveAccountFromOrganization", Json({{"AccountId", kBill}}), "AccessDeniedException",
                     "");
    REQUIRE_REJECTED(t, kMia, "RemoveAccountFromOrganization", Json({{"AccountId", kMary}}), "AccountNotFoundException",
                     "");
    REQUIRE_REJECTED(t, kSusan, "RemoveAccountFromOrganization", Json({{"AccountId", kMary}}),
                     "AWSOrganizationsNotInUseException", "");
    ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kMary}});
    REQUIRE_REJECTED(t, kBill, "RemoveAccountFromOrganization", Json({{"AccountId", kMary}}),
                     "AccountNotFoundException", "");
  }
  SECTION("DeleteOrganization") {
    auto notEmpty = rejected(t, kBill, "DeleteOrganization");
    REQUIRE_AWS_ERROR_MSG(notEmpty, "OrganizationNotEmptyException", "",
                          "The organization isn't empty. To delete an organization, you must first remove all accounts "
                          "except the management account.");
    REQUIRE_REJECTED(t, kMary, "DeleteOrganization", Json::object(), "AccessDeniedException", "");
    REQUIRE_REJECTED(t, kSusan, "DeleteOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
    ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kMary}});
    CHECK(ok(t, kBill, "DeleteOrganization") == Json::object());
    REQUIRE_REJECTED(t, kBill, "DescribeOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
    REQUIRE_REJECTED(t, kBill, "ListHandshakesForOrganization", Json::object(), "AWSOrganizationsNotInUseException",
                     "");
    REQUIRE_REJECTED(t, kBill, "InviteAccountToOrganization", Json({{"Target", target("EMAIL", "juan@example.com")}}),
                     "AWSOrganizationsNotInUseException", "");
    // Bill is standalone again and may create a new organization.
    Json org = ok(t, kBill, "CreateOrganization")["Organization"];
    CHECK(org["Id"] != kDocsOrg);
  }
  SECTION("Deleting an organization ends its open invitations: they can no longer be accepted") {
    ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kMary}});
    std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
    ok(t, kBill, "DeleteOrganization");
    Reply r = t.call(kSusan, "AcceptHandshake", {{"HandshakeId", id}});
    INFO(r.raw);
    CHECK(r.status == 400);
    REQUIRE_REJECTED(t, kSusan, "DescribeOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
  }
  SECTION("EnableAllFeatures: member AccessDenied, standalone NotInUse") {
    REQUIRE_REJECTED(t, kMary, "EnableAllFeatures", Json::object(), "AccessDeniedException", "");
    REQUIRE_REJECTED(t, kSusan, "EnableAllFeatures", Json::object(), "AWSOrganizationsNotInUseException", "");
  }
  SECTION("A CREATED member cannot leave or be removed during its first four days") {
    t.account("777777777777", "Newbie", "newbie@example.com");  // created now
    t.join("777777777777", kDocsOrg, "CREATED");
    auto leave = rejected(t, "777777777777", "LeaveOrganization");
    REQUIRE_AWS_ERROR(leave, "ConstraintViolationException", "WAIT_PERIOD_ACTIVE");
    auto remove = rejected(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", "777777777777"}});
    REQUIRE_AWS_ERROR(remove, "ConstraintViolationException", "WAIT_PERIOD_ACTIVE");
    t.advanceDays(4);
    ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", "777777777777"}});
    // Invited members are exempt from the wait.
    t.account("888888888888", "Fresh", "fresh@example.com");
    t.join("888888888888", kDocsOrg, "INVITED");
    ok(t, "888888888888", "LeaveOrganization");
  }
}
