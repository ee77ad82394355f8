/// \file
/// Everything a Twilio API client needs to reach Twilio: credentials, where, and how long to wait.
#pragma once

#include <string>

#include "twilio/export.hpp"
#include "twilio/http/transport_options.hpp"
#include "twilio/logging.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio {

/// Settings shared by every API class: the transport's (http::TransportOptions: credentials,
/// base_url, timeouts, user agent, CA bundle, proxy, response cap), then retries, paging and
/// logging. Copyable; Validate() runs when a transport is built.
struct TWILIO_SUPERSIM_EXPORT ClientConfig : http::TransportOptions {
  /// Which failed requests are tried again, and how long to wait; RetryPolicy::None() turns
  /// retries off.
  RetryPolicy retry;

  /// A listing that gets this many empty pages in a row, each linking to yet another page,
  /// ends in a PaginationException instead of paging forever.
  int max_consecutive_empty_pages = 20;

  /// ListUsageRecord and StreamUsageRecord request page N+1 on a background thread (one per
  /// listing) as soon as page N arrives, so the transfer overlaps the parsing and the caller's
  /// work on page N. Never past Limit; a listing abandoned early (or cancelled) stops its
  /// prefetch within the transport's poll interval, but that one page may already have been
  /// requested. False fetches each page only when iteration reaches it.
  bool prefetch_next_page = true;

  /// Receives an event per request, response, retry and page, and one when a listing ends
  /// (docs/logging.md). Empty: LoggerFromEnvironment(), i.e. lines on standard error when
  /// TWILIO_LOG_LEVEL is set, else nothing. Not checked.
  Logger logger;

  /// Throws ValidationException naming the first unusable setting: empty credentials, a
  /// base_url that is not absolute http(s) (or has user info, a query, a fragment, or is
  /// http:// to a non-loopback host), a timeout or max_response_bytes that is not positive, a
  /// retry policy with max_attempts < 1, a negative delay, a multiplier < 1 or a jitter outside
  /// [0, 1], or max_consecutive_empty_pages < 1.
  void Validate() const;

  /// The settings the transport needs (the http::TransportOptions part), for
  /// http::CurlHttpClient.
  http::TransportOptions Transport() const;

  /// Credentials from the environment (see Credentials::FromEnvironment) and a base URL:
  /// TWILIO_SUPERSIM_BASE_URL when set and not empty (a test server such as the fake one; it
  /// is checked by Validate() as any base_url), else from TWILIO_EDGE / TWILIO_REGION when they
  /// are set, else https://supersim.twilio.com.
  static ClientConfig FromEnvironment();

  /// `https://supersim.EDGE.REGION.twilio.com`; a region alone defaults the edge as Twilio
  /// does (ashburn for us1, dublin for ie1, sydney for au1, ...) and an edge alone the region
  /// to us1. Throws ValidationException for characters a host name label cannot hold.
  static std::string RegionalBaseUrl(const std::string& edge, const std::string& region);
};

}  // namespace twilio
