#include "simulator_controls.h"

#include <cmath>
#include <cstring>
#include <map>

#include "errors.h"
#include "json_writer.h"
#include "operations.h"
#include "organization_view.h"
#include "provenance.h"
#include "request.h"
#include "snapshot.h"
#include "timestamp.h"
#include "transfer_view.h"
#include "wire.h"
#include "world.h"

namespace hs {
namespace {

AwsError invalid(const std::string& reason) { return err::invalidInput(reason); }

// A required string member, or INPUT_REQUIRED / a type error naming it.
Result<std::string> needString(const Json& in, const char* name, const char* field) {
  auto it = in.find(name);
  if (it == in.end() || it->is_null()) return invalid(std::string("INPUT_REQUIRED:") + field);
  if (!it->is_string()) return err::serialization(std::string("Member '") + name + "' must be a string.");
  return it->get<std::string>();
}

Result<std::optional<std::string>> maybeString(const Json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return err::serialization(std::string("Member '") + name + "' must be a string.");
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace

WireResponse SimulatorControls::handle(const std::string& control, const std::string& body) {
  using Control = Result<Body> (SimulatorControls::*)(const Json&);
  static const std::map<std::string, Control> kControls = {
      {"CreateAccount", &SimulatorControls::createAccount},
      {"CreateOrganization", &SimulatorControls::createOrganization},
      {"JoinOrganization", &SimulatorControls::joinOrganization},
      {"SetTime", &SimulatorControls::setTime},
      {"AdvanceTime", &SimulatorControls::advanceTime},
      {"Reset", &SimulatorControls::reset},
      {"ExportWorld", &SimulatorControls::exportWorld},
      {"ImportWorld", &SimulatorControls::importWorld},
      {"DescribeWorld", &SimulatorControls::describeWorld},
      {"DescribeLifecycle", &SimulatorControls::describeLifecycle},
      {"DescribeOperations", &SimulatorControls::describeOperations},
      {"DryRun", &SimulatorControls::dryRun},
      {"ExplainResponse", &SimulatorControls::explainResponse},
      {"SetSettings", &SimulatorControls::setSettings},
  };
  auto it = kControls.find(control);
  if (it == kControls.end()) return errorResponse(err::unknownOperation(std::string(kSimulatorTargetPrefix) + control));
  auto parsed = parseBody(body);
  if (!parsed.ok()) return errorResponse(parsed.error());
  Result<Body> out = (this->*(it->second))(parsed.value());
  if (!out.ok()) return errorResponse(out.error());
  return WireResponse{200, std::move(out).value().text};
}

Result<Body> SimulatorControls::exportWorld(const Json&) {
  JsonWriter out(256 + 800 * engine_.world().handshakes.size());
  out.beginObject().key("World");
  writeWorld(out, engine_.world());
  out.endObject();
  return Body::raw(out.take());
}

Result<Body> SimulatorControls::createAccount(const Json& in) {
  World& w = engine_.world();
  auto name = needString(in, "Name", "NAME");
  HS_TRY(name);
  auto email = needString(in, "Email", "EMAIL");
  HS_TRY(email);
  auto id = maybeString(in, "Id");
  HS_TRY(id);
  if (awsLength(name.value()) < 1) return invalid("MIN_LENGTH_EXCEEDED:NAME");
  if (awsLength(name.value()) > 128) return invalid("MAX_LENGTH_EXCEEDED:NAME");
  if (!isEmail(email.value())) return invalid("INVALID_PATTERN:EMAIL");
  if (id.value() && !isAccountId(*id.value())) return invalid("INVALID_PATTERN:ID");
  if (id.value() && w.findAccount(*id.value()))
    return err::simulator("DuplicateAccountException", "An account with Id " + *id.value() + " already exists.");
  if (w.findAccountByEmail(email.value()))
    return err::simulator("DuplicateAccountException", "An account with that Email already exists.");
  Account a;
  a.id = id.value() ? *id.value() : w.ids.accountId();
  while (w.findAccount(a.id)) a.id = w.ids.accountId();
  a.name = name.value();
  a.email = email.value();
  a.created = w.now();
  const Account& stored = w.addAccount(std::move(a));
  return Json{{"Account", {{"Id", stored.id}, {"Name", stored.name}, {"Email", stored.email}}}};
}

Result<Body> SimulatorControls::createOrganization(const Json& in) {
  World& w = engine_.world();
  auto mgmt = needString(in, "ManagementAccountId", "MANAGEMENT_ACCOUNT_ID");
  HS_TRY(mgmt);
  auto featureSet = maybeString(in, "FeatureSet");
  HS_TRY(featureSet);
  auto id = maybeString(in, "Id");
  HS_TRY(id);
  std::string fs = featureSet.value().value_or("ALL");
  if (fs != "ALL" && fs != "CONSOLIDATED_BILLING") return invalid("INVALID_ENUM:FEATURE_SET");
  if (id.value() && !isOrganizationId(*id.value())) return invalid("INVALID_PATTERN:ID");
  Account* a = w.findAccount(mgmt.value());
  if (!a) return err::accountNotFound();
  if (!a->standalone()) return err::alreadyInOrganization();
  if (id.value() && w.findOrganization(*id.value()))
    return err::simulator("DuplicateOrganizationException",
                          "An organization with Id " + *id.value() + " already exists.");
  Organization org;
  org.id = id.value() ? *id.value() : w.ids.organizationId();
  while (!id.value() && w.findOrganization(org.id)) org.id = w.ids.organizationId();
  org.rootId = w.ids.rootId();
  org.featureSet = fs;
  org.scpEnabled = fs == "ALL";
  org.managementAccountId = a->id;
  org.created = w.now();
  Organization& stored = w.organizations[org.id] = org;
  w.joinOrganization(*a, stored, "INVITED");
  return Json{{"Organization", organizationJson(w, stored)}};
}

Result<Body> SimulatorControls::joinOrganization(const Json& in) {
  World& w = engine_.world();
  auto accountId = needString(in, "AccountId", "ACCOUNT_ID");
  HS_TRY(accountId);
  auto orgId = needString(in, "OrganizationId", "ORGANIZATION_ID");
  HS_TRY(orgId);
  auto method = maybeString(in, "JoinedMethod");
  HS_TRY(method);
  std::string how = method.value().value_or("INVITED");
  if (how != "INVITED" && how != "CREATED") return invalid("INVALID_ENUM:JOINED_METHOD");
  Account* a = w.findAccount(accountId.value());
  if (!a) return err::accountNotFound();
  Organization* org = w.findOrganization(orgId.value());
  if (!org) return err::simulator("OrganizationNotFoundException", "No organization has Id " + orgId.value() + ".");
  if (!a->standalone()) return err::alreadyInOrganization();
  if (static_cast<int>(org->memberIds.size()) + w.liveInvitations(org->id) >= w.settings.accountLimit)
    return err::constraint("ACCOUNT_NUMBER_LIMIT_EXCEEDED");
  w.resourceTags.erase(a->id);
  w.joinOrganization(*a, *org, how);
  return Json{{"Account", accountJson(w, *a)}};
}

Result<Body> SimulatorControls::setTime(const Json& in) {
  auto it = in.find("Timestamp");
  if (it == in.end() || it->is_null()) return invalid("INPUT_REQUIRED:TIMESTAMP");
  auto t = millisFromJson(*it);
  if (!t)
    return it->is_number() ? invalid("INVALID_PATTERN:TIMESTAMP")
                           : err::serialization("Member 'Timestamp' must be a timestamp (epoch seconds).");
  // Time only moves forward: expiry and retention are computed from it, and what has expired stays expired.
  if (*t < engine_.clock().now())
    return err::simulator("InvalidInputException",
                          "The simulated clock cannot move backwards; use Simulator.Reset to start over.");
  engine_.clock().set(*t);
  return Json{{"Now", timestampJson(engine_.clock().now())}};
}

Result<Body> SimulatorControls::advanceTime(const Json& in) {
  auto it = in.find("Seconds");
  if (it == in.end() || it->is_null()) return invalid("INPUT_REQUIRED:SECONDS");
  if (!it->is_number()) return err::serialization("Member 'Seconds' must be a number.");
  double s = it->get<double>();
  if (!std::isfinite(s) || s < 0 || s > 1e10) return invalid("INVALID_PATTERN:SECONDS");
  const Millis step = static_cast<Millis>(std::llround(s * 1000.0));
  if (step > kLatestTime - engine_.clock().now())
    return err::simulator("InvalidInputException", "The simulated clock cannot move past 9999-12-31T23:59:59.999Z.");
  engine_.clock().advance(step);
  return Json{{"Now", timestampJson(engine_.clock().now())}};
}

Result<Body> SimulatorControls::reset(const Json& in) {
  std::uint64_t seed = 0;
  auto it = in.find("Seed");
  if (it != in.end() && !it->is_null()) {
    if (!it->is_number_integer() ||
        (it->is_number_integer() && !it->is_number_unsigned() && it->get<std::int64_t>() < 0))
      return err::serialization("Member 'Seed' must be a non-negative integer.");
    seed = it->get<std::uint64_t>();
  }
  engine_.clock().set(kDefaultStart);
  engine_.world_ = std::make_unique<World>(&engine_.clock(), seed);
  return Json::object();
}

Result<Body> SimulatorControls::importWorld(const Json& in) {
  auto it = in.find("World");
  if (it == in.end() || it->is_null()) return invalid("INPUT_REQUIRED:WORLD");
  Millis now = 0;
  auto imported = hs::importWorld(*it, &engine_.clock(), now);
  HS_TRY(imported);
  engine_.clock().set(now);
  engine_.world_ = std::move(imported.value());
  return Json::object();
}

Result<Body> SimulatorControls::describeWorld(const Json&) {
  World& w = engine_.world();
  const Millis now = w.now();
  // Streamed (the page asks after every call): keys in sorted order, exactly as dumpJson would write them.
  JsonWriter out(1024 + 800 * w.handshakes.size());
  out.beginObject().key("Accounts").beginArray();
  for (const auto& [id, a] : w.accounts) {
    const Organization* org = w.findOrganization(a.organizationId);
    out.beginObject().key("Email").string(a.email).key("Id").string(id).key("Name").string(a.name);
    out.key("OrganizationId");
    org ? out.string(org->id) : out.raw("null");
    out.key("Role").string(!org ? "STANDALONE" : org->managedBy(id) ? "MANAGEMENT" : "MEMBER").endObject();
  }
  out.endArray().key("Handshakes").beginArray();
  for (const auto& [seq, h] : w.handshakes)
    if (h.visibleAt(now)) h.write(out, now);
  out.endArray().key("Now").timestamp(now).key("Organizations").beginArray();
  for (const auto& [id, o] : w.organizations) {
    const Handshake* pending = o.allFeaturesHandshakeId.empty() ? nullptr : w.findHandshake(o.allFeaturesHandshakeId);
    if (pending && isTerminal(pending->stateAt(now))) pending = nullptr;
    out.beginObject().key("FeatureSet").string(o.featureSet).key("Id").string(id);
    out.key("ManagementAccountId").string(o.managementAccountId).key("MemberAccountIds").beginArray();
    for (const auto& m : o.memberIds) out.string(m);
    out.endArray().key("PendingAllFeaturesHandshakeId");
    pending ? out.string(pending->id) : out.raw("null");
    out.endObject();
  }
  out.endArray().key("ResponsibilityTransfers").beginArray();
  for (const auto& [id, t] : w.transfers) out.raw(dumpJson(transferJson(w, t, "inbound")));
  out.endArray().endObject();
  return Body::raw(out.take());
}

Result<Body> SimulatorControls::describeLifecycle(const Json& in) {
  auto action = maybeString(in, "Action");
  HS_TRY(action);
  std::optional<Action> only;
  if (action.value()) {
    only = actionFromString(*action.value());
    if (!only) return invalid("INVALID_ENUM:ACTION");
  }
  return Lifecycle::instance().describe(only);
}

// The operations the engine simulates, with their request members (core/operations.h describeOperation),
// in allOperations() order; {"Operation": name} for one. Pure: reads neither the world nor the clock.
Result<Body> SimulatorControls::describeOperations(const Json& in) {
  auto name = maybeString(in, "Operation");
  HS_TRY(name);
  if (name.value()) {
    const OperationSpec* op = findOperation(*name.value());
    if (!op) return invalid("INVALID_ENUM:OPERATION");
    Json ops = Json::array({describeOperation(*op)});
    return Json{{"Operations", std::move(ops)}};
  }
  static const std::string kAll = [] {
    Json all = Json::array();
    for (const OperationSpec& op : allOperations()) all.push_back(describeOperation(op));
    return dumpJson(Json{{"Operations", std::move(all)}});
  }();
  return Body::raw(kAll);
}

Result<Body> SimulatorControls::dryRun(const Json& in) {
  auto caller = needString(in, "Caller", "CALLER");
  HS_TRY(caller);
  auto target = needString(in, "Target", "TARGET");
  HS_TRY(target);
  auto body = maybeString(in, "Body");
  HS_TRY(body);
  if (target.value().rfind(kSimulatorTargetPrefix, 0) == 0) return invalid("INVALID_PATTERN:TARGET");
  // A call that may change the world runs on a copy of it; a read-only one on the world itself (no copy:
  // the page previews reads on every edit, and a copy costs O(world)).
  const std::string& name = target.value();
  const OperationSpec* op =
      name.rfind(kAwsTargetPrefix, 0) == 0 ? findOperation(name.substr(std::strlen(kAwsTargetPrefix))) : nullptr;
  WireResponse r{0, {}};
  if (op && op->readsOnly()) {
    r = engine_.handle(caller.value(), name, body.value().value_or("{}"));
  } else {
    auto saved = std::move(engine_.world_);
    engine_.world_ = std::make_unique<World>(*saved);
    r = engine_.handle(caller.value(), name, body.value().value_or("{}"));
    engine_.world_ = std::move(saved);
  }
  Json out{{"Status", r.status}, {"Body", r.body}};
  // {"Explain": true}: also the rule that produced the answer and its provenance (core/provenance.h).
  auto explain = in.find("Explain");
  if (explain != in.end() && explain->is_boolean() && explain->get<bool>())
    out["Provenance"] = provenanceOf(target.value(), r.status, r.body);
  return out;
}

// {Target, Status, Body} of a response the engine gave -> {Rule, Provenance, Source}: which rule produced it
// and how far to trust it (core/provenance.h). Pure: reads neither the world nor the clock, so a page can ask
// after the call, when DryRun would already see the changed world.
Result<Body> SimulatorControls::explainResponse(const Json& in) {
  auto target = needString(in, "Target", "TARGET");
  HS_TRY(target);
  auto body = needString(in, "Body", "BODY");
  HS_TRY(body);
  auto status = in.find("Status");
  if (status == in.end() || status->is_null()) return invalid("INPUT_REQUIRED:STATUS");
  if (!status->is_number_integer()) return err::serialization("Member 'Status' must be an integer.");
  auto code = status->get<std::int64_t>();
  if (code < 100 || code > 599) return invalid("MIN_VALUE_EXCEEDED:STATUS");
  return provenanceOf(target.value(), static_cast<int>(code), body.value());
}

Result<Body> SimulatorControls::setSettings(const Json& in) {
  Settings s = engine_.world().settings;
  auto it = in.find("AccountLimit");
  if (it != in.end() && !it->is_null()) {
    if (!it->is_number_integer()) return err::serialization("Member 'AccountLimit' must be an integer.");
    auto v = it->get<std::int64_t>();
    if (v < 1 || v > 10000000) return invalid("MIN_VALUE_EXCEEDED:ACCOUNT_LIMIT");
    s.accountLimit = static_cast<int>(v);
  }
  auto move = maybeString(in, "MemberOfOtherOrganization");
  HS_TRY(move);
  if (move.value()) {
    if (*move.value() != "MOVE" && *move.value() != "REJECT")
      return invalid("INVALID_ENUM:MEMBER_OF_OTHER_ORGANIZATION");
    s.memberOfOtherOrganization = *move.value();
  }
  auto invites = maybeString(in, "InvitesDuringMigration");
  HS_TRY(invites);
  if (invites.value()) {
    if (*invites.value() != "ALLOW" && *invites.value() != "REJECT")
      return invalid("INVALID_ENUM:INVITES_DURING_MIGRATION");
    s.invitesDuringMigration = *invites.value();
  }
  auto fin = in.find("FinalizingOrganizationSeconds");
  if (fin != in.end() && !fin->is_null()) {
    if (!fin->is_number_integer())
      return err::serialization("Member 'FinalizingOrganizationSeconds' must be an integer.");
    auto v = fin->get<std::int64_t>();
    if (v < 0 || v > 86400) return invalid("MAX_VALUE_EXCEEDED:FINALIZING_ORGANIZATION_SECONDS");
    s.finalizingOrganizationSeconds = static_cast<int>(v);
  }
  engine_.world().settings = s;
  return Json{{"Settings",
               {{"AccountLimit", s.accountLimit},
                {"MemberOfOtherOrganization", s.memberOfOtherOrganization},
                {"InvitesDuringMigration", s.invitesDuringMigration},
                {"FinalizingOrganizationSeconds", s.finalizingOrganizationSeconds}}}};
}

}  // namespace hs
