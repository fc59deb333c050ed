// Input validation (spec 5, 5.1, 5.2, 5.6, 9, 12): exact __type, Reason and Message, validation before
// any caller or state check, and a rejected call never changes the world.
#include <string>

#include "scenario_support.h"

using hs::Json;
using namespace hs::test;

namespace {

const std::string kMsgPartyType = "You specified an invalid party type as the target parameter.";
const std::string kMsgBadEmail = "You specified an invalid email address for the invited account owner.";
const std::string kMsgMaxLength = "You provided a string that exceeds that maximum length.";
const std::string kMsgDuplicateTag = "Your request includes duplicate tag keys.";
const std::string kMsgTooManyFilters = "You specified too many filter parameters.";
const std::string kMsgInvalidEnum = "You specified an invalid value.";

// Bill's organization with Susan as an invited member (so that ACCOUNT targets can be "existing
// members", as in the capture), Juan standalone, and Mia the management account of another org.
void validationWorld(TestWorld& t) {
  t.docsWorld();
  t.join(kSusan, kDocsOrg);
  t.account("444444444444", "Mia", "mia@example.com");
  t.organization("444444444444", "o-otherorg123", "ALL");
}

Json withTarget(const std::string& type, const std::string& id) { return Json{{"Target", target(type, id)}}; }

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("InviteAccountToOrganization: the nine observed validation cases of spec 5.1", "[validation]") {
  TestWorld t;
  validationWorld(t);

  SECTION("missing Target") {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", Json::object());
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PATTERN", kMsgInvalidPattern);
  }
  SECTION("Target {}") {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", {{"Target", Json::object()}});
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PARTY_TYPE_TARGET", kMsgPartyType);
  }
  SECTION("Type ORGANIZATION") {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("ORGANIZATION", kJuan));
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PARTY_TYPE_TARGET", kMsgPartyType);
  }
  SECTION("Type INVALID is a party-type error, not INVALID_ENUM") {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("INVALID", kJuan));
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PARTY_TYPE_TARGET", kMsgPartyType);
  }
  SECTION("Type is case-sensitive") {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("account", kJuan));
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PARTY_TYPE_TARGET", kMsgPartyType);
  }
  SECTION("ACCOUNT with a malformed id") {
    for (const char* id : {"bad", "", "12345678901", "1234567890123", "12345678901a", " 333333333333"}) {
      INFO("id '" << id << "'");
      auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("ACCOUNT", id));
      REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PATTERN", kMsgInvalidPattern);
    }
  }
  SECTION("EMAIL with a malformed address") {
    for (const char* id : {"invalid", "", "a@b", "no-at-sign.example.com", "two@@example.com", "sp ace@example.com"}) {
      INFO("email '" << id << "'");
      auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("EMAIL", id));
      REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_EMAIL_ADDRESS_TARGET", kMsgBadEmail);
    }
  }
  SECTION("EMAIL longer than the 64-character party id") {
    std::string email = std::string(53, 'a') + "@example.com";  // 65 characters
    REQUIRE(email.size() == 65);
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("EMAIL", email));
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_EMAIL_ADDRESS_TARGET", kMsgBadEmail);
  }
  SECTION("Notes of 1025 characters, target an existing member: the length check comes first") {
    Json body = withTarget("ACCOUNT", kSusan);
    body["Notes"] = std::string(1025, 'x');
    auto r = rejected(t, kBill, "InviteAccountToOrganization", body);
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "MAX_LENGTH_EXCEEDED:NOTES", kMsgMaxLength);
  }
  SECTION("duplicate tag keys, target an existing member: the tag check comes first") {
    Json body = withTarget("ACCOUNT", kSusan);
    body["Tags"] = Json::array({{{"Key", "owner"}, {"Value", "a"}}, {{"Key", "owner"}, {"Value", "b"}}});
    auto r = rejected(t, kBill, "InviteAccountToOrganization", body);
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "DUPLICATE_TAG_KEY", kMsgDuplicateTag);
  }
  SECTION("duplicate tag keys with the same value too") {
    Json body = withTarget("EMAIL", "juan@example.com");
    body["Tags"] =
        Json::array({{{"Key", "k"}, {"Value", "v"}}, {{"Key", "x"}, {"Value", "y"}}, {{"Key", "k"}, {"Value", "v"}}});
    auto r = rejected(t, kBill, "InviteAccountToOrganization", body);
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "DUPLICATE_TAG_KEY", kMsgDuplicateTag);
  }
  SECTION("existing member by ACCOUNT") {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("ACCOUNT", kSusan));
    REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION", kMsgAlreadyMember);
  }
  SECTION("the management account itself by ACCOUNT") {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("ACCOUNT", kBill));
    REQUIRE_AWS_ERROR_MSG(r, "HandshakeConstraintViolationException", "ALREADY_IN_AN_ORGANIZATION", kMsgAlreadyMember);
  }
  SECTION("existing member by EMAIL succeeds: AWS does not resolve the email at invite time") {
    Json h = invite(t, kBill, "EMAIL", "susan@example.com");
    CHECK(h["State"] == "OPEN");
    CHECK(h["Action"] == "INVITE");
  }
  SECTION("the same EMAIL invitation twice") {
    invite(t, kBill, "EMAIL", "juan@example.com");
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTarget("EMAIL", "juan@example.com"));
    REQUIRE_AWS_ERROR_MSG(r, "DuplicateHandshakeException", "", kMsgDuplicate);
  }
}

TEST_CASE("InviteAccountToOrganization: Notes length boundary in UTF-16 code units", "[validation]") {
  TestWorld t;
  validationWorld(t);
  auto inviteWithNotes = [&](const std::string& notes) {
    return t.call(kBill, "InviteAccountToOrganization",
                  {{"Target", target("EMAIL", "juan@example.com")}, {"Notes", notes}});
  };
  auto requireTooLong = [&](const std::string& notes) {
    auto r = rejected(t, kBill, "InviteAccountToOrganization",
                      {{"Target", target("EMAIL", "juan@example.com")}, {"Notes", notes}});
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "MAX_LENGTH_EXCEEDED:NOTES", kMsgMaxLength);
  };
  auto requireAccepted = [&](const std::string& notes) {
    auto r = inviteWithNotes(notes);
    INFO(r.raw.substr(0, 300));
    REQUIRE(r.status == 200);
    const Json& resources = r.body["Handshake"]["Resources"];
    REQUIRE(resources.size() == 3);
    CHECK(resources[2]["Type"] == "NOTES");
    CHECK(resources[2]["Value"] == notes);
  };

  SECTION("1024 ASCII characters are accepted and echoed as NOTES") { requireAccepted(std::string(1024, 'n')); }
  SECTION("1025 ASCII characters are refused") { requireTooLong(std::string(1025, 'n')); }
  SECTION("1024 two-byte characters (2048 bytes) are accepted") {
    std::string notes = repeat("\xC3\xA9", 1024);  // U+00E9
    REQUIRE(notes.size() == 2048);
    requireAccepted(notes);
  }
  SECTION("1025 two-byte characters are refused") { requireTooLong(repeat("\xC3\xA9", 1025)); }
  SECTION("1024 three-byte characters (3072 bytes) are accepted") {
    requireAccepted(repeat("\xE2\x82\xAC", 1024));
  }  // U+20AC
  SECTION("512 astral characters are 1024 UTF-16 units: accepted") {
    std::string notes = repeat("\xF0\x9F\x98\x80", 512);  // U+1F600, a surrogate pair each
    REQUIRE(notes.size() == 2048);
    requireAccepted(notes);
  }
  SECTION("513 astral characters are 1026 UTF-16 units: refused") { requireTooLong(repeat("\xF0\x9F\x98\x80", 513)); }
  SECTION("1023 ASCII characters and one astral character are 1025 units: refused") {
    requireTooLong(std::string(1023, 'n') + "\xF0\x9F\x98\x80");
  }
  SECTION("1022 ASCII characters and one astral character are 1024 units: accepted") {
    requireAccepted(std::string(1022, 'n') + "\xF0\x9F\x98\x80");
  }
  SECTION("Notes given as JSON \\u escapes count the same way") {
    std::string body =
        R"({"Target":{"Type":"EMAIL","Id":"juan@example.com"},"Notes":")" + repeat("\\ud83d\\ude00", 513) + "\"}";
    auto r = rejectedRaw(t, kBill, "AWSOrganizationsV20161128.InviteAccountToOrganization", body);
    REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "MAX_LENGTH_EXCEEDED:NOTES", kMsgMaxLength);
  }
  SECTION("absent Notes: no NOTES resource") {
    Json h = invite(t, kBill, "EMAIL", "juan@example.com");
    REQUIRE(h["Resources"].size() == 2);
    CHECK(h["Resources"][0]["Type"] == "ORGANIZATION");
    CHECK(h["Resources"][1]["Type"] == "EMAIL");
  }
}

TEST_CASE("InviteAccountToOrganization: tag constraints from the model", "[validation]") {
  TestWorld t;
  validationWorld(t);
  auto withTags = [](const Json& tags) {
    Json body = withTarget("EMAIL", "juan@example.com");
    body["Tags"] = tags;
    return body;
  };
  auto requireInvalid = [&](const Json& tags, const std::string& reasonPrefix) {
    auto r = rejected(t, kBill, "InviteAccountToOrganization", withTags(tags));
    INFO(r.raw);
    REQUIRE(r.type() == "InvalidInputException");
    REQUIRE(r.reason().rfind(reasonPrefix, 0) == 0);
  };
  SECTION("an empty key is shorter than the minimum of 1") {
    requireInvalid(Json::array({{{"Key", ""}, {"Value", "v"}}}), "MIN_LENGTH_EXCEEDED");
  }
  SECTION("a 129-character key is too long") {
    requireInvalid(Json::array({{{"Key", std::string(129, 'k')}, {"Value", "v"}}}), "MAX_LENGTH_EXCEEDED");
  }
  SECTION("a 257-character value is too long") {
    requireInvalid(Json::array({{{"Key", "k"}, {"Value", std::string(257, 'v')}}}), "MAX_LENGTH_EXCEEDED");
  }
  SECTION("a key outside the tag pattern") {
    requireInvalid(Json::array({{{"Key", "semi;colon"}, {"Value", "v"}}}), "INVALID_PATTERN");
  }
  SECTION("a value outside the tag pattern") {
    requireInvalid(Json::array({{{"Key", "k"}, {"Value", "<script>"}}}), "INVALID_PATTERN");
  }
  SECTION("a tag without Key") { requireInvalid(Json::array({{{"Value", "v"}}}), "INPUT_REQUIRED"); }
  SECTION("limits and the pattern's letters, separators and numbers are accepted; tags are never echoed") {
    Json tags = Json::array({{{"Key", std::string(128, 'k')}, {"Value", std::string(256, 'v')}},
                             {{"Key", "empty"}, {"Value", ""}},
                             {{"Key", "caf\xC3\xA9 _.:/=+-@ 42"}, {"Value", "\xE6\x97\xA5\xE6\x9C\xAC"}}});
    Json body = withTags(tags);
    Json h = ok(t, kBill, "InviteAccountToOrganization", body)["Handshake"];
    CHECK(h.dump().find("\"Tags\"") == std::string::npos);
    CHECK(h.dump().find(std::string(128, 'k')) == std::string::npos);
  }
}

TEST_CASE("InviteAccountToOrganization: validation comes before the caller checks", "[validation]") {
  TestWorld t;
  validationWorld(t);
  // Susan is a member (AccessDenied for a valid invite), Juan is standalone (NotInUse for a valid invite).
  REQUIRE_REJECTED(t, kSusan, "InviteAccountToOrganization", withTarget("EMAIL", "juan@example.com"),
                   "AccessDeniedException", "");
  REQUIRE_REJECTED(t, kJuan, "InviteAccountToOrganization", withTarget("EMAIL", "bill@example.com"),
                   "AWSOrganizationsNotInUseException", "");
  for (const std::string& caller : {kSusan, kJuan}) {
    INFO("caller " << caller);
    REQUIRE_REJECTED(t, caller, "InviteAccountToOrganization", Json::object(), "InvalidInputException",
                     "INVALID_PATTERN");
    REQUIRE_REJECTED(t, caller, "InviteAccountToOrganization", withTarget("ORGANIZATION", kBill),
                     "InvalidInputException", "INVALID_PARTY_TYPE_TARGET");
    REQUIRE_REJECTED(t, caller, "InviteAccountToOrganization", withTarget("ACCOUNT", "bad"), "InvalidInputException",
                     "INVALID_PATTERN");
    REQUIRE_REJECTED(t, caller, "InviteAccountToOrganization", withTarget("EMAIL", "invalid"), "InvalidInputException",
                     "INVALID_EMAIL_ADDRESS_TARGET");
    Json notes = withTarget("EMAIL", "x@example.com");
    notes["Notes"] = std::string(1025, 'n');
    REQUIRE_REJECTED(t, caller, "InviteAccountToOrganization", notes, "InvalidInputException",
                     "MAX_LENGTH_EXCEEDED:NOTES");
    Json tags = withTarget("EMAIL", "x@example.com");
    tags["Tags"] = Json::array({{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}});
    REQUIRE_REJECTED(t, caller, "InviteAccountToOrganization", tags, "InvalidInputException", "DUPLICATE_TAG_KEY");
  }
}

TEST_CASE("HandshakeId validation for Describe, Accept, Decline and Cancel", "[validation]") {
  TestWorld t;
  validationWorld(t);
  Json h = invite(t, kBill, "EMAIL", "juan@example.com");
  const std::string id = h["Id"];

  for (const char* op : {"DescribeHandshake", "AcceptHandshake", "DeclineHandshake", "CancelHandshake"}) {
    // Every kind of caller gets the same validation errors: sender, recipient, outsider, member.
    for (const std::string& caller : {kBill, kJuan, std::string("444444444444"), kSusan}) {
      INFO(op << " by " << caller);
      auto missing = rejected(t, caller, op, Json::object());
      REQUIRE_AWS_ERROR_MSG(missing, "InvalidInputException", "INPUT_REQUIRED:HANDSHAKE_ID", kMsgInputRequired);
      auto nullId = rejected(t, caller, op, {{"HandshakeId", nullptr}});
      REQUIRE_AWS_ERROR_MSG(nullId, "InvalidInputException", "INPUT_REQUIRED:HANDSHAKE_ID", kMsgInputRequired);
      for (const std::string& bad :
           {std::string(""), std::string("bad"), std::string("h-"), std::string("h-1234567"),
            std::string("H-") + id.substr(2), "h-" + std::string(32, 'A'), std::string("h-ABCDEF0123456789"), " " + id,
            id + " ", std::string("x-") + id.substr(2), std::string("h_") + id.substr(2),
            std::string("h-0123456789abcdef-")}) {
        INFO("HandshakeId '" << bad << "'");
        auto r = rejected(t, caller, op, {{"HandshakeId", bad}});
        REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PATTERN:HANDSHAKE_ID", kMsgInvalidPattern);
      }
      {
        // 35 characters: over the model's max length 34 and outside the pattern's {8,32}. AWS reports
        // the violation as an InvalidInput on HANDSHAKE_ID; which of the two reasons it picks is unobserved.
        std::string tooLong = "h-" + std::string(33, 'a');
        REQUIRE(tooLong.size() == 35);
        auto r = rejected(t, caller, op, {{"HandshakeId", tooLong}});
        INFO(r.raw);
        REQUIRE(r.type() == "InvalidInputException");
        REQUIRE((r.reason() == "INVALID_PATTERN:HANDSHAKE_ID" || r.reason() == "MAX_LENGTH_EXCEEDED:HANDSHAKE_ID"));
      }
      for (const std::string& unknown : {std::string("h-00000000"), "h-" + std::string(32, '0'),
                                         std::string("h-zzzzzzzzzz"), "h-" + std::string(31, 'f') + "e"}) {
        INFO("HandshakeId '" << unknown << "'");
        auto r = rejected(t, caller, op, {{"HandshakeId", unknown}});
        REQUIRE_AWS_ERROR_MSG(r, "HandshakeNotFoundException", "", kMsgNotFound);
      }
    }
  }
  // Nothing above touched the invitation.
  CHECK(stateOf(t, kBill, id) == "OPEN");
}

TEST_CASE("List filters, MaxResults and NextToken are validated identically by both list operations", "[validation]") {
  TestWorld t;
  validationWorld(t);
  invite(t, kBill, "EMAIL", "juan@example.com");

  for (const char* op : {"ListHandshakesForAccount", "ListHandshakesForOrganization"}) {
    INFO(op);
    // Accepted inputs.
    ok(t, kBill, op, Json::object());
    ok(t, kBill, op, {{"Filter", Json::object()}});
    ok(t, kBill, op, {{"MaxResults", 1}});
    ok(t, kBill, op, {{"MaxResults", 20}});
    ok(t, kBill, op, {{"Filter", {{"ActionType", "INVITE"}}}});
    for (const char* action : {"ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES", "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE",
                               "TRANSFER_RESPONSIBILITY"})
      ok(t, kBill, op, {{"Filter", {{"ActionType", action}}}});
    {
      Json unknownParent = ok(t, kBill, op, {{"Filter", {{"ParentHandshakeId", "h-00000000"}}}});
      CHECK(unknownParent == Json{{"Handshakes", Json::array()}});
    }

    auto both = rejected(t, kBill, op, {{"Filter", {{"ActionType", "INVITE"}, {"ParentHandshakeId", "h-00000000"}}}});
    REQUIRE_AWS_ERROR_MSG(both, "InvalidInputException", "MAX_LIMIT_EXCEEDED_FILTER", kMsgTooManyFilters);
    for (const char* bad : {"invalid", "", "invite", "Invite", "INVITES"}) {
      INFO("ActionType '" << bad << "'");
      auto r = rejected(t, kBill, op, {{"Filter", {{"ActionType", bad}}}});
      REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_ENUM:FILTER_ACTION_TYPE", kMsgInvalidEnum);
    }
    {
      auto r = rejected(t, kBill, op, {{"Filter", {{"ParentHandshakeId", "bad"}}}});
      INFO(r.raw);
      REQUIRE(r.type() == "InvalidInputException");
      REQUIRE(r.reason().rfind("INVALID_PATTERN", 0) == 0);
    }
    for (int bad : {0, -1, -2147483647}) {
      auto r = rejected(t, kBill, op, {{"MaxResults", bad}});
      REQUIRE_AWS_ERROR(r, "InvalidInputException", "MIN_VALUE_EXCEEDED:MAX_RESULTS");
    }
    for (int bad : {21, 100, 2147483647}) {
      auto r = rejected(t, kBill, op, {{"MaxResults", bad}});
      REQUIRE_AWS_ERROR(r, "InvalidInputException", "MAX_VALUE_EXCEEDED:MAX_RESULTS");
    }
    for (const char* bad :
         {"", "bad", "0000000000000000", "00000000000000010000000000000000", "eyJ0b2tlbiI6IHRydWV9"}) {
      INFO("NextToken '" << bad << "'");
      auto r = rejected(t, kBill, op, {{"NextToken", bad}});
      REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_NEXT_TOKEN", kMsgInvalidNextToken);
    }
  }
}

TEST_CASE("ListHandshakesForOrganization validates its input before the caller check", "[validation]") {
  TestWorld t;
  validationWorld(t);
  // Susan (member) would get AccessDenied and Juan (standalone) NotInUse for a valid request.
  REQUIRE_REJECTED(t, kSusan, "ListHandshakesForOrganization", Json::object(), "AccessDeniedException", "");
  REQUIRE_REJECTED(t, kJuan, "ListHandshakesForOrganization", Json::object(), "AWSOrganizationsNotInUseException", "");
  for (const std::string& caller : {kSusan, kJuan}) {
    INFO(caller);
    REQUIRE_REJECTED(t, caller, "ListHandshakesForOrganization", Json({{"MaxResults", 0}}), "InvalidInputException",
                     "MIN_VALUE_EXCEEDED:MAX_RESULTS");
    REQUIRE_REJECTED(t, caller, "ListHandshakesForOrganization", Json({{"MaxResults", 21}}), "InvalidInputException",
                     "MAX_VALUE_EXCEEDED:MAX_RESULTS");
    REQUIRE_REJECTED(t, caller, "ListHandshakesForOrganization", Json({{"NextToken", "bad"}}), "InvalidInputException",
                     "INVALID_NEXT_TOKEN");
    REQUIRE_REJECTED(t, caller, "ListHandshakesForOrganization", Json({{"Filter", {{"ActionType", "invalid"}}}}),
                     "InvalidInputException", "INVALID_ENUM:FILTER_ACTION_TYPE");
    REQUIRE_REJECTED(t, caller, "ListHandshakesForOrganization",
                     Json({{"Filter", {{"ActionType", "INVITE"}, {"ParentHandshakeId", "h-00000000"}}}}),
                     "InvalidInputException", "MAX_LIMIT_EXCEEDED_FILTER");
  }
}

TEST_CASE("ListAccounts validates MaxResults and NextToken before the caller check", "[validation]") {
  TestWorld t;
  validationWorld(t);
  ok(t, kBill, "ListAccounts", {{"MaxResults", 1}});
  ok(t, kBill, "ListAccounts", {{"MaxResults", 20}});
  for (const std::string& caller : {kBill, kSusan, kJuan}) {
    INFO(caller);
    REQUIRE_REJECTED(t, caller, "ListAccounts", Json({{"MaxResults", 0}}), "InvalidInputException",
                     "MIN_VALUE_EXCEEDED:MAX_RESULTS");
    REQUIRE_REJECTED(t, caller, "ListAccounts", Json({{"MaxResults", 21}}), "InvalidInputException",
                     "MAX_VALUE_EXCEEDED:MAX_RESULTS");
    REQUIRE_REJECTED(t, caller, "ListAccounts", Json({{"NextToken", ""}}), "InvalidInputException",
                     "INVALID_NEXT_TOKEN");
    REQUIRE_REJECTED(t, caller, "ListAccounts", Json({{"NextToken", "bad"}}), "InvalidInputException",
                     "INVALID_NEXT_TOKEN");
  }
}

TEST_CASE("AccountId validation for RemoveAccountFromOrganization and DescribeAccount", "[validation]") {
  TestWorld t;
  validationWorld(t);
  for (const char* op : {"RemoveAccountFromOrganization", "DescribeAccount"}) {
    // Management (allowed), member (AccessDenied later) and standalone (NotInUse later) all see validation first.
    for (const std::string& caller : {kBill, kSusan, kJuan}) {
      INFO(op << " by " << caller);
      auto missing = rejected(t, caller, op, Json::object());
      REQUIRE_AWS_ERROR_MSG(missing, "InvalidInputException", "INPUT_REQUIRED:ACCOUNT_ID", kMsgInputRequired);
      for (const char* bad :
           {"", "bad", "12345678901", "1234567890123", "12345678901a", "-12345678901", "２２２２２２２２２２２２"}) {
        INFO("AccountId '" << bad << "'");
        auto r = rejected(t, caller, op, {{"AccountId", bad}});
        REQUIRE_AWS_ERROR_MSG(r, "InvalidInputException", "INVALID_PATTERN:ACCOUNT_ID", kMsgInvalidPattern);
      }
    }
    // Well-formed but unknown, and well-formed but not a member of the caller's organization.
    for (const std::string& id : {std::string("999999999999"), kJuan, std::string("444444444444")}) {
      INFO(op << " of " << id);
      auto r = rejected(t, kBill, op, {{"AccountId", id}});
      REQUIRE_AWS_ERROR_MSG(r, "AccountNotFoundException", "", "You specified an account that doesn't exist.");
    }
  }
  // And the valid ones succeed.
  Json account = ok(t, kBill, "DescribeAccount", {{"AccountId", kSusan}})["Account"];
  CHECK(account["Id"] == kSusan);
  CHECK(account["JoinedMethod"] == "INVITED");
  ok(t, kBill, "RemoveAccountFromOrganization", {{"AccountId", kSusan}});
  REQUIRE_REJECTED(t, kBill, "DescribeAccount", Json({{"AccountId", kSusan}}), "AccountNotFoundException", "");
}

TEST_CASE("CreateOrganization: FeatureSet must be ALL or CONSOLIDATED_BILLING", "[validation]") {
  TestWorld t;
  validationWorld(t);
  for (const char* bad : {"FULL", "all", "", "CONSOLIDATED", "ALL "}) {
    // A standalone account and an account already in an organization both get the validation error first.
    for (const std::string& caller : {kJuan, kSusan, kBill}) {
      INFO("FeatureSet '" << bad << "' by " << caller);
      auto r = rejected(t, caller, "CreateOrganization", {{"FeatureSet", bad}});
      REQUIRE(r.type() == "InvalidInputException");
      REQUIRE(r.reason().rfind("INVALID_ENUM", 0) == 0);
      REQUIRE(r.message() == kMsgInvalidEnum);
    }
  }
  SECTION("CONSOLIDATED_BILLING") {
    Json org = ok(t, kJuan, "CreateOrganization", {{"FeatureSet", "CONSOLIDATED_BILLING"}})["Organization"];
    CHECK(org["FeatureSet"] == "CONSOLIDATED_BILLING");
    CHECK(org["AvailablePolicyTypes"] == Json::array());
    CHECK(org["MasterAccountId"] == kJuan);
  }
  SECTION("absent FeatureSet defaults to ALL") {
    Json org = ok(t, kJuan, "CreateOrganization")["Organization"];
    CHECK(org["FeatureSet"] == "ALL");
    CHECK(org["AvailablePolicyTypes"] == Json::array({{{"Status", "ENABLED"}, {"Type", "SERVICE_CONTROL_POLICY"}}}));
    const std::string id = org["Id"];
    CHECK(id.size() == 12);
    CHECK(id.rfind("o-", 0) == 0);
    CHECK(org["Arn"] == "arn:aws:organizations::" + kJuan + ":organization/" + id);
    CHECK(org["MasterAccountArn"] == "arn:aws:organizations::" + kJuan + ":account/" + id + "/" + kJuan);
    CHECK(org["MasterAccountEmail"] == "juan@example.com");
  }
}
