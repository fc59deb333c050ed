// The engine's text helpers (core/wire/text.h): prefixes and ASCII case.
#include "wire/text.h"

#include "test_support.h"

TEST_CASE("startsWith: the whole prefix at the start, nothing less", "[text]") {
  CHECK(hs::startsWith("AWSOrganizationsV20161128.DescribeHandshake", "AWSOrganizationsV20161128."));
  CHECK(hs::startsWith("o-", "o-"));
  CHECK(hs::startsWith("anything", ""));
  CHECK(hs::startsWith("", ""));
  CHECK_FALSE(hs::startsWith("o", "o-"));
  CHECK_FALSE(hs::startsWith("", "h-"));
  CHECK_FALSE(hs::startsWith("xo-abc", "o-"));
  CHECK_FALSE(hs::startsWith("O-abc", "o-"));
}

TEST_CASE("lowercase changes ASCII letters only", "[text]") {
  CHECK(hs::lowercase("Bill@Example.COM") == "bill@example.com");
  CHECK(hs::lowercase("[@`{AZaz09]") == "[@`{azaz09]");
  CHECK(hs::lowercase("CAF\xc3\x89") == "caf\xc3\x89");  // É stays É: UTF-8 bytes are left as they are
  CHECK(hs::lowercase("") == "");
}

TEST_CASE("equalsIgnoringCase is lowercase(a) == lowercase(b)", "[text]") {
  const char* const texts[] = {"",
                               "a",
                               "A",
                               "Bill@Example.COM",
                               "bill@example.com",
                               "bill@example.co",
                               "caf\xc3\xa9",
                               "CAF\xc3\x89",
                               "CAF\xc3\xa9",
                               "[@`{",
                               "{`@["};
  for (const char* a : texts)
    for (const char* b : texts) CHECK(hs::equalsIgnoringCase(a, b) == (hs::lowercase(a) == hs::lowercase(b)));
  CHECK(hs::equalsIgnoringCase("Bill@Example.COM", "bill@example.com"));
  CHECK_FALSE(hs::equalsIgnoringCase("caf\xc3\xa9", "CAF\xc3\x89"));
}
