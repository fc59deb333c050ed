#include "sim/simulator_controls.h"

#include <cmath>

#include "model/timestamp.h"
#include "model/world.h"
#include "ops/operations.h"
#include "ops/organization_view.h"
#include "ops/transfer_view.h"
#include "sim/describe_moves.h"
#include "sim/provenance.h"
#include "sim/snapshot.h"
#include "wire/errors.h"
#include "wire/json_writer.h"
#include "wire/request.h"
#include "wire/text.h"
#include "wire/wire.h"

namespace hs {
namespace {

AwsError invalid(std::string_view reason) { return err::invalidInput(reason); }

// A member the control's shape makes a required string: checkTypes and checkRequired have run.
std::string requiredString(const Json& in, const char* name) { return in.at(name).get<std::string>(); }

// Each control's request members.
constexpr MemberShape kCreateAccountMembers[] = {req("Name", Kind::String), req("Email", Kind::String),
                                                 opt("Id", Kind::String)};
constexpr MemberShape kCreateOrganizationMembers[] = {req("ManagementAccountId", Kind::String),
                                                      opt("FeatureSet", Kind::String), opt("Id", Kind::String)};
constexpr MemberShape kJoinOrganizationMembers[] = {req("AccountId", Kind::String), req("OrganizationId", Kind::String),
                                                    opt("JoinedMethod", Kind::String)};
constexpr MemberShape kSetTimeMembers[] = {req("Timestamp", Kind::Timestamp)};
constexpr MemberShape kAdvanceTimeMembers[] = {req("Seconds", Kind::Double)};
constexpr MemberShape kResetMembers[] = {opt("Seed", Kind::Unsigned)};
// The snapshot's own reader checks the World (InvalidWorldSnapshotException names the member).
constexpr MemberShape kImportWorldMembers[] = {req("World", Kind::Document)};
constexpr MemberShape kDescribeLifecycleMembers[] = {opt("Action", Kind::String)};
constexpr MemberShape kDescribeOperationsMembers[] = {opt("Operation", Kind::String)};
constexpr MemberShape kDryRunMembers[] = {req("Caller", Kind::String), req("Target", Kind::String),
                                          opt("Body", Kind::String), opt("Explain", Kind::Boolean)};
constexpr MemberShape kHandshakeIdList[] = {opt("member", Kind::String)};
// One handshake (HandshakeId) or several (HandshakeIds, at most kMaxMoveHandshakes), not both.
constexpr MemberShape kDescribeMovesMembers[] = {req("Caller", Kind::String), opt("HandshakeId", Kind::String),
                                                 opt("HandshakeIds", Kind::List, kHandshakeIdList)};
// Body before Status: a request missing both is told about Body first.
constexpr MemberShape kExplainResponseMembers[] = {req("Target", Kind::String), req("Body", Kind::String),
                                                   req("Status", Kind::Integer)};
constexpr MemberShape kSetSettingsMembers[] = {
    opt("AccountLimit", Kind::Integer), opt("MemberOfOtherOrganization", Kind::String),
    opt("InvitesDuringMigration", Kind::String), opt("FinalizingOrganizationSeconds", Kind::Integer)};

}  // namespace

const SimulatorControls::ControlSpec* SimulatorControls::findControl(const std::string& name) {
  using S = SimulatorControls;
  static constexpr ControlSpec kControls[] = {
      {"CreateAccount", kCreateAccountMembers, &S::createAccount},
      {"CreateOrganization", kCreateOrganizationMembers, &S::createOrganization},
      {"JoinOrganization", kJoinOrganizationMembers, &S::joinOrganization},
      {"SetTime", kSetTimeMembers, &S::setTime},
      {"AdvanceTime", kAdvanceTimeMembers, &S::advanceTime},
      {"Reset", kResetMembers, &S::reset},
      {"ExportWorld", {}, &S::exportWorld},
      {"ImportWorld", kImportWorldMembers, &S::importWorld},
      {"DescribeWorld", {}, &S::describeWorld},
      {"DescribeLifecycle", kDescribeLifecycleMembers, &S::describeLifecycle},
      {"DescribeOperations", kDescribeOperationsMembers, &S::describeOperations},
      {"DryRun", kDryRunMembers, &S::dryRun},
      {"DescribeMoves", kDescribeMovesMembers, &S::describeMoves},
      {"ExplainResponse", kExplainResponseMembers, &S::explainResponse},
      {"SetSettings", kSetSettingsMembers, &S::setSettings},
  };
  for (const ControlSpec& c : kControls)
    if (name == c.name) return &c;
  return nullptr;
}

WireResponse SimulatorControls::handle(const std::string& control, const std::string& body) {
  const ControlSpec* spec = findControl(control);
  if (!spec) return errorResponse(err::unknownOperation(std::string(kSimulatorTargetPrefix) + control));
  auto parsed = parseBody(body);
  if (!parsed.ok()) return errorResponse(parsed.error());
  Status typed = checkTypes(parsed.value(), spec->shape);
  if (!typed.ok()) return errorResponse(typed.error());
  Status complete = checkRequired(parsed.value(), spec->shape);
  if (!complete.ok()) return errorResponse(complete.error());
  Result<Body> out = (this->*(spec->handler))(parsed.value());
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
  const std::string name = requiredString(in, "Name"), email = requiredString(in, "Email");
  const auto id = optionalString(in, "Id");
  if (awsLength(name) < 1) return invalid("MIN_LENGTH_EXCEEDED:NAME");
  if (awsLength(name) > 128) return invalid("MAX_LENGTH_EXCEEDED:NAME");
  if (!isEmail(email)) return invalid("INVALID_PATTERN:EMAIL");
  if (id && !isAccountId(*id)) return invalid("INVALID_PATTERN:ID");
  if (id && w.findAccount(*id))
    return err::simulator("DuplicateAccountException", "An account with Id " + *id + " already exists.");
  if (w.findAccountByEmail(email))
    return err::simulator("DuplicateAccountException", "An account with that Email already exists.");
  Account a;
  a.id = id ? *id : w.ids.accountId();
  while (w.findAccount(a.id)) a.id = w.ids.accountId();
  a.name = name;
  a.email = email;
  a.created = w.now();
  const Account& stored = w.addAccount(std::move(a));
  return Json{{"Account", {{"Id", stored.id}, {"Name", stored.name}, {"Email", stored.email}}}};
}

Result<Body> SimulatorControls::createOrganization(const Json& in) {
  World& w = engine_.world();
  const auto featureSet = featureSetFromString(optionalString(in, "FeatureSet").value_or("ALL"));
  const std::string id = optionalString(in, "Id").value_or("");
  if (!featureSet) return invalid("INVALID_ENUM:FEATURE_SET");
  if (present(in, "Id") && !isOrganizationId(id)) return invalid("INVALID_PATTERN:ID");
  Account* a = w.findAccount(requiredString(in, "ManagementAccountId"));
  if (!a) return err::accountNotFound();
  if (!a->standalone()) return err::alreadyInOrganization();
  if (!id.empty() && w.findOrganization(id))
    return err::simulator("DuplicateOrganizationException", "An organization with Id " + id + " already exists.");
  return Json{{"Organization", organizationJson(w, w.createOrganization(*a, *featureSet, id))}};
}

Result<Body> SimulatorControls::joinOrganization(const Json& in) {
  World& w = engine_.world();
  const std::string orgId = requiredString(in, "OrganizationId");
  // A member joins INVITED or CREATED; None (standalone) is no way of joining.
  const auto how = joinedMethodFromString(optionalString(in, "JoinedMethod").value_or("INVITED"));
  if (!how || *how == JoinedMethod::None) return invalid("INVALID_ENUM:JOINED_METHOD");
  Account* a = w.findAccount(requiredString(in, "AccountId"));
  if (!a) return err::accountNotFound();
  Organization* org = w.findOrganization(orgId);
  if (!org) return err::simulator("OrganizationNotFoundException", "No organization has Id " + orgId + ".");
  if (!a->standalone()) return err::alreadyInOrganization();
  if (static_cast<int>(org->memberIds.size()) + w.liveInvitations(org->id) >= w.settings.accountLimit)
    return err::constraint("ACCOUNT_NUMBER_LIMIT_EXCEEDED");
  w.resourceTags.erase(a->id);
  w.joinOrganization(*a, *org, *how);
  return Json{{"Account", accountJson(w, *a)}};
}

Result<Body> SimulatorControls::setTime(const Json& in) {
  auto t = millisFromJson(in["Timestamp"]);  // a number (checkTypes)
  if (!t) return invalid("INVALID_PATTERN:TIMESTAMP");
  // Time only moves forward: expiry and retention are computed from it, and what has expired stays expired.
  if (*t < engine_.clock().now())
    return err::simulator("InvalidInputException",
                          "The simulated clock cannot move backwards; use Simulator.Reset to start over.");
  Body answer = Json{{"Now", timestampJson(*t)}};  // before the change: nothing after it can run out of memory
  engine_.clock().set(*t);
  return answer;
}

Result<Body> SimulatorControls::advanceTime(const Json& in) {
  const double s = in["Seconds"].get<double>();
  if (!std::isfinite(s) || s < 0 || s > 1e10) return invalid("INVALID_PATTERN:SECONDS");
  const Millis step = static_cast<Millis>(std::llround(s * 1000.0));
  if (step > kLatestTime - engine_.clock().now())
    return err::simulator("InvalidInputException", "The simulated clock cannot move past 9999-12-31T23:59:59.999Z.");
  Body answer = Json{{"Now", timestampJson(engine_.clock().now() + step)}};
  engine_.clock().advance(step);
  return answer;
}

Result<Body> SimulatorControls::reset(const Json& in) {
  const std::uint64_t seed = present(in, "Seed") ? in["Seed"].get<std::uint64_t>() : 0;
  auto world = std::make_unique<World>(&engine_.clock(), seed);
  Body answer = Json::object();
  engine_.clock().set(kDefaultStart);
  engine_.world_ = std::move(world);
  return answer;
}

Result<Body> SimulatorControls::importWorld(const Json& in) {
  Millis now = 0;
  auto imported = hs::importWorld(in["World"], &engine_.clock(), now);
  HS_TRY(imported);
  Body answer = Json::object();  // before the change: nothing after it can run out of memory
  engine_.clock().set(now);
  engine_.world_ = std::move(imported.value());
  return answer;
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
    out.beginObject().key("FeatureSet").string(toString(o.featureSet)).key("Id").string(id);
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
  std::optional<Action> only;
  if (auto action = optionalString(in, "Action")) {
    only = actionFromString(*action);
    if (!only) return invalid("INVALID_ENUM:ACTION");
  }
  return Lifecycle::instance().describe(only);
}

// The operations the engine simulates, with their request members (core/ops/operations.h describeOperation),
// in allOperations() order; {"Operation": name} for one. Pure: reads neither the world nor the clock.
Result<Body> SimulatorControls::describeOperations(const Json& in) {
  if (auto name = optionalString(in, "Operation")) {
    const OperationSpec* op = findOperation(*name);
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
  const std::string caller = requiredString(in, "Caller"), name = requiredString(in, "Target");
  const std::string body = optionalString(in, "Body").value_or("{}");
  if (startsWith(name, kSimulatorTargetPrefix)) return invalid("INVALID_PATTERN:TARGET");
  // A call that may change the world runs on a copy of it; one that cannot on the world itself (no copy:
  // the page previews on every edit, and a copy costs O(world)): a read-only operation, and a call the
  // engine refuses before any operation runs (a target it does not simulate, a caller that does not resolve).
  const OperationSpec* op = findOperation(awsOperationName(name));
  const bool callerResolves = isAccountId(caller) && engine_.world().findAccount(caller);
  WireResponse r{0, {}};
  if (!op || op->readsOnly() || !callerResolves) {
    r = engine_.handle(caller, name, body);
  } else {
    // The copy first: if memory runs out while it is made, the engine still has its world.
    auto copy = std::make_unique<World>(engine_.world());
    engine_.world_.swap(copy);
    r = engine_.handle(caller, name, body);  // answers every failure itself: the swap back always runs
    engine_.world_.swap(copy);
  }
  Json out{{"Status", r.status}, {"Body", r.body}};
  // {"Explain": true}: also the rule that produced the answer and its provenance (core/sim/provenance.h).
  if (in.value("Explain", false)) out["Provenance"] = provenanceOf(name, r.status, r.body);
  return out;
}

// Which of Accept, Decline and Cancel the caller may make on a handshake, and the exact error of each one
// refused (core/sim/describe_moves.h): from the lifecycle table, O(1) per handshake, the world untouched.
Result<Body> SimulatorControls::describeMoves(const Json& in) {
  constexpr size_t kMaxMoveHandshakes = 100;
  const std::string caller = requiredString(in, "Caller");
  const bool one = present(in, "HandshakeId"), many = present(in, "HandshakeIds");
  if (one && many) return invalid("MUTUALLY_EXCLUSIVE:HANDSHAKE_IDS");
  if (one) return hs::describeMoves(engine_.world(), caller, requiredString(in, "HandshakeId"));
  if (!many) return invalid("INPUT_REQUIRED:HANDSHAKE_ID");
  const Json& list = in["HandshakeIds"];  // a list of strings (checkTypes)
  if (list.size() > kMaxMoveHandshakes) return invalid("MAX_LENGTH_EXCEEDED:HANDSHAKE_IDS");
  std::vector<std::string> ids;
  ids.reserve(list.size());
  for (const Json& id : list) ids.push_back(id.get<std::string>());
  return describeMovesOf(engine_.world(), caller, ids);
}

// {Target, Status, Body} of a response the engine gave -> {Rule, Provenance, Source}: which rule produced it
// and how far to trust it (core/sim/provenance.h). Pure: reads neither the world nor the clock, so a page can ask
// after the call, when DryRun would already see the changed world.
Result<Body> SimulatorControls::explainResponse(const Json& in) {
  const int code = in["Status"].get<int>();
  if (code < 100 || code > 599) return invalid("MIN_VALUE_EXCEEDED:STATUS");
  return provenanceOf(requiredString(in, "Target"), code, requiredString(in, "Body"));
}

Result<Body> SimulatorControls::setSettings(const Json& in) {
  // Every switch is checked before any is applied.
  Settings s = engine_.world().settings;
  if (present(in, "AccountLimit")) {
    const int v = in["AccountLimit"].get<int>();
    if (v < 1) return invalid("MIN_VALUE_EXCEEDED:ACCOUNT_LIMIT");
    if (v > 10000000) return invalid("MAX_VALUE_EXCEEDED:ACCOUNT_LIMIT");
    s.accountLimit = v;
  }
  if (auto move = optionalString(in, "MemberOfOtherOrganization")) {
    auto value = memberOfOtherOrganizationFromString(*move);
    if (!value) return invalid("INVALID_ENUM:MEMBER_OF_OTHER_ORGANIZATION");
    s.memberOfOtherOrganization = *value;
  }
  if (auto invites = optionalString(in, "InvitesDuringMigration")) {
    auto value = invitesDuringMigrationFromString(*invites);
    if (!value) return invalid("INVALID_ENUM:INVITES_DURING_MIGRATION");
    s.invitesDuringMigration = *value;
  }
  if (present(in, "FinalizingOrganizationSeconds")) {
    const int v = in["FinalizingOrganizationSeconds"].get<int>();
    if (v < 0) return invalid("MIN_VALUE_EXCEEDED:FINALIZING_ORGANIZATION_SECONDS");
    if (v > 86400) return invalid("MAX_VALUE_EXCEEDED:FINALIZING_ORGANIZATION_SECONDS");
    s.finalizingOrganizationSeconds = v;
  }
  engine_.world().settings = s;
  return Json{{"Settings",
               {{"AccountLimit", s.accountLimit},
                {"MemberOfOtherOrganization", toString(s.memberOfOtherOrganization)},
                {"InvitesDuringMigration", toString(s.invitesDuringMigration)},
                {"FinalizingOrganizationSeconds", s.finalizingOrganizationSeconds}}}};
}

}  // namespace hs
