// The version has one source, CMake's project(VERSION): the header constants and the string
// compiled into the library must both say it.
#include "twilio/version.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

TEST(Version, LibraryReportsTheProjectVersion) {
  EXPECT_STREQ(twilio::Version(), TWILIO_PROJECT_VERSION);
  EXPECT_STREQ(twilio::kVersion, TWILIO_PROJECT_VERSION);
}

TEST(Version, ComponentsSpellTheVersionString) {
  std::string composed = std::to_string(twilio::kVersionMajor) + "." +
                         std::to_string(twilio::kVersionMinor) + "." +
                         std::to_string(twilio::kVersionPatch);
  EXPECT_EQ(composed, twilio::Version());
}

}  // namespace
