// The exceptions a call throws come with its header: a program that includes only the API
// header can catch each of them by name (this file includes nothing else of the library).
#include <gtest/gtest.h>

#include <twilio/supersim/v1/usage_records_api.hpp>

namespace {

namespace v1 = twilio::supersim::v1;

TEST(ApiHeader, DeclaresEveryExceptionItsCallsThrow) {
  twilio::ClientConfig config;
  config.credentials = twilio::Credentials::FromAuthToken("AC123", "token");
  config.base_url = "http://127.0.0.1:1";
  v1::UsageRecordsApi api(config);
  try {
    api.ListUsageRecord(v1::ListUsageRecordParams().SetPageSize(0));
    ADD_FAILURE() << "PageSize 0 accepted";
  } catch (const twilio::ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "PageSize");
  }
  // Each type is complete here: naming it in a handler compiles.
  const auto catches_all = [] {
    try {
      throw twilio::CancelledException();
    } catch (const twilio::ApiException&) {
    } catch (const twilio::TransportException&) {
    } catch (const twilio::ParseException&) {
    } catch (const twilio::PaginationException&) {
    } catch (const twilio::DeadlineExceededException&) {
    } catch (const twilio::CancelledException&) {
      return true;
    } catch (const twilio::TwilioException&) {
    }
    return false;
  };
  EXPECT_TRUE(catches_all());
}

}  // namespace
