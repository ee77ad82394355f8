// FormatBytes and GroupThousands: decimal SI units, one decimal, rounding at unit boundaries.
#include "human_units.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace {

using supersim_usage::FormatBytes;
using supersim_usage::GroupThousands;

TEST(HumanUnits, BytesBelowOneThousandAreWhole) {
  EXPECT_EQ(FormatBytes(0), "0 B");
  EXPECT_EQ(FormatBytes(1), "1 B");
  EXPECT_EQ(FormatBytes(999), "999 B");
}

TEST(HumanUnits, DecimalUnitsWithOneDecimal) {
  EXPECT_EQ(FormatBytes(1000), "1.0 KB");
  EXPECT_EQ(FormatBytes(1024), "1.0 KB");
  EXPECT_EQ(FormatBytes(1049), "1.0 KB");
  EXPECT_EQ(FormatBytes(1050), "1.1 KB");  // halves round up
  EXPECT_EQ(FormatBytes(12'345'678), "12.3 MB");
  EXPECT_EQ(FormatBytes(15'325'472), "15.3 MB");
  EXPECT_EQ(FormatBytes(999'900'000'000), "999.9 GB");
  EXPECT_EQ(FormatBytes(1'000'000'000'000), "1.0 TB");
  EXPECT_EQ(FormatBytes(2'500'000'000'000'000), "2.5 PB");
}

TEST(HumanUnits, RoundingUpToOneThousandMovesToTheNextUnit) {
  EXPECT_EQ(FormatBytes(999'949), "999.9 KB");
  EXPECT_EQ(FormatBytes(999'950), "1.0 MB");
  EXPECT_EQ(FormatBytes(999'999'999), "1.0 GB");
}

TEST(HumanUnits, ExtremesAndNegatives) {
  EXPECT_EQ(FormatBytes(std::numeric_limits<int64_t>::max()), "9.2 EB");
  EXPECT_EQ(FormatBytes(std::numeric_limits<int64_t>::min()), "-9.2 EB");
  EXPECT_EQ(FormatBytes(-999), "-999 B");
  EXPECT_EQ(FormatBytes(-999'949), "-999.9 KB");
  EXPECT_LE(FormatBytes(-999'949).size(), 9u);  // the widest a table column must hold
}

TEST(HumanUnits, ThousandsSeparators) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(1250), "1,250");
  EXPECT_EQ(GroupThousands(-3'000'000), "-3,000,000");
  EXPECT_EQ(GroupThousands(std::numeric_limits<int64_t>::min()), "-9,223,372,036,854,775,808");
}

}  // namespace
