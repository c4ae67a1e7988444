// Tests for OpenInputFile and Sha256OfFile on real plain, .gz, .zst and .zip files made by the
// gzip, zstd and zip command-line tools in a temporary directory.
#include "openceir/io/input_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "openceir/io/archive_input_stream.h"
#include "openceir/io/sha256.h"

namespace openceir::io {
namespace {

std::string ReadAll(InputStream& stream, std::size_t chunk, Status* error) {
  std::string out;
  std::vector<char> buffer(chunk);
  while (true) {
    Result<std::size_t> count = stream.Read(buffer.data(), buffer.size());
    if (!count.ok()) {
      *error = count.status();
      return out;
    }
    if (*count == 0) return out;
    out.append(buffer.data(), *count);
  }
}

// Several MiB of operator-data-like rows, so that reads cross libarchive's blocks.
std::string SampleContent() {
  std::ostringstream out;
  out << "date,imei,imsi,msisdn,rat\n";
  unsigned value = 12345;
  for (int row = 0; row < 60000; ++row) {
    value = value * 1103515245u + 12345u;
    out << "201607" << (row % 28 + 10) << ",35" << value << row << ",41001" << value % 100000
        << ",92300" << row << ",001|006\r\n";
  }
  return out.str();
}

class InputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "/openceir_io_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { Run("rm -rf '" + dir_ + "'"); }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  void Write(const std::string& name, const std::string& content) const {
    std::ofstream(Path(name), std::ios::binary) << content;
  }

  static void Run(const std::string& command) {
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  // Runs `command` inside the temporary directory.
  void RunHere(const std::string& command) const { Run("cd '" + dir_ + "' && " + command); }

  // Opens `name` and reads it all; `*error` receives a failure from open or read.
  std::string OpenAndRead(const std::string& name, Status* error, std::size_t chunk = 65536) {
    Result<std::unique_ptr<InputStream>> stream = OpenInputFile(Path(name));
    if (!stream.ok()) {
      *error = stream.status();
      return "";
    }
    return ReadAll(**stream, chunk, error);
  }

  // Copies the first `size` bytes of `from` to `to`.
  void Truncate(const std::string& from, const std::string& to, std::size_t size) const {
    std::ifstream in(Path(from), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Write(to, bytes.substr(0, size));
  }

  std::size_t FileSize(const std::string& name) const {
    struct stat info {};
    EXPECT_EQ(stat(Path(name).c_str(), &info), 0);
    return static_cast<std::size_t>(info.st_size);
  }

  std::string dir_;
};

TEST_F(InputFileTest, ReadsEveryCompressionByteIdentical) {
  const std::string content = SampleContent();
  Write("operator1_20160701_20160731.csv", content);
  RunHere("gzip -k -6 operator1_20160701_20160731.csv");
  RunHere("zstd -q -k operator1_20160701_20160731.csv");
  RunHere("zip -q operator1_20160701_20160731.zip operator1_20160701_20160731.csv");
  RunHere("cp operator1_20160701_20160731.csv stolen.csv && zip -q stolen.csv.zip stolen.csv");

  struct Case {
    std::string name;
    std::string display_suffix;
  };
  const std::vector<Case> cases = {
      {"operator1_20160701_20160731.csv", "operator1_20160701_20160731.csv"},
      {"operator1_20160701_20160731.csv.gz", "operator1_20160701_20160731.csv.gz"},
      {"operator1_20160701_20160731.csv.zst", "operator1_20160701_20160731.csv.zst"},
      {"operator1_20160701_20160731.zip",
       "operator1_20160701_20160731.zip!operator1_20160701_20160731.csv"},
      {"stolen.csv.zip", "stolen.csv.zip!stolen.csv"},
  };
  for (const Case& c : cases) {
    for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{4093}}) {
      SCOPED_TRACE(c.name + " chunk " + std::to_string(chunk));
      Result<std::unique_ptr<InputStream>> stream = OpenInputFile(Path(c.name));
      ASSERT_TRUE(stream.ok()) << stream.status().ToString();
      EXPECT_EQ((*stream)->display_name(), Path(c.display_suffix));
      Status error;
      const std::string read = ReadAll(**stream, chunk, &error);
      ASSERT_TRUE(error.ok()) << error.ToString();
      EXPECT_TRUE(read == content) << "read " << read.size() << " of " << content.size();
      // After the end, Read keeps returning 0.
      char byte = 0;
      Result<std::size_t> again = (*stream)->Read(&byte, 1);
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(*again, 0u);
    }
  }
}

TEST_F(InputFileTest, ReadsEmptyFilesOfEveryCompression) {
  Write("empty.csv", "");
  RunHere("gzip -k empty.csv && zstd -q -k empty.csv && zip -q empty.zip empty.csv");
  for (const std::string name : {"empty.csv", "empty.csv.gz", "empty.csv.zst", "empty.zip"}) {
    SCOPED_TRACE(name);
    Status error;
    EXPECT_EQ(OpenAndRead(name, &error), "");
    EXPECT_TRUE(error.ok()) << error.ToString();
  }
}

TEST_F(InputFileTest, TruncatedCompressedFilesAreIoErrors) {
  Write("list.csv", SampleContent());
  RunHere("gzip -k list.csv && zstd -q -k list.csv");
  for (const std::string name : {"list.csv.gz", "list.csv.zst"}) {
    const std::size_t size = FileSize(name);
    const std::string extension = name.substr(name.find_last_of('.'));
    for (std::size_t keep : {std::size_t{0}, std::size_t{5}, std::size_t{20}, size / 2, size - 9,
                             size - 4, size - 1}) {
      SCOPED_TRACE(name + " truncated to " + std::to_string(keep));
      const std::string cut = "cut" + extension;
      Truncate(name, cut, keep);
      Status error;
      OpenAndRead(cut, &error);
      EXPECT_EQ(error.code(), StatusCode::kIoError) << error.ToString();
      EXPECT_NE(error.message().find(Path(cut)), std::string::npos) << error.message();
    }
  }
}

TEST_F(InputFileTest, DataThatIsNotOfItsCompressionIsAnIoError) {
  Write("plain.csv.gz", "imei\n35123456789012\n");
  Write("plain.csv.zst", "imei\n35123456789012\n");
  Write("plain.zip", "imei\n35123456789012\n");
  for (const std::string name : {"plain.csv.gz", "plain.csv.zst", "plain.zip"}) {
    SCOPED_TRACE(name);
    Status error;
    OpenAndRead(name, &error);
    EXPECT_EQ(error.code(), StatusCode::kIoError) << error.ToString();
    EXPECT_NE(error.message().find(Path(name)), std::string::npos) << error.message();
  }
}

TEST_F(InputFileTest, CorruptZipMemberIsAnIoError) {
  Write("stolen.csv", SampleContent());
  RunHere("zip -q -0 stolen.zip stolen.csv");  // stored: a flipped byte changes only the CRC
  std::ifstream in(Path("stolen.zip"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
  Write("stolen.zip", bytes);
  Status error;
  OpenAndRead("stolen.zip", &error);
  EXPECT_EQ(error.code(), StatusCode::kIoError) << error.ToString();
  EXPECT_NE(error.message().find(Path("stolen.zip")), std::string::npos) << error.message();
}

TEST_F(InputFileTest, ZipMustHoldExactlyOneMemberNamedLikeTheZip) {
  Write("stolen.csv", "imei\n");
  Write("other.csv", "imei\n");
  RunHere("zip -q two.zip stolen.csv other.csv");
  RunHere("zip -q wrong.zip other.csv");
  RunHere("mkdir -p onlydir && zip -q -r dironly.zip onlydir");
  // An empty zip is just its end-of-central-directory record.
  Write("none.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'));

  struct Case {
    std::string name;
    std::string expected_message;
  };
  const std::vector<Case> cases = {
      {"two.zip", "the zip holds 2 files (stolen.csv, other.csv); it must hold exactly one"},
      {"wrong.zip",
       "the zip member 'other.csv' is not named like the zip; expected 'wrong' or "
       "'wrong.<ext>'"},
      {"none.zip", "the zip holds no file; it must hold exactly one, named like the zip"},
      {"dironly.zip", "the zip holds no file; it must hold exactly one, named like the zip"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::unique_ptr<InputStream>> stream = OpenInputFile(Path(c.name));
    ASSERT_FALSE(stream.ok());
    EXPECT_EQ(stream.status(), InvalidInputError(Path(c.name) + ": " + c.expected_message));
  }
}

TEST_F(InputFileTest, MissingFilesAreNotFound) {
  for (const std::string name :
       {"missing.csv", "missing.csv.gz", "missing.csv.zst", "missing.zip", "no_dir/missing.csv"}) {
    SCOPED_TRACE(name);
    Result<std::unique_ptr<InputStream>> stream = OpenInputFile(Path(name));
    ASSERT_FALSE(stream.ok());
    EXPECT_EQ(stream.status(), NotFoundError(Path(name) + ": no such file"));
  }
  Result<std::string> hash = Sha256OfFile(Path("missing.csv"));
  ASSERT_FALSE(hash.ok());
  EXPECT_EQ(hash.status().code(), StatusCode::kNotFound);
}

TEST_F(InputFileTest, DirectoryIsInvalidInput) {
  RunHere("mkdir -p adir.csv");
  Result<std::unique_ptr<InputStream>> stream = OpenInputFile(Path("adir.csv"));
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status(), InvalidInputError(Path("adir.csv") + ": is a directory"));
}

TEST_F(InputFileTest, Sha256OfKnownContent) {
  struct Case {
    std::string content;
    std::string hex;
  };
  const std::vector<Case> cases = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const Case& c : cases) {
    Write("hashed.csv", c.content);
    Result<std::string> hash = Sha256OfFile(Path("hashed.csv"));
    ASSERT_TRUE(hash.ok()) << hash.status().ToString();
    EXPECT_EQ(*hash, c.hex) << c.content.size() << " bytes";
  }
}

TEST_F(InputFileTest, Sha256IsOfTheCompressedBytes) {
  Write("abc.csv", "abc");
  RunHere("gzip -n abc.csv");
  Result<std::string> hash = Sha256OfFile(Path("abc.csv.gz"));
  ASSERT_TRUE(hash.ok());
  EXPECT_NE(*hash, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hash->size(), 64u);
}

// A plain file's stream is its bytes: hashing what is read in any pieces gives Sha256OfFile.
// A compressed file's stream is not.
TEST_F(InputFileTest, HashingAPlainStreamWhileReadingGivesTheFileHash) {
  std::string content;
  for (int i = 0; i < 50000; ++i) content += "20261001,35209900176148" + std::to_string(i) + "\n";
  Write("plain.csv", content);
  Result<std::unique_ptr<InputStream>> stream = OpenInputFile(Path("plain.csv"));
  ASSERT_TRUE(stream.ok());
  EXPECT_TRUE((*stream)->reads_raw_bytes());
  Result<Sha256> digest = Sha256::Start();
  ASSERT_TRUE(digest.ok());
  std::string buffer(7919, '\0');  // a prime: pieces never line up with anything
  for (;;) {
    Result<std::size_t> n = (*stream)->Read(buffer.data(), buffer.size());
    ASSERT_TRUE(n.ok());
    if (*n == 0) break;
    ASSERT_TRUE(digest->Update(std::string_view(buffer.data(), *n)).ok());
  }
  Result<std::string> streamed = digest->FinishHex();
  ASSERT_TRUE(streamed.ok());
  EXPECT_EQ(*streamed, *Sha256OfFile(Path("plain.csv")));
  EXPECT_EQ(digest->FinishHex().status().code(), StatusCode::kFailedPrecondition);

  RunHere("gzip -n -k plain.csv");
  Result<std::unique_ptr<InputStream>> gzipped = OpenInputFile(Path("plain.csv.gz"));
  ASSERT_TRUE(gzipped.ok());
  EXPECT_FALSE((*gzipped)->reads_raw_bytes());
}

TEST(ZipMemberNameTest, ComparesBaseNamesWithoutTheLastExtension) {
  struct Case {
    std::string zip;
    std::string member;
    bool matches;
  };
  const std::vector<Case> cases = {
      {"/in/operator1_20160701_20160731.zip", "operator1_20160701_20160731.csv", true},
      {"/in/operator1_20160701_20160731.zip", "data/operator1_20160701_20160731.csv", true},
      {"/in/stolen.csv.zip", "stolen.csv", true},
      {"stolen.ZIP", "stolen.csv", true},
      {"/in/x.events.zip", "x.events.csv", true},
      {"/in/stolen.zip", "stolen", true},
      {"/in/stolen.zip", "stolen_2.csv", false},
      {"/in/stolen.csv.zip", "stolen.txt", false},
      {"/in/stolen.zip", "Stolen.csv", false},
      {"/in/stolen.zip", "stolen.csv.bak", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(internal::ZipMemberNameMatches(c.zip, c.member), c.matches)
        << c.zip << " holding " << c.member;
  }
}

}  // namespace
}  // namespace openceir::io
