// The AWS errors the engine returns, with their exact wire messages.
// Messages marked CAP were captured from real AWS; the others are the model's documentation text.
#pragma once
#include <string>
#include <string_view>

#include "wire/result.h"

namespace hs::err {

// InvalidInputException. `reason` may carry a ":FIELD" suffix (AWS-observed, e.g.
// "INVALID_PATTERN:HANDSHAKE_ID"); the message depends on the reason before the suffix.
AwsError invalidInput(std::string_view reason);

AwsError serialization(std::string_view message);
AwsError unknownOperation(const std::string& target);
AwsError unrecognizedClient();

AwsError accessDenied();        // CAP
AwsError notInUse();            // AWSOrganizationsNotInUseException
AwsError handshakeNotFound();   // CAP
AwsError duplicateHandshake();  // CAP
AwsError invalidTransition();   // CAP
AwsError alreadyInState();      // CAP
AwsError handshakeConstraint(std::string_view reason);
AwsError constraint(std::string_view reason);
AwsError accountNotFound();
AwsError alreadyInOrganization();
AwsError masterCannotLeave();
AwsError organizationNotEmpty();
AwsError transferNotFound();
AwsError transferAlreadyInStatus();
AwsError invalidTransferTransition();
AwsError finalizingOrganization();
AwsError parentNotFound();
AwsError childNotFound();
AwsError targetNotFound();
AwsError createAccountStatusNotFound();  // seen in a real run (hashicorp/terraform#13831)
// An operation of the AWS model that this engine does not simulate (not an AWS error: docs/wire-api.md).
AwsError notSimulated(const std::string& operation);

// Errors of the Simulator.* controls (not AWS operations).
AwsError simulator(const char* type, std::string_view message);

}  // namespace hs::err
