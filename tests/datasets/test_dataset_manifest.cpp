// The data set manifest reader's checks, the mirror URL rule, and download_verified's promise:
// nothing under the final name but a file of the expected size and SHA-256.
#include <catch2/catch.hpp>

#include <filesystem>

#include "base/sha256.hpp"
#include "datasets/dataset_manifest.hpp"
#include "datasets/download.hpp"
#include "datasets/fetch_dataset.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::input_error_of;
using arteria::testing::TempDir;

namespace {

const std::string hello_sha = sha256_hex("hello\n");

std::string manifest_text(const std::string& file_lines) {
  return "[[datasets]]\nname = \"toy\"\nkind = \"tntp\"\nlicence = \"none\"\n"
         "repo = \"https://github.com/o/r\"\ncommit = \"abc\"\n\n[[datasets.files]]\n" +
         file_lines;
}

const std::string good_file = "file = \"a.txt\"\nbytes = 6\nsha256 = \"" + hello_sha +
                              "\"\nurl = \"https://host.example/o/r/abc/a.txt\"\n";

}  // namespace

TEST_CASE("the installed manifest reads, and names resolve with or without their kind") {
  const DatasetManifest manifest =
      read_dataset_manifest(std::string(ARTERIA_SOURCE_DIR) + "/scenarios/datasets.toml");
  REQUIRE(manifest.datasets.size() >= 15);
  CHECK(&manifest.find("SiouxFalls") == &manifest.find("tntp/SiouxFalls"));
  CHECK(manifest.find("Braess").bytes() == 465 + 108 + 444);
  const InputError error = input_error_of([&] { manifest.find("siouxfals"); });
  CHECK_THAT(error.message(), Catch::Contains("did you mean 'SiouxFalls'?"));
}

TEST_CASE("manifest errors name the line and field") {
  const TempDir dir;
  const auto error_for = [&](const std::string& text) {
    const std::string path = dir.write("datasets.toml", text);
    return input_error_of([&] { read_dataset_manifest(path); });
  };
  CHECK(read_dataset_manifest(dir.write("datasets.toml", manifest_text(good_file)))
            .datasets[0]
            .files[0]
            .bytes == 6);
  InputError bad_hash = error_for(
      manifest_text("file = \"a.txt\"\nbytes = 6\nsha256 = \"ABC\"\nurl = \"https://h/a\"\n"));
  CHECK(bad_hash.field() == "datasets[0].files[0].sha256");
  CHECK(bad_hash.line() == 11);
  CHECK(error_for(manifest_text(good_file + "mirror = 1\n")).field() ==
        "datasets[0].files[0].mirror");
  const std::string escaping =
      "file = \"../a.txt\"\nbytes = 6\nsha256 = \"" + hello_sha + "\"\nurl = \"https://h/a\"\n";
  CHECK(error_for(manifest_text(escaping)).field() == "datasets[0].files[0].file");
  CHECK(error_for(manifest_text(good_file + "\n[[datasets.files]]\n" + good_file)).message() ==
        "\"a.txt\" is listed twice");
}

TEST_CASE("a mirror stands for the scheme and host of every URL") {
  const std::string url = "https://raw.githubusercontent.com/o/r/abc/dir/a.txt";
  CHECK(mirrored_url(url, "") == url);
  CHECK(mirrored_url(url, "http://127.0.0.1:8000/") == "http://127.0.0.1:8000/o/r/abc/dir/a.txt");
  CHECK(mirrored_url(url, "/srv/my mirror") == "file:///srv/my%20mirror/o/r/abc/dir/a.txt");
}

TEST_CASE("download_verified renames only a file of the expected size and hash") {
  const TempDir dir;
  const std::string source = dir.write("source.txt", "hello\n");
  const std::string url = mirrored_url("https://h/source.txt", dir.path.string());
  const std::filesystem::path target = dir.path / "target.txt";

  download_verified(url, target, {6, hello_sha});
  CHECK(arteria::testing::read_text(target.string()) == "hello\n");
  CHECK(holds_expected(target, {6, hello_sha}));

  std::filesystem::remove(target);
  const InputError wrong = input_error_of([&] {
    download_verified(url, target, {6, sha256_hex("other\n")});
  });
  CHECK_THAT(wrong.message(), Catch::Contains("SHA-256 mismatch"));
  const InputError longer = input_error_of([&] { download_verified(url, target, {5, hello_sha}); });
  CHECK_THAT(longer.message(), Catch::Contains("more than the expected 5 bytes"));
  const InputError shorter = input_error_of([&] {
    download_verified(url, target, {7, hello_sha});
  });
  CHECK_THAT(shorter.message(), Catch::Contains("got 6 bytes, expected 7"));
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK_FALSE(std::filesystem::exists(target.string() + ".part"));
}
