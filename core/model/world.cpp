#include "model/world.h"

#include <algorithm>

#include "wire/text.h"

namespace hs {
namespace {
const std::vector<std::uint64_t> kNone;

const std::vector<std::uint64_t>& lookup(const std::unordered_map<std::string, std::vector<std::uint64_t>>& m,
                                         const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? kNone : it->second;
}
}  // namespace

World::World(const Clock* clock, std::uint64_t seedValue) : seed(seedValue), ids(seedValue), clock_(clock) {
  // The token key is drawn from its own stream so that it does not shift the ids a seed produces.
  IdGenerator keyStream(seedValue ^ 0x5eed70c3e4a11d5ull);
  tokenKey = keyStream.next();
}

Account* World::findAccount(const std::string& id) {
  auto it = accounts.find(id);
  return it == accounts.end() ? nullptr : &it->second;
}
const Account* World::findAccount(const std::string& id) const {
  auto it = accounts.find(id);
  return it == accounts.end() ? nullptr : &it->second;
}
const Account* World::findAccountByEmail(const std::string& email) const {
  auto it = accountByEmail_.find(lowercase(email));
  return it == accountByEmail_.end() ? nullptr : findAccount(it->second);
}
Organization* World::findOrganization(const std::string& id) {
  auto it = organizations.find(id);
  return it == organizations.end() ? nullptr : &it->second;
}
const Organization* World::findOrganization(const std::string& id) const {
  auto it = organizations.find(id);
  return it == organizations.end() ? nullptr : &it->second;
}
Organization* World::organizationOf(const Account& a) {
  return a.standalone() ? nullptr : findOrganization(a.organizationId);
}

Handshake* World::findHandshake(const std::string& id) {
  auto it = seqById_.find(id);
  return it == seqById_.end() ? nullptr : &handshakes.at(it->second);
}
Handshake* World::findVisibleHandshake(const std::string& id) {
  Handshake* h = findHandshake(id);
  return h && h->visibleAt(now()) ? h : nullptr;
}
const Handshake* World::findHandshakeBySeq(std::uint64_t seq) const {
  auto it = handshakes.find(seq);
  return it == handshakes.end() ? nullptr : &it->second;
}
ResponsibilityTransfer* World::findTransfer(const std::string& id) {
  auto it = transfers.find(id);
  return it == transfers.end() ? nullptr : &it->second;
}

bool World::isSender(const Handshake& h, const Account& caller) const { return caller.id == h.senderAccountId; }

bool World::isRecipient(const Handshake& h, const Account& caller) const {
  if (!h.recipientAccountId.empty()) return caller.id == h.recipientAccountId;
  return !h.recipientEmail.empty() && equalsIgnoringCase(caller.email, h.recipientEmail);
}

Role World::roleFor(const Handshake& h, const Account& caller, Trigger op) const {
  bool sender = isSender(h, caller), recipient = isRecipient(h, caller);
  auto actor = Lifecycle::instance().actor(h.action, op);
  if (actor == Role::Sender && sender) return Role::Sender;
  if (actor == Role::Recipient && recipient) return Role::Recipient;
  if (sender) return Role::Sender;
  if (recipient) return Role::Recipient;
  return Role::Other;
}

const std::vector<std::uint64_t>& World::sentBy(const std::string& organizationId) const {
  return lookup(sentBy_, organizationId);
}
const std::vector<std::uint64_t>& World::addressedToAccount(const std::string& accountId) const {
  return lookup(toAccount_, accountId);
}
const std::vector<std::uint64_t>& World::addressedToEmail(const std::string& email) const {
  return lookup(toEmail_, lowercase(email));
}
const std::vector<std::uint64_t>& World::childrenOf(const std::string& parentId) const {
  return lookup(children_, parentId);
}

Account& World::addAccount(Account a) {
  accountByEmail_[lowercase(a.email)] = a.id;
  auto& stored = accounts[a.id];
  stored = std::move(a);
  return stored;
}

std::string World::newHandshakeId() {
  // A snapshot may carry any generator state, even one that has produced ids of this world before.
  std::string id = ids.handshakeId();
  while (seqById_.count(id)) id = ids.handshakeId();
  return id;
}

Handshake& World::addHandshake(Handshake h) {
  h.seq = nextSeq++;
  auto& stored = handshakes[h.seq];
  stored = std::move(h);
  index(stored);
  return stored;
}

void World::index(const Handshake& h) {
  seqById_[h.id] = h.seq;
  sentBy_[h.organizationId].push_back(h.seq);
  // An EMAIL-addressed handshake stays found through its email after acceptance names the account.
  if (!h.recipientEmail.empty())
    toEmail_[lowercase(h.recipientEmail)].push_back(h.seq);
  else if (!h.recipientAccountId.empty())
    toAccount_[h.recipientAccountId].push_back(h.seq);
  if (!h.parentId.empty()) children_[h.parentId].push_back(h.seq);
  if (h.action == Action::Invite) quota_[h.organizationId].sent.emplace_back(h.requested, h.seq);
  keyState(h);
}

void World::unkeyState(const Handshake& h) {
  if (h.action == Action::Invite && h.state == HandshakeState::Open)
    quota_[h.organizationId].live.erase({h.expiration, h.seq});
  purgeQueue_.erase({visibleUntil(h), h.seq});
}

void World::keyState(const Handshake& h) {
  if (h.action == Action::Invite && h.state == HandshakeState::Open)
    quota_[h.organizationId].live.emplace(h.expiration, h.seq);
  purgeQueue_.emplace(visibleUntil(h), h.seq);
}

void World::purgeInvisible() {
  const Millis t = now();
  if (purgeQueue_.empty() || purgeQueue_.begin()->first >= t) return;
  std::vector<std::uint64_t> gone;
  // Invisible once now > the last visible instant (Handshake::visibleAt); time only moves forward.
  while (!purgeQueue_.empty() && purgeQueue_.begin()->first < t) {
    const std::uint64_t seq = purgeQueue_.begin()->second;
    purgeQueue_.erase(purgeQueue_.begin());
    const Handshake& h = handshakes.at(seq);
    if (h.action == Action::TransferResponsibility && transfers.count(h.transferId))
      continue;                                                       // kept with its transfer
    if (!h.parentId.empty() && seqById_.count(h.parentId)) continue;  // goes with its parent (below)
    gone.push_back(seq);
    for (std::uint64_t child : childrenOf(h.id))
      if (!handshakes.at(child).visibleAt(t)) gone.push_back(child);
  }
  std::sort(gone.begin(), gone.end());
  gone.erase(std::unique(gone.begin(), gone.end()), gone.end());
  if (!gone.empty()) forget(gone);
}

void World::forget(const std::vector<std::uint64_t>& seqs) {
  // `seqs` is sorted. Each index vector they appear in is pruned once.
  auto dropped = [&seqs](std::uint64_t seq) { return std::binary_search(seqs.begin(), seqs.end(), seq); };
  using Index = std::unordered_map<std::string, std::vector<std::uint64_t>>;
  std::set<std::pair<Index*, std::string>> touched;
  std::set<std::string> quotas;
  for (std::uint64_t seq : seqs) {
    const Handshake& h = handshakes.at(seq);
    touched.insert({&sentBy_, h.organizationId});
    if (!h.recipientEmail.empty())
      touched.insert({&toEmail_, lowercase(h.recipientEmail)});
    else if (!h.recipientAccountId.empty())
      touched.insert({&toAccount_, h.recipientAccountId});
    if (!h.parentId.empty()) touched.insert({&children_, h.parentId});
    if (h.action == Action::Invite) {
      quotas.insert(h.organizationId);
      quota_[h.organizationId].live.erase({h.expiration, h.seq});
    }
  }
  for (const auto& [index, key] : touched) {
    auto it = index->find(key);
    if (it == index->end()) continue;
    auto& v = it->second;
    v.erase(std::remove_if(v.begin(), v.end(), dropped), v.end());
    if (v.empty()) index->erase(it);
  }
  for (const std::string& org : quotas) {
    auto it = quota_.find(org);
    if (it == quota_.end()) continue;
    auto& sent = it->second.sent;
    sent.erase(std::remove_if(sent.begin(), sent.end(), [&](const auto& e) { return dropped(e.second); }), sent.end());
    if (sent.empty() && it->second.live.empty()) quota_.erase(it);
  }
  for (std::uint64_t seq : seqs) {
    auto it = handshakes.find(seq);
    const Handshake& h = it->second;
    purgeQueue_.erase({visibleUntil(h), seq});
    seqById_.erase(h.id);
    auto kids = children_.find(h.id);
    if (kids != children_.end() && kids->second.empty()) children_.erase(kids);
    if (Organization* org = findOrganization(h.organizationId))
      if (org->allFeaturesHandshakeId == h.id) org->allFeaturesHandshakeId.clear();
    handshakes.erase(it);
  }
}

Organization& World::createOrganization(Account& management, FeatureSet featureSet, const std::string& id) {
  Organization org;
  org.id = id.empty() ? ids.organizationId() : id;
  while (id.empty() && findOrganization(org.id)) org.id = ids.organizationId();
  org.rootId = ids.rootId();
  org.featureSet = featureSet;
  org.scpEnabled = featureSet == FeatureSet::All;
  org.managementAccountId = management.id;
  org.created = now();
  org.memberIds.push_back(management.id);
  std::string organizationId = org.id;
  Organization& stored = organizations[organizationId] = std::move(org);
  markJoined(management, std::move(organizationId), JoinedMethod::Invited);
  return stored;
}

void World::joinOrganization(Account& a, Organization& org, JoinedMethod joinedMethod) {
  std::string organizationId = org.id;
  org.memberIds.push_back(a.id);
  markJoined(a, std::move(organizationId), joinedMethod);
}

void World::markJoined(Account& a, std::string organizationId, JoinedMethod joinedMethod) {
  a.organizationId = std::move(organizationId);
  a.joinedMethod = joinedMethod;
  a.joined = now();
  a.joinSeq = nextSeq++;
}

void World::leaveOrganization(Account& a) {
  Organization* org = organizationOf(a);
  if (org) {
    auto& m = org->memberIds;
    m.erase(std::remove(m.begin(), m.end(), a.id), m.end());
    // Its pending approval of an all-features migration no longer applies (system move MemberRemoved).
    for (std::uint64_t seq : addressedToAccount(a.id)) {
      Handshake& h = handshakes.at(seq);
      if (h.organizationId == org->id && !h.parentId.empty() && h.stateAt(now()) == HandshakeState::Open)
        (void)Lifecycle::fire(*this, h, Trigger::MemberRemoved, Role::System);
    }
  }
  a.organizationId.clear();
  a.joinedMethod = JoinedMethod::None;
  a.joined = 0;
  a.joinSeq = 0;
}

bool World::inCreatedAccountWait(const Account& a) const {
  return a.joinedMethod == JoinedMethod::Created && now() - a.created < 4 * kDay;
}

int World::liveInvitations(const std::string& organizationId) {
  auto& live = quota_[organizationId].live;
  // Entries past their expiration have become EXPIRED and no longer count (time only moves forward).
  while (!live.empty() && live.begin()->first < now()) live.erase(live.begin());
  return static_cast<int>(live.size());
}

int World::invitationsInLastDay(const std::string& organizationId) {
  const auto& sent = quota_[organizationId].sent;
  auto from = std::upper_bound(sent.begin(), sent.end(), std::make_pair(now() - kDay, UINT64_MAX));
  int n = 0;
  for (auto it = from; it != sent.end(); ++it)
    if (handshakes.at(it->second).state != HandshakeState::Accepted) ++n;
  return n;
}

CreateAccountRequest& World::addCreateAccountRequest(CreateAccountRequest r) {
  createAccountsDueAt_ = std::min(createAccountsDueAt_, r.completed);
  CreateAccountRequest& stored = createAccountRequests[r.id];
  return stored = std::move(r);
}

std::vector<CreateAccountRequest*> World::dueCreateAccountRequests() {
  std::vector<CreateAccountRequest*> due;
  if (now() < createAccountsDueAt_) return due;
  // The new bound counts the due requests too: the next call scans again, after they are settled (or, if
  // settling one failed, finds it still due).
  Millis next = std::numeric_limits<Millis>::max();
  // In seq order by insertion: usually one or none is due, and std::sort here would add 0.7 KB gzip to the module.
  const auto bySeq = [](const CreateAccountRequest* a, const CreateAccountRequest* b) { return a->seq < b->seq; };
  for (auto& [id, r] : createAccountRequests) {
    if (r.state != "IN_PROGRESS") continue;
    if (r.completed <= now()) due.insert(std::upper_bound(due.begin(), due.end(), &r, bySeq), &r);
    next = std::min(next, r.completed);
  }
  createAccountsDueAt_ = next;
  return due;
}

void World::rebuildIndices() {
  createAccountsDueAt_ = kScanCreateAccountsNow;
  seqById_.clear();
  accountByEmail_.clear();
  sentBy_.clear();
  toAccount_.clear();
  toEmail_.clear();
  children_.clear();
  quota_.clear();
  purgeQueue_.clear();
  for (const auto& [id, a] : accounts) accountByEmail_[lowercase(a.email)] = id;
  for (const auto& [seq, h] : handshakes) index(h);
}

std::string ResponsibilityTransfer::arn(const std::string& direction) const {
  const std::string& owner = direction == "inbound" ? targetAccountId : sourceAccountId;
  const std::string& org = direction == "inbound" ? targetOrganizationId : sourceOrganizationId;
  return "arn:aws:organizations::" + owner + ":transfer/" + org + "/billing/" + direction + "/" + id;
}

}  // namespace hs
