// Fidelity fixes: each case pins one decision of docs/fidelity.md ("Fidelity fixes") with the exact
// strings, and names its evidence.
#include "scenario_support.h"

using namespace hs;
using namespace hs::test;

namespace {

const std::string kAws = "AWSOrganizationsV20161128.";

// Susan is a member of Bill's organization (joined by invitation).
void billAndSusan(TestWorld& t, const std::string& featureSet = "ALL") {
  t.account("111111111111", "Bill", "bill@example.com");
  t.organization("111111111111", "o-exampleorgid", featureSet);
  t.account("222222222222", "Susan", "susan@example.com");
  t.account("333333333333", "Juan", "juan@example.com");
  t.setTime(kT0);
  t.join(kSusan, kDocsOrg);
}

}  // namespace

TEST_CASE("AWSOrganizationsNotInUseException: the message real AWS sends", "[fidelity]") {
  // nozaq/terraform-aws-secure-baseline#70 (HTTP 400, DescribeOrganization), duo-labs/cloudmapper#733
  // (DescribeOrganization and ListAccounts).
  TestWorld t;
  t.docsWorld();
  for (const char* op : {"DescribeOrganization", "ListAccounts", "ListHandshakesForOrganization", "EnableAllFeatures",
                         "LeaveOrganization", "DeleteOrganization"}) {
    INFO(op);
    Reply r = rejected(t, kJuan, op);
    REQUIRE_AWS_ERROR_MSG(r, "AWSOrganizationsNotInUseException", "",
                          "Your account is not a member of an organization.");
  }
  Reply invite = rejected(t, kJuan, "InviteAccountToOrganization", {{"Target", target("ACCOUNT", kSusan)}});
  REQUIRE(invite.message() == "Your account is not a member of an organization.");
}

TEST_CASE("AlreadyInOrganizationException: the message real AWS sends", "[fidelity]") {
  // hashicorp/terraform-provider-aws#30687: "AlreadyInOrganizationException: The AWS account is already a
  // member of an organization."
  TestWorld t;
  t.docsWorld();
  Reply r = rejected(t, kBill, "CreateOrganization");
  REQUIRE_AWS_ERROR_MSG(r, "AlreadyInOrganizationException", "",
                        "The AWS account is already a member of an organization.");
}

TEST_CASE("Operations without output answer 200 with an empty body", "[fidelity]") {
  TestWorld t;
  billAndSusan(t);
  t.join(kJuan, kDocsOrg);
  Reply removed = t.call(kBill, "RemoveAccountFromOrganization", {{"AccountId", kSusan}});
  CHECK(removed.status == 200);
  CHECK(removed.raw.empty());
  Reply left = t.call(kJuan, "LeaveOrganization");
  CHECK(left.status == 200);
  CHECK(left.raw.empty());
  Reply deleted = t.call(kBill, "DeleteOrganization");
  CHECK(deleted.status == 200);
  CHECK(deleted.raw.empty());
  REQUIRE(t.sim("DescribeWorld")["Organizations"].empty());
}

TEST_CASE("OrganizationNotEmptyException keeps the documented message (no real-AWS report found)", "[fidelity]") {
  TestWorld t;
  billAndSusan(t);
  Reply r = rejected(t, kBill, "DeleteOrganization");
  REQUIRE_AWS_ERROR_MSG(r, "OrganizationNotEmptyException", "",
                        "The organization isn't empty. To delete an organization, you must first remove all accounts "
                        "except the management account.");
}

TEST_CASE("An invitation to the management account of another organization is invisible to it", "[fidelity]") {
  TestWorld t;
  t.docsWorld();
  std::string id = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  ok(t, kSusan, "CreateOrganization");  // Susan now manages her own organization
  for (const char* op : {"DescribeHandshake", "AcceptHandshake", "DeclineHandshake", "CancelHandshake"}) {
    INFO(op);
    Reply r = rejected(t, kSusan, op, {{"HandshakeId", id}});
    REQUIRE_AWS_ERROR_MSG(r, "HandshakeNotFoundException", "", kMsgNotFound);
  }
  CHECK(ok(t, kSusan, "ListHandshakesForAccount")["Handshakes"].empty());
  // The sender still sees it, OPEN.
  CHECK(stateOf(t, kBill, id) == "OPEN");
  // Once Susan deletes her organization the invitation is hers again, and she can accept it.
  ok(t, kSusan, "DeleteOrganization");
  CHECK(stateOf(t, kSusan, id) == "OPEN");
  CHECK(idsOf(ok(t, kSusan, "ListHandshakesForAccount")["Handshakes"]) == std::vector<std::string>{id});
  CHECK(ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}})["Handshake"]["State"] == "ACCEPTED");
}

TEST_CASE("An expired all-features request: parent and children read EXPIRED", "[fidelity]") {
  TestWorld t;
  billAndSusan(t, "CONSOLIDATED_BILLING");
  Json parent = ok(t, kBill, "EnableAllFeatures")["Handshake"];
  std::string child = ok(t, kSusan, "ListHandshakesForAccount")["Handshakes"][0]["Id"];
  t.advanceDays(90);
  CHECK(stateOf(t, kBill, parent["Id"]) == "REQUESTED");  // still live at exactly +90 days
  t.sim("AdvanceTime", {{"Seconds", 0.001}});
  CHECK(stateOf(t, kBill, parent["Id"]) == "EXPIRED");
  CHECK(stateOf(t, kSusan, child) == "EXPIRED");
  CHECK(stateOf(t, kBill, child) == "EXPIRED");
  // The attempt is over: a new one can start.
  CHECK(ok(t, kBill, "EnableAllFeatures")["Handshake"]["State"] == "REQUESTED");
}

TEST_CASE("Messages derived from the model documentation (unverified)", "[fidelity]") {
  TestWorld t;
  billAndSusan(t, "CONSOLIDATED_BILLING");
  Reply small = rejected(t, kBill, "ListAccounts", {{"MaxResults", 0}});
  REQUIRE_AWS_ERROR_MSG(small, "InvalidInputException", "MIN_VALUE_EXCEEDED:MAX_RESULTS",
                        "You provided a numeric parameter that has a smaller value than allowed.");
  Reply large = rejected(t, kBill, "ListAccounts", {{"MaxResults", 21}});
  REQUIRE_AWS_ERROR_MSG(large, "InvalidInputException", "MAX_VALUE_EXCEEDED:MAX_RESULTS",
                        "You provided a numeric parameter that has a larger value than allowed.");
  ok(t, kBill, "EnableAllFeatures");
  Reply again = rejected(t, kBill, "EnableAllFeatures");
  REQUIRE_AWS_ERROR_MSG(again, "HandshakeConstraintViolationException",
                        "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION",
                        "The handshake request is invalid because the organization has already started the process to "
                        "enable all features.");
  Reply leave = rejected(t, kBill, "LeaveOrganization");
  REQUIRE_AWS_ERROR_MSG(
      leave, "MasterCannotLeaveOrganizationException", "",
      "You can't remove a management account from an organization. If you want the management account "
      "to become a member account in another organization, you must first delete the current "
      "organization of the management account.");
}

TEST_CASE("An unsigned request gets MissingAuthenticationTokenException as AWS's JSON front end sends it",
          "[fidelity]") {
  TestWorld t;
  t.docsWorld();
  for (const char* op : {"DescribeOrganization", "InviteAccountToOrganization", "ListRoots", "ListPolicies"}) {
    INFO(op);
    WireResponse r = t.engine.handle("", kAws + op, "{not json");
    CHECK(r.status == 400);
    CHECK(
        r.body ==
        R"({"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Request is missing Authentication Token"})");
  }
  // A caller that is not a known account is still UnrecognizedClientException.
  Reply unknown = t.call("999999999999", "DescribeOrganization");
  REQUIRE_AWS_ERROR(unknown, "UnrecognizedClientException", "");
}

TEST_CASE("Notes: an empty string is accepted and adds no NOTES resource", "[fidelity]") {
  TestWorld t;
  t.docsWorld();
  Json h =
      ok(t, kBill, "InviteAccountToOrganization", {{"Target", target("ACCOUNT", kSusan)}, {"Notes", ""}})["Handshake"];
  for (const Json& r : h["Resources"]) CHECK(r["Type"] != "NOTES");
  Json withNotes =
      ok(t, kBill, "InviteAccountToOrganization", {{"Target", target("ACCOUNT", kJuan)}, {"Notes", " "}})["Handshake"];
  CHECK(withNotes["Resources"].back() == Json({{"Type", "NOTES"}, {"Value", " "}}));
}

TEST_CASE("ACCOUNT and EMAIL invitations that reach the same account are not duplicates", "[fidelity]") {
  // AWS does not resolve an email at invite time (CAP email-invitation): the two targets differ.
  TestWorld t;
  t.docsWorld();
  std::string byId = invite(t, kBill, "ACCOUNT", kSusan)["Id"];
  std::string byEmail = invite(t, kBill, "EMAIL", "susan@example.com")["Id"];
  CHECK(byId != byEmail);
  CHECK(ok(t, kSusan, "ListHandshakesForAccount")["Handshakes"].size() == 2);
  Reply dup = rejected(t, kBill, "InviteAccountToOrganization", {{"Target", target("EMAIL", "SUSAN@example.com")}});
  REQUIRE_AWS_ERROR_MSG(dup, "DuplicateHandshakeException", "", kMsgDuplicate);
  // Accepting one makes the other an invitation to a member of the same organization.
  ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", byId}});
  Reply second = t.call(kSusan, "AcceptHandshake", {{"HandshakeId", byEmail}});
  REQUIRE_AWS_ERROR_MSG(second, "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION",
                        kMsgAlreadyMember);
}

TEST_CASE("FinalizingOrganizationException right after CreateOrganization is opt-in", "[fidelity]") {
  TestWorld t;
  t.account("111111111111", "Bill", "bill@example.com");
  t.account("222222222222", "Susan", "susan@example.com");
  Json inviteSusan{{"Target", target("ACCOUNT", kSusan)}};
  SECTION("off by default") {
    ok(t, kBill, "CreateOrganization");
    ok(t, kBill, "InviteAccountToOrganization", inviteSusan);
  }
  SECTION("on: for the set number of seconds after creation") {
    Json s = t.sim("SetSettings", {{"FinalizingOrganizationSeconds", 3600}});
    CHECK(s["Settings"]["FinalizingOrganizationSeconds"] == 3600);
    ok(t, kBill, "CreateOrganization");
    t.sim("AdvanceTime", {{"Seconds", 3599}});
    Reply r = rejected(t, kBill, "InviteAccountToOrganization", inviteSusan);
    REQUIRE_AWS_ERROR_MSG(r, "FinalizingOrganizationException", "",
                          "AWS Organizations could not finalize the creation of your organization. Try again later. If "
                          "this persists, contact AWS customer support.");
    // The setting survives a snapshot round trip.
    Json world = t.sim("ExportWorld")["World"];
    CHECK(world["Settings"]["FinalizingOrganizationSeconds"] == 3600);
    t.sim("ImportWorld", {{"World", world}});
    rejected(t, kBill, "InviteAccountToOrganization", inviteSusan);
    t.sim("AdvanceTime", {{"Seconds", 1}});
    ok(t, kBill, "InviteAccountToOrganization", inviteSusan);
  }
}

TEST_CASE("Operations of the AWS model outside the simulation answer OperationNotSimulatedException", "[fidelity]") {
  TestWorld t;
  t.docsWorld();
  for (const char* op : {"ListPolicies", "CreateOrganizationalUnit", "AttachPolicy", "CloseAccount", "MoveAccount"}) {
    INFO(op);
    Reply r = rejectedRaw(t, kBill, kAws + op, "{}");
    REQUIRE_AWS_ERROR_MSG(
        r, "OperationNotSimulatedException", "",
        std::string("The operation '") + op + "' exists in AWS Organizations but is outside this simulation.");
  }
  // Names that are not in the AWS model keep UnknownOperationException.
  Reply unknown = rejectedRaw(t, kBill, kAws + "ListPolicy", "{}");
  REQUIRE_AWS_ERROR_MSG(unknown, "UnknownOperationException", "",
                        "The operation 'AWSOrganizationsV20161128.ListPolicy' is not supported by this service.");
  Reply lower = rejectedRaw(t, kBill, kAws + "listpolicies", "{}");
  REQUIRE_AWS_ERROR(lower, "UnknownOperationException", "");
}

// ---- The operations around handshakes ----------------------------------------------------------------

TEST_CASE("ListRoots, ListParents, ListChildren, ListAccountsForParent: accounts sit under the one root",
          "[fidelity][roots]") {
  TestWorld t;
  billAndSusan(t);
  Json roots = ok(t, kBill, "ListRoots")["Roots"];
  REQUIRE(roots.size() == 1);
  const std::string root = roots[0]["Id"];
  CHECK(root.size() == 6);
  CHECK(root.rfind("r-", 0) == 0);
  CHECK(roots[0] == Json({{"Arn", "arn:aws:organizations::111111111111:root/o-exampleorgid/" + root},
                          {"Id", root},
                          {"Name", "Root"},
                          {"PolicyTypes", {{{"Status", "ENABLED"}, {"Type", "SERVICE_CONTROL_POLICY"}}}}}));
  // The root id is the one in every account's Paths.
  CHECK(ok(t, kBill, "DescribeAccount", {{"AccountId", kSusan}})["Account"]["Paths"][0] ==
        "o-exampleorgid/" + root + "/222222222222/");
  CHECK(ok(t, kBill, "ListParents", {{"ChildId", kSusan}})["Parents"] ==
        Json::array({{{"Id", root}, {"Type", "ROOT"}}}));
  Json children = ok(t, kBill, "ListChildren", {{"ParentId", root}, {"ChildType", "ACCOUNT"}})["Children"];
  CHECK(children == Json::array({{{"Id", kBill}, {"Type", "ACCOUNT"}}, {{"Id", kSusan}, {"Type", "ACCOUNT"}}}));
  CHECK(ok(t, kBill, "ListChildren", {{"ParentId", root}, {"ChildType", "ORGANIZATIONAL_UNIT"}})["Children"].empty());
  CHECK(ok(t, kBill, "ListAccountsForParent", {{"ParentId", root}})["Accounts"] ==
        ok(t, kBill, "ListAccounts")["Accounts"]);

  SECTION("paging") {
    t.join(kJuan, kDocsOrg);
    Json first = ok(t, kBill, "ListChildren", {{"ParentId", root}, {"ChildType", "ACCOUNT"}, {"MaxResults", 2}});
    REQUIRE(first["Children"].size() == 2);
    REQUIRE(first.contains("NextToken"));
    Json second =
        ok(t, kBill, "ListChildren",
           {{"ParentId", root}, {"ChildType", "ACCOUNT"}, {"MaxResults", 2}, {"NextToken", first["NextToken"]}});
    CHECK(second["Children"] == Json::array({{{"Id", kJuan}, {"Type", "ACCOUNT"}}}));
    CHECK(!second.contains("NextToken"));
    // A token is bound to its operation.
    REQUIRE_REJECTED(t, kBill, "ListAccountsForParent", Json({{"ParentId", root}, {"NextToken", first["NextToken"]}}),
                     "InvalidInputException", "INVALID_NEXT_TOKEN");
    Json roots1 = ok(t, kBill, "ListRoots", {{"MaxResults", 1}});
    CHECK(roots1["Roots"].size() == 1);
    CHECK(!roots1.contains("NextToken"));
  }
  SECTION("errors: validation, then the caller, then existence") {
    REQUIRE_REJECTED(t, kBill, "ListChildren", Json({{"ChildType", "ACCOUNT"}}), "InvalidInputException",
                     "INPUT_REQUIRED:PARENT_ID");
    REQUIRE_REJECTED(t, kBill, "ListChildren", Json({{"ParentId", "root"}, {"ChildType", "ACCOUNT"}}),
                     "InvalidInputException", "INVALID_PATTERN:PARENT_ID");
    REQUIRE_REJECTED(t, kBill, "ListChildren", Json({{"ParentId", root}}), "InvalidInputException",
                     "INPUT_REQUIRED:CHILD_TYPE");
    REQUIRE_REJECTED(t, kBill, "ListChildren", Json({{"ParentId", root}, {"ChildType", "POLICY"}}),
                     "InvalidInputException", "INVALID_ENUM:CHILD_TYPE");
    REQUIRE_REJECTED(t, kBill, "ListParents", Json({{"ChildId", "abc"}}), "InvalidInputException",
                     "INVALID_PATTERN:CHILD_ID");
    REQUIRE_REJECTED(t, kBill, "ListRoots", Json({{"MaxResults", 0}}), "InvalidInputException",
                     "MIN_VALUE_EXCEEDED:MAX_RESULTS");
    Reply member = rejected(t, kSusan, "ListRoots");
    REQUIRE_AWS_ERROR_MSG(member, "AccessDeniedException", "", kMsgAccessDenied);
    Reply standalone = rejected(t, kJuan, "ListRoots");
    REQUIRE_AWS_ERROR_MSG(standalone, "AWSOrganizationsNotInUseException", "",
                          "Your account is not a member of an organization.");
    Reply parent = rejected(t, kBill, "ListChildren", {{"ParentId", "r-zzzz"}, {"ChildType", "ACCOUNT"}});
    REQUIRE_AWS_ERROR_MSG(parent, "ParentNotFoundException", "",
                          "We can't find a root or OU with the ParentId that you specified.");
    Reply ou = rejected(t, kBill, "ListAccountsForParent", {{"ParentId", "ou-abcd-12345678"}});
    REQUIRE_AWS_ERROR(ou, "ParentNotFoundException", "");
    Reply child = rejected(t, kBill, "ListParents", {{"ChildId", kJuan}});
    REQUIRE_AWS_ERROR_MSG(
        child, "ChildNotFoundException", "",
        "We can't find an organizational unit (OU) or Amazon Web Services account with the ChildId that "
        "you specified.");
  }
  SECTION("the root id comes from the seeded id generator") {
    TestWorld other;
    billAndSusan(other);
    CHECK(ok(other, kBill, "ListRoots")["Roots"][0]["Id"] == root);
  }
}

TEST_CASE("Tags on accounts: invitation tags applied on joining, TagResource, UntagResource", "[fidelity][tags]") {
  TestWorld t;
  t.docsWorld();
  Json body{{"Target", target("ACCOUNT", kSusan)},
            {"Tags", {{{"Key", "team"}, {"Value", "blue"}}, {{"Key", "cost"}, {"Value", "7"}}}}};
  std::string id = ok(t, kBill, "InviteAccountToOrganization", body)["Handshake"]["Id"];
  // Not a member yet: the account is not a resource of the organization.
  Reply before = rejected(t, kBill, "ListTagsForResource", {{"ResourceId", kSusan}});
  REQUIRE_AWS_ERROR_MSG(before, "TargetNotFoundException", "",
                        "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  ok(t, kSusan, "AcceptHandshake", {{"HandshakeId", id}});
  Json expected = Json::array({{{"Key", "cost"}, {"Value", "7"}}, {{"Key", "team"}, {"Value", "blue"}}});
  CHECK(ok(t, kBill, "ListTagsForResource", {{"ResourceId", kSusan}}) == Json({{"Tags", expected}}));

  Reply tagged =
      t.call(kBill, "TagResource", {{"ResourceId", kSusan}, {"Tags", {{{"Key", "team"}, {"Value", "red"}}}}});
  CHECK(tagged.status == 200);
  CHECK(tagged.raw.empty());
  Reply untagged = t.call(kBill, "UntagResource", {{"ResourceId", kSusan}, {"TagKeys", {"cost", "absent"}}});
  CHECK(untagged.status == 200);
  CHECK(untagged.raw.empty());
  CHECK(ok(t, kBill, "ListTagsForResource", {{"ResourceId", kSusan}})["Tags"] ==
        Json::array({{{"Key", "team"}, {"Value", "red"}}}));
  std::string root = ok(t, kBill, "ListRoots")["Roots"][0]["Id"];
  ok(t, kBill, "TagResource", {{"ResourceId", root}, {"Tags", {{{"Key", "env"}, {"Value", ""}}}}});
  CHECK(ok(t, kBill, "ListTagsForResource", {{"ResourceId", root}})["Tags"].size() == 1);

  SECTION("the 50-tag limit counts the resource's tags after the change") {
    Json tags = Json::array();
    for (int i = 0; i < 49; ++i) tags.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
    ok(t, kBill, "TagResource", {{"ResourceId", kSusan}, {"Tags", tags}});  // 49 new + team = 50
    REQUIRE_REJECTED(t, kBill, "TagResource",
                     Json({{"ResourceId", kSusan}, {"Tags", {{{"Key", "one-more"}, {"Value", "x"}}}}}),
                     "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED");
    ok(t, kBill, "TagResource",
       {{"ResourceId", kSusan}, {"Tags", {{{"Key", "team"}, {"Value", "green"}}}}});  // overwrite
  }
  SECTION("validation, caller, existence") {
    REQUIRE_REJECTED(t, kBill, "TagResource", Json({{"Tags", Json::array()}}), "InvalidInputException",
                     "INPUT_REQUIRED:RESOURCE_ID");
    REQUIRE_REJECTED(t, kBill, "TagResource", Json({{"ResourceId", "nope"}, {"Tags", Json::array()}}),
                     "InvalidInputException", "INVALID_PATTERN:RESOURCE_ID");
    REQUIRE_REJECTED(t, kBill, "TagResource", Json({{"ResourceId", kSusan}}), "InvalidInputException",
                     "INPUT_REQUIRED:TAGS");
    REQUIRE_REJECTED(
        t, kBill, "TagResource",
        Json({{"ResourceId", kSusan}, {"Tags", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}}}}),
        "InvalidInputException", "DUPLICATE_TAG_KEY");
    REQUIRE_REJECTED(t, kBill, "UntagResource", Json({{"ResourceId", kSusan}}), "InvalidInputException",
                     "INPUT_REQUIRED:TAG_KEYS");
    REQUIRE_REJECTED(t, kBill, "UntagResource", Json({{"ResourceId", kSusan}, {"TagKeys", {""}}}),
                     "InvalidInputException", "MIN_LENGTH_EXCEEDED:TAG_KEYS");
    REQUIRE_REJECTED(t, kSusan, "ListTagsForResource", Json({{"ResourceId", kSusan}}), "AccessDeniedException", "");
    REQUIRE_REJECTED(t, kJuan, "ListTagsForResource", Json({{"ResourceId", kSusan}}),
                     "AWSOrganizationsNotInUseException", "");
    REQUIRE_REJECTED(t, kBill, "ListTagsForResource", Json({{"ResourceId", kJuan}}), "TargetNotFoundException", "");
    REQUIRE_REJECTED(t, kBill, "ListTagsForResource", Json({{"ResourceId", "ou-abcd-12345678"}}),
                     "TargetNotFoundException", "");
    REQUIRE_REJECTED(t, kBill, "ListTagsForResource", Json({{"ResourceId", kSusan}, {"NextToken", "x"}}),
                     "InvalidInputException", "INVALID_NEXT_TOKEN");
  }
  SECTION("tags are deleted when the account leaves, and survive a snapshot") {
    Json world = t.sim("ExportWorld")["World"];
    REQUIRE(world.contains("ResourceTags"));
    t.sim("ImportWorld", {{"World", world}});
    CHECK(ok(t, kBill, "ListTagsForResource", {{"ResourceId", kSusan}})["Tags"].size() == 1);
    ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kSusan}});
    t.join(kSusan, kDocsOrg);
    CHECK(ok(t, kBill, "ListTagsForResource", {{"ResourceId", kSusan}})["Tags"].empty());
  }
}

TEST_CASE("CreateAccount: IN_PROGRESS, then SUCCEEDED 60 simulated seconds later", "[fidelity][create-account]") {
  TestWorld t;
  t.docsWorld();
  Json body{{"Email", "dev@example.com"},
            {"AccountName", "Developer Test Account"},
            {"Tags", {{{"Key", "team"}, {"Value", "x"}}}}};
  Json status = ok(t, kBill, "CreateAccount", body)["CreateAccountStatus"];
  const std::string id = status["Id"];
  CHECK(id.rfind("car-", 0) == 0);
  CHECK(status == Json({{"AccountName", "Developer Test Account"},
                        {"Id", id},
                        {"RequestedTimestamp", kT0},
                        {"State", "IN_PROGRESS"}}));
  CHECK(ok(t, kBill, "ListAccounts")["Accounts"].size() == 1);
  t.sim("AdvanceTime", {{"Seconds", 59.999}});
  CHECK(ok(t, kBill, "DescribeCreateAccountStatus", {{"CreateAccountRequestId", id}})["CreateAccountStatus"]["State"] ==
        "IN_PROGRESS");
  t.sim("AdvanceTime", {{"Seconds", 0.001}});
  Json done = ok(t, kBill, "DescribeCreateAccountStatus", {{"CreateAccountRequestId", id}})["CreateAccountStatus"];
  CHECK(done["State"] == "SUCCEEDED");
  const std::string account = done["AccountId"];
  CHECK(account.size() == 12);
  CHECK(done["CompletedTimestamp"].get<double>() - done["RequestedTimestamp"].get<double>() == Approx(60));
  Json a = ok(t, kBill, "DescribeAccount", {{"AccountId", account}})["Account"];
  CHECK(a["JoinedMethod"] == "CREATED");
  CHECK(a["Email"] == "dev@example.com");
  CHECK(ok(t, kBill, "ListTagsForResource", {{"ResourceId", account}})["Tags"] ==
        Json::array({{{"Key", "team"}, {"Value", "x"}}}));
  // A created account waits four days before it can leave.
  REQUIRE_REJECTED(t, account, "LeaveOrganization", Json::object(), "ConstraintViolationException",
                   "WAIT_PERIOD_ACTIVE");

  SECTION("a second request with the same email fails") {
    std::string again = ok(t, kBill, "CreateAccount", body)["CreateAccountStatus"]["Id"];
    t.sim("AdvanceTime", {{"Seconds", 60}});
    Json failed =
        ok(t, kBill, "DescribeCreateAccountStatus", {{"CreateAccountRequestId", again}})["CreateAccountStatus"];
    CHECK(failed["State"] == "FAILED");
    CHECK(failed["FailureReason"] == "EMAIL_ALREADY_EXISTS");
    CHECK(!failed.contains("AccountId"));
    Json list = ok(t, kBill, "ListCreateAccountStatus", {{"States", {"FAILED"}}})["CreateAccountStatuses"];
    CHECK(idsOf(list) == std::vector<std::string>{again});
    CHECK(ok(t, kBill, "ListCreateAccountStatus")["CreateAccountStatuses"].size() == 2);
    Json page = ok(t, kBill, "ListCreateAccountStatus", {{"MaxResults", 1}});
    CHECK(idsOf(page["CreateAccountStatuses"]) == std::vector<std::string>{id});
    REQUIRE(page.contains("NextToken"));
  }
  SECTION("validation and callers") {
    REQUIRE_REJECTED(t, kBill, "CreateAccount", Json({{"AccountName", "x"}}), "InvalidInputException",
                     "INPUT_REQUIRED:EMAIL");
    REQUIRE_REJECTED(t, kBill, "CreateAccount", Json({{"Email", "bad"}, {"AccountName", "x"}}), "InvalidInputException",
                     "MIN_LENGTH_EXCEEDED:EMAIL");
    REQUIRE_REJECTED(t, kBill, "CreateAccount", Json({{"Email", "not-an-email"}, {"AccountName", "x"}}),
                     "InvalidInputException", "INVALID_PATTERN:EMAIL");
    REQUIRE_REJECTED(t, kBill, "CreateAccount", Json({{"Email", "a@example.com"}}), "InvalidInputException",
                     "INPUT_REQUIRED:ACCOUNT_NAME");
    REQUIRE_REJECTED(t, kBill, "CreateAccount",
                     Json({{"Email", "a@example.com"}, {"AccountName", std::string(51, 'x')}}), "InvalidInputException",
                     "MAX_LENGTH_EXCEEDED:ACCOUNT_NAME");
    REQUIRE_REJECTED(t, kBill, "CreateAccount",
                     Json({{"Email", "a@example.com"}, {"AccountName", "x"}, {"IamUserAccessToBilling", "MAYBE"}}),
                     "InvalidInputException", "INVALID_ENUM:IAM_USER_ACCESS_TO_BILLING");
    REQUIRE_REJECTED(t, kJuan, "CreateAccount", Json({{"Email", "a@example.com"}, {"AccountName", "x"}}),
                     "AWSOrganizationsNotInUseException", "");
    REQUIRE_REJECTED(t, kBill, "DescribeCreateAccountStatus", Json({{"CreateAccountRequestId", "car-x"}}),
                     "InvalidInputException", "INVALID_PATTERN:CREATE_ACCOUNT_REQUEST_ID");
    Reply missing =
        rejected(t, kBill, "DescribeCreateAccountStatus", {{"CreateAccountRequestId", "car-0123456789abcdef"}});
    REQUIRE_AWS_ERROR_MSG(
        missing, "CreateAccountStatusNotFoundException", "",
        "We can't find an create account request with the CreateAccountRequestId that you specified.");
    REQUIRE_REJECTED(t, kBill, "ListCreateAccountStatus", Json({{"States", {"DONE"}}}), "InvalidInputException",
                     "INVALID_ENUM:STATES");
  }
  SECTION("requests made at different times each complete at their own time, whatever calls come between") {
    auto state = [&](const std::string& car) {
      return ok(t, kBill, "DescribeCreateAccountStatus",
                {{"CreateAccountRequestId", car}})["CreateAccountStatus"]["State"]
          .get<std::string>();
    };
    t.sim("AdvanceTime", {{"Seconds", 30}});
    std::string later = ok(t, kBill, "CreateAccount",
                           {{"Email", "later@example.com"}, {"AccountName", "Later"}})["CreateAccountStatus"]["Id"];
    t.sim("AdvanceTime", {{"Seconds", 20}});
    std::string last = ok(t, kBill, "CreateAccount",
                          {{"Email", "last@example.com"}, {"AccountName", "Last"}})["CreateAccountStatus"]["Id"];
    for (int i = 0; i < 3; ++i) ok(t, kBill, "DescribeOrganization");
    t.sim("AdvanceTime", {{"Seconds", 39.999}});
    CHECK(state(later) == "IN_PROGRESS");
    t.sim("AdvanceTime", {{"Seconds", 0.001}});
    CHECK(state(later) == "SUCCEEDED");
    CHECK(state(last) == "IN_PROGRESS");
    t.sim("AdvanceTime", {{"Seconds", 19.999}});
    CHECK(state(last) == "IN_PROGRESS");
    // Past due in the snapshot it comes from: the first call after the import completes it.
    Json world = t.sim("ExportWorld")["World"];
    world["Now"] = world["Now"].get<std::int64_t>() + 500000;  // milliseconds
    TestWorld copy;
    copy.sim("ImportWorld", {{"World", world}});
    CHECK(ok(copy, kBill, "DescribeCreateAccountStatus",
             {{"CreateAccountRequestId", last}})["CreateAccountStatus"]["State"] == "SUCCEEDED");
    t.sim("AdvanceTime", {{"Seconds", 0.001}});
    CHECK(state(last) == "SUCCEEDED");
    CHECK(ok(t, kBill, "ListAccounts")["Accounts"].size() == 4);
  }
  SECTION("a request in progress survives a snapshot and completes after import") {
    std::string next = ok(t, kBill, "CreateAccount",
                          {{"Email", "ops@example.com"}, {"AccountName", "Ops"}})["CreateAccountStatus"]["Id"];
    Json world = t.sim("ExportWorld")["World"];
    REQUIRE(world.contains("CreateAccountRequests"));
    TestWorld copy;
    copy.sim("ImportWorld", {{"World", world}});
    copy.sim("AdvanceTime", {{"Seconds", 60}});
    CHECK(ok(copy, kBill, "DescribeCreateAccountStatus",
             {{"CreateAccountRequestId", next}})["CreateAccountStatus"]["State"] == "SUCCEEDED");
  }
}

TEST_CASE("DryRun with Explain names the rule behind an answer and its provenance", "[fidelity][provenance]") {
  TestWorld t;
  t.docsWorld();
  auto explain = [&](const std::string& caller, const std::string& op, const Json& body) {
    Json out = t.sim("DryRun", {{"Caller", caller}, {"Target", kAws + op}, {"Body", body.dump()}, {"Explain", true}});
    REQUIRE(out.contains("Provenance"));
    return out["Provenance"];
  };
  // A captured error.
  Json seen = explain(kBill, "DescribeHandshake", {{"HandshakeId", "h-00000000"}});
  CHECK(seen["Rule"] == "HandshakeNotFoundException");
  CHECK(seen["Provenance"] == "SEEN_IN_AWS");
  // A documented behaviour (the model's text, no sighting).
  Json documented = explain(kBill, "ListRoots", Json::object());
  CHECK(documented["Rule"] == "ListRoots succeeded");
  CHECK(documented["Provenance"] == "DOCUMENTED");
  Json reason = explain(kBill, "ListAccounts", {{"MaxResults", 0}});
  CHECK(reason["Rule"] == "InvalidInputException MIN_VALUE_EXCEEDED:MAX_RESULTS");
  CHECK(reason["Provenance"] == "DOCUMENTED");
  // A simulator choice.
  Json choice = explain(kBill, "ListPolicies", Json::object());
  CHECK(choice["Rule"] == "OperationNotSimulatedException");
  CHECK(choice["Provenance"] == "SIMULATOR_CHOICE");
  CHECK(!choice["Source"].get<std::string>().empty());
  // Without Explain, DryRun answers as before.
  CHECK(!t.sim("DryRun", {{"Caller", kBill}, {"Target", kAws + "ListRoots"}}).contains("Provenance"));
}

TEST_CASE("ExplainResponse names the rule behind a response already given, without touching the world",
          "[fidelity][provenance]") {
  TestWorld t;
  t.docsWorld();
  auto call = t.raw(kBill, kAws + "DescribeHandshake", R"({"HandshakeId":"h-00000000"})");
  REQUIRE(call.status == 400);
  std::string before = t.exportWorld();
  Json seen =
      t.sim("ExplainResponse", {{"Target", kAws + "DescribeHandshake"}, {"Status", call.status}, {"Body", call.raw}});
  CHECK(seen["Rule"] == "HandshakeNotFoundException");
  CHECK(seen["Provenance"] == "SEEN_IN_AWS");
  // The same answer as DryRun's Explain gives for the same call.
  Json dry = t.sim("DryRun", {{"Caller", kBill},
                              {"Target", kAws + "DescribeHandshake"},
                              {"Body", R"({"HandshakeId":"h-00000000"})"},
                              {"Explain", true}});
  CHECK(dry["Provenance"] == seen);
  // An empty 200 body (an operation with no output) is explained too.
  Json empty = t.sim("ExplainResponse", {{"Target", kAws + "DeleteOrganization"}, {"Status", 200}, {"Body", ""}});
  CHECK(empty["Rule"] == "DeleteOrganization succeeded");
  CHECK(empty["Provenance"] == "SEEN_IN_AWS");
  CHECK(t.exportWorld() == before);
  // Bad requests are AWS-shaped errors.
  auto missing = t.raw("", "Simulator.ExplainResponse", R"({"Target":"x","Body":""})");
  CHECK(missing.status == 400);
  CHECK(missing.body["__type"] == "InvalidInputException");
  CHECK(missing.body["Reason"] == "INPUT_REQUIRED:STATUS");
  auto wrongType = t.raw("", "Simulator.ExplainResponse", R"({"Target":"x","Body":"","Status":"200"})");
  CHECK(wrongType.status == 400);
  CHECK(wrongType.body["__type"] == "SerializationException");
  auto outOfRange = t.raw("", "Simulator.ExplainResponse", R"({"Target":"x","Body":"","Status":7})");
  CHECK(outOfRange.status == 400);
  CHECK(outOfRange.body["Reason"] == "MIN_VALUE_EXCEEDED:STATUS");
}
