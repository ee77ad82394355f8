// The pager knows no resource: here it pages through a made-up "widgets" resource, with its own
// page model and reader, unchanged, and keeps every rule (order, Limit, the link checks, the
// empty-page bound) with prefetching on and off.
#include "paging/listing_pager.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace twilio::internal {
namespace {

struct Widget {
  int64_t n = 0;
};

struct WidgetPage {
  std::vector<Widget> widgets;
  std::optional<std::string> next_page_url;
};

// Reads {"widgets":[{"n":1},...],"meta":{"next_page_url":...}} with nlohmann's DOM.
class WidgetReader {
 public:
  void Index(std::string& body) { body_ = &body; }
  void Walk(WidgetPage& page) {
    const auto json = nlohmann::json::parse(*body_, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.contains("widgets")) {
      throw ParseException("", "not a widgets page");
    }
    page.widgets.clear();
    for (const auto& widget : json["widgets"]) page.widgets.push_back({widget["n"].get<int64_t>()});
    const auto& link = json["meta"]["next_page_url"];
    page.next_page_url =
        link.is_string() ? std::optional<std::string>(link.get<std::string>()) : std::nullopt;
  }

 private:
  const std::string* body_ = nullptr;
};

struct Widgets {
  using Page = WidgetPage;
  using Record = Widget;
  using Reader = WidgetReader;
  static std::vector<Widget>& Records(WidgetPage& page) { return page.widgets; }
  static const std::optional<std::string>& NextLink(const WidgetPage& page) {
    return page.next_page_url;
  }
};

// Serves canned bodies by URL on the server http://widgets; remembers what was asked.
class WidgetServer : public PageFetcher {
 public:
  void Add(const std::string& path, const std::vector<int64_t>& widgets,
           const std::optional<std::string>& next) {
    nlohmann::json page = {{"widgets", nlohmann::json::array()}};
    for (int64_t n : widgets) page["widgets"].push_back({{"n", n}});
    page["meta"]["next_page_url"] = next ? nlohmann::json(*next) : nlohmann::json(nullptr);
    bodies_[kServer + path] = page.dump();
  }

  void Receive(const std::string& url, const CallContext&, http::HttpResponse& response,
               RetryState&) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    requested_.push_back(url);
    const auto it = bodies_.find(url);
    response.status = 200;
    response.body = it == bodies_.end() ? "not found" : it->second;
  }
  void AfterParseFailure(const std::string&, const CallContext&, ParseException&,
                         RetryState&) const override {
    throw;  // never retried here
  }
  std::string FollowableUrl(const std::string& link) const override {
    const std::string url = link.rfind("/", 0) == 0 ? kServer + link : link;
    if (url.rfind(kServer + "/", 0) != 0) throw PaginationException("another server: " + link);
    return url;
  }
  int MaxConsecutiveEmptyPages() const noexcept override { return 3; }

  std::vector<std::string> Requested() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requested_;
  }

  static inline const std::string kServer = "http://widgets";

 private:
  std::map<std::string, std::string> bodies_;
  mutable std::mutex mutex_;
  mutable std::vector<std::string> requested_;
};

class ListingPagerTest : public ::testing::TestWithParam<bool> {
 protected:
  // Every n the pager yields, until the end or an exception (then `error` holds its what()).
  std::vector<int64_t> List(std::optional<int64_t> limit, std::string* error = nullptr) {
    ListingPager<Widgets> pager(server_, WidgetServer::kServer + "/1", limit, CallContext{},
                                /*prefetch=*/GetParam(), nullptr, nullptr);
    std::vector<int64_t> seen;
    try {
      while (Widget* widget = pager.Next()) seen.push_back(widget->n);
    } catch (const PaginationException& e) {
      if (error == nullptr) throw;
      *error = e.what();
      // A stopped listing says so again, not that it ended.
      EXPECT_THROW(pager.Next(), PaginationException);
    }
    return seen;
  }

  std::shared_ptr<WidgetServer> server_ = std::make_shared<WidgetServer>();
};

TEST_P(ListingPagerTest, YieldsEveryRecordOfEveryPageInOrder) {
  server_->Add("/1", {1, 2}, "/2");
  server_->Add("/2", {3}, WidgetServer::kServer + "/3");
  server_->Add("/3", {4, 5}, std::nullopt);
  EXPECT_EQ(List(std::nullopt), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(server_->Requested().size(), 3u);
}

TEST_P(ListingPagerTest, StopsAtLimitWithoutAskingForAPageItDoesNotNeed) {
  server_->Add("/1", {1, 2}, "/2");
  server_->Add("/2", {3, 4}, "/3");
  server_->Add("/3", {5, 6}, std::nullopt);
  EXPECT_EQ(List(3), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(server_->Requested(),
            (std::vector<std::string>{WidgetServer::kServer + "/1", WidgetServer::kServer + "/2"}));
}

TEST_P(ListingPagerTest, RefusesALinkBackToAPageAlreadyFetchedAfterItsRecords) {
  server_->Add("/1", {1}, "/2");
  server_->Add("/2", {2}, "/1");
  std::string error;
  EXPECT_EQ(List(std::nullopt, &error), (std::vector<int64_t>{1, 2}));
  EXPECT_NE(error.find("already fetched"), std::string::npos) << error;
}

TEST_P(ListingPagerTest, RefusesALinkToAnotherServerAfterThePagesRecords) {
  server_->Add("/1", {1, 2}, "http://elsewhere/2");
  std::string error;
  EXPECT_EQ(List(std::nullopt, &error), (std::vector<int64_t>{1, 2}));
  EXPECT_NE(error.find("another server"), std::string::npos) << error;
  EXPECT_EQ(server_->Requested().size(), 1u);
}

TEST_P(ListingPagerTest, GivesUpOnARunOfEmptyPagesThatLinkOn) {
  server_->Add("/1", {1}, "/2");
  server_->Add("/2", {}, "/3");
  server_->Add("/3", {}, "/4");
  server_->Add("/4", {}, "/5");
  server_->Add("/5", {2}, std::nullopt);
  std::string error;
  EXPECT_EQ(List(std::nullopt, &error), (std::vector<int64_t>{1}));
  EXPECT_NE(error.find("3 empty pages in a row"), std::string::npos) << error;
}

TEST_P(ListingPagerTest, AnEmptyPageWithinTheBoundIsSteppedOver) {
  server_->Add("/1", {1}, "/2");
  server_->Add("/2", {}, "/3");
  server_->Add("/3", {2}, std::nullopt);
  EXPECT_EQ(List(std::nullopt), (std::vector<int64_t>{1, 2}));
}

TEST_P(ListingPagerTest, APageThatDoesNotParseIsThrownNotSkipped) {
  server_->Add("/1", {1}, "/2");  // "/2" is not served: "not found" is not a page
  ListingPager<Widgets> pager(server_, WidgetServer::kServer + "/1", std::nullopt, CallContext{},
                              GetParam(), nullptr, nullptr);
  ASSERT_NE(pager.Next(), nullptr);
  EXPECT_THROW(pager.Next(), ParseException);
}

INSTANTIATE_TEST_SUITE_P(PrefetchOffAndOn, ListingPagerTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "Prefetch" : "NoPrefetch";
                         });

}  // namespace
}  // namespace twilio::internal
