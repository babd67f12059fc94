// CSV: times, the tokenizer every CSV reader uses (base/csv CsvTokenizer: CsvReader and
// formats/gtfs GtfsTable), and CsvReader reading back what csv_field writes.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/text.hpp"
#include "toy_files.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

using Fields = std::vector<std::string_view>;
using Status = CsvTokenizer::Status;

// Every record of `text` with the line it starts on; stops at the first error.
struct Records {
  std::vector<std::vector<std::string>> fields;
  std::vector<std::size_t> lines;
  Status last = Status::end;
};

Records tokenize(std::string& text, bool comments = false) {
  CsvTokenizer tokens(text);
  tokens.skip_comment_lines(comments);
  Records records;
  Fields fields;
  while ((records.last = tokens.next(fields)) == Status::record) {
    records.fields.emplace_back(fields.begin(), fields.end());
    records.lines.push_back(tokens.record_line());
  }
  if (records.last != Status::end) {
    records.fields.emplace_back(fields.begin(), fields.end());  // those before the bad field
    records.lines.push_back(tokens.record_line());
  }
  return records;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("parse times") {
  REQUIRE(*arteria::parse_time_of_day("08:30") == 30600.0);
  REQUIRE(!arteria::parse_time_of_day("25:61:00"));
}

TEST_CASE("the CSV tokenizer splits plain records, trimming unquoted fields") {
  std::string text = "a,b,c\n 1 ,\t2\t,\n,,\nlast";
  const Records r = tokenize(text);
  CHECK(r.last == Status::end);
  CHECK(r.fields == Rows{{"a", "b", "c"}, {"1", "2", ""}, {"", "", ""}, {"last"}});
  CHECK(r.lines == std::vector<std::size_t>{1, 2, 3, 4});
}

TEST_CASE("the CSV tokenizer unescapes quoted fields: commas, doubled quotes, blanks kept") {
  std::string text = "\"x,y\",\"say \"\"hi\"\"\",\" padded \" ,\"\"\n";
  const Records r = tokenize(text);
  CHECK(r.last == Status::end);
  CHECK(r.fields == Rows{{"x,y", "say \"hi\"", " padded ", ""}});
}

TEST_CASE("the CSV tokenizer keeps line breaks inside quotes and counts their lines") {
  std::string text = "id,name\n1,\"two\nlines\"\n2,\"three\r\nlines\nhere\"\n3,x\n";
  const Records r = tokenize(text);
  CHECK(r.last == Status::end);
  CHECK(r.fields ==
        Rows{{"id", "name"}, {"1", "two\nlines"}, {"2", "three\r\nlines\nhere"}, {"3", "x"}});
  CHECK(r.lines == std::vector<std::size_t>{1, 2, 4, 7});
}

TEST_CASE("the CSV tokenizer reads CRLF, a byte-order mark and skips blank lines") {
  std::string text =
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r\n\r\n  \t\n3,\"4\"\r\n";
  const Records r = tokenize(text);
  CHECK(r.last == Status::end);
  CHECK(r.fields == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}});
  CHECK(r.lines == std::vector<std::size_t>{1, 2, 5});
}

TEST_CASE("the CSV tokenizer takes a quote inside an unquoted field as text") {
  std::string text = "ab\"c,5\" tall\n";
  CHECK(tokenize(text).fields == Rows{{"ab\"c", "5\" tall"}});
}

TEST_CASE("the CSV tokenizer skips comment lines only when asked") {
  std::string with = "a\n# note, \"unclosed\n#\n1\n";
  std::string without = with;
  const Records skipped = tokenize(with, true);
  CHECK(skipped.last == Status::end);
  CHECK(skipped.fields == Rows{{"a"}, {"1"}});
  CHECK(skipped.lines == std::vector<std::size_t>{1, 4});
  CHECK(tokenize(without).last == Status::unclosed_quote);
}

TEST_CASE("the CSV tokenizer reports an unclosed quote and text after a closing quote") {
  std::string unclosed = "a,b\n1,2\n3,\"open\n4,5\n";
  const Records u = tokenize(unclosed);
  CHECK(u.last == Status::unclosed_quote);
  CHECK(u.lines.back() == 3);
  CHECK(u.fields.back() == std::vector<std::string>{"3"});  // the bad field is the second

  std::string after = "a,b,c\n1,\"x\"y,2\n";
  const Records a = tokenize(after);
  CHECK(a.last == Status::text_after_quote);
  CHECK(a.lines.back() == 2);
  CHECK(a.fields.back() == std::vector<std::string>{"1"});
}

TEST_CASE("CsvReader reads back fields csv_field quotes, line breaks included") {
  TempDir dir;
  const std::vector<std::string> names = {"plain",      "a, comma", "say \"hi\"",
                                          "two\nlines", "#hash",    " spaced"};
  std::string text = "id,name\n";
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += std::to_string(i) + ',' + csv_field(names[i]) + '\n';
  }
  text += "# a comment\n\n9,last\n";
  CsvReader in(dir.write("t.csv", text), {"id", "name"});
  std::vector<std::string> read;
  std::vector<std::size_t> lines;
  while (in.next()) {
    read.push_back(in.text("name"));
    lines.push_back(in.line());
  }
  // Values are trimmed of blanks on access, quoted or not.
  CHECK(read == std::vector<std::string>{"plain", "a, comma", "say \"hi\"", "two\nlines", "#hash",
                                         "spaced", "last"});
  CHECK(lines == std::vector<std::size_t>{2, 3, 4, 5, 7, 8, 11});
}

TEST_CASE("CsvReader names the file, line and column of a bad quote") {
  TempDir dir;
  const InputError unclosed = input_error_of([&] {
    CsvReader in(dir.write("u.csv", "a,b\n1,2\n3,\"open\n4,5\n"), {"a", "b"});
    while (in.next()) {
    }
  });
  CHECK(unclosed.line() == 3);
  CHECK(unclosed.field().empty());
  CHECK(std::string(unclosed.what()).find("unclosed quote") != std::string::npos);
  const InputError after = input_error_of([&] {
    CsvReader in(dir.write("q.csv", "a,b\n1,\"x\"y\n"), {"a", "b"});
    while (in.next()) {
    }
  });
  CHECK(after.line() == 2);
  CHECK(after.field() == "b");
}
