// Native benchmark of the wire entry point, hs::Engine::handle (bench/wasm_bench.mjs does the same
// steps against handshake-engine.wasm under node; scripts/bench runs both and prints the table).
//
//   hs_bench ops              per-operation latency in a small world
//   hs_bench scale 1000       a world of ~1,000 handshakes (400 accounts, 5 organizations)
//   hs_bench scale 100000     a world of ~100,000 handshakes (10,000 accounts, 500 organizations)
//   hs_bench crossing         a DescribeHandshake and a call refused at once (wasm_bench.mjs crossing)
//
// Output: one JSON object per line, {"suite", "name", "value", "unit", "wall", ...}. "value" is CPU
// time of this thread (the machine is shared and noisy: CPU time is far steadier than wall time);
// "wall" is the wall-clock figure in the same unit. Everything goes through the wire (JSON text in,
// JSON text out), as every client drives the engine. Build: -O2 (build/bench).
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine.h"
#include "wire/json.h"

namespace {

using Clock = std::chrono::steady_clock;
const std::string kAws = "AWSOrganizationsV20161128.";

double cpuNow() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// A stopwatch that measures thread CPU time and wall time together.
struct Timer {
  double cpu0 = cpuNow();
  Clock::time_point wall0 = Clock::now();
  double cpu() const { return cpuNow() - cpu0; }
  double wall() const { return std::chrono::duration<double>(Clock::now() - wall0).count(); }
};
struct Span {
  double cpu = 0, wall = 0;
  void add(const Timer& t) { cpu += t.cpu(), wall += t.wall(); }
};

void emit(const std::string& suite, const std::string& name, double value, const std::string& unit, double wall,
          const std::string& extra = "") {
  std::printf("{\"suite\":\"%s\",\"name\":\"%s\",\"value\":%.6g,\"unit\":\"%s\",\"wall\":%.6g%s%s}\n", suite.c_str(),
              name.c_str(), value, unit.c_str(), wall, extra.empty() ? "" : ",", extra.c_str());
  std::fflush(stdout);
}

long peakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

struct Wire {
  hs::Engine engine{1};
  std::size_t calls = 0;

  hs::WireResponse call(const std::string& caller, const std::string& target, const std::string& body) {
    ++calls;
    return engine.handle(caller, target, body);
  }
  // A call that must succeed (setup); aborts the benchmark otherwise.
  std::string ok(const std::string& caller, const std::string& target, const std::string& body) {
    hs::WireResponse r = call(caller, target, body);
    if (r.status != 200) {
      std::fprintf(stderr, "hs_bench: %s %s %s -> %d %s\n", caller.c_str(), target.c_str(), body.c_str(), r.status,
                   r.body.c_str());
      std::exit(2);
    }
    return r.body;
  }
  std::string sim(const std::string& control, const std::string& body) { return ok("", "Simulator." + control, body); }
  std::string aws(const std::string& caller, const std::string& op, const std::string& body) {
    return ok(caller, kAws + op, body);
  }
};

std::string str(const std::string& s) { return hs::Json(s).dump(); }
// "5" followed by i zero-padded to 11 digits.
std::string accountId(int i) {
  std::string digits = std::to_string(i);
  return "5" + std::string(11 - digits.size(), '0') + digits;
}
std::string handshakeIdOf(const std::string& body) { return hs::Json::parse(body)["Handshake"]["Id"]; }
std::string inviteAccount(const std::string& id) { return R"({"Target":{"Type":"ACCOUNT","Id":)" + str(id) + "}}"; }
std::string inviteEmail(const std::string& email) { return R"({"Target":{"Type":"EMAIL","Id":)" + str(email) + "}}"; }
std::string byId(const std::string& id) { return R"({"HandshakeId":)" + str(id) + "}"; }

// Median of per-round mean latencies (microseconds).
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// ------------------------------------------------------------------------------------------------
// Per-operation latency in a small world: Bill's organization, Susan with 20 declined invitations
// and one open one, standalone accounts to accept invitations. 5 rounds; each value is the median
// of the rounds' mean latencies. main() runs it twice and reports the second (see wasm_bench.mjs ops).
const std::string kBill = "111111111111", kSusan = "222222222222";

// The start of every small world here (wasm_bench.mjs billAndSusan): Bill's organization, and Susan standalone.
void billAndSusan(Wire& w) {
  w.sim("SetTime", R"({"Timestamp":1789271046.11})");
  w.sim("SetSettings", R"({"AccountLimit":1000000})");
  w.sim("CreateAccount", R"({"Id":"111111111111","Name":"Bill","Email":"bill@example.com"})");
  w.sim("CreateOrganization", R"({"ManagementAccountId":"111111111111","Id":"o-exampleorgid"})");
  w.sim("CreateAccount", R"({"Id":"222222222222","Name":"Susan","Email":"susan@example.com"})");
}

void ops(bool reportResults) {
  Wire w;
  const std::string& bill = kBill;
  const std::string& susan = kSusan;
  billAndSusan(w);
  w.sim("CreateAccount", R"({"Id":"333333333333","Name":"Juan","Email":"juan@example.com"})");
  w.sim("JoinOrganization", R"({"AccountId":"333333333333","OrganizationId":"o-exampleorgid"})");
  for (int i = 0; i < 20; ++i) {
    std::string id = handshakeIdOf(w.aws(bill, "InviteAccountToOrganization", inviteAccount(susan)));
    w.aws(susan, "DeclineHandshake", byId(id));
  }
  const std::string open = handshakeIdOf(w.aws(bill, "InviteAccountToOrganization", inviteAccount(susan)));
  const int rounds = 5, describeN = 5000, listN = 1000, orgN = 5000, batch = 15, batches = 20;
  int account = 0, email = 0;
  std::vector<Span> describe, list, invite, accept, describeOrg;
  auto per = [](Span s, int n) { return Span{s.cpu * 1e6 / n, s.wall * 1e6 / n}; };
  // Targets and bodies are made before the timer starts, as wasm_bench.mjs makes them: only the calls are timed.
  const std::string describeTarget = kAws + "DescribeHandshake", describeBody = byId(open);
  const std::string listTarget = kAws + "ListHandshakesForAccount", orgTarget = kAws + "DescribeOrganization";
  const std::string inviteTarget = kAws + "InviteAccountToOrganization", acceptTarget = kAws + "AcceptHandshake";
  const std::string page20 = R"({"MaxResults":20})", empty = "{}";
  // Read-only calls first, in the world as built (the clock advances below would expire and then
  // hide Susan's invitations).
  for (int r = 0; r < rounds; ++r) {
    Span span;
    Timer t;
    for (int i = 0; i < describeN; ++i) w.call(susan, describeTarget, describeBody);
    span.add(t);
    describe.push_back(per(span, describeN));

    span = Span();
    t = Timer();
    for (int i = 0; i < listN; ++i) w.call(susan, listTarget, page20);
    span.add(t);
    list.push_back(per(span, listN));

    span = Span();
    t = Timer();
    for (int i = 0; i < orgN; ++i) w.call(bill, orgTarget, empty);
    span.add(t);
    describeOrg.push_back(per(span, orgN));
  }
  if (hs::Json::parse(w.aws(susan, "ListHandshakesForAccount", R"({"MaxResults":20})"))["Handshakes"].size() != 20) {
    std::fprintf(stderr, "hs_bench: Susan's page does not hold 20 handshakes\n");
    std::exit(2);
  }
  for (int r = 0; r < rounds; ++r) {
    Span span;
    Timer t;
    // Invitations: 15 per simulated day (the clock advance is not timed).
    span = Span();
    for (int b = 0; b < batches; ++b) {
      std::vector<std::string> bodies;
      for (int i = 0; i < batch; ++i) bodies.push_back(inviteEmail("bench" + std::to_string(email++) + "@example.org"));
      t = Timer();
      for (const std::string& body : bodies) w.call(bill, inviteTarget, body);
      span.add(t);
      w.sim("AdvanceTime", R"({"Seconds":86400})");
    }
    invite.push_back(per(span, batch * batches));

    // Accepts: 15 invitations (not timed), then their 15 acceptances (timed), then a day.
    span = Span();
    for (int b = 0; b < batches; ++b) {
      std::vector<std::pair<std::string, std::string>> pending;
      for (int i = 0; i < batch; ++i) {
        std::string id = accountId(++account);
        w.sim("CreateAccount",
              R"({"Id":)" + str(id) + R"(,"Name":"A","Email":)" + str("a" + id + "@example.net") + "}");
        pending.emplace_back(id, byId(handshakeIdOf(w.aws(bill, "InviteAccountToOrganization", inviteAccount(id)))));
      }
      t = Timer();
      for (const auto& [id, body] : pending) w.call(id, acceptTarget, body);
      span.add(t);
      w.sim("AdvanceTime", R"({"Seconds":86400})");
    }
    accept.push_back(per(span, batch * batches));
  }
  // The world stays valid: the last accepted account is a member.
  w.aws(accountId(account), "DescribeOrganization", "{}");
  if (!reportResults) return;
  auto report = [](const char* name, std::vector<Span> v) {
    std::sort(v.begin(), v.end(), [](const Span& a, const Span& b) { return a.cpu < b.cpu; });
    std::vector<double> walls;
    for (const Span& s : v) walls.push_back(s.wall);
    emit("ops", name, v[v.size() / 2].cpu, "us", median(walls));
  };
  report("DescribeHandshake", describe);
  report("InviteAccountToOrganization", invite);
  report("AcceptHandshake", accept);
  report("ListHandshakesForAccount page (20)", list);
  report("DescribeOrganization", describeOrg);
}

// ------------------------------------------------------------------------------------------------
// Scale: `orgs` organizations with 9 invited-and-accepted members each, and 191 EMAIL invitations per
// organization to standalone accounts, sent 15 per organization per simulated day (13 days: all still
// OPEN, all visible); a probe account got 20 invitations from the first organization and declined
// each. (9 + 191) * orgs + 20 handshakes: 1,020 (400 accounts, 5 organizations) or 100,020 (10,000
// accounts, 500 organizations). Every list page measured holds 20 handshakes in both worlds, so the
// two sizes compare the cost of the same page in a world 100 times larger.
struct ScaleWorld {
  Wire w;
  int orgs = 0;
  std::vector<std::string> mgmt;
  std::string probe = "999999999999";
  std::size_t handshakes = 0;
};

void buildScale(ScaleWorld& s, int accounts, int orgs) {
  Wire& w = s.w;
  const int perOrgInvites = 191, members = 9;
  s.orgs = orgs;
  const int standalone = accounts - s.orgs * (members + 1);
  w.sim("SetTime", R"({"Timestamp":1789271046.11})");
  w.sim("SetSettings", R"({"AccountLimit":1000000})");
  auto acct = [&](int i) { return accountId(i + 1); };
  for (int i = 0; i < accounts; ++i)
    w.sim("CreateAccount", R"({"Id":)" + str(acct(i)) + R"(,"Name":"Account )" + std::to_string(i) + R"(","Email":)" +
                               str("acct" + std::to_string(i) + "@example.com") + "}");
  w.sim("CreateAccount", R"({"Id":"999999999999","Name":"Probe","Email":"probe@example.com"})");
  // Organization k: management account k, members orgs + k*9 .. +8; standalone accounts after them.
  for (int k = 0; k < s.orgs; ++k) {
    s.mgmt.push_back(acct(k));
    w.sim("CreateOrganization", R"({"ManagementAccountId":)" + str(acct(k)) + R"(,"Id":)" +
                                    str("o-" + std::string(10 - std::to_string(k).size(), 'a') + std::to_string(k)) +
                                    "}");
  }
  for (int k = 0; k < s.orgs; ++k)
    for (int m = 0; m < members; ++m) {
      std::string member = acct(s.orgs + k * members + m);
      std::string h = handshakeIdOf(w.aws(s.mgmt[k], "InviteAccountToOrganization", inviteAccount(member)));
      w.aws(member, "AcceptHandshake", byId(h));
      ++s.handshakes;
    }
  w.sim("AdvanceTime", R"({"Seconds":86400})");
  const int firstStandalone = s.orgs * (members + 1);
  for (int day = 0; day * 15 < perOrgInvites; ++day) {
    for (int k = 0; k < s.orgs; ++k)
      for (int j = day * 15; j < std::min(perOrgInvites, day * 15 + 15); ++j) {
        int target = firstStandalone + (k * perOrgInvites + j) % standalone;
        w.aws(s.mgmt[k], "InviteAccountToOrganization", inviteEmail("acct" + std::to_string(target) + "@example.com"));
        ++s.handshakes;
      }
    w.sim("AdvanceTime", R"({"Seconds":86400})");
  }
  for (int i = 0; i < 20; ++i) {
    std::string h = handshakeIdOf(w.aws(s.mgmt[0], "InviteAccountToOrganization", inviteAccount(s.probe)));
    w.aws(s.probe, "DeclineHandshake", byId(h));
    ++s.handshakes;
  }
}

// Times 5 rounds of `n` calls; microseconds per call (CPU, wall), the round with the median CPU time.
Span timeCalls(Wire& w, int n, const std::string& caller, const std::string& target, const std::string& body) {
  std::vector<Span> rounds;
  for (int r = 0; r < 5; ++r) {
    Timer t;
    for (int i = 0; i < n; ++i) w.call(caller, target, body);
    rounds.push_back(Span{t.cpu() * 1e6 / n, t.wall() * 1e6 / n});
  }
  std::sort(rounds.begin(), rounds.end(), [](const Span& a, const Span& b) { return a.cpu < b.cpu; });
  return rounds[rounds.size() / 2];
}

void scale(int handshakesWanted) {
  const bool big = handshakesWanted >= 100000;
  const int accounts = big ? 10000 : 400, orgs = big ? 500 : 5;
  const std::string tag = std::string("\"size\":\"") + (big ? "100k" : "1k") + "\"";
  ScaleWorld s;
  long rssBefore = peakRssKb();
  Timer t;
  buildScale(s, accounts, orgs);
  double buildCpu = t.cpu(), buildWall = t.wall();
  emit("scale", "build", buildCpu, "s", buildWall,
       tag + ",\"calls\":" + std::to_string(s.w.calls) + ",\"handshakes\":" + std::to_string(s.handshakes) +
           ",\"accounts\":" + std::to_string(accounts + 1) + ",\"organizations\":" + std::to_string(s.orgs));
  emit("scale", "peak RSS after build", static_cast<double>(peakRssKb()) / 1024.0, "MiB", 0,
       tag + ",\"baseline_mib\":" + std::to_string(rssBefore / 1024));

  Wire& w = s.w;
  const std::string forOrg = kAws + "ListHandshakesForOrganization", forAcct = kAws + "ListHandshakesForAccount";
  // The first page of the first organization's list (220 handshakes), the probe's page (20), and the
  // last page of the first organization's list (through a NextToken; tokens are stateless, reusable).
  Span first = timeCalls(w, 300, s.mgmt[0], forOrg, R"({"MaxResults":20})");
  emit("scale", "ListHandshakesForOrganization first page", first.cpu, "us", first.wall, tag);
  Span probe = timeCalls(w, 300, s.probe, forAcct, R"({"MaxResults":20})");
  emit("scale", "ListHandshakesForAccount page", probe.cpu, "us", probe.wall, tag);
  std::string lastBody = R"({"MaxResults":20})";
  for (;;) {
    hs::Json page = hs::Json::parse(w.ok(s.mgmt[0], forOrg, lastBody));
    if (!page.contains("NextToken")) break;
    lastBody = R"({"MaxResults":20,"NextToken":)" + page["NextToken"].dump() + "}";
  }
  Span last = timeCalls(w, 300, s.mgmt[0], forOrg, lastBody);
  emit("scale", "ListHandshakesForOrganization last page", last.cpu, "us", last.wall, tag);
  Span describe = timeCalls(w, 2000, s.probe, kAws + "DescribeOrganization", "{}");
  emit("scale", "DescribeOrganization (standalone: error)", describe.cpu, "us", describe.wall, tag);

  // Page through everything: every organization's list, 20 per page.
  t = Timer();
  std::size_t pages = 0, items = 0;
  for (const std::string& m : s.mgmt) {
    std::string body = R"({"MaxResults":20})";
    for (;;) {
      hs::WireResponse r = w.call(m, forOrg, body);
      ++pages;
      std::size_t at = 0;
      while ((at = r.body.find("\"Action\":", at)) != std::string::npos) ++items, ++at;
      std::size_t tok = r.body.find("\"NextToken\":\"");
      if (tok == std::string::npos) break;
      tok += 13;
      body = R"({"MaxResults":20,"NextToken":")" + r.body.substr(tok, r.body.find('"', tok) - tok) + "\"}";
    }
  }
  double allCpu = t.cpu(), allWall = t.wall();
  emit("scale", "page through everything", allCpu, "s", allWall,
       tag + ",\"pages\":" + std::to_string(pages) + ",\"items\":" + std::to_string(items) +
           ",\"us_per_page\":" + std::to_string(allCpu * 1e6 / static_cast<double>(pages)));

  t = Timer();
  hs::WireResponse exported = w.call("", "Simulator.ExportWorld", "{}");
  emit("scale", "ExportWorld", t.cpu(), "s", t.wall(), tag + ",\"bytes\":" + std::to_string(exported.body.size()));
  // ImportWorld takes {"World": ...}: the export's body is exactly that.
  hs::Engine other(2);
  t = Timer();
  hs::WireResponse imported = other.handle("", "Simulator.ImportWorld", exported.body);
  double importCpu = t.cpu(), importWall = t.wall();
  if (imported.status != 200) {
    std::fprintf(stderr, "hs_bench: ImportWorld failed: %.300s\n", imported.body.c_str());
    std::exit(2);
  }
  emit("scale", "ImportWorld", importCpu, "s", importWall, tag);
  bool same = other.handle("", "Simulator.ExportWorld", "{}").body == exported.body;
  emit("scale", "round trip identical", same ? 1 : 0, "bool", 0, tag);
  emit("scale", "peak RSS after export+import", static_cast<double>(peakRssKb()) / 1024.0, "MiB", 0, tag);
}

}  // namespace

// The same calls as wasm_bench.mjs crossing times through handle(), natively: a DescribeHandshake, and a
// call to an unknown target (refused before anything is looked up). Against the WASM figures, the second
// shows what any call costs there before the engine's work.
void crossing() {
  Wire w;
  billAndSusan(w);
  const std::string body = byId(handshakeIdOf(w.aws(kBill, "InviteAccountToOrganization", inviteAccount(kSusan))));
  const std::string target = kAws + "DescribeHandshake", unknown = "X", empty;
  for (int pass = 0; pass < 2; ++pass) {  // the first a warm-up, as in ops
    Span describe = timeCalls(w, 200000, kSusan, target, body);
    Span refused = timeCalls(w, 200000, kSusan, unknown, empty);
    if (pass == 0) continue;
    emit("crossing", "DescribeHandshake through handle()", describe.cpu, "us", describe.wall);
    emit("crossing", "an unknown target through handle()", refused.cpu, "us", refused.wall);
  }
}

int main(int argc, char** argv) {
  std::string what = argc > 1 ? argv[1] : "ops";
  if (what == "ops") {
    const char* warmup = std::getenv("HS_BENCH_WARMUP");    // "0": no warm-up pass (see wasm_bench.mjs)
    if (!warmup || std::string(warmup) != "0") ops(false);  // the same pass on a world of its own, not reported
    ops(true);
  } else if (what == "scale") {
    scale(argc > 2 ? std::atoi(argv[2]) : 1000);
  } else if (what == "crossing") {
    crossing();
  } else {
    std::fprintf(stderr, "usage: hs_bench ops | scale 1000 | scale 100000 | crossing\n");
    return 2;
  }
  return 0;
}
