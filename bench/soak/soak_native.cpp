// Native soak: N mixed wire calls through hs::Engine::handle (the workload of soak_wasm.mjs, the same
// calls in the same order), with the simulated clock moving 6 hours every ~20 calls so that
// handshakes expire (15 days) and pass their 30-day retention. Prints one JSON line per checkpoint
// (every N/10 calls): calls, stored handshakes, export bytes, heap in use (mallinfo2), RSS.
//   hs_soak [CALLS]
#include <malloc.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine.h"
#include "model/world.h"

namespace {

std::uint64_t state = 88172645463325252ull;
std::uint32_t rnd() {  // xorshift64, the same in soak_wasm.mjs (BigInt there)
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return static_cast<std::uint32_t>(state >> 32);
}

const char* const kAws = "AWSOrganizationsV20161128.";
constexpr int kOrgs = 10, kAccounts = 200;
std::string mgmt(int o) {
  char b[16];
  std::snprintf(b, sizeof b, "1000000000%02d", o);
  return b;
}
std::string standalone(int s) {
  char b[16];
  std::snprintf(b, sizeof b, "200000000%03d", s);
  return b;
}

long rssKiB() {
  long pages = 0, resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct Open {
  std::string id;
  int org, acct;
};

}  // namespace

int main(int argc, char** argv) {
  const long calls = argc > 1 ? std::atol(argv[1]) : 1000000;
  hs::Engine e(1);
  long status[3] = {0, 0, 0};  // 200, 400, other
  auto call = [&](const std::string& caller, const std::string& target, const std::string& body) {
    hs::WireResponse r = e.handle(caller, target, body);
    status[r.status == 200 ? 0 : r.status == 400 ? 1 : 2]++;
    if (r.status != 200 && r.status != 400)
      std::fprintf(stderr, "status %d: %s %s -> %s\n", r.status, target.c_str(), body.c_str(), r.body.c_str());
    return r;
  };
  call("", "Simulator.SetSettings", R"({"AccountLimit":100000})");
  for (int o = 0; o < kOrgs; ++o) {
    call("", "Simulator.CreateAccount",
         "{\"Id\":\"" + mgmt(o) + "\",\"Name\":\"M\",\"Email\":\"m" + std::to_string(o) + "@example.com\"}");
    call("", "Simulator.CreateOrganization", "{\"ManagementAccountId\":\"" + mgmt(o) + "\"}");
  }
  for (int s = 0; s < kAccounts; ++s)
    call("", "Simulator.CreateAccount",
         "{\"Id\":\"" + standalone(s) + "\",\"Name\":\"S\",\"Email\":\"s" + std::to_string(s) + "@example.com\"}");

  std::vector<Open> open;
  std::vector<std::pair<int, int>> members;  // (acct, org)
  auto checkpoint = [&](long done) {
    const std::string exp = e.handle("", "Simulator.ExportWorld", "{}").body;
    struct mallinfo2 mi = mallinfo2();
    std::printf(
        "{\"calls\": %ld, \"stored_handshakes\": %zu, \"export_bytes\": %zu, \"heap_in_use\": %zu, \"rss_kib\": %ld, "
        "\"now\": %lld, \"ok\": %ld, \"refused\": %ld, \"other\": %ld}\n",
        done, e.world().handshakes.size(), exp.size(), mi.uordblks, rssKiB(),
        static_cast<long long>(e.clock().now() / 1000), status[0], status[1], status[2]);
    std::fflush(stdout);
  };
  checkpoint(0);
  for (long i = 1; i <= calls; ++i) {
    const std::uint32_t k = rnd() % 100;
    if (k < 30) {
      const int o = static_cast<int>(rnd() % kOrgs), s = static_cast<int>(rnd() % kAccounts);
      hs::WireResponse r = call(mgmt(o), std::string(kAws) + "InviteAccountToOrganization",
                                "{\"Target\":{\"Type\":\"ACCOUNT\",\"Id\":\"" + standalone(s) + "\"}}");
      if (r.status == 200) {
        const size_t p = r.body.find("\"Id\":\"h-");
        if (p != std::string::npos) {
          if (open.size() >= 4000) open.erase(open.begin(), open.begin() + 1000);
          open.push_back({r.body.substr(p + 6, 34), o, s});
        }
      }
    } else if (k < 65 && !open.empty()) {
      const size_t j = rnd() % open.size();
      const Open h = open[j];
      const std::string body = "{\"HandshakeId\":\"" + h.id + "\"}";
      if (k < 45) {
        if (call(standalone(h.acct), std::string(kAws) + "AcceptHandshake", body).status == 200)
          members.push_back({h.acct, h.org});
      } else if (k < 55) {
        call(standalone(h.acct), std::string(kAws) + "DeclineHandshake", body);
      } else {
        call(mgmt(h.org), std::string(kAws) + "CancelHandshake", body);
      }
      open[j] = open.back();
      open.pop_back();
    } else if (k < 78 && !open.empty()) {
      const Open& h = open[rnd() % open.size()];
      call(standalone(h.acct), std::string(kAws) + "DescribeHandshake", "{\"HandshakeId\":\"" + h.id + "\"}");
    } else if (k < 88) {
      call(mgmt(static_cast<int>(rnd() % kOrgs)), std::string(kAws) + "ListHandshakesForOrganization",
           R"({"MaxResults":20})");
    } else if (k < 95 && !members.empty()) {
      const size_t j = rnd() % members.size();
      const auto m = members[j];
      call(mgmt(m.second), std::string(kAws) + "RemoveAccountFromOrganization",
           "{\"AccountId\":\"" + standalone(m.first) + "\"}");
      members[j] = members.back();
      members.pop_back();
    } else {
      call("", "Simulator.AdvanceTime", R"({"Seconds":21600})");
    }
    if (i % (calls / 10 > 0 ? calls / 10 : 1) == 0) checkpoint(i);
  }
  return status[2] == 0 ? 0 : 1;
}
