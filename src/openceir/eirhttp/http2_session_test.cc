#include "openceir/eirhttp/http2_session.h"

#include <gtest/gtest.h>

#include <string>

#include "openceir/eirhttp/http2_test_client.h"

namespace openceir::eirhttp {
namespace {

// Echoes the request into the body; "/big" answers 100 000 bytes.
class EchoHandler final : public RequestHandler {
 public:
  void Handle(const Request& request, Response* response) override {
    ++calls;
    response->content_type = "text/plain";
    if (request.path == "/big") {
      response->body.assign(100'000, 'x');
      return;
    }
    response->body.append(request.method).append(" ").append(request.path);
    if (!request.if_none_match.empty())
      response->body.append(" inm=").append(request.if_none_match);
    if (request.method == "HEAD") response->head = true;
  }
  int calls = 0;
};

class Http2SessionTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(session_.Start().ok()); }

  EchoHandler handler_;
  SessionLimits limits_ = [] {
    SessionLimits limits;
    limits.max_path_bytes = 64;
    limits.max_header_list_bytes = 1024;
    limits.max_concurrent_streams = 8;
    return limits;
  }();
  Http2Session session_{handler_, limits_};
  testing::MemoryClient client_{session_};
};

TEST_F(Http2SessionTest, AnswersEachRequestWithStatusHeadersAndBody) {
  const auto a = client_.Submit("GET", "/a?x=1", {{"if-none-match", "\"t\""}});
  const auto b = client_.Submit("GET", "/big");
  client_.Pump();
  EXPECT_EQ(client_.reply(a).status(), 200);
  EXPECT_EQ(client_.reply(a).body, "GET /a?x=1 inm=\"t\"");
  EXPECT_EQ(client_.reply(a).headers.at("content-type"), "text/plain");
  EXPECT_EQ(client_.reply(a).headers.at("content-length"), "18");
  EXPECT_EQ(client_.reply(b).body.size(), 100'000u);  // beyond the 64 KiB initial window
  EXPECT_TRUE(client_.reply(b).closed);
  EXPECT_EQ(session_.open_streams(), 0u);
}

TEST_F(Http2SessionTest, HeadSendsTheLengthButNoBody) {
  const auto id = client_.Submit("HEAD", "/a");
  client_.Pump();
  EXPECT_EQ(client_.reply(id).status(), 200);
  EXPECT_EQ(client_.reply(id).headers.at("content-length"), "7");
  EXPECT_EQ(client_.reply(id).body, "");
}

TEST_F(Http2SessionTest, OversizedPathIs414AndOversizedHeadersAre431) {
  const auto long_path = client_.Submit("GET", "/" + std::string(100, 'p'));
  const auto big_headers = client_.Submit("GET", "/a", {{"x-filler", std::string(2000, 'f')}});
  client_.Pump();
  EXPECT_EQ(client_.reply(long_path).status(), 414);
  EXPECT_EQ(client_.reply(long_path).headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(client_.reply(big_headers).status(), 431);
  EXPECT_EQ(handler_.calls, 0);
}

TEST_F(Http2SessionTest, StreamsBeyondTheConcurrencyLimitAreRefused) {
  client_.Pump();  // the client learns SETTINGS_MAX_CONCURRENT_STREAMS = 8
  std::vector<std::int32_t> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(client_.Submit("GET", "/a"));
  client_.Pump();
  // The client holds back what the limit does not allow; each one is answered in turn.
  for (const auto id : ids) EXPECT_EQ(client_.reply(id).status(), 200) << id;
  EXPECT_EQ(handler_.calls, 20);
}

TEST_F(Http2SessionTest, GracefulShutdownAnswersStreamsInFlightAndThenFinishes) {
  const auto first = client_.Submit("GET", "/a");
  client_.Pump();
  session_.NoticeShutdown();
  const auto in_flight = client_.Submit("GET", "/b");  // sent before the final GOAWAY
  client_.Pump();
  EXPECT_TRUE(client_.got_goaway());
  EXPECT_EQ(client_.goaway_last_stream_id(), 0x7fffffff);  // the notice
  EXPECT_EQ(client_.reply(first).status(), 200);
  EXPECT_EQ(client_.reply(in_flight).status(), 200);
  EXPECT_FALSE(session_.Finished());

  session_.FinishShutdown();
  // The final GOAWAY, read off the wire: type 7, NO_ERROR, last stream = the one in flight.
  const std::string frame = client_.TakeServerBytes();
  ASSERT_EQ(frame.size(), 17u);
  EXPECT_EQ(frame[3], 0x07);
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(frame[i]));
  };
  EXPECT_EQ((byte(9) << 24 | byte(10) << 16 | byte(11) << 8 | byte(12)),
            static_cast<std::uint32_t>(in_flight));
  EXPECT_EQ((byte(13) << 24 | byte(14) << 16 | byte(15) << 8 | byte(16)), 0u);
  EXPECT_TRUE(session_.Finished());
}

TEST_F(Http2SessionTest, GarbageInsteadOfThePrefaceIsFatal) {
  Http2Session other(handler_, limits_);
  ASSERT_TRUE(other.Start().ok());
  const std::string http1 = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_FALSE(other.Receive(reinterpret_cast<const std::uint8_t*>(http1.data()), http1.size()));
}

}  // namespace
}  // namespace openceir::eirhttp
