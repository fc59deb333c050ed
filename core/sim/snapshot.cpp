#include "sim/snapshot.h"

#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "model/timestamp.h"
#include "wire/errors.h"
#include "wire/request.h"
#include "wire/text.h"

namespace hs {
namespace {

std::string hex(std::uint64_t v) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 15];
  return out;
}

// Unlike a response (Handshake::write leaves out an empty Resources list, as AWS does), a snapshot
// always holds the Resources list: its reader requires it.
void writeSnapshotResource(JsonWriter& out, const HandshakeResource& r) {
  out.beginObject().key("Resources").beginArray();
  for (const auto& c : r.children) writeSnapshotResource(out, c);
  out.endArray().key("Type").string(r.type).key("Value").string(r.value).endObject();
}

// Reads a snapshot, remembering the first problem and where it is: the record being read (at(), e.g.
// "World.Accounts[3]") and the member's name. A member is read into its field (text()) or returned as a
// number, so that reading a record builds no temporary strings: importWorld is one call per member.
class Reader {
 public:
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // The record the next reads are in.
  void at(std::string path) { path_ = std::move(path); }
  void at(const char* list, size_t i) { path_ = std::string(list) + "[" + std::to_string(i) + "]"; }
  const std::string& path() const { return path_; }

  // Reads a part of the current record (its Parties, a Resource) at `path`; the record's own path comes
  // back when the part is done.
  class Within {
   public:
    Within(Reader& r, std::string path) : r_(r), outer_(std::exchange(r.path_, std::move(path))) {}
    ~Within() { r_.path_ = std::move(outer_); }
    Within(const Within&) = delete;
    Within& operator=(const Within&) = delete;

   private:
    Reader& r_;
    std::string outer_;
  };

  // The first problem: at `where`, at the current record, or at its member `name`.
  void failAt(const std::string& where, std::string_view what) {
    if (ok()) error_ = where + ": " + std::string(what);
  }
  void failHere(std::string_view what) { failAt(path_, what); }
  void fail(const char* name, std::string_view what) {
    if (ok()) failAt(path_ + "." + name, what);
  }

  const Json* member(const Json& obj, const char* name) {
    if (!obj.is_object()) {
      failHere("must be an object");
      return nullptr;
    }
    auto it = obj.find(name);
    if (it == obj.end()) {
      fail(name, "is missing");
      return nullptr;
    }
    return &*it;
  }
  void text(const Json& obj, const char* name, std::string& out) {
    const Json* v = member(obj, name);
    if (v && !v->is_string()) fail(name, "must be a string");
    if (v && v->is_string()) out = v->get<std::string>();
  }
  std::int64_t integer(const Json& obj, const char* name, std::int64_t min = 0,
                       std::int64_t max = (std::int64_t{1} << 53)) {
    const Json* v = member(obj, name);
    if (v && (!v->is_number_integer() ||
              (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) ||
              v->get<std::int64_t>() < min || v->get<std::int64_t>() > max))
      fail(name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return v && v->is_number_integer() ? v->get<std::int64_t>() : 0;
  }
  std::uint64_t seq(const Json& obj, const char* name, std::int64_t min = 0) {
    return static_cast<std::uint64_t>(integer(obj, name, min));
  }
  // A time in milliseconds within the engine's range: 0 to 9999-12-31T23:59:59.999Z (kLatestTime), or
  // `max` for times that may lie past the clock's end (an expiration set just before it).
  Millis time(const Json& obj, const char* name, Millis max = kLatestTime) {
    const Json* v = member(obj, name);
    if (!v) return 0;
    bool inRange = v->is_number_integer() &&
                   (v->is_number_unsigned() ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                                            : v->get<std::int64_t>() >= 0 && v->get<std::int64_t>() <= max);
    if (!inRange) {
      fail(name, "must be an integer from 0 to " + std::to_string(max) +
                     (max == kLatestTime ? " (milliseconds up to 9999-12-31T23:59:59.999Z)" : ""));
      return 0;
    }
    return v->get<Millis>();
  }
  // A time of something that happened: in range and not after the snapshot's clock.
  Millis past(const Json& obj, const char* name, Millis now) {
    Millis t = time(obj, name);
    if (ok() && t > now) fail(name, "is after World.Now");
    return t;
  }
  std::uint64_t hex64(const Json& obj, const char* name) {
    std::string s;
    text(obj, name, s);
    std::uint64_t v = 0;
    if (s.size() != 16) {
      fail(name, "must be 16 hex digits");
      return 0;
    }
    for (char c : s) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        fail(name, "must be 16 hex digits");
        return 0;
      }
      v = (v << 4) | static_cast<std::uint64_t>(d);
    }
    return v;
  }
  bool boolean(const Json& obj, const char* name) {
    const Json* v = member(obj, name);
    if (v && !v->is_boolean()) fail(name, "must be true or false");
    return v && v->is_boolean() && v->get<bool>();
  }
  const Json& array(const Json& obj, const char* name) {
    static const Json kEmpty = Json::array();
    const Json* v = member(obj, name);
    if (v && !v->is_array()) fail(name, "must be a list");
    return v && v->is_array() ? *v : kEmpty;
  }
  // A text member that must be one of `allowed`.
  void textOneOf(const Json& obj, const char* name, std::initializer_list<const char*> allowed, std::string& out) {
    text(obj, name, out);
    for (const char* a : allowed)
      if (out == a) return;
    fail(name, "has an unknown value");
  }
  // A string member read into an enum through its wire-name parser (an enum's xFromString); an unknown
  // name fails (and reads as the enum's first value).
  template <auto parse>
  auto oneOf(const Json& obj, const char* name) {
    std::string s;
    text(obj, name, s);
    auto e = parse(s);
    if (!e && ok()) fail(name, "has an unknown value");
    return e.value_or(typename decltype(e)::value_type{});
  }
  // A Tags member as stored: a list that passed a request's tag checks (at most 50, each a valid Key
  // and Value, no aws: key, no key twice). Null after a problem (missing, not a list, a broken rule).
  const Json* tags(const Json& obj) {
    const Json* tags = member(obj, "Tags");
    if (tags && !tags->is_array()) fail("Tags", "must be a list");
    if (!ok()) return nullptr;
    checkTags(*tags);
    return ok() ? tags : nullptr;
  }
  void checkTags(const Json& tags) {
    if (tags.size() > kMaxTagsPerResource) return fail("Tags", "holds more than 50 tags");
    Status valid = validateTags(Json{{"Tags", tags}});
    if (!valid.ok()) fail("Tags", "breaks a tag rule (" + valid.error().reason + ")");
  }

 private:
  std::string path_ = "World";
  std::string error_;
};

HandshakeResource readResource(Reader& r, const Json& j, int depth) {
  HandshakeResource res;
  r.text(j, "Type", res.type);
  r.text(j, "Value", res.value);
  const Json& kids = r.array(j, "Resources");
  if (depth > 4 && !kids.empty()) r.failHere("nests too deeply");
  for (size_t i = 0; i < kids.size() && r.ok() && depth <= 4; ++i) {
    Reader::Within child(r, r.path() + ".Resources[" + std::to_string(i) + "]");
    res.children.push_back(readResource(r, kids[i], depth + 1));
  }
  return res;
}

}  // namespace

// Streamed: a 100,000-handshake world is 70 MB of snapshot, which a Json DOM would hold about 15
// times over. Keys come in sorted order, so the text is exactly dumpJson() of the same value
// (tests/unit/snapshot_test.cpp re-serializes an export to check).
void writeWorld(JsonWriter& out, const World& w) {
  out.beginObject().key("Accounts").beginArray();
  for (const auto& [id, a] : w.accounts)
    out.beginObject()
        .key("Created")
        .integer(a.created)
        .key("Email")
        .string(a.email)
        .key("Id")
        .string(a.id)
        .key("JoinSeq")
        .unsignedInteger(a.joinSeq)
        .key("Joined")
        .integer(a.joined)
        .key("JoinedMethod")
        .string(toString(a.joinedMethod))
        .key("Name")
        .string(a.name)
        .key("OrganizationId")
        .string(a.organizationId)
        .endObject();
  out.endArray();
  // CreateAccount requests and resource tags: written only when there are some, so that snapshots of
  // worlds without them stay as they were (and older snapshots, which lack them, still import).
  if (!w.createAccountRequests.empty()) {
    out.key("CreateAccountRequests").beginArray();
    for (const auto& [id, c] : w.createAccountRequests)
      out.beginObject()
          .key("AccountId")
          .string(c.accountId)
          .key("AccountName")
          .string(c.accountName)
          .key("Completed")
          .integer(c.completed)
          .key("Email")
          .string(c.email)
          .key("FailureReason")
          .string(c.failureReason)
          .key("Id")
          .string(c.id)
          .key("OrganizationId")
          .string(c.organizationId)
          .key("Requested")
          .integer(c.requested)
          .key("Seq")
          .unsignedInteger(c.seq)
          .key("State")
          .string(c.state)
          .key("Tags")
          .raw(dumpJson(c.tags))
          .endObject();
    out.endArray();
  }
  out.key("Handshakes").beginArray();
  for (const auto& [seq, h] : w.handshakes) {
    out.beginObject()
        .key("Action")
        .string(toString(h.action))
        .key("Ended")
        .integer(h.ended)
        .key("Expiration")
        .integer(h.expiration)
        .key("Id")
        .string(h.id)
        .key("OrganizationId")
        .string(h.organizationId)
        .key("ParentId")
        .string(h.parentId)
        .key("Parties")
        .beginArray();
    for (const auto& p : h.parties) out.beginObject().key("Id").string(p.id).key("Type").string(p.type).endObject();
    out.endArray()
        .key("RecipientAccountId")
        .string(h.recipientAccountId)
        .key("RecipientEmail")
        .string(h.recipientEmail)
        .key("Requested")
        .integer(h.requested)
        .key("Resources")
        .beginArray();
    for (const auto& r : h.resources) writeSnapshotResource(out, r);
    out.endArray()
        .key("SenderAccountId")
        .string(h.senderAccountId)
        .key("Seq")
        .unsignedInteger(h.seq)
        .key("State")
        .string(toString(h.state))
        .key("Tags")
        .raw(dumpJson(h.tags))
        .key("TransferId")
        .string(h.transferId)
        .endObject();
  }
  out.endArray()
      .key("IdState")
      .string(hex(w.ids.state()))
      .key("NextSeq")
      .unsignedInteger(w.nextSeq)
      .key("Now")
      .integer(w.now())
      .key("Organizations")
      .beginArray();
  for (const auto& [id, o] : w.organizations) {
    out.beginObject()
        .key("AllFeaturesHandshakeId")
        .string(o.allFeaturesHandshakeId)
        .key("Created")
        .integer(o.created)
        .key("FeatureSet")
        .string(toString(o.featureSet))
        .key("Id")
        .string(o.id)
        .key("ManagementAccountId")
        .string(o.managementAccountId)
        .key("MemberIds")
        .beginArray();
    for (const auto& m : o.memberIds) out.string(m);
    out.endArray().key("RootId").string(o.rootId).key("ScpEnabled").boolean(o.scpEnabled).endObject();
  }
  out.endArray();
  if (!w.resourceTags.empty()) {
    out.key("ResourceTags").beginArray();
    for (const auto& [id, t] : w.resourceTags) {
      out.beginObject()
          .key("OrganizationId")
          .string(t.organizationId)
          .key("ResourceId")
          .string(id)
          .key("Tags")
          .beginArray();
      for (const auto& [k, v] : t.tags) out.beginObject().key("Key").string(k).key("Value").string(v).endObject();
      out.endArray().endObject();
    }
    out.endArray();
  }
  out.key("Seed")
      .string(hex(w.seed))
      .key("Settings")
      .beginObject()
      .key("AccountLimit")
      .integer(w.settings.accountLimit);
  // Written only when set, so that snapshots of worlds without it stay as they were.
  if (w.settings.finalizingOrganizationSeconds > 0)
    out.key("FinalizingOrganizationSeconds").integer(w.settings.finalizingOrganizationSeconds);
  out.key("InvitesDuringMigration")
      .string(toString(w.settings.invitesDuringMigration))
      .key("MemberOfOtherOrganization")
      .string(toString(w.settings.memberOfOtherOrganization))
      .endObject()
      .key("TokenKey")
      .string(hex(w.tokenKey))
      .key("Transfers")
      .beginArray();
  for (const auto& [id, t] : w.transfers)
    out.beginObject()
        .key("End")
        .integer(t.end)
        .key("HandshakeId")
        .string(t.handshakeId)
        .key("Id")
        .string(t.id)
        .key("Name")
        .string(t.name)
        .key("Seq")
        .unsignedInteger(t.seq)
        .key("SourceAccountId")
        .string(t.sourceAccountId)
        .key("SourceEmail")
        .string(t.sourceEmail)
        .key("SourceOrganizationId")
        .string(t.sourceOrganizationId)
        .key("Start")
        .integer(t.start)
        .key("Status")
        .string(toString(t.status))
        .key("TargetAccountId")
        .string(t.targetAccountId)
        .key("TargetEmail")
        .string(t.targetEmail)
        .key("TargetOrganizationId")
        .string(t.targetOrganizationId)
        .key("Type")
        .string(t.type)
        .endObject();
  out.endArray().key("Version").integer(kSnapshotVersion).endObject();
}

Result<std::unique_ptr<World>> importWorld(const Json& s, const Clock* clock, Millis& now) {
  auto fail = [](const std::string& why) {
    return err::simulator("InvalidWorldSnapshotException", "The world snapshot is invalid: " + why);
  };
  if (!s.is_object()) return fail("World must be an object.");
  Reader r;
  std::int64_t version = r.integer(s, "Version");
  if (r.ok() && version != kSnapshotVersion)
    return fail("World.Version " + std::to_string(version) + " is not supported (this engine reads version " +
                std::to_string(kSnapshotVersion) + ").");
  auto w = std::make_unique<World>(clock, 0);
  // The clock's range: SetTime and AdvanceTime work from any clock a snapshot may carry.
  now = r.time(s, "Now");
  w->seed = r.hex64(s, "Seed");
  w->ids.setState(r.hex64(s, "IdState"));
  w->tokenKey = r.hex64(s, "TokenKey");
  w->nextSeq = r.seq(s, "NextSeq", 1);
  if (const Json* st = r.member(s, "Settings")) {
    Reader::Within settings(r, "World.Settings");
    w->settings.accountLimit = static_cast<int>(r.integer(*st, "AccountLimit", 1, 10000000));
    w->settings.memberOfOtherOrganization =
        r.oneOf<memberOfOtherOrganizationFromString>(*st, "MemberOfOtherOrganization");
    w->settings.invitesDuringMigration = r.oneOf<invitesDuringMigrationFromString>(*st, "InvitesDuringMigration");
    if (st->is_object() && st->contains("FinalizingOrganizationSeconds"))  // optional (absent in older snapshots)
      w->settings.finalizingOrganizationSeconds =
          static_cast<int>(r.integer(*st, "FinalizingOrganizationSeconds", 0, 86400));
  }
  const Json& accounts = r.array(s, "Accounts");
  std::set<std::string> emails;
  for (size_t i = 0; i < accounts.size() && r.ok(); ++i) {
    r.at("World.Accounts", i);
    const Json& j = accounts[i];
    Account a;
    r.text(j, "Id", a.id);
    r.text(j, "Name", a.name);
    r.text(j, "Email", a.email);
    r.text(j, "OrganizationId", a.organizationId);
    a.joinedMethod = r.oneOf<joinedMethodFromString>(j, "JoinedMethod");  // "" while standalone
    a.joined = r.past(j, "Joined", now);
    a.joinSeq = r.seq(j, "JoinSeq");
    a.created = r.past(j, "Created", now);
    if (r.ok() && !isAccountId(a.id)) r.fail("Id", "must be 12 digits");
    if (r.ok() && w->accounts.count(a.id)) r.fail("Id", "is a duplicate");
    if (r.ok() && !emails.insert(lowercase(a.email)).second) r.fail("Email", "is a duplicate");
    if (r.ok()) w->addAccount(std::move(a));
  }
  r.at("World");
  const Json& orgs = r.array(s, "Organizations");
  for (size_t i = 0; i < orgs.size() && r.ok(); ++i) {
    r.at("World.Organizations", i);
    const Json& j = orgs[i];
    Organization o;
    r.text(j, "Id", o.id);
    r.text(j, "RootId", o.rootId);
    o.featureSet = r.oneOf<featureSetFromString>(j, "FeatureSet");
    r.text(j, "ManagementAccountId", o.managementAccountId);
    const Json& members = r.array(j, "MemberIds");
    std::set<std::string> seen;
    for (const Json& m : members) {
      if (!m.is_string()) {
        r.fail("MemberIds", "must hold strings");
        break;
      }
      if (!seen.insert(m.get<std::string>()).second) {
        r.fail("MemberIds", m.get<std::string>() + " is listed twice");
        break;
      }
      o.memberIds.push_back(m.get<std::string>());
    }
    r.text(j, "AllFeaturesHandshakeId", o.allFeaturesHandshakeId);
    o.scpEnabled = r.boolean(j, "ScpEnabled");
    o.created = r.past(j, "Created", now);
    if (r.ok() && !isOrganizationId(o.id)) r.fail("Id", "must match o-[a-z0-9]{10,32}");
    if (r.ok() && w->organizations.count(o.id)) r.fail("Id", "is a duplicate");
    if (r.ok()) w->organizations[o.id] = std::move(o);
  }
  // Membership must agree both ways.
  for (const auto& [id, o] : w->organizations) {
    if (!r.ok()) break;
    r.at("World.Organizations." + id);
    const Account* m = w->findAccount(o.managementAccountId);
    if (!m || m->organizationId != o.id) r.failHere("its management account is not a member");
    std::uint64_t lastJoin = 0;
    for (const std::string& mid : o.memberIds) {
      const Account* a = w->findAccount(mid);
      if (!a || a->organizationId != o.id)
        r.fail("MemberIds", mid + " is not an account of it");
      else if (a->joinSeq <= lastJoin || a->joinSeq >= w->nextSeq)
        r.failAt("World.Accounts." + mid + ".JoinSeq",
                 "must follow the organization's joining order and stay below NextSeq");
      else
        lastJoin = a->joinSeq;
    }
  }
  for (const auto& [id, a] : w->accounts) {
    if (!r.ok() || a.organizationId.empty()) continue;
    const Organization* o = w->findOrganization(a.organizationId);
    bool listed = false;
    if (o)
      for (const auto& m : o->memberIds) listed = listed || m == id;
    if (!listed) r.failAt("World.Accounts." + id + ".OrganizationId", "names an organization that does not list it");
  }
  r.at("World");
  const Json& hs = r.array(s, "Handshakes");
  std::set<std::string> ids;
  std::uint64_t lastSeq = 0;
  for (size_t i = 0; i < hs.size() && r.ok(); ++i) {
    r.at("World.Handshakes", i);
    const Json& j = hs[i];
    Handshake h;
    h.seq = r.seq(j, "Seq", 1);
    r.text(j, "Id", h.id);
    std::string actionName, stateName;  // checked after the other members, as they always were
    r.text(j, "Action", actionName);
    r.text(j, "State", stateName);
    r.text(j, "OrganizationId", h.organizationId);
    r.text(j, "SenderAccountId", h.senderAccountId);
    const Json& parties = r.array(j, "Parties");
    for (size_t k = 0; k < parties.size() && r.ok(); ++k) {
      Reader::Within party(r, r.path() + ".Parties");
      HandshakeParty& added = h.parties.emplace_back();
      r.text(parties[k], "Id", added.id);
      r.text(parties[k], "Type", added.type);
    }
    const Json& resources = r.array(j, "Resources");
    for (size_t k = 0; k < resources.size() && r.ok(); ++k) {
      Reader::Within resource(r, r.path() + ".Resources[" + std::to_string(k) + "]");
      h.resources.push_back(readResource(r, resources[k], 1));
    }
    h.requested = r.past(j, "Requested", now);
    // An invitation sent just before the clock's end expires after it (up to the 90-day lifetime).
    h.expiration = r.time(j, "Expiration", kLatestTime + kAllFeaturesLifetime);
    h.ended = r.past(j, "Ended", now);
    r.text(j, "ParentId", h.parentId);
    r.text(j, "RecipientAccountId", h.recipientAccountId);
    r.text(j, "RecipientEmail", h.recipientEmail);
    r.text(j, "TransferId", h.transferId);
    const Json* tags = r.tags(j);
    if (!r.ok()) break;
    auto action = actionFromString(actionName);
    auto state = stateFromString(stateName);
    if (!action) {
      r.fail("Action", "has an unknown value");
      break;
    }
    if (!state) {
      r.fail("State", "has an unknown value");
      break;
    }
    if (!isHandshakeId(h.id) || !ids.insert(h.id).second) {
      r.fail("Id", "must be a unique handshake id");
      break;
    }
    if (h.seq <= lastSeq || h.seq >= w->nextSeq) {
      r.fail("Seq", "must increase and stay below NextSeq");
      break;
    }
    h.action = *action;
    h.state = *state;
    h.tags = *tags;
    lastSeq = h.seq;
    w->handshakes[h.seq] = std::move(h);
  }
  r.at("World");
  const Json& ts = r.array(s, "Transfers");
  for (size_t i = 0; i < ts.size() && r.ok(); ++i) {
    r.at("World.Transfers", i);
    const Json& j = ts[i];
    ResponsibilityTransfer t;
    t.seq = r.seq(j, "Seq", 1);
    r.text(j, "Id", t.id);
    r.text(j, "Name", t.name);
    r.text(j, "Type", t.type);
    t.status = r.oneOf<transferStatusFromString>(j, "Status");
    r.text(j, "SourceAccountId", t.sourceAccountId);
    r.text(j, "SourceEmail", t.sourceEmail);
    r.text(j, "SourceOrganizationId", t.sourceOrganizationId);
    r.text(j, "TargetAccountId", t.targetAccountId);
    r.text(j, "TargetEmail", t.targetEmail);
    r.text(j, "TargetOrganizationId", t.targetOrganizationId);
    t.start = r.time(j, "Start");
    t.end = r.time(j, "End");
    r.text(j, "HandshakeId", t.handshakeId);
    if (r.ok() && (!isTransferId(t.id) || w->transfers.count(t.id))) r.fail("Id", "must be a unique transfer id");
    if (r.ok()) {  // a transfer and its handshake name each other and share a seq
      auto h = w->handshakes.find(t.seq);
      if (h == w->handshakes.end() || h->second.id != t.handshakeId || h->second.transferId != t.id ||
          h->second.action != Action::TransferResponsibility)
        r.fail("HandshakeId", "must name the TRANSFER_RESPONSIBILITY handshake of this transfer (same Seq)");
    }
    if (r.ok()) w->transfers[t.id] = std::move(t);
  }
  // Optional members (absent in snapshots of worlds that never used them, and in older snapshots).
  r.at("World");
  if (s.contains("CreateAccountRequests")) {
    const Json& cs = r.array(s, "CreateAccountRequests");
    for (size_t i = 0; i < cs.size() && r.ok(); ++i) {
      r.at("World.CreateAccountRequests", i);
      const Json& j = cs[i];
      CreateAccountRequest c;
      r.text(j, "Id", c.id);
      c.seq = r.seq(j, "Seq", 1);
      r.text(j, "OrganizationId", c.organizationId);
      r.text(j, "AccountName", c.accountName);
      r.text(j, "Email", c.email);
      r.text(j, "AccountId", c.accountId);
      r.textOneOf(j, "State", {"IN_PROGRESS", "SUCCEEDED", "FAILED"}, c.state);
      r.text(j, "FailureReason", c.failureReason);
      c.requested = r.past(j, "Requested", now);
      c.completed = r.time(j, "Completed", kLatestTime + kCreateAccountDelay);  // requested + the delay
      const Json* tags = r.tags(j);
      if (r.ok() && (!startsWith(c.id, "car-") || w->createAccountRequests.count(c.id)))
        r.fail("Id", "must be a unique car- id");
      if (r.ok() && c.seq >= w->nextSeq) r.fail("Seq", "must stay below NextSeq");
      if (r.ok() && !isAccountId(c.accountId)) r.fail("AccountId", "must be 12 digits");
      if (r.ok()) {
        c.tags = *tags;
        w->createAccountRequests[c.id] = std::move(c);
      }
    }
  }
  r.at("World");
  if (s.contains("ResourceTags")) {
    const Json& ts = r.array(s, "ResourceTags");
    for (size_t i = 0; i < ts.size() && r.ok(); ++i) {
      r.at("World.ResourceTags", i);
      const Json& j = ts[i];
      ResourceTags t;
      std::string id;
      r.text(j, "ResourceId", id);
      r.text(j, "OrganizationId", t.organizationId);
      const Json& tags = r.array(j, "Tags");
      if (r.ok()) r.checkTags(tags);
      for (size_t k = 0; k < tags.size() && r.ok(); ++k) {
        Reader::Within tag(r, r.path() + ".Tags");
        std::string key, value;
        r.text(tags[k], "Key", key);
        r.text(tags[k], "Value", value);
        if (r.ok() && !t.tags.emplace(key, value).second) r.failHere("repeats the key " + key);
      }
      if (r.ok() && w->resourceTags.count(id)) r.fail("ResourceId", "is a duplicate");
      if (r.ok()) w->resourceTags[id] = std::move(t);
    }
  }
  std::map<std::string, const Handshake*> parents;
  for (const auto& [seq, h] : w->handshakes)
    if (h.action == Action::EnableAllFeatures) parents[h.id] = &h;
  for (const auto& [id, o] : w->organizations) {
    if (!r.ok() || o.allFeaturesHandshakeId.empty()) continue;
    auto parent = parents.find(o.allFeaturesHandshakeId);
    if (parent == parents.end() || parent->second->organizationId != id)
      r.failAt("World.Organizations." + id + ".AllFeaturesHandshakeId", "names no ENABLE_ALL_FEATURES handshake of it");
  }
  if (!r.ok()) return fail(r.error());
  w->rebuildIndices();
  return w;
}

}  // namespace hs
