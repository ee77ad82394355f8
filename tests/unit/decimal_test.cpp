#include "twilio/decimal.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <random>
#include <stdexcept>
#include <string>

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

// Sums of up to 18 digits add as integers, wider ones digit by digit. Adding a 40-digit offset and
// taking it away again forces the digit path on the same values, so both paths must agree.
TEST(Decimal, IntegerAndDigitAdditionAgree) {
  std::mt19937_64 random(11);
  const auto random_decimal = [&random] {
    std::string text = random() % 2 ? "-" : "";
    text += std::to_string(random() % 1000000000000ULL);
    if (const std::size_t scale = random() % 9; scale > 0) {
      std::string fraction = std::to_string(random() % 1000000000ULL);
      fraction.insert(0, 9 - fraction.size(), '0');
      text += "." + fraction.substr(0, scale);
    }
    return Decimal::Parse(text);
  };
  const Decimal offset = Decimal::Parse("1234567890123456789012345678901234567890");
  const Decimal minus_offset = Decimal::Parse("-1234567890123456789012345678901234567890");
  for (int i = 0; i < 2000; ++i) {
    const Decimal a = random_decimal();
    const Decimal b = random_decimal();
    const Decimal fast = a + b;
    const Decimal slow = ((a + offset) + b) + minus_offset;
    ASSERT_EQ(fast.ToString(), slow.ToString()) << a.ToString() << " + " << b.ToString();
  }
  // At the edge of the integer path: 18 digits each, and a carry into a 19th.
  EXPECT_EQ((Decimal::Parse("999999999999999999") + Decimal::Parse("1")).ToString(),
            "1000000000000000000");
  EXPECT_EQ((Decimal::Parse("-99999999999999999.9") + Decimal::Parse("-0.1")).ToString(),
            "-100000000000000000.0");
  EXPECT_EQ(
      (Decimal::Parse("0.000000000000000001") + Decimal::Parse("-0.000000000000000001")).ToString(),
      "0.000000000000000000");
}

TEST(Decimal, RoundsExactlyHalfEvenOrHalfUp) {
  struct Case {
    const char* value;
    int places;
    const char* half_even;
    const char* half_up;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"29.2506800", 2, "29.25", "29.25"},
           {"0.125", 2, "0.12", "0.13"},
           {"0.135", 2, "0.14", "0.14"},
           {"0.1250000001", 2, "0.13", "0.13"},
           {"0.12499999", 2, "0.12", "0.12"},
           {"-0.125", 2, "-0.12", "-0.13"},
           {"-0.005", 2, "0.00", "-0.01"},
           {"9.995", 2, "10.00", "10.00"},
           {"999.5", 0, "1000", "1000"},
           {"2.5", 0, "2", "3"},
           {"3.5", 0, "4", "4"},
           {"0.5", 0, "0", "1"},
           {"1.5", 3, "1.500", "1.500"},
           {"7", 2, "7.00", "7.00"},
           {"0", 1, "0.0", "0.0"},
           {"123456789012345678901234567890.123456789", 4, "123456789012345678901234567890.1235",
            "123456789012345678901234567890.1235"},
       }) {
    const Decimal d = Decimal::Parse(c.value);
    EXPECT_EQ(d.ToString(c.places, Decimal::Rounding::HalfEven), c.half_even) << c.value;
    EXPECT_EQ(d.ToString(c.places, Decimal::Rounding::HalfUp), c.half_up) << c.value;
    EXPECT_EQ(d.Round(c.places).ToString(), c.half_even) << c.value;
  }
  EXPECT_EQ(Decimal::Parse("0.125").ToString(2), "0.12");  // half-even by default
  EXPECT_THROW(Decimal::Parse("1").Round(-1), std::invalid_argument);
  // A rounded Decimal is a Decimal: it adds and compares by value.
  EXPECT_EQ(Decimal::Parse("1.005").Round(2, Decimal::Rounding::HalfUp) + Decimal::Parse("0.99"),
            Decimal::Parse("2"));
}

TEST(Decimal, ConvertsToDouble) {
  EXPECT_DOUBLE_EQ(Decimal::Parse("0.03").ToDouble(), 0.03);
  EXPECT_DOUBLE_EQ(Decimal::Parse("-1.5e2").ToDouble(), -150.0);
  EXPECT_DOUBLE_EQ(Decimal().ToDouble(), 0.0);
}

}  // namespace
}  // namespace twilio
