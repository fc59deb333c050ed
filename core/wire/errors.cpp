#include "wire/errors.h"

#include "wire/table.h"

namespace hs::err {
namespace {

AwsError make(const char* type, std::string message, std::string reason = "") {
  return AwsError{type, std::move(message), std::move(reason), 400};
}

// Reasons and the message AWS gives with each.
using ReasonMessage = Named<const char*>;

// The message of `reason` in `table`, else `otherwise`.
template <std::size_t N>
const char* messageOf(const ReasonMessage (&table)[N], std::string_view reason, const char* otherwise) {
  const char* const* message = lookup(table, reason);
  return message ? *message : otherwise;
}

}  // namespace

AwsError invalidInput(std::string_view reason) {
  static constexpr ReasonMessage kMessages[] = {
      {"INPUT_REQUIRED", "You must provide a value for the parameter."},                                          // CAP
      {"INVALID_PATTERN", "You provided a value that does not match the required pattern."},                      // CAP
      {"INVALID_PARTY_TYPE_TARGET", "You specified an invalid party type as the target parameter."},              // CAP
      {"INVALID_EMAIL_ADDRESS_TARGET", "You specified an invalid email address for the invited account owner."},  // CAP
      {"MAX_LENGTH_EXCEEDED", "You provided a string that exceeds that maximum length."},                         // CAP
      {"MIN_LENGTH_EXCEEDED", "You provided a string parameter that is shorter than allowed."},
      {"MAX_VALUE_EXCEEDED", "You provided a numeric parameter that has a larger value than allowed."},
      {"MIN_VALUE_EXCEEDED", "You provided a numeric parameter that has a smaller value than allowed."},
      {"DUPLICATE_TAG_KEY", "Your request includes duplicate tag keys."},  // CAP
      {"INVALID_SYSTEM_TAGS_PARAMETER",
       "You specified a tag key that is a system tag. You can’t add, edit, or delete system tag keys because "
       "they're reserved for Amazon Web Services use. System tags don’t count against your tags per resource limit."},
      {"MAX_LIMIT_EXCEEDED_FILTER", "You specified too many filter parameters."},  // CAP
      {"INVALID_ENUM", "You specified an invalid value."},                         // CAP
      {"INVALID_NEXT_TOKEN",
       "You specified an invalid value for nextToken. You must get the value from the response to a "
       "previous call to the API."},  // CAP
      {"START_DATE_NOT_BEGINNING_OF_DAY", "You provided an invalid start date."},
      {"START_DATE_NOT_BEGINNING_OF_MONTH", "You provided an invalid start date."},
      {"START_DATE_TOO_EARLY", "You provided an invalid start date."},
      {"START_DATE_TOO_LATE", "You provided an invalid start date."},
      {"INVALID_START_DATE", "The start date doesn't meet the minimum requirements."},
      {"END_DATE_NOT_END_OF_MONTH", "You provided an invalid end date."},
      {"END_DATE_TOO_EARLY", "You provided an invalid end date."},
      {"INVALID_END_DATE", "The selected withdrawal date doesn't meet the terms of your partner agreement."},
      {"UNSUPPORTED_ACTION_IN_RESPONSIBILITY_TRANSFER",
       "You provided a value that is not supported by this operation."},
  };
  const std::string_view base = reason.substr(0, reason.find(':'));  // the message depends on it alone
  return make("InvalidInputException", messageOf(kMessages, base, "You provided an invalid value."),
              std::string(reason));
}

AwsError serialization(std::string_view message) { return make("SerializationException", std::string(message)); }

AwsError unknownOperation(const std::string& target) {
  std::string shown = target.size() > 128 ? target.substr(0, 128) + "..." : target;
  return make("UnknownOperationException", "The operation '" + shown + "' is not supported by this service.");
}

AwsError unrecognizedClient() {
  return make("UnrecognizedClientException", "The security token included in the request is invalid.");
}

AwsError accessDenied() { return make("AccessDeniedException", "You don't have permissions to access this resource."); }

AwsError notInUse() {
  // Seen in real AWS (HTTP 400) for DescribeOrganization and ListAccounts: nozaq/terraform-aws-secure-baseline#70,
  // duo-labs/cloudmapper#733 (docs/fidelity.md, "Fidelity fixes").
  return make("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
}

AwsError handshakeNotFound() {
  return make("HandshakeNotFoundException", "You specified a handshake that doesn't exist.");
}

AwsError duplicateHandshake() {
  return make("DuplicateHandshakeException",
              "A handshake with the specified type and parameters already exists for the given parties.");
}

AwsError invalidTransition() {
  return make("InvalidHandshakeTransitionException",
              "You cannot perform this operation on a handshake in its current state, such as attempting to cancel "
              "a handshake that was previously accepted or attempting to accept a handshake that was declined.");
}

AwsError alreadyInState() {
  return make("HandshakeAlreadyInStateException", "The handshake is already in the requested state.");
}

AwsError handshakeConstraint(std::string_view reason) {
  static constexpr ReasonMessage kMessages[] = {
      {"ALREADY_IN_AN_ORGANIZATION", "The AWS account is already a member of an organization."},            // CAP
      {"ORGANIZATION_ALREADY_HAS_ALL_FEATURES", "All features are already enabled on this organization."},  // CAP-F
      {"ACCOUNT_NUMBER_LIMIT_EXCEEDED",
       "You have exceeded the allowed number of AWS accounts"},  // seen in a real report
      {"HANDSHAKE_RATE_LIMIT_EXCEEDED",
       "You attempted to exceed the number of handshakes that you can send in one day."},
      {"ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION",
       "The handshake request is invalid because the organization has already started the process to enable all "
       "features."},
      {"INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES",
       "You can't issue new invitations to join an organization while it's in the process of enabling all features. "
       "You can resume inviting accounts after you finalize the process when all accounts have agreed to the change."},
      {"RESPONSIBILITY_TRANSFER_ALREADY_EXISTS", "You cannot perform this operation with the current transfer."},
      {"SOURCE_AND_TARGET_CANNOT_MATCH",
       "An account can't accept a transfer invitation if it is both the sender and recipient of the invitation."},
  };
  return make("HandshakeConstraintViolationException",
              messageOf(kMessages, reason, "The requested operation would violate a handshake constraint."),
              std::string(reason));
}

AwsError constraint(std::string_view reason) {
  static constexpr ReasonMessage kMessages[] = {
      {"WAIT_PERIOD_ACTIVE",
       "After you create an Amazon Web Services account, you must wait until at least four days after the account "
       "was created."},
      {"ACCOUNT_CANNOT_LEAVE_ORGANIZATION", "You attempted to remove the management account from the organization."},
      {"ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS",
       "You cannot delete organization due to an ongoing responsibility transfer process."},
      {"MAX_TAG_LIMIT_EXCEEDED", "You have exceeded the number of tags allowed on this resource."},
      {"RESPONSIBILITY_TRANSFER_MAX_LEVEL_VIOLATION", "You have exceeded the maximum length of your transfer chain."},
      {"ALL_FEATURES_MIGRATION_ORGANIZATION_SIZE_LIMIT_EXCEEDED",
       "Your organization has more than 5000 accounts, and you can only use the standard migration process for "
       "organizations with less than 5000 accounts."},
  };
  return make("ConstraintViolationException",
              messageOf(kMessages, reason, "The requested operation would violate a constraint."), std::string(reason));
}

AwsError accountNotFound() { return make("AccountNotFoundException", "You specified an account that doesn't exist."); }

AwsError alreadyInOrganization() {
  // Seen in real AWS: hashicorp/terraform-provider-aws#30687 (CreateOrganization in an acceptance run); the same
  // sentence as the captured ALREADY_IN_AN_ORGANIZATION reason.
  return make("AlreadyInOrganizationException", "The AWS account is already a member of an organization.");
}

AwsError masterCannotLeave() {
  return make("MasterCannotLeaveOrganizationException",
              "You can't remove a management account from an organization. If you want the management account to "
              "become a member account in another organization, you must first delete the current organization of "
              "the management account.");
}

AwsError organizationNotEmpty() {
  return make("OrganizationNotEmptyException",
              "The organization isn't empty. To delete an organization, you must first remove all accounts except "
              "the management account.");
}

AwsError transferNotFound() {
  return make("ResponsibilityTransferNotFoundException", "We can't find a transfer that you specified.");
}

AwsError transferAlreadyInStatus() {
  return make("ResponsibilityTransferAlreadyInStatusException",
              "The responsibility transfer is already in the status that you specified.");
}

AwsError invalidTransferTransition() {
  return make("InvalidResponsibilityTransferTransitionException",
              "The responsibility transfer can't transition to the requested state because it's not in a valid state "
              "for this operation.");
}

AwsError finalizingOrganization() {
  // Documented text (the model's FinalizingOrganizationException); seen in a real run quoted in
  // hashicorp/terraform#13831 (2017).
  return make("FinalizingOrganizationException",
              "AWS Organizations could not finalize the creation of your organization. Try again later. If this "
              "persists, contact AWS customer support.");
}

// The model's documentation text (no real message known).
AwsError parentNotFound() {
  return make("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
}
AwsError childNotFound() {
  return make("ChildNotFoundException",
              "We can't find an organizational unit (OU) or Amazon Web Services account with the ChildId that you "
              "specified.");
}
AwsError targetNotFound() {
  return make("TargetNotFoundException",
              "We can't find a root, OU, account, or policy with the TargetId that you specified.");
}
AwsError createAccountStatusNotFound() {
  return make("CreateAccountStatusNotFoundException",
              "We can't find an create account request with the CreateAccountRequestId that you specified.");
}

AwsError notSimulated(const std::string& operation) {
  return make("OperationNotSimulatedException",
              "The operation '" + operation + "' exists in AWS Organizations but is outside this simulation.");
}

AwsError simulator(const char* type, std::string_view message) { return make(type, std::string(message)); }

}  // namespace hs::err
