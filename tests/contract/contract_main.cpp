// The contract tests share one Prism process, started and stopped around the whole run.
#include <gtest/gtest.h>

#include "contract/prism_environment.hpp"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new twilio::contract::PrismEnvironment());
  return RUN_ALL_TESTS();
}
