// A handshake: the stored record, and its AWS JSON form.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.h"
#include "wire/json.h"
#include "wire/json_writer.h"

namespace hs {

enum class Action {
  Invite,
  EnableAllFeatures,
  ApproveAllFeatures,
  AddOrganizationsServiceLinkedRole,
  TransferResponsibility
};
constexpr int kActionCount = 5;
enum class HandshakeState { Requested, Open, Canceled, Accepted, Declined, Expired };
constexpr int kHandshakeStateCount = 6;

const char* toString(Action a);
const char* toString(HandshakeState s);
std::optional<Action> actionFromString(const std::string& s);
std::optional<HandshakeState> stateFromString(const std::string& s);
bool isTerminal(HandshakeState s);

// AWS keeps terminal handshakes visible for 30 days (BC Handshake docs; UG quotas page).
constexpr Millis kRetention = 30 * kDay;
// Lifetimes (the lifecycle table gives each action its own): invitations 15 days (AWS-observed:
// Expiration - Requested = 1,296,000 s); the all-features request 90 days (UG quotas page).
constexpr Millis kInviteLifetime = 15 * kDay;
constexpr Millis kAllFeaturesLifetime = 90 * kDay;

struct HandshakeParty {
  std::string id;
  std::string type;  // ACCOUNT | ORGANIZATION | EMAIL
};

struct HandshakeResource {
  std::string type;
  std::string value;
  std::vector<HandshakeResource> children;
};

struct Handshake {
  std::uint64_t seq = 0;  // creation order; the key lists page by
  std::string id;
  Action action = Action::Invite;
  std::string organizationId;   // the sending organization
  std::string senderAccountId;  // its management account when sent
  std::vector<HandshakeParty> parties;
  std::vector<HandshakeResource> resources;
  // Written only by Lifecycle::fire (and create, and snapshot import); expiry is applied on read.
  HandshakeState state = HandshakeState::Open;
  Millis requested = 0;
  Millis expiration = 0;
  Millis ended = 0;                // when Lifecycle::fire made it terminal (0 while not)
  std::string parentId;            // APPROVE_ALL_FEATURES / ADD_..._ROLE children: the parent's id
  std::string recipientAccountId;  // who may accept: target account, member, or the acceptor once accepted
  std::string recipientEmail;      // EMAIL targets: the root email the recipient must have
  std::string transferId;          // TRANSFER_RESPONSIBILITY: the transfer it proposes
  Json tags = Json::array();       // invite tags, staged (AWS applies them on acceptance, never echoes them)

  // The state AWS reports at `now`: a live handshake past its expiration reads as EXPIRED.
  HandshakeState stateAt(Millis now) const;
  // When it ended, for retention: when it became terminal, else its expiration (when it will end
  // unless something moves it first).
  Millis endedAt() const;
  // Terminal handshakes disappear 30 days after they end.
  bool visibleAt(Millis now) const;

  Json toJson(Millis now) const;                  // the Handshake shape exactly as AWS returns it
  void write(JsonWriter& out, Millis now) const;  // the same, streamed (the hot path)
  std::string arn() const;
  // The ARN in pieces, for writing it without building it: arn:aws:organizations::<sender account>:handshake/
  // <organization id>/<action, lower case>/<handshake id> (the form of AWS's examples). The pieces point into
  // this handshake and into static text; valid while it is.
  std::array<std::string_view, 8> arnParts() const;
};

// "o-exampleorgid" -> "exampleorgid": AWS-observed form of the ORGANIZATION party id.
std::string organizationPartyId(const std::string& organizationId);
// {"Handshake": <h>} serialized: the response of Invite, Accept, Decline, Cancel, Describe, EnableAllFeatures.
std::string handshakeResponse(const Handshake& h, Millis now);

}  // namespace hs
