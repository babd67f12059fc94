// libcurl transfers (file://, http://, https://) into a part file, hashed while they arrive.
#include "datasets/download.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "base/error.hpp"
#include "base/sha256.hpp"

namespace arteria {
namespace {

struct Sink {
  std::FILE* file = nullptr;
  Sha256 hash;
  std::uint64_t received = 0;
  std::uint64_t limit = 0;
  bool too_large = false;
  bool write_failed = false;
};

// libcurl's write callback: returning less than it was given aborts the transfer.
std::size_t write_chunk(char* data, std::size_t size, std::size_t count, void* user) {
  auto& sink = *static_cast<Sink*>(user);
  const std::size_t length = size * count;
  if (sink.received + length > sink.limit) {
    sink.too_large = true;  // a wrong or hostile file: stop before it fills the disk
    return 0;
  }
  if (std::fwrite(data, 1, length, sink.file) != length) {
    sink.write_failed = true;
    return 0;
  }
  sink.hash.update(data, length);
  sink.received += length;
  return length;
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl failed to initialise");
    }
  });
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// Runs the transfer into `sink`; the error text (empty on success).
std::string transfer(const std::string& url, Sink& sink) {
  init_curl_once();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) throw std::runtime_error("libcurl could not create a transfer");
  char message[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, message);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http,file");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");  // Git LFS media redirects
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);  // HTTP 404 is an error, not a file to save
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  // A transfer slower than 1 byte/s for a minute has stalled: give up rather than hang.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "arteria-data-fetch");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_chunk);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  const CURLcode code = curl_easy_perform(c);
  if (code == CURLE_OK) return "";
  if (sink.too_large) {
    return "more than the expected " + std::to_string(sink.limit) + " bytes arrived";
  }
  if (sink.write_failed) return "cannot write the part file";
  return message[0] ? message : curl_easy_strerror(code);
}

}  // namespace

void download_verified(const std::string& url, const std::filesystem::path& destination,
                       const ExpectedContent& expected) {
  const std::filesystem::path part = destination.string() + ".part";
  std::string problem;
  {
    Sink sink;
    sink.limit = expected.bytes;
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(part.c_str(), "wb"));
    if (!file) throw InputError(part.string(), 0, "", "cannot create the part file");
    sink.file = file.get();
    const std::string failure = transfer(url, sink);
    if (!failure.empty()) problem = "download failed: " + failure;
    if (problem.empty() && std::fflush(sink.file) != 0) problem = "cannot write the part file";
    if (problem.empty() && sink.received != expected.bytes) {
      problem = "got " + std::to_string(sink.received) + " bytes, expected " +
                std::to_string(expected.bytes);
    }
    if (problem.empty()) {
      const std::string digest = sink.hash.hex_digest();
      if (digest != expected.sha256) {
        problem = "SHA-256 mismatch: got " + digest + ", expected " + expected.sha256;
      }
    }
    if (problem.empty() && std::fclose(file.release()) != 0) problem = "cannot write the part file";
  }
  std::error_code error;
  if (problem.empty()) {
    std::filesystem::rename(part, destination, error);
    if (!error) return;
    problem = "cannot rename the part file to " + destination.string() + ": " + error.message();
  }
  std::filesystem::remove(part, error);
  throw InputError(url, 0, "", problem + " (nothing written to " + destination.string() + ")");
}

bool holds_expected(const std::filesystem::path& path, const ExpectedContent& expected) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  if (std::filesystem::file_size(path, error) != expected.bytes || error) return false;
  Sha256 hash;
  return hash.update_file(path.string()) && hash.hex_digest() == expected.sha256;
}

}  // namespace arteria
