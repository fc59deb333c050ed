#include "model/handshake.h"

#include <algorithm>
#include <iterator>

#include "model/timestamp.h"
#include "wire/text.h"

namespace hs {

namespace {
const char* const kActionNames[] = {"INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES",
                                    "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE", "TRANSFER_RESPONSIBILITY"};
const char* const kStateNames[] = {"REQUESTED", "OPEN", "CANCELED", "ACCEPTED", "DECLINED", "EXPIRED"};
static_assert(std::size(kActionNames) == kActionCount, "a wire name per Action");
static_assert(std::size(kStateNames) == kHandshakeStateCount, "a wire name per HandshakeState");

// The action as a handshake's ARN spells it (".../invite/h-..."): its wire name in lower case, written out
// rather than derived at start (that cost 0.26 KB gzip of the wasm module); tests/unit/json_writer_test.cpp
// holds each to lowercase(toString(action)).
const char* const kActionArnNames[] = {"invite", "enable_all_features", "approve_all_features",
                                       "add_organizations_service_linked_role", "transfer_responsibility"};
static_assert(std::size(kActionArnNames) == kActionCount, "an ARN name per Action");
std::string_view arnActionName(Action a) { return kActionArnNames[static_cast<int>(a)]; }

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
  for (int i = 0; i < kActionCount; ++i)
    if (s == kActionNames[i]) return static_cast<Action>(i);
  return std::nullopt;
}

std::optional<HandshakeState> stateFromString(const std::string& s) {
  for (int i = 0; i < kHandshakeStateCount; ++i)
    if (s == kStateNames[i]) return static_cast<HandshakeState>(i);
  return std::nullopt;
}

bool isTerminal(HandshakeState s) {
  return s == HandshakeState::Canceled || s == HandshakeState::Accepted || s == HandshakeState::Declined ||
         s == HandshakeState::Expired;
}

HandshakeState Handshake::stateAt(Millis now) const {
  if (!isTerminal(state) && now > expiration) return HandshakeState::Expired;
  return state;
}

Millis Handshake::endedAt() const { return isTerminal(state) ? ended : expiration; }

bool Handshake::visibleAt(Millis now) const { return !isTerminal(stateAt(now)) || now <= endedAt() + kRetention; }

std::array<std::string_view, 8> Handshake::arnParts() const {
  return {
      "arn:aws:organizations::", senderAccountId, ":handshake/", organizationId, "/", arnActionName(action), "/", id};
}

std::string Handshake::arn() const {
  std::string text;
  for (std::string_view part : arnParts()) text += part;
  return text;
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

namespace {
void writeResource(JsonWriter& out, const HandshakeResource& r) {
  out.beginObject();
  if (!r.children.empty()) {
    out.key("Resources").beginArray();
    for (const auto& c : r.children) writeResource(out, c);
    out.endArray();
  }
  out.key("Type").string(r.type).key("Value").string(r.value).endObject();
}
}  // namespace

void Handshake::write(JsonWriter& out, Millis now) const {
  // Keys in sorted order, as dumpJson(toJson(now)) writes them.
  out.beginObject().key("Action").string(toString(action)).key("Arn").string(arnParts());
  out.key("ExpirationTimestamp").timestamp(expiration).key("Id").string(id);
  out.key("Parties").beginArray();
  for (const auto& p : parties) out.beginObject().key("Id").string(p.id).key("Type").string(p.type).endObject();
  out.endArray().key("RequestedTimestamp").timestamp(requested).key("Resources").beginArray();
  for (const auto& r : resources) writeResource(out, r);
  out.endArray().key("State").string(toString(stateAt(now))).endObject();
}

std::string handshakeResponse(const Handshake& h, Millis now) {
  JsonWriter out;
  out.beginObject().key("Handshake");
  h.write(out, now);
  out.endObject();
  return out.take();
}

std::string organizationPartyId(const std::string& organizationId) {
  return startsWith(organizationId, "o-") ? organizationId.substr(2) : organizationId;
}

}  // namespace hs
