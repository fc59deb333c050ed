// The Organization and Account shapes as AWS returns them.
#pragma once
#include "model/world.h"
#include "wire/json.h"

namespace hs {

Json organizationJson(const World& w, const Organization& org);
Json accountJson(const World& w, const Account& a);  // a member account (Arn and Paths name its organization)
std::string accountArn(const Organization& org, const std::string& accountId);
Json rootJson(const Organization& org);  // the Root shape: Id, Arn, Name "Root", PolicyTypes

}  // namespace hs
