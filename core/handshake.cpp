#include "handshake.h"

#include <algorithm>

#include "timestamp.h"

namespace hs {

namespace {
const char* const kActionNames[] = {"INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES",
                                    "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE", "TRANSFER_RESPONSIBILITY"};
const char* const kStateNames[] = {"REQUESTED", "OPEN", "CANCELED", "ACCEPTED", "DECLINED", "EXPIRED"};

Json resourceJson(const HandshakeResource& r) {
  Json j = {{"Type", r.type}, {"Value", r.value}};
  if (!r.children.empty()) {
    Json kids = Json::array();
    for (const auto& c : r.children) kids.push_back(resourceJson(c));
    j["Resources"] = std::move(kids);
  }
  return j;
}
}  // namespace

const char* toString(Action a) { return kActionNames[static_cast<int>(a)]; }
const char* toString(HandshakeState s) { return kStateNames[static_cast<int>(s)]; }

std::optional<Action> actionFromString(const std::string& s) {
  for (int i = 0; i < 5; ++i)
    if (s == kActionNames[i]) return static_cast<Action>(i);
  return std::nullopt;
}

std::optional<HandshakeState> stateFromString(const std::string& s) {
  for (int i = 0; i < 6; ++i)
    if (s == kStateNames[i]) return static_cast<HandshakeState>(i);
  return std::nullopt;
}

const std::vector<Action>& allActions() {
  static const std::vector<Action> kAll = {Action::Invite, Action::EnableAllFeatures, Action::ApproveAllFeatures,
                                           Action::AddOrganizationsServiceLinkedRole, Action::TransferResponsibility};
  return kAll;
}

bool isTerminal(HandshakeState s) {
  return s == HandshakeState::Canceled || s == HandshakeState::Accepted || s == HandshakeState::Declined ||
         s == HandshakeState::Expired;
}

HandshakeState Handshake::stateAt(Millis now) const {
  if (!isTerminal(state) && now > expiration) return HandshakeState::Expired;
  return state;
}

Millis Handshake::endedAt(Millis now) const {
  (void)now;
  return isTerminal(state) ? ended : expiration;
}

bool Handshake::visibleAt(Millis now) const {
  return !isTerminal(stateAt(now)) || now <= endedAt(now) + kRetention;
}

std::string Handshake::arn() const {
  return "arn:aws:organizations::" + senderAccountId + ":handshake/" + organizationId + "/" +
         lowercase(toString(action)) + "/" + id;
}

Json Handshake::toJson(Millis now) const {
  Json partiesJson = Json::array();
  for (const auto& p : parties) partiesJson.push_back({{"Id", p.id}, {"Type", p.type}});
  Json resourcesJson = Json::array();
  for (const auto& r : resources) resourcesJson.push_back(resourceJson(r));
  return Json{{"Action", toString(action)},
              {"Arn", arn()},
              {"ExpirationTimestamp", timestampJson(expiration)},
              {"Id", id},
              {"Parties", std::move(partiesJson)},
              {"RequestedTimestamp", timestampJson(requested)},
              {"Resources", std::move(resourcesJson)},
              {"State", toString(stateAt(now))}};
}

std::string organizationPartyId(const std::string& organizationId) {
  return organizationId.rfind("o-", 0) == 0 ? organizationId.substr(2) : organizationId;
}

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace hs
