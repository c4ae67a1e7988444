// HttpSource with libcurl's easy interface; BundleSync glues it to the applier and the holder.
#include "openceir/bundle/bundle_sync.h"

#include <curl/curl.h>

#include <mutex>

namespace openceir::bundle {

namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// Keeps the ETag response header (the last response's, after redirects).
std::size_t KeepEtag(char* data, std::size_t size, std::size_t count, void* out) {
  std::string_view line(data, size * count);
  if (line.size() > 5 && (line.substr(0, 5) == "ETag:" || line.substr(0, 5) == "etag:" ||
                          line.substr(0, 5) == "Etag:")) {
    line.remove_prefix(5);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) {
      line.remove_suffix(1);
    }
    *static_cast<std::string*>(out) = std::string(line);
  } else if (line.substr(0, 5) == "HTTP/") {
    static_cast<std::string*>(out)->clear();  // a new response (redirect, 100-continue)
  }
  return size * count;
}

}  // namespace

HttpSource::HttpSource(std::string base_url, HttpOptions options)
    : base_url_(std::move(base_url)), options_(options) {
  GlobalInit();
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  curl_ = curl_easy_init();
}

HttpSource::~HttpSource() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Result<std::string> HttpSource::Fetch(const std::string& path) {
  std::string etag;
  OPENCEIR_ASSIGN_OR_RETURN(std::optional<std::string> body, Get(path, &etag));
  // No If-None-Match was sent, so a 304 would be the server's error, not "unchanged".
  if (!body.has_value()) return UnavailableError(path + ": 304 Not Modified to a plain GET");
  return std::move(*body);
}

Result<std::optional<std::string>> HttpSource::FetchIfChanged(const std::string& path,
                                                              std::string* etag) {
  return Get(path, etag);
}

Result<std::optional<std::string>> HttpSource::Get(const std::string& path, std::string* etag) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return InternalError("libcurl cannot start");
  const std::string url = base_url_ + "/" + path;
  std::string body, response_etag;
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (options_.http2_prior_knowledge && url.starts_with("http://")) {
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION,
                     static_cast<long>(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE));
    // libcurl before 8.0 (Debian 12: 7.88.1) breaks a reused prior-knowledge connection ("Error
    // in the HTTP2 framing layer", curl/curl#10634): one connection a file (a few a poll).
    curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
  }
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, KeepEtag);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response_etag);
  curl_slist* headers = nullptr;
  if (!etag->empty()) {
    headers = curl_slist_append(headers, ("If-None-Match: " + *etag).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    return UnavailableError(url + ": " + curl_easy_strerror(code));
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status == 304) return std::optional<std::string>();
  if (status == 404) return NotFoundError(url + ": HTTP 404");
  if (status != 200) return UnavailableError(url + ": HTTP " + std::to_string(status));
  *etag = response_etag;
  return std::optional<std::string>(std::move(body));
}

BundleSync::BundleSync(std::string base_url, HttpOptions http, BundleApplier& applier,
                       eir::SnapshotHolder& holder, eir::EirMetrics* metrics)
    : source_(std::move(base_url), http), applier_(applier), holder_(holder), metrics_(metrics) {}

Result<SyncResult> BundleSync::SyncOnce(std::int64_t now_unix_seconds) {
  SyncResult result;
  result.sequence = applier_.sequence();
  std::string etag = latest_etag_;
  auto latest = source_.FetchIfChanged(std::string(kLatestName), &etag);
  if (!latest.ok()) {
    if (metrics_ != nullptr) metrics_->RecordSyncFailure(eir::SyncFailure::kFetch);
    return latest.status();
  }
  if (!latest->has_value()) {
    result.not_modified = true;
    return result;
  }
  auto sequence = ParseLatest(**latest);
  if (!sequence.ok()) {
    if (metrics_ != nullptr) metrics_->RecordSyncFailure(eir::SyncFailure::kFormat);
    return sequence.status();
  }
  ApplyOutcome outcome;
  ApplyError error{eir::SyncFailure::kFetch, Status::Ok()};
  if (!applier_.Apply(source_, *sequence, &outcome, &error)) {
    if (metrics_ != nullptr) metrics_->RecordSyncFailure(error.reason);
    return Status(error.status.code(),
                  std::string(eir::SyncFailureName(error.reason)) + ": " + error.status.message());
  }
  // Only now: a refused bundle is tried again at the next poll even if `latest` is unchanged.
  latest_etag_ = etag;
  result.sequence = outcome.sequence;
  result.from_delta = outcome.from_delta;
  result.note = outcome.note;
  if (outcome.snapshot != nullptr) {
    holder_.Replace(outcome.snapshot);
    result.changed = true;
    if (metrics_ != nullptr) {
      metrics_->SetSnapshot(outcome.snapshot->version(), outcome.snapshot->built_unix_seconds());
      metrics_->RecordSyncSuccess(now_unix_seconds);
    }
  }
  return result;
}

}  // namespace openceir::bundle
