#include "twilio/decimal.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace twilio {
namespace {

TEST(Decimal, KeepsTheDigitsItWasGiven) {
  EXPECT_EQ(Decimal::Parse("0.03").ToString(), "0.03");
  EXPECT_EQ(Decimal::Parse("0").ToString(), "0");
  EXPECT_EQ(Decimal::Parse("0.030").ToString(), "0.030");
  EXPECT_EQ(Decimal::Parse("-12.50").ToString(), "-12.50");
  EXPECT_EQ(Decimal::Parse("123456789012345678901234567890.000000000000000000001").ToString(),
            "123456789012345678901234567890.000000000000000000001");
  EXPECT_EQ(Decimal().ToString(), "0");
}

TEST(Decimal, WritesExponentsInPlainNotation) {
  EXPECT_EQ(Decimal::Parse("3e-2").ToString(), "0.03");
  EXPECT_EQ(Decimal::Parse("1.5E3").ToString(), "1500");
  EXPECT_EQ(Decimal::Parse("25e+1").ToString(), "250");
  EXPECT_EQ(Decimal::Parse("-0").ToString(), "0");
}

TEST(Decimal, RejectsNonNumbers) {
  for (const char* bad : {"", "-", ".5", "5.", "01", "1,5", "0x10", "1e", "1e99999", "NaN",
                          "Infinity", " 1", "1 ", "+1", "1.2.3", "--1"}) {
    EXPECT_THROW(Decimal::Parse(bad), std::invalid_argument) << bad;
  }
}

TEST(Decimal, ComparesValuesNotSpelling) {
  EXPECT_EQ(Decimal::Parse("0.030"), Decimal::Parse("0.03"));
  EXPECT_EQ(Decimal::Parse("-0.0"), Decimal::Parse("0"));
  EXPECT_NE(Decimal::Parse("0.03"), Decimal::Parse("0.031"));
  EXPECT_LT(Decimal::Parse("-1"), Decimal::Parse("0.5"));
  EXPECT_LT(Decimal::Parse("-2"), Decimal::Parse("-1.5"));
  EXPECT_LT(Decimal::Parse("0.09"), Decimal::Parse("0.1"));
  EXPECT_FALSE(Decimal::Parse("0.1") < Decimal::Parse("0.10"));
}

TEST(Decimal, AddsExactlyWhereDoublesDoNot) {
  Decimal sum;
  for (int i = 0; i < 10; ++i) sum += Decimal::Parse("0.1");
  EXPECT_EQ(sum.ToString(), "1.0");
  double d = 0;
  for (int i = 0; i < 10; ++i) d += 0.1;
  EXPECT_NE(d, 1.0);  // the rounding the Decimal avoids

  EXPECT_EQ((Decimal::Parse("0.03") + Decimal::Parse("0.004")).ToString(), "0.034");
  EXPECT_EQ((Decimal::Parse("999.99") + Decimal::Parse("0.01")).ToString(), "1000.00");
  EXPECT_EQ((Decimal::Parse("1") + Decimal::Parse("-0.25")).ToString(), "0.75");
  EXPECT_EQ((Decimal::Parse("-1") + Decimal::Parse("0.25")).ToString(), "-0.75");
  EXPECT_EQ((Decimal::Parse("0.5") + Decimal::Parse("-0.5")).ToString(), "0.0");
  EXPECT_TRUE((Decimal::Parse("0.5") + Decimal::Parse("-0.5")).IsZero());
}

TEST(Decimal, ConvertsToDouble) {
  EXPECT_DOUBLE_EQ(Decimal::Parse("0.03").ToDouble(), 0.03);
  EXPECT_DOUBLE_EQ(Decimal::Parse("-1.5e2").ToDouble(), -150.0);
  EXPECT_DOUBLE_EQ(Decimal().ToDouble(), 0.0);
}

}  // namespace
}  // namespace twilio
