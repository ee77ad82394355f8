// The API's paging logic against a scripted transport: Limit, link safety, errors, context.
#include "twilio/supersim/v1/usage_records_api.hpp"

#include <gtest/gtest.h>

#include "twilio/errors.hpp"
#include "unit/scripted_http_client.hpp"

namespace twilio::supersim::v1 {
namespace {

using testdata::JsonResponse;
using testdata::Page;
using testdata::ScriptedHttpClient;

const std::string kBase = "https://supersim.twilio.com";
const std::string kList = kBase + "/v1/UsageRecords?";

ClientConfig Config(std::string base_url = kBase) {
  ClientConfig config;
  config.credentials = Credentials::FromAuthToken("AC" + std::string(32, 'a'), "s3cret-token");
  config.base_url = std::move(base_url);
  config.retry.initial_delay = std::chrono::milliseconds(1);  // retries on, waits short
  return config;
}

// Serves `pages` pages of `per_page` records; page i links to "<kList>Page=i+1".
std::shared_ptr<ScriptedHttpClient> PagedServer(int pages, int per_page) {
  return std::make_shared<ScriptedHttpClient>([=](const http::HttpRequest& request) {
    auto at = request.url.find("Page=");
    int page = at == std::string::npos ? 0 : std::stoi(request.url.substr(at + 5));
    std::string next = page + 1 < pages ? kList + "Page=" + std::to_string(page + 1) : "";
    return JsonResponse(200, Page(page * per_page, per_page, next));
  });
}

std::vector<int64_t> Uploads(const std::vector<SupersimV1UsageRecord>& records) {
  std::vector<int64_t> out;
  for (const auto& r : records) out.push_back(r.data_upload.value_or(-1));
  return out;
}

std::vector<int64_t> Range(int64_t from, int64_t to) {
  std::vector<int64_t> out;
  for (int64_t i = from; i < to; ++i) out.push_back(i);
  return out;
}

TEST(UsageRecordsApi, ListsEveryPageInOrder) {
  auto client = PagedServer(3, 4);
  UsageRecordsApi api(Config(), client);
  auto all = api.ListUsageRecord();
  EXPECT_EQ(Uploads(all.usage_records), Range(0, 12));
  EXPECT_EQ(client->Urls(),
            (std::vector<std::string>{kList + "PageSize=50", kList + "Page=1", kList + "Page=2"}));
  EXPECT_FALSE(all.meta.next_page_url.has_value());
}

TEST(UsageRecordsApi, LimitIsExactAndCostsNoExtraPage) {
  struct Case {
    int64_t limit;
    std::size_t requests;
  };
  // 3 pages of 4 records: the Limit decides how many pages are needed, never one more.
  for (Case c : {Case{1, 1}, Case{4, 1}, Case{5, 2}, Case{8, 2}, Case{12, 3}, Case{100, 3}}) {
    auto client = PagedServer(3, 4);
    UsageRecordsApi api(Config(), client);
    auto all = api.ListUsageRecord(ListUsageRecordParams().SetLimit(c.limit));
    EXPECT_EQ(Uploads(all.usage_records), Range(0, std::min<int64_t>(c.limit, 12)))
        << "Limit " << c.limit;
    EXPECT_EQ(client->Urls().size(), c.requests) << "Limit " << c.limit;
  }
}

TEST(UsageRecordsApi, LimitHoldsWhenAPageIsLargerThanAskedFor) {
  auto client = std::make_shared<ScriptedHttpClient>(
      [](const http::HttpRequest&) { return JsonResponse(200, Page(0, 30, kList + "Page=1")); });
  UsageRecordsApi api(Config(), client);
  auto all = api.ListUsageRecord(ListUsageRecordParams().SetLimit(10));
  EXPECT_EQ(all.usage_records.size(), 10u);
  EXPECT_EQ(client->Urls(), std::vector<std::string>{kList + "PageSize=10"});
  EXPECT_EQ(all.meta.next_page_url, kList + "Page=1");  // the caller can see there is more
}

TEST(UsageRecordsApi, StreamWithoutPrefetchYieldsLazilyAndSameRecordsAsList) {
  auto client = PagedServer(3, 4);
  ClientConfig config = Config();
  config.prefetch_next_page = false;  // a page only when iteration reaches it
  UsageRecordsApi api(config, client);
  auto stream = api.StreamUsageRecord(ListUsageRecordParams().SetLimit(6));
  EXPECT_TRUE(client->Urls().empty());  // nothing is sent before iteration starts
  std::vector<int64_t> seen;
  for (const auto& record : stream) {
    seen.push_back(*record.data_upload);
    EXPECT_EQ(client->Urls().size(), seen.size() <= 4 ? 1u : 2u);
  }
  EXPECT_EQ(seen, Range(0, 6));
  EXPECT_EQ(stream.PagesFetched(), 2u);
}

TEST(UsageRecordsApi, StreamWithPrefetchIsAtMostOnePageAhead) {
  auto client = PagedServer(3, 4);
  UsageRecordsApi api(Config(), client);  // prefetch_next_page is the default
  auto stream = api.StreamUsageRecord(ListUsageRecordParams().SetLimit(6));
  EXPECT_TRUE(client->Urls().empty());
  std::vector<int64_t> seen;
  for (const auto& record : stream) {
    seen.push_back(*record.data_upload);
    // Page 0 is consumed with page 1 possibly on its way; page 2 is past Limit 6.
    EXPECT_LE(client->Urls().size(), 2u);
    EXPECT_GE(client->Urls().size(), seen.size() <= 4 ? 1u : 2u);
  }
  EXPECT_EQ(seen, Range(0, 6));
  EXPECT_EQ(client->Urls().size(), 2u);
}

TEST(UsageRecordsApi, StreamThrowsFromTheIterationThatNeedsTheFailingPage) {
  auto client = std::make_shared<ScriptedHttpClient>([](const http::HttpRequest& request) {
    if (request.url.find("Page=1") != std::string::npos) {
      return JsonResponse(500,
                          {{"code", 20500}, {"message", "Internal Server Error"}, {"status", 500}});
    }
    return JsonResponse(200, Page(0, 3, kList + "Page=1"));
  });
  UsageRecordsApi api(Config(), client);
  std::vector<int64_t> seen;
  try {
    for (const auto& record : api.StreamUsageRecord()) seen.push_back(*record.data_upload);
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 500);
    EXPECT_EQ(e.Code(), 20500);
    EXPECT_EQ(e.Attempts(), 4);
  }
  EXPECT_EQ(seen, Range(0, 3));          // the records before the failure were all delivered
  EXPECT_EQ(client->Urls().size(), 5u);  // page 1 tried four times, page 0 never again
}

TEST(UsageRecordsApi, StreamBeginAfterAFailedFirstPageAsksAgain) {
  int requests = 0;
  auto client = std::make_shared<ScriptedHttpClient>([&](const http::HttpRequest&) {
    if (++requests <= 4) return JsonResponse(503, {{"code", 20503}, {"status", 503}});
    return JsonResponse(200, Page(0, 3, ""));
  });
  UsageRecordsApi api(Config(), client);
  auto stream = api.StreamUsageRecord();
  EXPECT_THROW(stream.begin(), ApiException);  // four attempts, all 503
  std::vector<int64_t> seen;
  for (auto it = stream.begin(); it != stream.end(); ++it) seen.push_back(*it->data_upload);
  EXPECT_EQ(seen, Range(0, 3));  // not an empty listing
  EXPECT_EQ(requests, 5);
}

TEST(UsageRecordsApi, RefusesNextPageOnAnotherServerWithoutSendingToIt) {
  for (const std::string foreign :
       {"https://evil.example.com/v1/UsageRecords?Page=1", "http://supersim.twilio.com/v1/x",
        "https://supersim.twilio.com:8443/v1/x", "https://supersim.twilio.com@evil.com/v1/x",
        "//evil.example.com/v1/UsageRecords", "https://supersim.twilio.com.evil.com/v1/x",
        "ftp://supersim.twilio.com/v1/x", "not a url"}) {
    auto client = std::make_shared<ScriptedHttpClient>(
        [&](const http::HttpRequest&) { return JsonResponse(200, Page(0, 2, foreign)); });
    UsageRecordsApi api(Config(), client);
    std::vector<int64_t> seen;
    auto stream = api.StreamUsageRecord();
    try {
      for (const auto& record : stream) seen.push_back(*record.data_upload);
      ADD_FAILURE() << "followed " << foreign;
    } catch (const PaginationException& e) {
      EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos);
    }
    EXPECT_EQ(seen, Range(0, 2)) << foreign;
    EXPECT_EQ(client->Urls(), std::vector<std::string>{kList + "PageSize=50"}) << foreign;
  }
}

TEST(UsageRecordsApi, FollowsSameServerLinksIncludingRelativeOnes) {
  for (const std::string next :
       {"https://SUPERSIM.twilio.com:443/v1/UsageRecords?Page=1", "/v1/UsageRecords?Page=1"}) {
    auto client = std::make_shared<ScriptedHttpClient>([&](const http::HttpRequest& request) {
      bool first = request.url.find("Page=1") == std::string::npos;
      return JsonResponse(200, Page(first ? 0 : 2, 2, first ? next : ""));
    });
    UsageRecordsApi api(Config(), client);
    EXPECT_EQ(Uploads(api.ListUsageRecord().usage_records), Range(0, 4)) << next;
    ASSERT_EQ(client->Urls().size(), 2u);
  }
}

TEST(UsageRecordsApi, ARepeatedNextPageUrlEndsInAnError) {
  auto client = std::make_shared<ScriptedHttpClient>([](const http::HttpRequest& request) {
    bool second = request.url.find("Page=1") != std::string::npos;
    // Page 1 links to page 2, which links back to page 1.
    return JsonResponse(200, Page(0, 1, kList + (second ? "Page=2" : "Page=1")));
  });
  UsageRecordsApi api(Config(), client);
  EXPECT_THROW(api.ListUsageRecord(), PaginationException);
  EXPECT_EQ(client->Urls().size(), 3u);
}

TEST(UsageRecordsApi, AStreamStoppedByAPagingErrorKeepsThrowingIt) {
  // Pages 0, 1, 2 of one record each; page 2 links back to page 1.
  auto client = std::make_shared<ScriptedHttpClient>([](const http::HttpRequest& request) {
    auto at = request.url.find("Page=");
    int page = at == std::string::npos ? 0 : std::stoi(request.url.substr(at + 5));
    return JsonResponse(200,
                        Page(page, 1, kList + "Page=" + std::to_string(page < 2 ? page + 1 : 1)));
  });
  UsageRecordsApi api(Config(), client);
  auto stream = api.StreamUsageRecord();
  std::vector<int64_t> seen;
  auto it = stream.begin();
  try {
    for (; it != stream.end(); ++it) seen.push_back(*it->data_upload);
    FAIL() << "expected a PaginationException";
  } catch (const PaginationException&) {
  }
  EXPECT_EQ(seen, Range(0, 3));
  // Going on after the error must not look like the end of the listing.
  EXPECT_THROW(++it, PaginationException);
  EXPECT_THROW(++it, PaginationException);
  EXPECT_EQ(client->Urls().size(), 3u);
}

TEST(UsageRecordsApi, EmptyOrNullNextPageUrlEndsTheListing) {
  for (const char* next : std::initializer_list<const char*>{"", nullptr}) {
    auto client = std::make_shared<ScriptedHttpClient>([&](const http::HttpRequest&) {
      nlohmann::json page = Page(0, 2, "");
      page["meta"]["next_page_url"] = next ? nlohmann::json(next) : nlohmann::json(nullptr);
      return JsonResponse(200, page);
    });
    UsageRecordsApi api(Config(), client);
    EXPECT_EQ(api.ListUsageRecord().usage_records.size(), 2u);
    EXPECT_EQ(client->Urls().size(), 1u);
  }
}

TEST(UsageRecordsApi, MapsTwilioErrorBodies) {
  auto client = std::make_shared<ScriptedHttpClient>([](const http::HttpRequest&) {
    return JsonResponse(404, {{"code", 20404},
                              {"message", "The requested resource was not found"},
                              {"more_info", "https://www.twilio.com/docs/errors/20404"},
                              {"status", 404},
                              {"details", {{"hint", "x"}}}});
  });
  UsageRecordsApi api(Config(), client);
  try {
    api.ListUsageRecord();
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 404);
    EXPECT_EQ(e.Code(), 20404);
    EXPECT_EQ(e.Message(), "The requested resource was not found");
    EXPECT_EQ(e.MoreInfo(), "https://www.twilio.com/docs/errors/20404");
    EXPECT_EQ(nlohmann::json::parse(e.Details()), (nlohmann::json{{"hint", "x"}}));
    EXPECT_STREQ(e.what(),
                 "Twilio API error: HTTP 404, code 20404: The requested resource was not found");
  }
}

TEST(UsageRecordsApi, KeepsNonJsonErrorBodiesRaw) {
  auto client = std::make_shared<ScriptedHttpClient>([](const http::HttpRequest&) {
    http::HttpResponse response;
    response.status = 502;
    response.body = "<html><body>Bad Gateway</body></html>";
    return response;
  });
  UsageRecordsApi api(Config(), client);
  try {
    api.PageUsageRecord();
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 502);
    EXPECT_FALSE(e.Code().has_value());
    EXPECT_EQ(e.Message(), "Bad Gateway");
    EXPECT_EQ(e.Body(), "<html><body>Bad Gateway</body></html>");
  }
}

TEST(UsageRecordsApi, AMalformedPageIsAParseErrorWithItsPath) {
  auto client = std::make_shared<ScriptedHttpClient>([](const http::HttpRequest&) {
    return JsonResponse(200, {{"usage_records", {{{"data_upload", "lots"}}}}});
  });
  UsageRecordsApi api(Config(), client);
  try {
    api.ListUsageRecord();
    FAIL() << "expected a ParseException";
  } catch (const ParseException& e) {
    EXPECT_EQ(e.Path(), "/usage_records/0/data_upload");
  }
}

TEST(UsageRecordsApi, ValidatesBeforeSendingAnything) {
  auto client = PagedServer(1, 1);
  UsageRecordsApi api(Config(), client);
  EXPECT_THROW(api.ListUsageRecord(ListUsageRecordParams().SetPageSize(1001)), ValidationException);
  EXPECT_THROW(api.StreamUsageRecord(ListUsageRecordParams().SetLimit(0)), ValidationException);
  EXPECT_THROW(api.PageUsageRecord(ListUsageRecordParams().SetNetwork("HW1")), ValidationException);
  EXPECT_TRUE(client->Urls().empty());
}

TEST(UsageRecordsApi, PagesByTokenAndFollowsNextPage) {
  auto client = PagedServer(2, 3);
  UsageRecordsApi api(Config(), client);
  auto first = api.PageUsageRecord(ListUsageRecordParams().SetPageSize(3), std::string("PA x"), 0);
  EXPECT_EQ(client->Urls().back(), kList + "PageSize=3&Page=0&PageToken=PA%20x");
  auto second = api.NextPageUsageRecord(first);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(Uploads(second->usage_records), Range(3, 6));
  EXPECT_FALSE(api.NextPageUsageRecord(*second).has_value());
  EXPECT_EQ(client->Urls().size(), 2u);
}

TEST(UsageRecordsApi, CancellationAndDeadlineStopTheListingBetweenPages) {
  CallContext ctx;
  auto client = std::make_shared<ScriptedHttpClient>([&](const http::HttpRequest& request) {
    if (request.url.find("Page=1") != std::string::npos) ctx.cancellation.Cancel();
    int page = request.url.find("Page=") == std::string::npos ? 0 : 1;
    return JsonResponse(200, Page(page * 2, 2, kList + "Page=" + std::to_string(page + 1)));
  });
  UsageRecordsApi api(Config(), client);
  std::vector<int64_t> seen;
  EXPECT_THROW(for (const auto& r
                    : api.StreamUsageRecord({}, ctx)) seen.push_back(*r.data_upload),
               CancelledException);
  EXPECT_EQ(seen, Range(0, 4));
  EXPECT_EQ(client->Urls().size(), 2u);  // nothing after the cancellation was seen

  auto expired = CallContext::WithTimeout(std::chrono::milliseconds(-1));
  EXPECT_THROW(api.ListUsageRecord({}, expired), DeadlineExceededException);
  EXPECT_EQ(client->Urls().size(), 2u);
}

TEST(UsageRecordsApi, GoStyleOverloadIsTheSameCall) {
  auto client = PagedServer(1, 2);
  UsageRecordsApi api(Config(), client);
  CallContext ctx;
  EXPECT_EQ(api.ListUsageRecord(ctx, ListUsageRecordParams().SetLimit(1)).usage_records.size(), 1u);
}

TEST(UsageRecordsApi, RejectsUnsafeBaseUrls) {
  auto client = PagedServer(1, 1);
  auto parameter = [&](ClientConfig config) -> std::string {
    try {
      UsageRecordsApi api(std::move(config), client);
    } catch (const ValidationException& e) {
      return e.Parameter();
    }
    return "";
  };
  EXPECT_EQ(parameter(Config("http://supersim.twilio.com")), "base_url");
  EXPECT_EQ(parameter(Config("https://user:pw@supersim.twilio.com")), "base_url");
  EXPECT_EQ(parameter(Config("supersim.twilio.com")), "base_url");
  EXPECT_EQ(parameter(Config("https://supersim.twilio.com/?x=1")), "base_url");
  EXPECT_EQ(parameter(Config("http://127.0.0.1:8080")), "");
  EXPECT_EQ(parameter(Config("http://localhost:8080/")), "");
  EXPECT_EQ(parameter(Config("http://[::1]:8080")), "");
  EXPECT_EQ(parameter(Config("https://proxy.internal/twilio")), "");
  // A custom transport authenticates by itself: the API does not need the credentials.
  EXPECT_EQ(parameter(ClientConfig{}), "");
}

TEST(UsageRecordsApi, DefaultTransportValidatesTheWholeConfig) {
  auto parameter = [](ClientConfig config) -> std::string {
    try {
      UsageRecordsApi api(std::move(config));
    } catch (const ValidationException& e) {
      return e.Parameter();
    }
    return "";
  };
  EXPECT_EQ(parameter(ClientConfig{}), "credentials");
  EXPECT_EQ(parameter(Config("http://example.com")), "base_url");
  ClientConfig config = Config();
  config.connect_timeout = std::chrono::milliseconds(0);
  EXPECT_EQ(parameter(config), "connect_timeout");
  config = Config();
  config.request_timeout = std::chrono::milliseconds(-5);
  EXPECT_EQ(parameter(config), "request_timeout");
  config = Config();
  config.max_response_bytes = 0;
  EXPECT_EQ(parameter(config), "max_response_bytes");
  EXPECT_EQ(parameter(Config()), "");
}

TEST(UsageRecordsApi, BaseUrlPathPrefixIsKept) {
  auto client = PagedServer(1, 1);
  UsageRecordsApi api(Config("https://proxy.internal/twilio/"), client);
  api.PageUsageRecord();
  EXPECT_EQ(client->Urls().back(), "https://proxy.internal/twilio/v1/UsageRecords?PageSize=50");
}

}  // namespace
}  // namespace twilio::supersim::v1
