// The small fixed world both fuzz targets start from, built through the wire: Bill 111111111111 manages
// o-exampleorgid (ALL) with Ana (INVITED) and Ben (CREATED); Susan and Juan are standalone; Carol manages
// o-secondorgid1 (CONSOLIDATED_BILLING) with Dan. Each target adds its own calls after these.
#pragma once

#include <cstddef>
#include <string>

#include "wire/json.h"

namespace hs_fuzz {

inline const char* const kSetup[][2] = {
    {"Simulator.SetTime", R"({"Timestamp":1789271046.11})"},
    {"Simulator.CreateAccount", R"({"Id":"111111111111","Name":"Bill","Email":"bill@example.com"})"},
    {"Simulator.CreateOrganization", R"({"ManagementAccountId":"111111111111","Id":"o-exampleorgid"})"},
    {"Simulator.CreateAccount", R"({"Id":"222222222222","Name":"Susan","Email":"susan@example.com"})"},
    {"Simulator.CreateAccount", R"({"Id":"333333333333","Name":"Ana","Email":"ana@example.com"})"},
    {"Simulator.JoinOrganization", R"({"AccountId":"333333333333","OrganizationId":"o-exampleorgid"})"},
    {"Simulator.CreateAccount", R"({"Id":"444444444444","Name":"Ben","Email":"ben@example.com"})"},
    {"Simulator.JoinOrganization",
     R"({"AccountId":"444444444444","OrganizationId":"o-exampleorgid","JoinedMethod":"CREATED"})"},
    {"Simulator.CreateAccount", R"({"Id":"555555555555","Name":"Juan","Email":"juan@example.com"})"},
    {"Simulator.CreateAccount", R"({"Id":"666666666666","Name":"Carol","Email":"carol@example.com"})"},
    {"Simulator.CreateOrganization",
     R"({"ManagementAccountId":"666666666666","Id":"o-secondorgid1","FeatureSet":"CONSOLIDATED_BILLING"})"},
    {"Simulator.CreateAccount", R"({"Id":"777777777777","Name":"Dan","Email":"dan@example.com"})"},
    {"Simulator.JoinOrganization", R"({"AccountId":"777777777777","OrganizationId":"o-secondorgid1"})"},
};

// The only change a refused call may make: AcceptHandshake -> ALREADY_IN_AN_ORGANIZATION consumes the
// handshake (AWS-observed). Given two exports and the request body, true when everything but that one
// handshake's record is unchanged and it went from OPEN to ACCEPTED.
inline bool onlyConsumed(const std::string& before, const std::string& after, const std::string& body) {
  hs::Json b = hs::Json::parse(before, nullptr, false), a = hs::Json::parse(after, nullptr, false);
  hs::Json in = hs::Json::parse(body, nullptr, false);
  if (b.is_discarded() || a.is_discarded() || !in.is_object() || !in.contains("HandshakeId")) return false;
  const hs::Json& id = in["HandshakeId"];
  hs::Json& bh = b["World"]["Handshakes"];
  hs::Json& ah = a["World"]["Handshakes"];
  if (!bh.is_array() || !ah.is_array() || bh.size() != ah.size()) return false;
  for (size_t i = 0; i < bh.size(); ++i) {
    if (bh[i].value("Id", "") != id) continue;
    if (ah[i].value("Id", "") != id || ah[i].value("State", "") != "ACCEPTED" || bh[i].value("State", "") != "OPEN")
      return false;
    bh[i] = nullptr;
    ah[i] = nullptr;
  }
  return a == b;
}

}  // namespace hs_fuzz
