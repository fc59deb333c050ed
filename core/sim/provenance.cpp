#include "sim/provenance.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "wire/table.h"
#include "wire/wire.h"

namespace hs {
namespace {

constexpr const char* kSeen = "SEEN_IN_AWS";
constexpr const char* kDocumented = "DOCUMENTED";
constexpr const char* kChoice = "SIMULATOR_CHOICE";

constexpr const char* kCapture =
    "a captured real-AWS response (shared/conformance, replayed by tests/unit/capture_replay_test.cpp)";
constexpr const char* kModel =
    "the botocore model's documentation (shared/aws/organizations-2016-11-28-service-2.json)";

struct Entry {
  const char* provenance;
  const char* source;
};

Json entry(const std::string& rule, const Entry& e) {
  return Json{{"Rule", rule}, {"Provenance", e.provenance}, {"Source", e.source}};
}

// Names (an error's __type, a Reason) and where the engine's answer for each comes from.
using EntryOf = Named<Entry>;

// Errors by __type, then by the Reason before any ":FIELD" suffix.
constexpr EntryOf kErrorTypes[] = {
    {"AccessDeniedException", {kSeen, kCapture}},
    {"HandshakeNotFoundException", {kSeen, kCapture}},
    {"DuplicateHandshakeException", {kSeen, kCapture}},
    {"InvalidHandshakeTransitionException", {kSeen, kCapture}},
    {"HandshakeAlreadyInStateException", {kSeen, kCapture}},
    {"AWSOrganizationsNotInUseException",
     {kSeen,
      "public reports of real calls (nozaq/terraform-aws-secure-baseline#70, duo-labs/cloudmapper#733); "
      "docs/fidelity.md"}},
    {"AlreadyInOrganizationException",
     {kSeen, "a real acceptance run (hashicorp/terraform-provider-aws#30687); docs/fidelity.md"}},
    {"UnrecognizedClientException",
     {kSeen, "AWS's answer to an unknown access key; docs/fidelity.md (Unknown caller)"}},
    {"com.amazon.coral.service#MissingAuthenticationTokenException",
     {kSeen, "an unsigned request to AWS's JSON front end (seen on DynamoDB); docs/fidelity.md"}},
    {"FinalizingOrganizationException",
     {kSeen, "a real run right after CreateOrganization (hashicorp/terraform#13831); opt-in setting"}},
    {"OperationNotSimulatedException", {kChoice, "docs/wire-api.md: an AWS operation outside this simulation"}},
    {"UnknownOperationException", {kChoice, "docs/wire-api.md: a target that is not an AWS Organizations operation"}},
    {"SerializationException", {kChoice, "docs/fidelity.md (Empty request body; the engine's own messages)"}},
    {"RequestEntityTooLargeException", {kChoice, "docs/fidelity.md (Request size)"}},
    {"ServiceException", {kChoice, "an internal failure (a bug)"}},
};

constexpr EntryOf kReasons[] = {
    {"INPUT_REQUIRED", {kSeen, kCapture}},
    {"INVALID_PATTERN", {kSeen, kCapture}},
    {"INVALID_PARTY_TYPE_TARGET", {kSeen, kCapture}},
    {"INVALID_EMAIL_ADDRESS_TARGET", {kSeen, kCapture}},
    {"MAX_LENGTH_EXCEEDED", {kSeen, kCapture}},
    {"DUPLICATE_TAG_KEY", {kSeen, kCapture}},
    {"MAX_LIMIT_EXCEEDED_FILTER", {kSeen, kCapture}},
    {"INVALID_ENUM", {kSeen, kCapture}},
    {"INVALID_NEXT_TOKEN", {kSeen, kCapture}},
    {"ALREADY_IN_AN_ORGANIZATION", {kSeen, kCapture}},
    {"ORGANIZATION_ALREADY_HAS_ALL_FEATURES", {kSeen, kCapture}},
    {"ACCOUNT_NUMBER_LIMIT_EXCEEDED", {kSeen, "a real error report (GH-12); docs/fidelity.md (Account quota)"}},
};

// Successes: the response shape of each operation.
constexpr std::string_view kCaptured[] = {"InviteAccountToOrganization",
                                          "AcceptHandshake",
                                          "DeclineHandshake",
                                          "CancelHandshake",
                                          "DescribeHandshake",
                                          "ListHandshakesForAccount",
                                          "ListHandshakesForOrganization"};
constexpr std::string_view kNoOutput[] = {"DeleteOrganization", "LeaveOrganization", "RemoveAccountFromOrganization",
                                          "TagResource", "UntagResource"};
constexpr std::string_view kTransfers[] = {"InviteOrganizationToTransferResponsibility",
                                           "ListInboundResponsibilityTransfers",
                                           "ListOutboundResponsibilityTransfers",
                                           "DescribeResponsibilityTransfer",
                                           "UpdateResponsibilityTransfer",
                                           "TerminateResponsibilityTransfer"};

template <std::size_t N>
bool namesOperation(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

Entry success(const std::string& operation) {
  if (namesOperation(kCaptured, operation)) return {kSeen, kCapture};
  if (namesOperation(kNoOutput, operation))
    return {kSeen, "an empty 200 body, as a real 2019 log cited by issue 12 shows (not re-located); docs/fidelity.md"};
  if (namesOperation(kTransfers, operation))
    return {kChoice, "docs/fidelity.md (Responsibility transfers: no response was ever captured)"};
  if (operation == "CreateAccount" || operation == "DescribeCreateAccountStatus" ||
      operation == "ListCreateAccountStatus")
    return {kDocumented, "the botocore model and its examples; the 60-second delay is docs/fidelity.md's choice"};
  return {kDocumented, "the botocore model and its examples (shared/aws/organizations-2016-11-28-examples-1.json)"};
}

}  // namespace

Json provenanceOf(const std::string& target, int status, const std::string& body) {
  const std::string_view name = awsOperationName(target);
  const std::string operation(name.empty() ? std::string_view(target) : name);  // a Simulator target as it is
  if (status == 200) return entry(operation + " succeeded", success(operation));
  Json j = parseJson(body);
  std::string type = j.is_object() ? j.value("__type", "") : "";
  std::string reason = j.is_object() ? j.value("Reason", "") : "";
  std::string rule = type + (reason.empty() ? "" : " " + reason);
  if (!reason.empty()) {
    std::string base = reason.substr(0, reason.find(':'));
    // (A ":FIELD" suffix was seen only for some fields; for the others it is the engine's analogy.)
    if (const Entry* r = lookup(kReasons, base)) return entry(rule, *r);
    return entry(rule, {kDocumented, kModel});
  }
  if (const Entry* t = lookup(kErrorTypes, type)) return entry(rule, *t);
  return entry(rule, {kDocumented, kModel});
}

}  // namespace hs
