// Responsibility (billing) transfers through the wire: the TRANSFER_RESPONSIBILITY handshake, both lists
// from both sides, Describe/Update/Terminate, expiry, and every validation and error path. Every
// rejected call must leave Simulator.ExportWorld byte-identical.
#include <string>
#include <vector>

#include "scenario_support.h"
#include "test_support.h"

using hs::Json;
using hs::test::kBill;
using hs::test::kJuan;
using hs::test::kSusan;
using hs::test::Reply;
using hs::test::TestWorld;

// Its own namespace: the suite compiles in unity batches (CMakeLists.txt), where file-scope names meet.
namespace transfer_test {
namespace {

// Accounts (kBill 111111111111, kSusan 222222222222 and kJuan 333333333333 from scenario_support.h).
// Bill's organization takes bills over (the transfers' Target); Susan's, o-susanorg001, hands its bill
// over (the Source); Juan stays standalone.
const std::string kMary = "444444444444";  // member of Bill's organization
const std::string kLi = "555555555555";    // member of Susan's organization
const std::string kAnna = "666666666666";  // manages o-annaorg0001
const std::string kBillOrg = "o-exampleorgid", kSusanOrg = "o-susanorg001", kAnnaOrg = "o-annaorg0001";

// Times, epoch seconds (UTC).
constexpr double kNow = 1789271046.11;  // 2026-09-13T03:44:06.110
constexpr double kNowPlus15Days = 1790567046.11;
constexpr double kSep1 = 1788220800;  // 2026-09-01T00:00
constexpr double kSep25 = 1790294400;
constexpr double kSep30 = 1790726400;
constexpr double kEndOfSep = 1790812799.999;  // 2026-09-30T23:59:59.999
constexpr double kOct1 = 1790812800;
constexpr double kOct2 = 1790899200;
constexpr double kNov1 = 1793491200;
constexpr double kEndOfAug = 1788220799.999;
constexpr double kEndOfDec = 1798761599.999;  // 2026-12-31T23:59:59.999
constexpr double kEndOfDecWholeSecond = 1798761599;
constexpr double kSep1Next = 1819756800;  // 2027-09-01: 12 months after September 2026
constexpr double kOct1Next = 1822348800;  // 2027-10-01: 13 months after

// Messages (core/wire/errors.cpp).
const std::string kRequired = "You must provide a value for the parameter.";
const std::string kPattern = "You provided a value that does not match the required pattern.";
const std::string kPartyType = "You specified an invalid party type as the target parameter.";
const std::string kBadEmail = "You specified an invalid email address for the invited account owner.";
const std::string kTooLong = "You provided a string that exceeds that maximum length.";
const std::string kTooShort = "You provided a string parameter that is shorter than allowed.";
const std::string kBadEnum = "You specified an invalid value.";
const std::string kBadStart = "You provided an invalid start date.";
const std::string kBadEnd = "You provided an invalid end date.";
const std::string kDuplicateTag = "Your request includes duplicate tag keys.";
const std::string kSmall = "You provided a numeric parameter that has a smaller value than allowed.";
const std::string kLarge = "You provided a numeric parameter that has a larger value than allowed.";
const std::string kBadToken =
    "You specified an invalid value for nextToken. You must get the value from the response to a previous call to the "
    "API.";
const std::string kDenied = "You don't have permissions to access this resource.";
const std::string kNotInUse = "Your account is not a member of an organization.";
const std::string kDuplicate =
    "A handshake with the specified type and parameters already exists for the given parties.";
const std::string kSameSide =
    "An account can't accept a transfer invitation if it is both the sender and recipient of the invitation.";
const std::string kExists = "You cannot perform this operation with the current transfer.";
const std::string kNotFound = "We can't find a transfer that you specified.";
const std::string kInStatus = "The responsibility transfer is already in the status that you specified.";
const std::string kBadTransition =
    "The responsibility transfer can't transition to the requested state because it's not in a valid state for this "
    "operation.";
const std::string kHandshakeTransition =
    "You cannot perform this operation on a handshake in its current state, such as attempting to cancel a handshake "
    "that was previously accepted or attempting to accept a handshake that was declined.";
const std::string kHandshakeInState = "The handshake is already in the requested state.";

Json party(const std::string& type, const std::string& id) { return Json{{"Type", type}, {"Id", id}}; }

Json inviteBody(const Json& target, double start = kOct1, const std::string& name = "Susan's bill") {
  return Json{{"Type", "BILLING"}, {"Target", target}, {"StartTimestamp", start}, {"SourceName", name}};
}

Json withId(const std::string& id, Json body = Json::object()) {
  body["Id"] = id;
  return body;
}

const Json kList = Json{{"Type", "BILLING"}};

struct TransferWorld : TestWorld {
  TransferWorld() {
    docsWorld();  // Bill manages o-exampleorgid; Susan and Juan standalone; the clock at kNow
    organization(kSusan, kSusanOrg);
    account(kMary, "Mary", "mary@example.com");
    join(kMary, kBillOrg);
    account(kLi, "Li", "li@example.com");
    join(kLi, kSusanOrg);
    account(kAnna, "Anna", "anna@example.com");
    organization(kAnna, kAnnaOrg);
  }

  // A successful invitation; returns the handshake.
  Json invite(const std::string& caller, const Json& body) {
    Reply r = call(caller, "InviteOrganizationToTransferResponsibility", body);
    INFO(r.raw);
    REQUIRE(r.status == 200);
    return r.body["Handshake"];
  }
  Json billInvitesSusan(double start = kOct1) { return invite(kBill, inviteBody(party("ACCOUNT", kSusan), start)); }

  // A successful transfer operation; returns its ResponsibilityTransfer(s) member.
  Json ok(const std::string& caller, const std::string& operation, const Json& body) {
    Reply r = call(caller, operation, body);
    INFO(operation << " -> " << r.raw);
    REQUIRE(r.status == 200);
    return r.body;
  }
  Json describe(const std::string& caller, const std::string& id) {
    return ok(caller, "DescribeResponsibilityTransfer", withId(id))["ResponsibilityTransfer"];
  }
  Json inbound(const std::string& caller) {
    return ok(caller, "ListInboundResponsibilityTransfers", kList)["ResponsibilityTransfers"];
  }
  Json outbound(const std::string& caller) {
    return ok(caller, "ListOutboundResponsibilityTransfers", kList)["ResponsibilityTransfers"];
  }
  Json handshakeCall(const std::string& caller, const std::string& operation, const std::string& handshakeId) {
    return ok(caller, operation, Json{{"HandshakeId", handshakeId}})["Handshake"];
  }

  // A call that must fail exactly so and change nothing.
  void rejects(const std::string& caller, const std::string& operation, const Json& body, const std::string& type,
               const std::string& reason, const std::string& message) {
    std::string before = exportWorld();
    Reply r = call(caller, operation, body);
    REQUIRE_AWS_ERROR(r, type, reason);
    CHECK(r.message() == message);
    CHECK(exportWorld() == before);
  }
  void rejectsInvite(const std::string& caller, const Json& body, const std::string& type, const std::string& reason,
                     const std::string& message) {
    rejects(caller, "InviteOrganizationToTransferResponsibility", body, type, reason, message);
  }
  void rejectsInput(const std::string& caller, const std::string& operation, const Json& body,
                    const std::string& reason, const std::string& message) {
    rejects(caller, operation, body, "InvalidInputException", reason, message);
  }
};

std::string transferIdOf(const Json& handshake) { return handshake["Resources"][0]["Value"]; }

std::string inboundArn(const std::string& id) {
  return "arn:aws:organizations::111111111111:transfer/o-exampleorgid/billing/inbound/" + id;
}
std::string outboundArn(const std::string& id) {
  return "arn:aws:organizations::222222222222:transfer/o-susanorg001/billing/outbound/" + id;
}

}  // namespace

TEST_CASE("a billing transfer from invitation to withdrawal", "[transfer]") {
  TransferWorld t;
  Json body = inviteBody(party("ACCOUNT", kSusan));
  body["Notes"] = "Bill pays from October";
  body["Tags"] = Json::array({{{"Key", "team"}, {"Value", "finance"}}});
  Json h = t.invite(kBill, body);
  std::string hid = h["Id"], rt = transferIdOf(h);

  INFO(h.dump());
  REQUIRE(rt.size() == 19);
  CHECK(rt.rfind("rt-", 0) == 0);
  CHECK(
      h ==
      Json{{"Action", "TRANSFER_RESPONSIBILITY"},
           {"Arn", "arn:aws:organizations::111111111111:handshake/o-exampleorgid/transfer_responsibility/" + hid},
           {"ExpirationTimestamp", kNowPlus15Days},
           {"Id", hid},
           {"Parties", Json::array({party("ORGANIZATION", "exampleorgid"), party("ACCOUNT", kSusan)})},
           {"RequestedTimestamp", kNow},
           {"Resources",
            Json::array({{{"Type", "RESPONSIBILITY_TRANSFER"},
                          {"Value", rt},
                          {"Resources", Json::array({{{"Type", "TRANSFER_TYPE"}, {"Value", "BILLING"}},
                                                     {{"Type", "TRANSFER_START_TIMESTAMP"}, {"Value", "1790812800.0"}},
                                                     {{"Type", "MANAGEMENT_ACCOUNT"}, {"Value", kBill}},
                                                     {{"Type", "MANAGEMENT_EMAIL"}, {"Value", "bill@example.com"}},
                                                     {{"Type", "MANAGEMENT_NAME"}, {"Value", "Bill"}}})}},
                         {{"Type", "ACCOUNT"}, {"Value", kSusan}},
                         {{"Type", "NOTES"}, {"Value", "Bill pays from October"}}})},
           {"State", "OPEN"}});

  // Both sides see the invitation: inbound for Bill, outbound for Susan; the same transfer otherwise.
  Json requested{{"Arn", inboundArn(rt)},
                 {"Name", "Susan's bill"},
                 {"Id", rt},
                 {"Type", "BILLING"},
                 {"Status", "REQUESTED"},
                 {"Source", {{"ManagementAccountId", kSusan}}},
                 {"Target", {{"ManagementAccountId", kBill}, {"ManagementAccountEmail", "bill@example.com"}}},
                 {"StartTimestamp", kOct1},
                 {"ActiveHandshakeId", hid}};
  Json requestedOutbound = requested;
  requestedOutbound["Arn"] = outboundArn(rt);
  CHECK(t.inbound(kBill) == Json::array({requested}));
  CHECK(t.outbound(kBill) == Json::array());
  CHECK(t.outbound(kSusan) == Json::array({requestedOutbound}));
  CHECK(t.inbound(kSusan) == Json::array());
  CHECK(t.describe(kBill, rt) == requested);
  CHECK(t.describe(kSusan, rt) == requestedOutbound);
  CHECK(t.ok(kBill, "ListInboundResponsibilityTransfers", withId(rt, kList))["ResponsibilityTransfers"] ==
        Json::array({requested}));

  // The handshake is in both handshake lists and describable by both parties.
  CHECK(t.ok(kSusan, "ListHandshakesForAccount", Json::object())["Handshakes"] == Json::array({h}));
  CHECK(t.ok(kBill, "ListHandshakesForOrganization", Json::object())["Handshakes"] == Json::array({h}));
  CHECK(t.handshakeCall(kSusan, "DescribeHandshake", hid) == h);

  // Wrong parties (lifecycle table).
  t.rejects(kBill, "AcceptHandshake", {{"HandshakeId", hid}}, "AccessDeniedException", "", kDenied);
  t.rejects(kBill, "DeclineHandshake", {{"HandshakeId", hid}}, "AccessDeniedException", "", kDenied);
  t.rejects(kSusan, "CancelHandshake", {{"HandshakeId", hid}}, "AccessDeniedException", "", kDenied);

  Json accepted = t.handshakeCall(kSusan, "AcceptHandshake", hid);
  CHECK(accepted["State"] == "ACCEPTED");
  CHECK(accepted["Parties"] == h["Parties"]);
  Json active = requested;
  active["Status"] = "ACCEPTED";
  active["Source"] = {{"ManagementAccountId", kSusan}, {"ManagementAccountEmail", "susan@example.com"}};
  active.erase("ActiveHandshakeId");
  CHECK(t.describe(kBill, rt) == active);
  t.rejects(kSusan, "AcceptHandshake", {{"HandshakeId", hid}}, "HandshakeAlreadyInStateException", "",
            kHandshakeInState);
  t.rejects(kBill, "CancelHandshake", {{"HandshakeId", hid}}, "InvalidHandshakeTransitionException", "",
            kHandshakeTransition);

  // Either side renames it; each gets its own view.
  Json renamed =
      t.ok(kSusan, "UpdateResponsibilityTransfer", withId(rt, {{"Name", "Paid by Bill"}}))["ResponsibilityTransfer"];
  active["Name"] = "Paid by Bill";
  Json activeOutbound = active;
  activeOutbound["Arn"] = outboundArn(rt);
  CHECK(renamed == activeOutbound);
  CHECK(t.ok(kBill, "UpdateResponsibilityTransfer", withId(rt, {{"Name", "Paid by Bill"}}))["ResponsibilityTransfer"] ==
        active);

  // Bill withdraws at the end of December; withdrawing again is refused.
  Json withdrawn = t.ok(kBill, "TerminateResponsibilityTransfer",
                        withId(rt, {{"EndTimestamp", kEndOfDec}}))["ResponsibilityTransfer"];
  active["Status"] = "WITHDRAWN";
  active["EndTimestamp"] = kEndOfDec;
  CHECK(withdrawn == active);
  t.rejects(kSusan, "TerminateResponsibilityTransfer", withId(rt), "ResponsibilityTransferAlreadyInStatusException", "",
            kInStatus);
  t.rejects(kBill, "TerminateResponsibilityTransfer", withId(rt, {{"EndTimestamp", kEndOfDec}}),
            "ResponsibilityTransferAlreadyInStatusException", "", kInStatus);
  CHECK(t.inbound(kBill) == Json::array({active}));
  activeOutbound = active;
  activeOutbound["Arn"] = outboundArn(rt);
  CHECK(t.outbound(kSusan) == Json::array({activeOutbound}));

  // A withdrawn transfer does not block a new invitation.
  Json again = t.billInvitesSusan(kNov1);
  CHECK(transferIdOf(again) != rt);
  CHECK(t.inbound(kBill).size() == 2);
}

TEST_CASE("declined and canceled transfer invitations", "[transfer]") {
  TransferWorld t;
  Json h = t.billInvitesSusan();
  std::string hid = h["Id"], rt = transferIdOf(h);

  Json declined = t.handshakeCall(kSusan, "DeclineHandshake", hid);
  CHECK(declined["State"] == "DECLINED");
  Json seen = t.describe(kSusan, rt);
  CHECK(seen["Status"] == "DECLINED");
  CHECK(!seen.contains("ActiveHandshakeId"));
  CHECK(seen["Source"] == Json{{"ManagementAccountId", kSusan}});
  t.rejects(kSusan, "DeclineHandshake", {{"HandshakeId", hid}}, "HandshakeAlreadyInStateException", "",
            kHandshakeInState);
  t.rejects(kSusan, "AcceptHandshake", {{"HandshakeId", hid}}, "InvalidHandshakeTransitionException", "",
            kHandshakeTransition);
  t.rejects(kBill, "CancelHandshake", {{"HandshakeId", hid}}, "InvalidHandshakeTransitionException", "",
            kHandshakeTransition);
  t.rejects(kBill, "TerminateResponsibilityTransfer", withId(rt), "InvalidResponsibilityTransferTransitionException",
            "", kBadTransition);
  // Still listed on both sides, and still renamable.
  CHECK(t.inbound(kBill)[0]["Status"] == "DECLINED");
  CHECK(t.outbound(kSusan)[0]["Status"] == "DECLINED");
  CHECK(t.ok(kBill, "UpdateResponsibilityTransfer",
             withId(rt, {{"Name", "Declined"}}))["ResponsibilityTransfer"]["Name"] == "Declined");

  // A new invitation after a decline is allowed; the sender cancels it.
  Json h2 = t.billInvitesSusan();
  std::string hid2 = h2["Id"], rt2 = transferIdOf(h2);
  CHECK(rt2 != rt);
  t.rejects(kBill, "TerminateResponsibilityTransfer", withId(rt2), "InvalidResponsibilityTransferTransitionException",
            "", kBadTransition);
  CHECK(t.handshakeCall(kBill, "CancelHandshake", hid2)["State"] == "CANCELED");
  CHECK(t.describe(kBill, rt2)["Status"] == "CANCELED");
  CHECK(t.describe(kSusan, rt2)["Status"] == "CANCELED");
  t.rejects(kBill, "CancelHandshake", {{"HandshakeId", hid2}}, "HandshakeAlreadyInStateException", "",
            kHandshakeInState);
  t.rejects(kSusan, "AcceptHandshake", {{"HandshakeId", hid2}}, "InvalidHandshakeTransitionException", "",
            kHandshakeTransition);
  t.rejects(kSusan, "DeclineHandshake", {{"HandshakeId", hid2}}, "InvalidHandshakeTransitionException", "",
            kHandshakeTransition);
  t.rejects(kSusan, "TerminateResponsibilityTransfer", withId(rt2), "InvalidResponsibilityTransferTransitionException",
            "", kBadTransition);
  CHECK(t.inbound(kBill).size() == 2);
}

TEST_CASE("transfer invitations expire after 15 days or 24 hours before the start", "[transfer]") {
  SECTION("15 days") {
    TransferWorld t;
    Json h = t.billInvitesSusan(kNov1);
    std::string hid = h["Id"], rt = transferIdOf(h);
    CHECK(h["ExpirationTimestamp"] == kNowPlus15Days);
    t.setTime(kNowPlus15Days);  // still OPEN at exactly the expiration
    CHECK(t.describe(kBill, rt)["Status"] == "REQUESTED");
    t.sim("AdvanceTime", {{"Seconds", 0.001}});
    std::string before = t.exportWorld();
    Json expired = t.describe(kBill, rt);
    CHECK(expired["Status"] == "EXPIRED");
    CHECK(!expired.contains("ActiveHandshakeId"));
    CHECK(t.outbound(kSusan)[0]["Status"] == "EXPIRED");
    CHECK(t.sim("DescribeWorld")["ResponsibilityTransfers"][0]["Status"] == "EXPIRED");
    CHECK(t.exportWorld() == before);  // computed on read
    t.rejects(kSusan, "AcceptHandshake", {{"HandshakeId", hid}}, "InvalidHandshakeTransitionException", "",
              kHandshakeTransition);
    t.rejects(kBill, "TerminateResponsibilityTransfer", withId(rt), "InvalidResponsibilityTransferTransitionException",
              "", kBadTransition);
    // An expired invitation is no duplicate.
    CHECK(transferIdOf(t.billInvitesSusan(kNov1)) != rt);
  }
  SECTION("24 hours before the start") {
    TransferWorld t;
    t.setTime(kSep25);
    Json h = t.billInvitesSusan(kOct1);
    std::string hid = h["Id"], rt = transferIdOf(h);
    CHECK(h["RequestedTimestamp"] == kSep25);
    CHECK(h["ExpirationTimestamp"] == kSep30);
    t.setTime(kSep30);
    CHECK(t.describe(kSusan, rt)["Status"] == "REQUESTED");
    t.sim("AdvanceTime", {{"Seconds", 0.001}});
    CHECK(t.describe(kSusan, rt)["Status"] == "EXPIRED");
    CHECK(t.handshakeCall(kSusan, "DescribeHandshake", hid)["State"] == "EXPIRED");
    t.rejects(kSusan, "AcceptHandshake", {{"HandshakeId", hid}}, "InvalidHandshakeTransitionException", "",
              kHandshakeTransition);
  }
}

TEST_CASE("an EMAIL-targeted transfer names its source once accepted", "[transfer]") {
  TransferWorld t;
  Json h = t.invite(kBill, inviteBody(party("EMAIL", "susan@example.com")));
  std::string hid = h["Id"], rt = transferIdOf(h);
  CHECK(h["Parties"] == Json::array({party("ORGANIZATION", "exampleorgid"), party("EMAIL", "susan@example.com")}));
  CHECK(h["Resources"][1] == Json{{"Type", "EMAIL"}, {"Value", "susan@example.com"}});

  Json pending = t.describe(kBill, rt);
  CHECK(pending["Source"] == Json{{"ManagementAccountEmail", "susan@example.com"}});
  Json outbound = t.outbound(kSusan);
  REQUIRE(outbound.size() == 1);
  CHECK(outbound[0]["Arn"] == outboundArn(rt));
  CHECK(outbound[0]["Source"] == Json{{"ManagementAccountEmail", "susan@example.com"}});
  CHECK(t.describe(kSusan, rt) == outbound[0]);

  // The same email in other letter case is the same target.
  t.rejectsInvite(kBill, inviteBody(party("EMAIL", "SUSAN@example.com")), "DuplicateHandshakeException", "",
                  kDuplicate);
  // Outsiders.
  t.rejects(kLi, "DescribeResponsibilityTransfer", withId(rt), "AccessDeniedException", "", kDenied);
  t.rejects(kJuan, "DescribeResponsibilityTransfer", withId(rt), "AWSOrganizationsNotInUseException", "", kNotInUse);
  t.rejects(kAnna, "DescribeResponsibilityTransfer", withId(rt), "AccessDeniedException", "", kDenied);
  CHECK(t.outbound(kAnna) == Json::array());

  Json accepted = t.handshakeCall(kSusan, "AcceptHandshake", hid);
  CHECK(accepted["Parties"] == Json::array({party("ORGANIZATION", "exampleorgid"), party("ACCOUNT", kSusan)}));
  CHECK(accepted["Resources"][1] == Json{{"Type", "EMAIL"}, {"Value", "susan@example.com"}});
  Json active = t.describe(kSusan, rt);
  CHECK(active["Status"] == "ACCEPTED");
  CHECK(active["Source"] == Json{{"ManagementAccountId", kSusan}, {"ManagementAccountEmail", "susan@example.com"}});
  CHECK(active["Arn"] == outboundArn(rt));
  CHECK(t.outbound(kSusan) == Json::array({active}));
}

TEST_CASE("InviteOrganizationToTransferResponsibility validates its input in order", "[transfer]") {
  TransferWorld t;
  auto input = [&](const Json& body, const std::string& reason, const std::string& message) {
    t.rejectsInvite(kBill, body, "InvalidInputException", reason, message);
  };
  Json good = inviteBody(party("ACCOUNT", kSusan));
  auto without = [&](const char* member) {
    Json b = good;
    b.erase(member);
    return b;
  };
  auto with = [&](const char* member, const Json& value) {
    Json b = good;
    b[member] = value;
    return b;
  };

  input(Json::object(), "INPUT_REQUIRED:TYPE", kRequired);
  input(with("Type", ""), "INVALID_ENUM:TYPE", kBadEnum);
  input(with("Type", "LEGAL"), "INVALID_ENUM:TYPE", kBadEnum);
  input(without("Target"), "INVALID_PATTERN", kPattern);
  input(with("Target", Json::object()), "INVALID_PARTY_TYPE_TARGET", kPartyType);
  input(with("Target", party("ORGANIZATION", kSusanOrg)), "INVALID_PARTY_TYPE_TARGET", kPartyType);
  input(with("Target", party("INVALID", kSusan)), "INVALID_PARTY_TYPE_TARGET", kPartyType);
  input(with("Target", party("ACCOUNT", "bad")), "INVALID_PATTERN", kPattern);
  input(with("Target", Json{{"Type", "ACCOUNT"}}), "INVALID_PATTERN", kPattern);
  input(with("Target", party("EMAIL", "invalid")), "INVALID_EMAIL_ADDRESS_TARGET", kBadEmail);
  input(with("Notes", std::string(1025, 'n')), "MAX_LENGTH_EXCEEDED:NOTES", kTooLong);
  input(without("StartTimestamp"), "INPUT_REQUIRED:START_TIMESTAMP", kRequired);
  input(with("StartTimestamp", kOct1 + 0.001), "START_DATE_NOT_BEGINNING_OF_DAY", kBadStart);
  input(with("StartTimestamp", kOct1 + 3600), "START_DATE_NOT_BEGINNING_OF_DAY", kBadStart);
  input(with("StartTimestamp", kOct2), "START_DATE_NOT_BEGINNING_OF_MONTH", kBadStart);
  input(with("StartTimestamp", kSep1), "START_DATE_TOO_EARLY", kBadStart);
  input(with("StartTimestamp", -2678400), "START_DATE_TOO_EARLY", kBadStart);
  input(with("StartTimestamp", kOct1Next), "START_DATE_TOO_LATE", kBadStart);
  input(with("StartTimestamp", 1e15), "START_DATE_TOO_LATE", kBadStart);
  input(without("SourceName"), "INPUT_REQUIRED:SOURCE_NAME", kRequired);
  input(with("SourceName", ""), "MIN_LENGTH_EXCEEDED:SOURCE_NAME", kTooShort);
  input(with("SourceName", std::string(129, 'x')), "MAX_LENGTH_EXCEEDED:SOURCE_NAME", kTooLong);
  input(with("SourceName", "Susan\xe2\x80\x99s bill"), "INVALID_PATTERN:SOURCE_NAME", kPattern);
  input(with("SourceName", "tab\there"), "INVALID_PATTERN:SOURCE_NAME", kPattern);
  input(with("Tags", Json::array({{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}})),
        "DUPLICATE_TAG_KEY", kDuplicateTag);

  // Order: Type, Target, Notes, StartTimestamp, SourceName, Tags.
  Json all = with("Type", "LEGAL");
  all["Target"] = party("ACCOUNT", "bad");
  all["Notes"] = std::string(1025, 'n');
  all["StartTimestamp"] = kOct2;
  all["SourceName"] = "";
  all["Tags"] = Json::array({{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}});
  input(all, "INVALID_ENUM:TYPE", kBadEnum);
  all["Type"] = "BILLING";
  input(all, "INVALID_PATTERN", kPattern);
  all["Target"] = party("ACCOUNT", kSusan);
  input(all, "MAX_LENGTH_EXCEEDED:NOTES", kTooLong);
  all["Notes"] = std::string(1024, 'n');
  input(all, "START_DATE_NOT_BEGINNING_OF_MONTH", kBadStart);
  all["StartTimestamp"] = kOct1;
  input(all, "MIN_LENGTH_EXCEEDED:SOURCE_NAME", kTooShort);
  all["SourceName"] = std::string(128, '~');
  input(all, "DUPLICATE_TAG_KEY", kDuplicateTag);
  // Validation precedes the caller checks.
  t.rejectsInvite(kJuan, all, "InvalidInputException", "DUPLICATE_TAG_KEY", kDuplicateTag);
  t.rejectsInvite(kMary, Json::object(), "InvalidInputException", "INPUT_REQUIRED:TYPE", kRequired);

  // JSON types come first (SerializationException, no Reason).
  t.rejectsInvite(kBill, with("StartTimestamp", "2026-10-01T00:00:00Z"), "SerializationException", "",
                  "Member 'StartTimestamp' must be a timestamp (epoch seconds).");

  all.erase("Tags");
  CHECK(t.invite(kBill, all)["Resources"][2]["Value"] == std::string(1024, 'n'));
}

TEST_CASE("transfer start dates: the boundaries", "[transfer]") {
  TransferWorld t;
  // 12 months after the current month is the latest start.
  t.invite(kBill, inviteBody(party("ACCOUNT", kSusan), kSep1Next));
  // Exactly 24 hours ahead is early enough; one millisecond less is not.
  t.setTime(kSep30 + 0.001);
  t.rejectsInvite(kBill, inviteBody(party("ACCOUNT", kAnna), kOct1), "InvalidInputException", "START_DATE_TOO_EARLY",
                  kBadStart);
  TransferWorld u;
  u.setTime(kSep30);
  Json h = u.invite(kBill, inviteBody(party("ACCOUNT", kAnna), kOct1));
  CHECK(h["ExpirationTimestamp"] == kSep30);
  CHECK(u.handshakeCall(kAnna, "AcceptHandshake", h["Id"])["State"] == "ACCEPTED");
}

TEST_CASE("InviteOrganizationToTransferResponsibility: caller and target checks", "[transfer]") {
  TransferWorld t;
  Json good = inviteBody(party("ACCOUNT", kSusan));
  t.rejectsInvite(kJuan, good, "AWSOrganizationsNotInUseException", "", kNotInUse);
  t.rejectsInvite(kMary, good, "AccessDeniedException", "", kDenied);
  t.rejectsInvite(kBill, inviteBody(party("ACCOUNT", kBill)), "HandshakeConstraintViolationException",
                  "SOURCE_AND_TARGET_CANNOT_MATCH", kSameSide);
  t.rejectsInvite(kBill, inviteBody(party("ACCOUNT", kMary)), "HandshakeConstraintViolationException",
                  "SOURCE_AND_TARGET_CANNOT_MATCH", kSameSide);

  Json h = t.invite(kBill, good);
  t.rejectsInvite(kBill, good, "DuplicateHandshakeException", "", kDuplicate);
  t.handshakeCall(kSusan, "AcceptHandshake", h["Id"]);

  // An active transfer links the two organizations, in either direction, through any of their accounts.
  t.rejectsInvite(kBill, good, "HandshakeConstraintViolationException", "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS",
                  kExists);
  t.rejectsInvite(kBill, inviteBody(party("ACCOUNT", kLi)), "HandshakeConstraintViolationException",
                  "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS", kExists);
  t.rejectsInvite(kSusan, inviteBody(party("ACCOUNT", kBill)), "HandshakeConstraintViolationException",
                  "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS", kExists);
  // Unrelated targets are fine, including accounts the world does not know.
  t.invite(kBill, inviteBody(party("ACCOUNT", kAnna)));
  t.invite(kBill, inviteBody(party("ACCOUNT", "999999999999")));
}

TEST_CASE("accepting a transfer invitation: recipient checks", "[transfer]") {
  TransferWorld t;
  auto acceptFails = [&](const std::string& caller, const Json& h, const std::string& type, const std::string& reason,
                         const std::string& message) {
    t.rejects(caller, "AcceptHandshake", {{"HandshakeId", h["Id"]}}, type, reason, message);
    CHECK(t.handshakeCall(caller, "DescribeHandshake", h["Id"])["State"] == "OPEN");
  };
  // A standalone recipient, and a member account.
  acceptFails(kJuan, t.invite(kBill, inviteBody(party("ACCOUNT", kJuan))), "AWSOrganizationsNotInUseException", "",
              kNotInUse);
  acceptFails(kLi, t.invite(kBill, inviteBody(party("ACCOUNT", kLi))), "AccessDeniedException", "", kDenied);
  // Emails are not resolved at invite time; acceptance finds the organization.
  acceptFails(kMary, t.invite(kBill, inviteBody(party("EMAIL", "mary@example.com"))), "AccessDeniedException", "",
              kDenied);
  acceptFails(kBill, t.invite(kBill, inviteBody(party("EMAIL", "bill@example.com"))),
              "HandshakeConstraintViolationException", "SOURCE_AND_TARGET_CANNOT_MATCH", kSameSide);

  // Susan's bill moves to Bill. Anna may still invite Susan, but Susan's bill has already moved.
  t.handshakeCall(kSusan, "AcceptHandshake", t.invite(kBill, inviteBody(party("ACCOUNT", kSusan)))["Id"]);
  acceptFails(kSusan, t.invite(kAnna, inviteBody(party("ACCOUNT", kSusan))), "HandshakeConstraintViolationException",
              "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS", kExists);
  // The reverse direction between the same organizations.
  acceptFails(kBill, t.invite(kSusan, inviteBody(party("EMAIL", "bill@example.com"))),
              "HandshakeConstraintViolationException", "RESPONSIBILITY_TRANSFER_ALREADY_EXISTS", kExists);
  // A chain is allowed: the bill-transfer account hands its own bill on (BILL: "Transfers are inherited").
  Json h = t.invite(kAnna, inviteBody(party("ACCOUNT", kBill)));
  CHECK(t.handshakeCall(kBill, "AcceptHandshake", h["Id"])["State"] == "ACCEPTED");
  // Bill's outbound list: Susan's invitation (still open) and Anna's accepted transfer.
  Json billOutbound = t.outbound(kBill);
  REQUIRE(billOutbound.size() == 2);
  CHECK(billOutbound[0]["Status"] == "REQUESTED");
  CHECK(billOutbound[1]["Status"] == "ACCEPTED");
  CHECK(billOutbound[1]["Arn"] == "arn:aws:organizations::111111111111:transfer/o-exampleorgid/billing/outbound/" +
                                      billOutbound[1]["Id"].get<std::string>());
  CHECK(t.inbound(kAnna).size() == 2);
}

TEST_CASE("transfer lists: validation, callers and pages", "[transfer]") {
  TransferWorld t;
  for (const std::string op : {"ListInboundResponsibilityTransfers", "ListOutboundResponsibilityTransfers"}) {
    INFO(op);
    t.rejectsInput(kBill, op, Json::object(), "INPUT_REQUIRED:TYPE", kRequired);
    t.rejectsInput(kBill, op, {{"Type", "billing"}}, "INVALID_ENUM:TYPE", kBadEnum);
    t.rejectsInput(kBill, op, {{"Type", "BILLING"}, {"MaxResults", 0}}, "MIN_VALUE_EXCEEDED:MAX_RESULTS", kSmall);
    t.rejectsInput(kBill, op, {{"Type", "BILLING"}, {"MaxResults", 21}}, "MAX_VALUE_EXCEEDED:MAX_RESULTS", kLarge);
    t.rejectsInput(kBill, op, {{"Type", "BILLING"}, {"NextToken", ""}}, "INVALID_NEXT_TOKEN", kBadToken);
    t.rejectsInput(kBill, op, {{"Type", "BILLING"}, {"NextToken", "garbage"}}, "INVALID_NEXT_TOKEN", kBadToken);
    t.rejectsInput(kJuan, op, {{"Type", "X"}}, "INVALID_ENUM:TYPE", kBadEnum);
    t.rejects(kJuan, op, kList, "AWSOrganizationsNotInUseException", "", kNotInUse);
    t.rejects(kMary, op, kList, "AccessDeniedException", "", kDenied);
    CHECK(t.ok(kBill, op, kList) == Json{{"ResponsibilityTransfers", Json::array()}});
  }
  t.rejectsInput(kBill, "ListInboundResponsibilityTransfers", withId("", kList), "INVALID_PATTERN:ID", kPattern);
  t.rejectsInput(kBill, "ListInboundResponsibilityTransfers", withId("rt-BAD00000", kList), "INVALID_PATTERN:ID",
                 kPattern);
  t.rejects(kBill, "ListInboundResponsibilityTransfers", withId("rt-00000000", kList),
            "ResponsibilityTransferNotFoundException", "", kNotFound);
  // Outbound has no Id member: an Id is ignored like any unknown member.
  CHECK(t.ok(kBill, "ListOutboundResponsibilityTransfers", withId("bad", kList))["ResponsibilityTransfers"] ==
        Json::array());

  // Five invitations from Bill, paged two at a time in creation order.
  std::vector<std::string> ids;
  for (const std::string& target :
       std::vector<std::string>{"900000000001", "900000000002", "900000000003", "900000000004", kSusan})
    ids.push_back(transferIdOf(t.invite(kBill, inviteBody(party("ACCOUNT", target)))));
  Json page{{"Type", "BILLING"}, {"MaxResults", 2}};
  std::vector<std::string> seen;
  std::string firstToken;
  for (int i = 0; i < 3; ++i) {
    Json r = t.ok(kBill, "ListInboundResponsibilityTransfers", page);
    for (const Json& item : r["ResponsibilityTransfers"]) seen.push_back(item["Id"]);
    CHECK(r["ResponsibilityTransfers"].size() == (i < 2 ? 2u : 1u));
    CHECK(r.contains("NextToken") == (i < 2));
    if (i == 0) firstToken = r["NextToken"];
    if (r.contains("NextToken")) page["NextToken"] = r["NextToken"];
  }
  CHECK(seen == ids);
  // A token belongs to its operation, caller and filter.
  t.rejectsInput(kBill, "ListOutboundResponsibilityTransfers", {{"Type", "BILLING"}, {"NextToken", firstToken}},
                 "INVALID_NEXT_TOKEN", kBadToken);
  t.rejectsInput(kAnna, "ListInboundResponsibilityTransfers", {{"Type", "BILLING"}, {"NextToken", firstToken}},
                 "INVALID_NEXT_TOKEN", kBadToken);
  t.rejectsInput(kBill, "ListInboundResponsibilityTransfers",
                 withId(ids[0], {{"Type", "BILLING"}, {"NextToken", firstToken}}), "INVALID_NEXT_TOKEN", kBadToken);

  // Id: only that transfer, and only among the caller's inbound ones.
  Json one =
      t.ok(kBill, "ListInboundResponsibilityTransfers", withId(ids[2], {{"Type", "BILLING"}, {"MaxResults", 1}}));
  CHECK(one.size() == 1);
  REQUIRE(one["ResponsibilityTransfers"].size() == 1);
  CHECK(one["ResponsibilityTransfers"][0]["Id"] == ids[2]);
  t.rejects(kSusan, "ListInboundResponsibilityTransfers", withId(ids[4], kList),
            "ResponsibilityTransferNotFoundException", "", kNotFound);
  t.rejects(kAnna, "ListInboundResponsibilityTransfers", withId(ids[4], kList),
            "ResponsibilityTransferNotFoundException", "", kNotFound);
  // The invited side sees only what is addressed to it.
  Json susan = t.outbound(kSusan);
  REQUIRE(susan.size() == 1);
  CHECK(susan[0]["Id"] == ids[4]);
  CHECK(t.outbound(kAnna) == Json::array());
}

TEST_CASE("Describe, Update and Terminate: validation and callers", "[transfer]") {
  TransferWorld t;
  Json h = t.billInvitesSusan();
  std::string rt = transferIdOf(h);
  for (const std::string op :
       {"DescribeResponsibilityTransfer", "UpdateResponsibilityTransfer", "TerminateResponsibilityTransfer"}) {
    INFO(op);
    Json name{{"Name", "n"}};
    t.rejectsInput(kBill, op, name, "INPUT_REQUIRED:ID", kRequired);
    t.rejectsInput(kBill, op, withId("", name), "INVALID_PATTERN:ID", kPattern);
    t.rejectsInput(kBill, op, withId("rt-short", name), "INVALID_PATTERN:ID", kPattern);
    t.rejectsInput(kBill, op, withId(rt + std::string(20, '0'), name), "INVALID_PATTERN:ID", kPattern);
    t.rejects(kBill, op, withId("rt-00000000", name), "ResponsibilityTransferNotFoundException", "", kNotFound);
    t.rejects(kJuan, op, withId("rt-00000000", name), "ResponsibilityTransferNotFoundException", "", kNotFound);
    t.rejects(kJuan, op, withId(rt, name), "AWSOrganizationsNotInUseException", "", kNotInUse);
    t.rejects(kMary, op, withId(rt, name), "AccessDeniedException", "", kDenied);
    t.rejects(kLi, op, withId(rt, name), "AccessDeniedException", "", kDenied);
    t.rejects(kAnna, op, withId(rt, name), "AccessDeniedException", "", kDenied);
  }

  const std::string update = "UpdateResponsibilityTransfer";
  t.rejectsInput(kBill, update, withId(rt), "INPUT_REQUIRED:NAME", kRequired);
  t.rejectsInput(kBill, update, withId(rt, {{"Name", ""}}), "MIN_LENGTH_EXCEEDED:NAME", kTooShort);
  t.rejectsInput(kBill, update, withId(rt, {{"Name", std::string(129, 'a')}}), "MAX_LENGTH_EXCEEDED:NAME", kTooLong);
  t.rejectsInput(kBill, update, withId(rt, {{"Name", "na\xc3\xafve"}}), "INVALID_PATTERN:NAME", kPattern);
  t.rejectsInput(kBill, update, withId("bad", {{"Name", ""}}), "INVALID_PATTERN:ID", kPattern);
  t.rejectsInput(kJuan, update, withId("rt-00000000", {{"Name", "\n"}}), "INVALID_PATTERN:NAME", kPattern);
  t.rejects(kBill, update, withId(rt, {{"Name", 7}}), "SerializationException", "", "Member 'Name' must be a string.");
  // A REQUESTED transfer can be renamed, from either side.
  CHECK(t.ok(kSusan, update, withId(rt, {{"Name", std::string(128, ' ')}}))["ResponsibilityTransfer"]["Name"] ==
        std::string(128, ' '));

  const std::string terminate = "TerminateResponsibilityTransfer";
  t.rejects(kBill, terminate, withId(rt), "InvalidResponsibilityTransferTransitionException", "", kBadTransition);
  t.handshakeCall(kSusan, "AcceptHandshake", h["Id"]);
  auto end = [&](double when) { return withId(rt, {{"EndTimestamp", when}}); };
  t.rejectsInput(kBill, terminate, end(kOct1), "END_DATE_NOT_END_OF_MONTH", kBadEnd);
  t.rejectsInput(kBill, terminate, end(kEndOfDec - 0.001), "END_DATE_NOT_END_OF_MONTH", kBadEnd);
  t.rejectsInput(kBill, terminate, end(kEndOfDec - 86400), "END_DATE_NOT_END_OF_MONTH", kBadEnd);
  t.rejectsInput(kBill, terminate, end(kEndOfDec - 60), "END_DATE_NOT_END_OF_MONTH", kBadEnd);
  t.rejectsInput(kBill, terminate, end(kEndOfAug), "END_DATE_TOO_EARLY", kBadEnd);
  t.rejectsInput(kBill, terminate, end(-1), "END_DATE_TOO_EARLY", kBadEnd);
  t.rejectsInput(kBill, terminate, end(1e15), "END_DATE_NOT_END_OF_MONTH", kBadEnd);
  t.rejectsInput(kAnna, terminate, end(kOct1), "END_DATE_NOT_END_OF_MONTH", kBadEnd);  // validation first
  t.rejects(kAnna, terminate, end(kEndOfDec), "AccessDeniedException", "", kDenied);
  t.rejects(kBill, terminate, withId(rt, {{"EndTimestamp", "2026-12-31"}}), "SerializationException", "",
            "Member 'EndTimestamp' must be a timestamp (epoch seconds).");
  // 23:59:59 is read as the last millisecond of that second.
  Json withdrawn = t.ok(kSusan, terminate, end(kEndOfDecWholeSecond))["ResponsibilityTransfer"];
  CHECK(withdrawn["Status"] == "WITHDRAWN");
  CHECK(withdrawn["EndTimestamp"] == kEndOfDec);
  CHECK(withdrawn["Arn"] == outboundArn(rt));
}

TEST_CASE("terminating without an end date ends the transfer with the current month", "[transfer]") {
  TransferWorld t;
  Json h = t.billInvitesSusan();
  std::string rt = transferIdOf(h);
  t.handshakeCall(kSusan, "AcceptHandshake", h["Id"]);
  // A transfer can be withdrawn before it starts; it then ends before it would have started.
  Json withdrawn = t.ok(kBill, "TerminateResponsibilityTransfer", withId(rt))["ResponsibilityTransfer"];
  CHECK(withdrawn["EndTimestamp"] == kEndOfSep);
  CHECK(withdrawn["StartTimestamp"] == kOct1);
  // The end of the current month is still allowed at its last millisecond.
  TransferWorld u;
  Json h2 = u.billInvitesSusan();
  u.handshakeCall(kSusan, "AcceptHandshake", h2["Id"]);
  u.setTime(kEndOfSep);
  CHECK(u.ok(kSusan, "TerminateResponsibilityTransfer",
             withId(transferIdOf(h2), {{"EndTimestamp", kEndOfSep}}))["ResponsibilityTransfer"]["Status"] ==
        "WITHDRAWN");
}

TEST_CASE("transfers survive a snapshot round trip", "[transfer]") {
  TransferWorld t;
  Json h = t.billInvitesSusan();
  std::string rt = transferIdOf(h);
  t.invite(kBill, inviteBody(party("EMAIL", "anna@example.com"), kNov1));
  t.handshakeCall(kSusan, "AcceptHandshake", h["Id"]);
  std::string world = t.exportWorld();
  Json inbound = t.inbound(kBill), outbound = t.outbound(kSusan);
  // The streamed export is exactly the canonical (sorted, compact) JSON of itself.
  Reply exported = t.raw("", "Simulator.ExportWorld", "{}");
  REQUIRE(exported.body["World"]["Transfers"].size() == 2);
  CHECK(exported.raw == exported.body.dump());

  TestWorld u(7);
  u.sim("ImportWorld", {{"World", Json::parse(world)}});
  CHECK(u.exportWorld() == world);
  CHECK(u.call(kBill, "ListInboundResponsibilityTransfers", kList).body["ResponsibilityTransfers"] == inbound);
  CHECK(u.call(kSusan, "ListOutboundResponsibilityTransfers", kList).body["ResponsibilityTransfers"] == outbound);
  // The pending one still expires on read after the import.
  u.advanceDays(16);
  CHECK(u.call(kBill, "ListInboundResponsibilityTransfers", kList).body["ResponsibilityTransfers"][1]["Status"] ==
        "EXPIRED");
}

}  // namespace transfer_test
