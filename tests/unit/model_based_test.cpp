// Model-based random test: thousands of random operation sequences against the wire entry point,
// with invariants checked after every step.
//
// Each sequence starts from a small world (two organizations, members invited and created, standalone
// accounts, random settings) and runs random steps: valid and invalid calls by right and wrong
// callers, clock jumps, settings changes, account creation, garbage bodies, DryRun-then-real pairs,
// snapshot round trips. Every call also runs on a shadow engine that was imported from the main
// engine's export, and must answer byte-identically (an imported world behaves like the original).
//
// After every step:
//   - status is 200 or 400, the body a JSON object, an error has __type and Message;
//   - a rejected call (400) and every read-only call leave Simulator.ExportWorld byte-identical, except
//     the AWS-observed quirk: AcceptHandshake -> HandshakeConstraintViolationException
//     ALREADY_IN_AN_ORGANIZATION consumes that one handshake (OPEN -> ACCEPTED);
//   - every handshake state change (DescribeWorld before/after) is a row of Simulator.DescribeLifecycle:
//     the called operation's row for the handshake it names (with the caller's role), a CLOCK row for
//     clock jumps, a SYSTEM row for every other handshake; new handshakes start in the initial state;
//     terminal handshakes never change; a handshake disappears only by retention (30 days after it
//     ended) and only then; expiry happens exactly when the clock passes ExpirationTimestamp;
//   - Accept/Decline/Cancel answer the table's error for the caller's role and the state;
//   - the world is consistent (membership both ways, one management account per organization, a
//     pending migration is a live ENABLE_ALL_FEATURES handshake, no duplicate live invitations,
//     lifetimes of 15 and 90 days);
//   - sampled every step, complete at the end of a sequence: DescribeHandshake by sender and recipient
//     returns exactly the DescribeWorld handshake, a third account gets AccessDenied; paging through
//     ListHandshakesForAccount / ListHandshakesForOrganization (random MaxResults and filter) returns
//     exactly the expected handshakes, in order, none repeated or skipped, each equal to DescribeWorld's;
//   - export -> import -> export is identical (at round-trip steps and at the end).
//
// Seeded and reproducible: HS_MODEL_SEED (base seed), HS_MODEL_RUNS (sequences, default 1000; 300 in
// the WASM build), HS_MODEL_STEPS (steps per sequence, default 60); under node they are read from
// process.env. A failure prints the seed and the shortest failing sequence found by deleting steps,
// as concrete wire calls.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

using hs::Json;

namespace {

const char* const kAws = "AWSOrganizationsV20161128.";
constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kRetentionMs = 30 * kDayMs;

// ------------------------------------------------------------------------------------------------
// Deterministic randomness (identical natively and in WASM: no std distributions).
struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
};

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
#ifdef __EMSCRIPTEN__
  // Under node, getenv() does not see the process environment: read process.env.
  double fromNode = EM_ASM_DOUBLE(
      {
        var v = (typeof process !== 'undefined' && process.env) ? process.env[UTF8ToString($0)] : undefined;
        return v === undefined || v === '' || !/^[0-9]+$/.test(v) ? -1 : Number(v);
      },
      name);
  return fromNode < 0 ? fallback : static_cast<std::uint64_t>(fromNode);
#endif
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  unsigned long long n = std::strtoull(v, &end, 0);
  return end && *end == '\0' ? static_cast<std::uint64_t>(n) : fallback;
}

std::int64_t ms(const Json& seconds) {
  return seconds.is_number() ? static_cast<std::int64_t>(std::llround(seconds.get<double>() * 1000.0)) : -1;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ------------------------------------------------------------------------------------------------
// The lifecycle table, as Simulator.DescribeLifecycle publishes it.
struct Table {
  struct Row {
    std::string to, error;
  };
  std::map<std::string, std::string> initial;                     // action -> state
  std::map<std::string, std::set<std::string>> states, terminal;  // action -> states
  std::map<std::string, Row> rows;                               // action|op|role|from -> row
  std::set<std::string> systemMoves, clockMoves;                 // action|from|to
  std::map<std::string, std::map<std::string, std::string>> actor;  // action -> op -> role allowed

  static std::string key(const std::string& a, const std::string& b, const std::string& c, const std::string& d = "") {
    return a + "|" + b + "|" + c + (d.empty() ? "" : "|" + d);
  }

  std::string load(const Json& described) {
    if (!described.contains("Lifecycles") || !described["Lifecycles"].is_array()) return "DescribeLifecycle has no Lifecycles";
    for (const Json& lc : described["Lifecycles"]) {
      std::string action = lc.value("Action", "");
      initial[action] = lc.value("Initial", "");
      for (const Json& s : lc["States"]) states[action].insert(s.get<std::string>());
      for (const Json& s : lc["Terminal"]) terminal[action].insert(s.get<std::string>());
      for (const Json& t : lc["Transitions"]) {
        std::string op = t.value("Operation", ""), role = t.value("Role", ""), from = t.value("From", "");
        std::string to = t.value("To", ""), error = t.value("Error", "");
        if (role == "SYSTEM") systemMoves.insert(key(action, from, to));
        else if (role == "CLOCK") clockMoves.insert(key(action, from, to));
        else {
          rows[key(action, op, role, from)] = Row{to, error};
          if (!to.empty() || error != "AccessDeniedException") actor[action][op] = role;
        }
      }
    }
    // Completeness: every operation x role x state of every action has exactly one row.
    for (const auto& [action, ss] : states)
      for (const char* op : {"AcceptHandshake", "DeclineHandshake", "CancelHandshake"})
        for (const char* role : {"SENDER", "RECIPIENT", "OTHER"})
          for (const std::string& s : ss) {
            auto it = rows.find(key(action, op, role, s));
            if (it == rows.end()) return "DescribeLifecycle has no row for " + key(action, op, role, s);
            if (it->second.to.empty() == it->second.error.empty())
              return "row " + key(action, op, role, s) + " must have exactly one of To and Error";
          }
    return "";
  }
  bool isTerminal(const std::string& action, const std::string& state) const {
    auto it = terminal.find(action);
    return it != terminal.end() && it->second.count(state);
  }
  const Row* row(const std::string& action, const std::string& op, const std::string& role, const std::string& from) const {
    auto it = rows.find(key(action, op, role, from));
    return it == rows.end() ? nullptr : &it->second;
  }
  std::string actorOf(const std::string& action, const std::string& op) const {
    auto a = actor.find(action);
    if (a == actor.end()) return "";
    auto o = a->second.find(op);
    return o == a->second.end() ? "" : o->second;
  }
};

// ------------------------------------------------------------------------------------------------
// A view of Simulator.DescribeWorld.
struct View {
  Json raw;
  std::int64_t now = 0;
  std::map<std::string, Json> accounts;     // id -> account
  std::map<std::string, Json> orgs;         // id -> organization
  std::vector<std::string> order;           // handshake ids in DescribeWorld (creation) order
  std::map<std::string, const Json*> index;  // id -> handshake (inside raw; stable across moves of View)

  std::string load(const std::string& body) {
    raw = Json::parse(body, nullptr, false);
    if (!raw.is_object()) return "DescribeWorld is not a JSON object";
    now = ms(raw["Now"]);
    for (const Json& a : raw["Accounts"]) accounts[a.value("Id", "")] = a;
    for (const Json& o : raw["Organizations"]) orgs[o.value("Id", "")] = o;
    for (const Json& h : raw["Handshakes"]) {
      std::string id = h.value("Id", "");
      if (index.count(id)) return "DescribeWorld lists handshake " + id + " twice";
      order.push_back(id);
      index[id] = &h;
    }
    return "";
  }
  const Json* handshake(const std::string& id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
  }
  const Json& at(const std::string& id) const { return *index.at(id); }
  std::string role(const std::string& account) const {
    auto it = accounts.find(account);
    return it == accounts.end() ? "" : it->second.value("Role", "");
  }
  std::string orgOf(const std::string& account) const {
    auto it = accounts.find(account);
    if (it == accounts.end() || !it->second["OrganizationId"].is_string()) return "";
    return it->second["OrganizationId"].get<std::string>();
  }
  std::string accountByEmail(const std::string& email) const {
    for (const auto& [id, a] : accounts)
      if (lower(a.value("Email", "")) == lower(email)) return id;
    return "";
  }
};

// arn:aws:organizations::<sender>:handshake/<org>/<action>/<id>
struct ArnParts {
  std::string sender, org;
};
ArnParts parseArn(const std::string& arn) {
  ArnParts p;
  const std::string prefix = "arn:aws:organizations::";
  if (arn.rfind(prefix, 0) != 0) return p;
  size_t colon = arn.find(':', prefix.size());
  if (colon == std::string::npos) return p;
  p.sender = arn.substr(prefix.size(), colon - prefix.size());
  size_t slash = arn.find('/', colon);
  size_t slash2 = slash == std::string::npos ? slash : arn.find('/', slash + 1);
  if (slash2 != std::string::npos) p.org = arn.substr(slash + 1, slash2 - slash - 1);
  return p;
}

std::string sender(const Json& h) { return parseArn(h.value("Arn", "")).sender; }
std::string sendingOrg(const Json& h) { return parseArn(h.value("Arn", "")).org; }

// The accounts that receive a handshake: its ACCOUNT party, the owner of its EMAIL party, and for the
// ENABLE_ALL_FEATURES parent the management account that sent it.
std::set<std::string> recipients(const View& v, const Json& h) {
  std::set<std::string> out;
  if (h.value("Action", "") == "ENABLE_ALL_FEATURES") {
    out.insert(sender(h));
    return out;
  }
  for (const Json& p : h["Parties"]) {
    std::string type = p.value("Type", ""), id = p.value("Id", "");
    if (type == "ACCOUNT") out.insert(id);
    if (type == "EMAIL") {
      std::string owner = v.accountByEmail(id);
      if (!owner.empty()) out.insert(owner);
    }
  }
  return out;
}

std::string parentOf(const Json& h) {
  for (const Json& r : h["Resources"])
    if (r.value("Type", "") == "PARENT_HANDSHAKE") return "h-" + r.value("Value", "");
  return "";
}

// The caller's role for `op` on `h`, by the table's role definitions.
std::string roleOf(const Table& t, const View& v, const Json& h, const std::string& caller, const std::string& op) {
  bool isSender = caller == sender(h);
  bool isRecipient = recipients(v, h).count(caller) > 0;
  std::string actor = t.actorOf(h.value("Action", ""), op);
  if (actor == "SENDER" && isSender) return "SENDER";
  if (actor == "RECIPIENT" && isRecipient) return "RECIPIENT";
  if (isSender) return "SENDER";
  if (isRecipient) return "RECIPIENT";
  return "OTHER";
}

// ------------------------------------------------------------------------------------------------
// Steps: a kind and random numbers, turned into a concrete call against the current world when run
// (so deleting earlier steps while shrinking still yields meaningful calls).
enum Kind {
  kInvite, kAccept, kDecline, kCancel, kDescribe, kListAccount, kListOrganization, kEnableAll, kCreateOrg,
  kDeleteOrg, kLeave, kRemove, kOrgReads, kAdvance, kSetTimeBack, kSettings, kCreateAccount, kJoin, kGarbage,
  kRoundTrip, kKindCount
};
const int kWeights[kKindCount] = {14, 12, 6, 6, 3, 2, 2, 4, 3, 2, 3, 3, 2, 7, 1, 1, 1, 1, 3, 2};

struct Step {
  Kind kind;
  std::uint64_t r[6];
  bool dryRunFirst;
};

std::vector<Step> randomSteps(Rng& rng, size_t count) {
  int total = 0;
  for (int w : kWeights) total += w;
  std::vector<Step> steps;
  for (size_t i = 0; i < count; ++i) {
    int pick = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
    int k = 0;
    while (pick >= kWeights[k]) pick -= kWeights[k++];
    Step s{static_cast<Kind>(k), {}, false};
    for (auto& r : s.r) r = rng.next();
    s.dryRunFirst = rng.below(10) == 0;
    steps.push_back(s);
  }
  return steps;
}

struct Call {
  std::string caller, target, body;
  std::string handshakeId;  // Accept/Decline/Cancel/Describe: the handshake named, if well-formed
  std::string op;           // AcceptHandshake, ... for the lifecycle check
};

struct Reply {
  int status = 0;
  std::string raw;
  Json body;
  std::string type() const { return body.is_object() ? body.value("__type", "") : ""; }
  std::string reason() const { return body.is_object() ? body.value("Reason", "") : ""; }
};

Reply send(hs::Engine& e, const std::string& caller, const std::string& target, const std::string& body) {
  hs::WireResponse r = e.handle(caller, target, body);
  return Reply{r.status, r.body, Json::parse(r.body, nullptr, false)};
}

// Simulator.ExportWorld as raw text (compared byte for byte; not parsed).
std::string exportOf(hs::Engine& e) {
  hs::WireResponse r = e.handle("", "Simulator.ExportWorld", "{}");
  return r.status == 200 ? r.body : std::string();
}

const char* const kAccountIds[] = {"100000000001", "100000000002", "100000000003", "100000000004",
                                   "100000000005", "100000000006", "100000000007", "100000000008",
                                   "100000000009", "100000000010"};
constexpr size_t kInitialAccounts = 8;  // 9 and 10 may be created by a step
const char* const kUnknownCaller = "100000000099";
const char* const kOrgA = "o-aaaaaaaaaa";
const char* const kOrgB = "o-bbbbbbbbbb";

std::string emailOf(size_t i) { return "acct" + std::to_string(i + 1) + "@example.com"; }

// ------------------------------------------------------------------------------------------------
class Runner {
 public:
  Runner(std::uint64_t seed, const Table& table) : seed_(seed), table_(table) {}

  // Runs the steps; returns the first violated invariant ("" when all hold). `transcript` gets the
  // concrete calls made.
  std::string run(const std::vector<Step>& steps, std::vector<std::string>* transcript) {
    transcript_ = transcript;
    main_ = std::make_unique<hs::Engine>(seed_);
    std::string f = setup();
    if (!f.empty()) return "setup: " + f;
    f = refreshShadow();
    if (!f.empty()) return f;
    f = observe(before_, beforeExport_);
    if (!f.empty()) return f;
    noteSeen(before_);
    limit_ = Json::parse(beforeExport_, nullptr, false)["World"]["Settings"].value("AccountLimit", 10);
    Rng sweep(seed_ ^ 0xabcdef);
    for (size_t i = 0; i < steps.size(); ++i) {
      f = runStep(steps[i], sweep);
      if (!f.empty()) return "step " + std::to_string(i + 1) + ": " + f;
    }
    f = fullSweep();
    if (!f.empty()) return "final sweep: " + f;
    f = roundTrip(false);
    if (!f.empty()) return "final round trip: " + f;
    return "";
  }

 private:
  std::uint64_t seed_;
  const Table& table_;
  std::unique_ptr<hs::Engine> main_, shadow_;
  std::vector<std::string>* transcript_ = nullptr;
  View before_;
  std::string beforeExport_;
  std::vector<std::string> seen_;                // every handshake id ever seen, in order
  std::map<std::string, std::int64_t> endedAt_;  // id -> when it became terminal (ms)
  bool limitLowered_ = false;
  int limit_ = 10;
  int stepsSinceShadowCheck_ = 0;
  std::map<std::string, std::set<std::string>> joinedDuring_;  // migration id -> members that joined while it was live
  std::map<std::string, Json> gone_;                           // handshakes retention hid, as last seen

  void log(const std::string& line) {
    if (transcript_) transcript_->push_back(line);
  }

  std::string sim(hs::Engine& e, const std::string& control, const Json& body) {
    Reply r = send(e, "", std::string("Simulator.") + control, body.dump());
    if (r.status != 200) return control + " failed: " + r.raw;
    return "";
  }

  std::string setup() {
    Rng rng(seed_ * 31 + 7);
    hs::Engine& e = *main_;
    std::string f;
    auto add = [&](const std::string& control, const Json& body) {
      if (f.empty()) f = sim(e, control, body);
      log("setup Simulator." + control + " " + body.dump());
    };
    add("SetTime", {{"Timestamp", 1789271046.11 + static_cast<double>(rng.below(1000000))}});
    for (size_t i = 0; i < kInitialAccounts; ++i)
      add("CreateAccount", {{"Id", kAccountIds[i]}, {"Name", "Account " + std::to_string(i + 1)}, {"Email", emailOf(i)}});
    add("CreateOrganization", {{"ManagementAccountId", kAccountIds[0]}, {"Id", kOrgA}, {"FeatureSet", "ALL"}});
    add("JoinOrganization", {{"AccountId", kAccountIds[1]}, {"OrganizationId", kOrgA}});
    add("JoinOrganization", {{"AccountId", kAccountIds[2]}, {"OrganizationId", kOrgA}, {"JoinedMethod", "CREATED"}});
    add("CreateOrganization",
        {{"ManagementAccountId", kAccountIds[3]}, {"Id", kOrgB}, {"FeatureSet", "CONSOLIDATED_BILLING"}});
    add("JoinOrganization", {{"AccountId", kAccountIds[4]}, {"OrganizationId", kOrgB}});
    add("JoinOrganization", {{"AccountId", kAccountIds[5]}, {"OrganizationId", kOrgB}});
    Json settings{{"AccountLimit", rng.below(3) == 0 ? 4 : 10},
                  {"MemberOfOtherOrganization", rng.below(4) == 0 ? "REJECT" : "MOVE"},
                  {"InvitesDuringMigration", rng.below(4) == 0 ? "REJECT" : "ALLOW"}};
    add("SetSettings", settings);
    return f;
  }

  std::string observe(View& v, std::string& exported) {
    Reply d = send(*main_, "", "Simulator.DescribeWorld", "{}");
    if (d.status != 200) return "DescribeWorld failed: " + d.raw;
    v = View();
    std::string f = v.load(d.raw);
    if (!f.empty()) return f;
    exported = exportOf(*main_);
    if (exported.empty()) return "ExportWorld failed";
    return "";
  }
  void noteSeen(const View& v) {
    for (const std::string& id : v.order)
      if (std::find(seen_.begin(), seen_.end(), id) == seen_.end()) seen_.push_back(id);
  }

  // export -> import into a fresh engine -> export must be identical; the fresh engine becomes the shadow.
  std::string roundTrip(bool intoMainToo) {
    Reply x = send(*main_, "", "Simulator.ExportWorld", "{}");
    Json snap = Json::parse(x.raw, nullptr, false);
    if (x.status != 200 || !snap.is_object()) return "ExportWorld failed: " + x.raw;
    std::string body = Json{{"World", snap["World"]}}.dump();
    auto fresh = std::make_unique<hs::Engine>(seed_ + 1000);
    Reply imp = send(*fresh, "", "Simulator.ImportWorld", body);
    if (imp.status != 200) return "ImportWorld refused the engine's own export: " + imp.raw;
    std::string again = exportOf(*fresh);
    if (again != x.raw) return "export -> import -> export differs:\n  first:  " + x.raw + "\n  second: " + again;
    if (intoMainToo) {
      Reply self = send(*main_, "", "Simulator.ImportWorld", body);
      if (self.status != 200) return "ImportWorld of its own export into the same engine failed: " + self.raw;
      if (exportOf(*main_) != x.raw) return "importing its own export changed the world";
      log("Simulator.ImportWorld (its own export)");
    }
    shadow_ = std::move(fresh);
    return "";
  }
  std::string refreshShadow() { return roundTrip(false); }

  // ---- choosing participants -------------------------------------------------------------------
  std::vector<std::string> existingAccounts() const {
    std::vector<std::string> out;
    for (const auto& [id, a] : before_.accounts) out.push_back(id);
    return out;
  }
  std::string anyCaller(std::uint64_t r) const {
    auto ids = existingAccounts();
    if (r % 23 == 0) return kUnknownCaller;
    return ids.empty() ? kUnknownCaller : ids[(r / 23) % ids.size()];
  }
  std::string managementCaller(std::uint64_t r) const {
    std::vector<std::string> m;
    for (const auto& [id, a] : before_.accounts)
      if (a.value("Role", "") == "MANAGEMENT") m.push_back(id);
    if (m.empty() || r % 5 == 0) return anyCaller(r / 5);
    return m[(r / 5) % m.size()];
  }
  // A known handshake id: mostly a live one, else any ever seen.
  std::string someHandshake(std::uint64_t r) const {
    std::vector<std::string> live;
    for (const std::string& id : before_.order) {
      const Json& h = before_.at(id);
      if (!table_.isTerminal(h.value("Action", ""), h.value("State", ""))) live.push_back(id);
    }
    if (!live.empty() && r % 10 < 7) return live[(r / 10) % live.size()];
    if (seen_.empty()) return "h-0000000000";
    return seen_[(r / 10) % seen_.size()];
  }
  std::string someTargetId(std::uint64_t r) const {
    if (r % 17 == 0) return kUnknownCaller;
    return kAccountIds[(r / 17) % 10];
  }
  std::string someEmail(std::uint64_t r) const {
    if (r % 13 == 0) return "nobody@example.org";
    std::string e = emailOf((r / 13) % 10);
    if ((r / 130) % 3 == 0) e[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(e[0])));  // case differs
    return e;
  }

  // ---- steps -----------------------------------------------------------------------------------
  Call materialize(const Step& s) {
    Call c;
    const std::uint64_t* r = s.r;
    auto respond = [&](const char* op) {
      c.op = op;
      c.target = std::string(kAws) + op;
      if (r[0] % 25 == 0) {
        static const char* const kBad[] = {"{}", R"({"HandshakeId":""})", R"({"HandshakeId":"bad"})",
                                           R"({"HandshakeId":"h-00000000"})", R"({"HandshakeId":12})", "[1]", "{"};
        c.body = kBad[(r[0] / 25) % 7];
        c.caller = anyCaller(r[1]);
        return;
      }
      c.handshakeId = someHandshake(r[0]);
      c.body = Json{{"HandshakeId", c.handshakeId}}.dump();
      const Json* h = before_.handshake(c.handshakeId);
      std::string right, other;
      if (h) {
        std::set<std::string> rec = recipients(before_, *h);
        std::string snd = sender(*h);
        std::string actor = table_.actorOf(h->value("Action", ""), op);
        std::string rc = rec.empty() ? snd : *rec.begin();
        right = actor == "SENDER" ? snd : rc;
        other = actor == "SENDER" ? rc : snd;
      }
      std::uint64_t p = r[1] % 10;
      c.caller = h && p < 6 ? right : h && p < 8 ? other : anyCaller(r[2]);
    };
    switch (s.kind) {
      case kInvite: {
        c.caller = managementCaller(r[0]);
        c.target = std::string(kAws) + "InviteAccountToOrganization";
        Json body;
        std::uint64_t v = r[1] % 20;
        if (v < 9) body["Target"] = {{"Type", "ACCOUNT"}, {"Id", someTargetId(r[2])}};
        else if (v < 18) body["Target"] = {{"Type", "EMAIL"}, {"Id", someEmail(r[2])}};
        else {
          static const char* const kBad[] = {
              "{}", R"({"Target":{}})", R"({"Target":{"Type":"ORGANIZATION","Id":"100000000007"}})",
              R"({"Target":{"Type":"ACCOUNT","Id":"bad"}})", R"({"Target":{"Type":"EMAIL","Id":"invalid"}})",
              R"({"Target":{"Type":"ACCOUNT","Id":"100000000007"},"Tags":[{"Key":"k","Value":"a"},{"Key":"k","Value":"b"}]})",
              R"({"Target":"100000000007"})", R"({"Target":{"Type":"ACCOUNT","Id":100000000007}})"};
          c.body = kBad[r[3] % 8];
          if (r[3] % 9 == 0) c.body = Json{{"Target", {{"Type", "ACCOUNT"}, {"Id", "100000000007"}}},
                                           {"Notes", std::string(1025, 'n')}}.dump();
          break;
        }
        if (r[3] % 4 == 0) body["Notes"] = "Please join (" + std::to_string(r[3] % 100) + ")";
        if (r[3] % 7 == 0) body["Tags"] = Json::array({{{"Key", "team"}, {"Value", "blue"}}});
        c.body = body.dump();
        break;
      }
      case kAccept: respond("AcceptHandshake"); break;
      case kDecline: respond("DeclineHandshake"); break;
      case kCancel: respond("CancelHandshake"); break;
      case kDescribe:
        respond("DescribeHandshake");
        c.op.clear();
        break;
      case kListAccount:
      case kListOrganization: {
        c.target = std::string(kAws) + (s.kind == kListAccount ? "ListHandshakesForAccount" : "ListHandshakesForOrganization");
        c.caller = s.kind == kListAccount ? anyCaller(r[0]) : managementCaller(r[0]);
        Json body = Json::object();
        static const char* const kActions[] = {"INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES", "invalid"};
        switch (r[1] % 6) {
          case 0: body["Filter"] = Json::object(); break;
          case 1: body["Filter"] = {{"ActionType", kActions[r[2] % 4]}}; break;
          case 2: body["Filter"] = {{"ParentHandshakeId", someHandshake(r[2])}}; break;
          case 3: body["Filter"] = {{"ActionType", "INVITE"}, {"ParentHandshakeId", someHandshake(r[2])}}; break;
          default: break;
        }
        static const int kMax[] = {0, 1, 2, 20, 21, -1};
        int m = kMax[r[3] % 6];
        if (m) body["MaxResults"] = m;
        if (r[4] % 8 == 0) body["NextToken"] = r[4] % 16 == 0 ? "" : "0000000000000001deadbeefdeadbeef";
        c.body = body.dump();
        break;
      }
      case kEnableAll:
        c.caller = managementCaller(r[0]);
        c.target = std::string(kAws) + "EnableAllFeatures";
        c.body = "{}";
        break;
      case kCreateOrg: {
        c.caller = anyCaller(r[0]);
        c.target = std::string(kAws) + "CreateOrganization";
        static const char* const kBodies[] = {"{}", R"({"FeatureSet":"ALL"})", R"({"FeatureSet":"CONSOLIDATED_BILLING"})",
                                              R"({"FeatureSet":"NOPE"})"};
        c.body = kBodies[r[1] % 4];
        break;
      }
      case kDeleteOrg:
        c.caller = managementCaller(r[0]);
        c.target = std::string(kAws) + "DeleteOrganization";
        c.body = "{}";
        break;
      case kLeave:
        c.caller = anyCaller(r[0]);
        c.target = std::string(kAws) + "LeaveOrganization";
        c.body = "{}";
        break;
      case kRemove:
        c.caller = managementCaller(r[0]);
        c.target = std::string(kAws) + "RemoveAccountFromOrganization";
        c.body = Json{{"AccountId", r[1] % 11 == 0 ? std::string("12") : someTargetId(r[1])}}.dump();
        break;
      case kOrgReads: {
        static const char* const kOps[] = {"DescribeOrganization", "ListAccounts", "DescribeAccount"};
        c.caller = anyCaller(r[0]);
        c.target = std::string(kAws) + kOps[r[1] % 3];
        c.body = r[1] % 3 == 2 ? Json{{"AccountId", someTargetId(r[2])}}.dump()
                 : r[1] % 3 == 1 ? std::string(R"({"MaxResults":2})") : std::string("{}");
        break;
      }
      case kAdvance: {
        static const double kJumps[] = {1, 3600, 86400, 4 * 86400.0, 14.5 * 86400, 15 * 86400 + 1, 16 * 86400.0,
                                        31 * 86400.0, 46 * 86400.0, 91 * 86400.0};
        c.target = "Simulator.AdvanceTime";
        c.body = Json{{"Seconds", kJumps[r[0] % 10]}}.dump();
        break;
      }
      case kSetTimeBack:
        c.target = "Simulator.SetTime";
        c.body = Json{{"Timestamp", static_cast<double>(before_.now) / 1000.0 - 1.0}}.dump();
        break;
      case kSettings: {
        c.target = "Simulator.SetSettings";
        Json body = Json::object();
        switch (r[0] % 5) {
          case 0: body["AccountLimit"] = static_cast<int>(3 + r[1] % 10); break;
          case 1: body["MemberOfOtherOrganization"] = r[1] % 2 ? "MOVE" : "REJECT"; break;
          case 2: body["InvitesDuringMigration"] = r[1] % 2 ? "ALLOW" : "REJECT"; break;
          case 3: body["AccountLimit"] = 0; break;
          default: body["MemberOfOtherOrganization"] = "SOMETIMES"; break;
        }
        c.body = body.dump();
        break;
      }
      case kCreateAccount: {
        size_t i = 8 + r[0] % 2;
        c.target = "Simulator.CreateAccount";
        c.body = Json{{"Id", kAccountIds[i]}, {"Name", "Late " + std::to_string(i + 1)}, {"Email", emailOf(i)}}.dump();
        break;
      }
      case kJoin: {
        c.target = "Simulator.JoinOrganization";
        std::vector<std::string> orgs;
        for (const auto& [id, o] : before_.orgs) orgs.push_back(id);
        c.body = Json{{"AccountId", someTargetId(r[0])},
                      {"OrganizationId", orgs.empty() ? std::string(kOrgA) : orgs[r[1] % orgs.size()]},
                      {"JoinedMethod", r[2] % 2 ? "INVITED" : "CREATED"}}.dump();
        break;
      }
      case kGarbage: {
        switch (r[0] % 10) {
          case 0: c = {anyCaller(r[1]), std::string(kAws) + "Nope", "{}", "", ""}; break;
          case 1: c = {anyCaller(r[1]), std::string(kAws) + "AcceptHandshake", "{", "", ""}; break;
          case 2: c = {kUnknownCaller, std::string(kAws) + "InviteAccountToOrganization",
                       R"({"Target":{"Type":"ACCOUNT","Id":"100000000007"}})", "", ""}; break;
          case 3: c = {"", "Simulator.Nope", "{}", "", ""}; break;
          case 4: c = {"", "Simulator.ImportWorld", R"({"World":{"Version":999}})", "", ""}; break;
          case 5: {
            Json snap = Json::parse(beforeExport_, nullptr, false);
            Json& w = snap["World"];
            if (w.contains("Accounts") && !w["Accounts"].empty()) w["Accounts"][0]["Id"] = "x";
            c = {"", "Simulator.ImportWorld", Json{{"World", w}}.dump(), "", ""};
            break;
          }
          case 6: c = {"", "Simulator.AdvanceTime", R"({"Seconds":-1})", "", ""}; break;
          case 7: c = {"", "Simulator.DescribeLifecycle", R"({"Action":"NOPE"})", "", ""}; break;
          case 8: c = {anyCaller(r[1]), std::string(kAws) + "ListHandshakesForAccount", R"({"MaxResults":"5"})", "", ""}; break;
          default: c = {anyCaller(r[1]), std::string(kAws) + "DescribeHandshake", "[]", "", ""}; break;
        }
        break;
      }
      case kRoundTrip:
      case kKindCount: break;
    }
    return c;
  }

  bool readOnly(const Call& c) const {
    static const std::set<std::string> kReadOnly = {
        "DescribeHandshake", "ListHandshakesForAccount", "ListHandshakesForOrganization", "DescribeOrganization",
        "ListAccounts", "DescribeAccount"};
    return c.target.rfind(kAws, 0) == 0 && kReadOnly.count(c.target.substr(std::string(kAws).size()));
  }

  std::string runStep(const Step& s, Rng& sweep) {
    if (s.kind == kRoundTrip) {
      std::string f = roundTrip(s.r[0] % 2 == 0);
      if (!f.empty()) return f;
      log("round trip (export, import into a fresh engine, export)");
      View v;
      std::string x;
      f = observe(v, x);
      if (!f.empty()) return f;
      if (x != beforeExport_) return "the round trip changed the world";
      return "";
    }
    Call c = materialize(s);
    std::ostringstream line;
    line << "caller=" << (c.caller.empty() ? "-" : c.caller) << " " << c.target << " " << c.body;

    if (s.dryRunFirst && c.target.rfind(kAws, 0) == 0) {
      Json dry{{"Caller", c.caller}, {"Target", c.target}, {"Body", c.body}};
      Reply d = send(*main_, "", "Simulator.DryRun", dry.dump());
      Reply ds = send(*shadow_, "", "Simulator.DryRun", dry.dump());
      log("Simulator.DryRun of: " + line.str());
      if (d.status != 200) return "DryRun failed: " + d.raw;
      if (d.raw != ds.raw) return "shadow engine answers DryRun differently:\n  main:   " + d.raw + "\n  shadow: " + ds.raw;
      if (exportOf(*main_) != beforeExport_) return "DryRun changed the world";
      Reply real = send(*main_, c.caller, c.target, c.body);
      Reply realShadow = send(*shadow_, c.caller, c.target, c.body);
      log(line.str() + "  -> " + std::to_string(real.status) + " " + real.raw.substr(0, 300));
      if (d.body["Status"] != real.status || d.body["Body"] != real.raw)
        return "DryRun predicted " + d.raw + " but the call answered " + std::to_string(real.status) + " " + real.raw;
      return afterCall(c, real, realShadow, sweep);
    }
    Reply r = send(*main_, c.caller, c.target, c.body);
    Reply rs = send(*shadow_, c.caller, c.target, c.body);
    log(line.str() + "  -> " + std::to_string(r.status) + " " + r.raw.substr(0, 300));
    return afterCall(c, r, rs, sweep);
  }

  std::string afterCall(const Call& c, const Reply& r, const Reply& rs, Rng& sweep) {
    // Wire shape.
    if (r.status != 200 && r.status != 400) return "status " + std::to_string(r.status) + ": " + r.raw;
    if (!r.body.is_object()) return "reply is not a JSON object: " + r.raw;
    if (r.status == 400 && (r.type().empty() || !r.body.contains("Message"))) return "error without __type/Message: " + r.raw;
    if (r.status != rs.status || r.raw != rs.raw)
      return "the shadow engine (imported from an export) answers differently:\n  main:   " + r.raw + "\n  shadow: " + rs.raw;

    View after;
    std::string afterExport;
    std::string f = observe(after, afterExport);
    if (!f.empty()) return f;
    if (++stepsSinceShadowCheck_ >= 4) {
      // Replies are compared on every call; the worlds on every change and every 4th step.
      stepsSinceShadowCheck_ = 0;
      if (exportOf(*shadow_) != afterExport) return "the shadow engine's world differs from the main engine's after the call";
    }

    bool isAccept = c.target == std::string(kAws) + "AcceptHandshake";
    bool quirk = isAccept && r.status == 400 && r.type() == "HandshakeConstraintViolationException" &&
                 r.reason() == "ALREADY_IN_AN_ORGANIZATION";
    bool changed = afterExport != beforeExport_;
    if (changed && (r.status == 400 || readOnly(c))) {
      if (!quirk) return std::string(r.status == 400 ? "a rejected call" : "a read-only call") + " changed the world";
      f = onlyConsumed(c.handshakeId, afterExport);
      if (!f.empty()) return f;
    }
    if (c.target == "Simulator.SetSettings" && r.status == 200 && c.body.find("AccountLimit") != std::string::npos)
      limitLowered_ = true;  // conservative: any explicit limit may be lower than what is in use

    f = checkTransitions(c, r, after, quirk);
    if (!f.empty()) return f;
    f = checkTargetedRow(c, r, after, quirk);
    if (!f.empty()) return f;
    f = checkWorld(after);
    if (!f.empty()) return f;

    noteSeen(after);
    before_ = std::move(after);
    beforeExport_ = std::move(afterExport);
    return sampledSweep(sweep);
  }

  // The quirk may change exactly the named handshake, to ACCEPTED, and nothing else.
  std::string onlyConsumed(const std::string& id, const std::string& afterExport) {
    Json b = Json::parse(beforeExport_, nullptr, false), a = Json::parse(afterExport, nullptr, false);
    Json& bh = b["World"]["Handshakes"];
    Json& ah = a["World"]["Handshakes"];
    if (bh.size() != ah.size()) return "ALREADY_IN_AN_ORGANIZATION quirk added or removed handshakes";
    for (size_t i = 0; i < bh.size(); ++i) {
      if (bh[i].value("Id", "") != id) continue;
      if (ah[i].value("State", "") != "ACCEPTED") return "ALREADY_IN_AN_ORGANIZATION quirk left the handshake not ACCEPTED";
      bh[i] = nullptr;
      ah[i] = nullptr;
    }
    if (a != b) return "ALREADY_IN_AN_ORGANIZATION changed more than the handshake it consumed";
    return "";
  }

  std::string checkTransitions(const Call& c, const Reply& r, const View& after, bool quirk) {
    bool clockStep = c.target == "Simulator.AdvanceTime" && r.status == 200;
    bool creates = r.status == 200 && (c.target == std::string(kAws) + "InviteAccountToOrganization" ||
                                       c.target == std::string(kAws) + "EnableAllFeatures");
    for (const std::string& id : after.order) {
      const Json& h = after.at(id);
      std::string action = h.value("Action", ""), state = h.value("State", "");
      if (!table_.states.count(action)) return "handshake " + id + " has an action the table does not know: " + action;
      if (!table_.states.at(action).count(state)) return "handshake " + id + " is in " + state + ", not a state of " + action;
      const Json* old = before_.handshake(id);
      if (!old) {
        if (std::find(seen_.begin(), seen_.end(), id) != seen_.end()) return "handshake " + id + " reappeared";
        if (!creates) return "handshake " + id + " appeared on " + c.target + " (" + std::to_string(r.status) + ")";
        std::string init = table_.initial.at(action);
        if (state != init && !table_.systemMoves.count(Table::key(action, init, state)))
          return "new handshake " + id + " starts in " + state + ", not in " + init + " (nor a SYSTEM move away from it)";
        continue;
      }
      std::string from = old->value("State", "");
      if (from == state) {
        if (*old != h) {
          if (table_.isTerminal(action, from)) return "terminal handshake " + id + " changed: " + old->dump() + " -> " + h.dump();
          return "handshake " + id + " changed without a state change: " + old->dump() + " -> " + h.dump();
        }
        continue;
      }
      if (table_.isTerminal(action, from)) return "terminal handshake " + id + " moved " + from + " -> " + state;
      std::string k = Table::key(action, from, state);
      if (clockStep) {
        if (!table_.clockMoves.count(k)) return "clock jump moved " + id + " " + k + ", not a CLOCK row";
      } else if (id == c.handshakeId && !c.op.empty()) {
        std::string role = roleOf(table_, before_, *old, c.caller, c.op);
        const Table::Row* row = table_.row(action, c.op, role, from);
        if (!row || row->to != state)
          return c.op + " by " + role + " moved " + id + " " + k + ": no such row (" +
                 (row ? (row->to.empty() ? "table says " + row->error : "table says -> " + row->to) : "no row") + ")";
        if (r.status != 200 && !quirk) return "a rejected " + c.op + " moved " + id;
      } else if (!table_.systemMoves.count(k)) {
        return c.target + " moved " + id + " " + k + " (action|from|to), which is not a SYSTEM row of the table";
      }
      if (table_.isTerminal(action, state)) endedAt_[id] = state == "EXPIRED" ? ms(h["ExpirationTimestamp"]) : after.now;
    }
    // Disappearances: only by retention, 30 days after the end.
    for (const std::string& id : before_.order) {
      if (after.handshake(id)) continue;
      const Json& old = before_.at(id);
      std::string action = old.value("Action", ""), from = old.value("State", "");
      std::int64_t end = table_.isTerminal(action, from) ? endedAt_.count(id) ? endedAt_[id] : -1
                                                         : ms(old["ExpirationTimestamp"]);
      if (!clockStep) return "handshake " + id + " (" + from + ") disappeared on " + c.target;
      if (!table_.isTerminal(action, from) && !table_.clockMoves.count(Table::key(action, from, "EXPIRED")))
        return "handshake " + id + " disappeared from " + from + ", which cannot expire";
      if (end >= 0 && after.now <= end + kRetentionMs)
        return "handshake " + id + " disappeared before its 30-day retention ended";
      if (!table_.isTerminal(action, from)) endedAt_[id] = end;
      gone_[id] = old;
    }
    // Retention and expiry timing.
    for (const auto& [id, end] : endedAt_) {
      bool visible = after.handshake(id) != nullptr;
      if (end >= 0 && visible != (after.now <= end + kRetentionMs))
        return "handshake " + id + (visible ? " still visible" : " gone") + " at " + std::to_string(after.now) +
               " ms; it ended at " + std::to_string(end) + " ms (retention 30 days)";
    }
    for (const std::string& id : after.order) {
      const Json& h = after.at(id);
      std::int64_t exp = ms(h["ExpirationTimestamp"]);
      std::string state = h.value("State", "");
      bool terminal = table_.isTerminal(h.value("Action", ""), state);
      if (!terminal && after.now > exp) return "handshake " + id + " is still " + state + " after its ExpirationTimestamp";
      if (state == "EXPIRED" && after.now <= exp) return "handshake " + id + " is EXPIRED before its ExpirationTimestamp";
    }
    return "";
  }
  // Accept/Decline/Cancel on a handshake that exists answer exactly what the table says.
  std::string checkTargetedRow(const Call& c, const Reply& r, const View& after, bool quirk) {
    if (c.op.empty() || c.handshakeId.empty()) return "";
    const Json* old = before_.handshake(c.handshakeId);
    if (!old) {
      if (r.status == 400 && r.type() == "HandshakeNotFoundException") return "";
      if (r.status == 400 && r.type() == "UnrecognizedClientException" && !before_.accounts.count(c.caller)) return "";
      return c.op + " of a handshake DescribeWorld does not show answered " + r.raw;
    }
    if (!before_.accounts.count(c.caller))
      return r.type() == "UnrecognizedClientException" ? "" : "a caller that is not an account got " + r.raw;
    std::string action = old->value("Action", ""), from = old->value("State", "");
    std::string role = roleOf(table_, before_, *old, c.caller, c.op);
    const Table::Row* row = table_.row(action, c.op, role, from);
    if (!row) return "no table row for " + Table::key(action, c.op, role, from);
    const Json* now = after.handshake(c.handshakeId);
    std::string where = " (" + Table::key(action, c.op, role, from) + ")";
    if (!row->error.empty()) {
      if (r.status != 400 || r.type() != row->error)
        return c.op + " answered " + r.raw + "; the table says " + row->error + where;
      return "";
    }
    if (r.status == 200) {
      if (!now || now->value("State", "") != row->to) return c.op + " succeeded but the handshake is not " + row->to + where;
      if (!r.body.contains("Handshake") || r.body["Handshake"] != *now)
        return c.op + " returned a handshake that differs from DescribeWorld's" + where;
      return "";
    }
    static const std::set<std::string> kLifecycleErrors = {"AccessDeniedException", "InvalidHandshakeTransitionException",
                                                           "HandshakeAlreadyInStateException"};
    if (kLifecycleErrors.count(r.type())) return c.op + " answered " + r.type() + " where the table allows it" + where;
    if (quirk) {
      // Same organization: the AWS-observed quirk consumes the handshake. Another organization (with
      // MemberOfOtherOrganization REJECT): a plain refusal that changes nothing.
      bool sameOrg = before_.orgOf(c.caller) == sendingOrg(*old);
      std::string state = now ? now->value("State", "") : "";
      if (sameOrg && state != "ACCEPTED") return "ALREADY_IN_AN_ORGANIZATION from the same organization did not consume the handshake";
      if (!sameOrg && state != from) return "ALREADY_IN_AN_ORGANIZATION from another organization changed the handshake";
    }
    return "";
  }

  std::string checkWorld(const View& v) {
    for (const auto& [id, a] : v.accounts) {
      std::string org = v.orgOf(id), role = a.value("Role", "");
      if (org.empty()) {
        if (role != "STANDALONE") return "account " + id + " has no organization but role " + role;
        continue;
      }
      auto o = v.orgs.find(org);
      if (o == v.orgs.end()) return "account " + id + " is in organization " + org + ", which does not exist";
      const Json& members = o->second["MemberAccountIds"];
      if (std::count(members.begin(), members.end(), Json(id)) != 1) return "organization " + org + " does not list " + id + " once";
      bool mgmt = o->second.value("ManagementAccountId", "") == id;
      if (role != (mgmt ? "MANAGEMENT" : "MEMBER")) return "account " + id + " has role " + role;
    }
    for (const auto& [id, o] : v.orgs) {
      for (const Json& m : o["MemberAccountIds"])
        if (v.orgOf(m.get<std::string>()) != id) return "organization " + id + " lists " + m.dump() + ", which is not its member";
      if (v.orgOf(o.value("ManagementAccountId", "")) != id) return "organization " + id + "'s management account is not a member";
      const Json& pending = o["PendingAllFeaturesHandshakeId"];
      if (!pending.is_null()) {
        const Json* p = v.handshake(pending.get<std::string>());
        if (!p || p->value("Action", "") != "ENABLE_ALL_FEATURES" || sendingOrg(*p) != id ||
            table_.isTerminal("ENABLE_ALL_FEATURES", p->value("State", "")))
          return "organization " + id + " has a pending migration that is not a live ENABLE_ALL_FEATURES handshake";
        if (o.value("FeatureSet", "") != "CONSOLIDATED_BILLING") return "organization " + id + " migrates but already has ALL";
      }
    }
    // A live ENABLE_ALL_FEATURES request is OPEN exactly when every child whose member is still in the
    // organization has been accepted (system move AllApproved), else REQUESTED. A member that joined
    // while the request was pending needs no approval: the invitation it accepted advertised ALL
    // (spec 5.8, step 8).
    for (const std::string& id : v.order) {
      const Json& p = v.at(id);
      if (p.value("Action", "") != "ENABLE_ALL_FEATURES" || table_.isTerminal("ENABLE_ALL_FEATURES", p.value("State", "")))
        continue;
      const std::string org = sendingOrg(p);
      for (const auto& [account, a] : v.accounts)
        if (v.orgOf(account) == org && before_.orgOf(account) != org && before_.index.count(id))
          joinedDuring_[id].insert(account);
      bool all = true;
      // Children that retention already hides still count, in their last (terminal) state.
      std::map<std::string, const Json*> children;
      for (const auto& [cid, last] : gone_) children[cid] = &last;
      for (const std::string& cid : v.order) children[cid] = &v.at(cid);
      for (const auto& [cid, childPtr] : children) {
        const Json& child = *childPtr;
        if (parentOf(child) != id) continue;
        for (const std::string& member : recipients(v, child))
          if (v.orgOf(member) == org && !joinedDuring_[id].count(member) && child.value("State", "") != "ACCEPTED")
            all = false;
      }
      std::string want = all ? "OPEN" : "REQUESTED";
      if (p.value("State", "") != want)
        return "migration " + id + " is " + p.value("State", "") + " but its required approvals say " + want;
    }
    std::set<std::string> liveInvites;
    std::map<std::string, int> openInvites;
    for (const std::string& id : v.order) {
      const Json& h = v.at(id);
      std::string action = h.value("Action", ""), state = h.value("State", "");
      std::int64_t life = ms(h["ExpirationTimestamp"]) - ms(h["RequestedTimestamp"]);
      if (action == "INVITE" && life != 15 * kDayMs) return "invitation " + id + " does not live 15 days";
      if (action == "ENABLE_ALL_FEATURES" && life != 90 * kDayMs) return "migration " + id + " does not live 90 days";
      if (action == "ENABLE_ALL_FEATURES" && state == "ACCEPTED") {
        auto o = v.orgs.find(sendingOrg(h));
        if (o != v.orgs.end() && o->second.value("FeatureSet", "") != "ALL")
          return "organization " + o->first + " accepted migration " + id + " but is not ALL";
      }
      if (action != "INVITE" || table_.isTerminal(action, state)) continue;
      openInvites[sendingOrg(h)]++;
      for (const Json& p : h["Parties"]) {
        if (p.value("Type", "") == "ORGANIZATION") continue;
        std::string key = sendingOrg(h) + "|" + p.value("Type", "") + "|" + lower(p.value("Id", ""));
        if (!liveInvites.insert(key).second) return "two live invitations for " + key;
      }
    }
    if (!limitLowered_) {
      for (const auto& [id, o] : v.orgs) {
        int used = static_cast<int>(o["MemberAccountIds"].size()) + openInvites[id];
        int limit = limit_;
        if (used > limit) return "organization " + id + " uses " + std::to_string(used) + " of " + std::to_string(limit) + " accounts";
      }
    }
    return "";
  }
  // ---- DescribeHandshake and list consistency --------------------------------------------------
  std::string describeConsistency(const std::string& id) {
    const Json& h = before_.at(id);
    std::set<std::string> parties = recipients(before_, h);
    parties.insert(sender(h));
    for (const std::string& who : parties) {
      if (!before_.accounts.count(who)) continue;
      Reply r = send(*main_, who, std::string(kAws) + "DescribeHandshake", Json{{"HandshakeId", id}}.dump());
      if (r.status != 200) return "DescribeHandshake " + id + " by party " + who + " answered " + r.raw;
      if (r.body["Handshake"] != h) return "DescribeHandshake " + id + " by " + who + " differs from DescribeWorld:\n  " + r.raw + "\n  " + h.dump();
    }
    for (const auto& [who, a] : before_.accounts) {
      if (parties.count(who)) continue;
      Reply r = send(*main_, who, std::string(kAws) + "DescribeHandshake", Json{{"HandshakeId", id}}.dump());
      if (r.status != 400 || r.type() != "AccessDeniedException") return "DescribeHandshake " + id + " by non-party " + who + " answered " + r.raw;
      break;
    }
    return "";
  }

  std::string goneConsistency(const std::string& id) {
    for (const auto& [who, a] : before_.accounts) {
      Reply r = send(*main_, who, std::string(kAws) + "DescribeHandshake", Json{{"HandshakeId", id}}.dump());
      if (r.status != 400 || r.type() != "HandshakeNotFoundException")
        return "DescribeHandshake of " + id + ", which DescribeWorld no longer shows, answered " + r.raw;
      break;
    }
    return "";
  }

  // Pages through a list and compares with the handshakes DescribeWorld says it must return.
  std::string pageThrough(const std::string& caller, bool forOrganization, int maxResults, const Json& filter) {
    const std::string op = forOrganization ? "ListHandshakesForOrganization" : "ListHandshakesForAccount";
    std::string org = before_.orgOf(caller);
    bool manages = before_.role(caller) == "MANAGEMENT";
    std::string action = filter.is_object() ? filter.value("ActionType", "") : "";
    std::string parent = filter.is_object() ? filter.value("ParentHandshakeId", "") : "";
    std::vector<std::string> expected;
    for (const std::string& id : before_.order) {
      const Json& h = before_.at(id);
      if (!action.empty() && h.value("Action", "") != action) continue;
      if (!parent.empty() && parentOf(h) != parent) continue;
      if (forOrganization) {
        if (sendingOrg(h) == org) expected.push_back(id);
      } else {
        if (manages && h.value("Action", "") == "INVITE") continue;  // hidden from management accounts (UG)
        if (recipients(before_, h).count(caller)) expected.push_back(id);
      }
    }
    std::vector<std::string> got;
    std::set<std::string> unique;
    Json body = Json::object();
    if (maxResults) body["MaxResults"] = maxResults;
    if (filter.is_object()) body["Filter"] = filter;
    std::string what = op + " by " + caller + " " + body.dump();
    for (int page = 0; page < 1000; ++page) {
      Reply r = send(*main_, caller, std::string(kAws) + op, body.dump());
      if (forOrganization && !manages) {
        std::string want = org.empty() ? "AWSOrganizationsNotInUseException" : "AccessDeniedException";
        if (r.type() != want) return what + " by a non-management account answered " + r.raw;
        return "";
      }
      if (r.status != 200) return what + " answered " + r.raw;
      const Json& items = r.body["Handshakes"];
      if (!items.is_array()) return what + ": no Handshakes list";
      if (maxResults && static_cast<int>(items.size()) > maxResults) return what + ": page larger than MaxResults";
      for (const Json& h : items) {
        std::string id = h.value("Id", "");
        if (!unique.insert(id).second) return what + ": " + id + " repeated across pages";
        const Json* w = before_.handshake(id);
        if (!w) return what + ": lists " + id + ", which DescribeWorld does not show";
        if (*w != h) return what + ": " + id + " differs from DescribeWorld:\n  " + h.dump() + "\n  " + w->dump();
        got.push_back(id);
      }
      auto token = r.body.find("NextToken");
      if (token == r.body.end()) break;
      if (!token->is_string()) return what + ": NextToken is not a string";
      if (items.empty()) return what + ": an empty page with a NextToken";
      body["NextToken"] = *token;
    }
    if (got != expected) {
      std::ostringstream m;
      m << what << ": listed " << Json(got).dump() << " but DescribeWorld implies " << Json(expected).dump();
      return m.str();
    }
    return "";
  }

  Json randomFilter(std::uint64_t r) {
    switch (r % 5) {
      case 1: return {{"ActionType", r % 3 ? "INVITE" : "APPROVE_ALL_FEATURES"}};
      case 2: {
        for (const std::string& id : before_.order)
          if (before_.at(id).value("Action", "") == "ENABLE_ALL_FEATURES") return {{"ParentHandshakeId", id}};
        return {{"ActionType", "ENABLE_ALL_FEATURES"}};
      }
      default: return nullptr;
    }
  }

  std::string sampledSweep(Rng& rng) {
    const auto& order = before_.order;
    for (int i = 0; i < 3 && !order.empty(); ++i) {
      std::string f = describeConsistency(order[rng.below(order.size())]);
      if (!f.empty()) return f;
    }
    for (const std::string& id : seen_)
      if (!before_.handshake(id) && rng.below(4) == 0) {
        std::string f = goneConsistency(id);
        if (!f.empty()) return f;
        break;
      }
    auto accounts = existingAccounts();
    if (accounts.empty()) return "";
    static const int kSizes[] = {0, 1, 2, 3, 20};
    std::string f = pageThrough(accounts[rng.below(accounts.size())], false, kSizes[rng.below(5)], randomFilter(rng.next()));
    if (!f.empty()) return f;
    std::vector<std::string> mgmts;
    for (const auto& [id, a] : before_.accounts)
      if (a.value("Role", "") == "MANAGEMENT") mgmts.push_back(id);
    if (mgmts.empty()) return "";
    return pageThrough(mgmts[rng.below(mgmts.size())], true, kSizes[rng.below(5)], randomFilter(rng.next()));
  }

  std::string fullSweep() {
    for (const std::string& id : before_.order) {
      std::string f = describeConsistency(id);
      if (!f.empty()) return f;
    }
    for (const std::string& id : seen_)
      if (!before_.handshake(id)) {
        std::string f = goneConsistency(id);
        if (!f.empty()) return f;
      }
    for (const std::string& who : existingAccounts())
      for (int m : {0, 1}) {
        std::string f = pageThrough(who, false, m, nullptr);
        if (f.empty()) f = pageThrough(who, true, m, nullptr);
        if (!f.empty()) return f;
      }
    return "";
  }
};

constexpr size_t kMaxReports = 6;

// A failure with ids, numbers and the step position taken out: one signature per kind of violation.
std::string signature(const std::string& failure) {
  std::string s = failure;
  size_t colon = s.rfind("step ", 0) == 0 ? s.find(": ") : std::string::npos;
  if (colon != std::string::npos) s = s.substr(colon + 2);
  std::string out;
  for (size_t i = 0; i < s.size() && out.size() < 90; ++i) {
    if (s.compare(i, 2, "h-") == 0) {
      out += "h-*";
      i += 2;
      while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
      --i;
    } else if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string describeFailure(std::uint64_t seed, size_t index, const std::string& failure, const std::vector<Step>& steps,
                            const std::vector<std::string>& transcript, size_t originalLength) {
  std::ostringstream m;
  m << "sequence " << index << " failed (reproduce with HS_MODEL_SEED=" << seed
    << " HS_MODEL_RUNS=1 HS_MODEL_STEPS=" << originalLength << ")\n"
  << "shortest failing sequence: " << steps.size() << " of " << originalLength << " steps\n"
  << "violation: " << failure << "\ncalls:\n";
  for (const std::string& line : transcript) m << "  " << line << "\n";
  return m.str();
}

}  // namespace

TEST_CASE("random operation sequences keep the engine's invariants", "[model]") {
  const std::uint64_t base = envNumber("HS_MODEL_SEED", 20261121);
#ifdef __EMSCRIPTEN__
  const std::uint64_t defaultRuns = 300;  // about 2-3x slower under node
#else
  const std::uint64_t defaultRuns = 1000;  // 60,000 steps: about a minute
#endif
  const std::uint64_t runs = envNumber("HS_MODEL_RUNS", defaultRuns);
  const std::uint64_t length = envNumber("HS_MODEL_STEPS", 60);

  hs::Engine probe;
  hs::WireResponse lc = probe.handle("", "Simulator.DescribeLifecycle", "{}");
  REQUIRE(lc.status == 200);
  Table table;
  std::string tableProblem = table.load(Json::parse(lc.body, nullptr, false));
  INFO(tableProblem);
  REQUIRE(tableProblem.empty());

  // Every distinct violation (by signature) is shrunk and reported; the run goes on after one, so that
  // a single run shows all of them.
  std::uint64_t steps = 0;
  std::vector<std::string> reports;
  std::set<std::string> signatures;
  for (std::uint64_t i = 0; i < runs; ++i) {
    const std::uint64_t seed = base + i;
    Rng rng(seed);
    std::vector<Step> sequence = randomSteps(rng, static_cast<size_t>(length));
    Runner runner(seed, table);
    std::string failure = runner.run(sequence, nullptr);
    steps += sequence.size();
    if (failure.empty()) continue;
    const std::string sig = signature(failure);
    if (!signatures.insert(sig).second || signatures.size() > kMaxReports) continue;

    // Shrink: delete chunks of steps while the sequence still fails the same way.
    std::vector<Step> best = sequence;
    int budget = 800;
    for (size_t chunk = best.size() / 2; chunk >= 1 && budget > 0; chunk /= 2) {
      bool progress = true;
      while (progress && budget > 0) {
        progress = false;
        for (size_t at = 0; at + chunk <= best.size() && budget > 0;) {
          std::vector<Step> candidate(best.begin(), best.begin() + static_cast<long>(at));
          candidate.insert(candidate.end(), best.begin() + static_cast<long>(at + chunk), best.end());
          --budget;
          Runner again(seed, table);
          std::string f = again.run(candidate, nullptr);
          if (!f.empty() && signature(f) == sig) {
            best = candidate;
            progress = true;
          } else {
            at += chunk;
          }
        }
      }
      if (chunk == 1) break;
    }
    std::vector<std::string> transcript;
    Runner last(seed, table);
    std::string finalFailure = last.run(best, &transcript);
    reports.push_back(describeFailure(seed, i, finalFailure.empty() ? failure : finalFailure, best, transcript,
                                      sequence.size()));
  }
  if (!reports.empty()) {
    std::ostringstream all;
    all << reports.size() << " distinct invariant violation(s) in " << runs << " sequences of " << length << " steps\n";
    for (const std::string& r : reports) all << "\n" << r;
    FAIL(all.str());
  }
  CHECK(steps == runs * length);
}
