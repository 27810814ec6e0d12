// `grader import zips`: zip files written with libarchive, honest and hostile, imported into
// a ROOT; the tests assert the tree written, what stayed unwritten, and the report.
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "intake_test_support.h"
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "intake/importer.h"
#include "spec/spec_loader.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct ZipEntry {
  ZipEntry(std::string path, std::string contents, mode_t type = AE_IFREG,
           std::string link_target = "")
      : path(std::move(path)), contents(std::move(contents)), type(type),
        link_target(std::move(link_target)) {}
  std::string path;
  std::string contents;
  mode_t type;
  std::string link_target;  // AE_IFLNK
};

// Writes `entries` as a zip file; with a passphrase, every file entry is encrypted.
// Returns false when this libarchive cannot encrypt.
bool WriteZip(const fs::path& file, const std::vector<ZipEntry>& entries,
              const char* passphrase = nullptr) {
  archive* writer = archive_write_new();
  archive_write_set_format_zip(writer);
  if (passphrase != nullptr &&
      (archive_write_set_options(writer, "zip:encryption=zipcrypt") != ARCHIVE_OK ||
       archive_write_set_passphrase(writer, passphrase) != ARCHIVE_OK)) {
    archive_write_free(writer);
    return false;
  }
  EXPECT_EQ(archive_write_open_filename(writer, file.c_str()), ARCHIVE_OK);
  for (const ZipEntry& zip_entry : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, zip_entry.path.c_str());
    archive_entry_set_filetype(entry, zip_entry.type);
    archive_entry_set_perm(entry, zip_entry.type == AE_IFDIR ? 0755 : 0644);
    if (zip_entry.type == AE_IFLNK) archive_entry_set_symlink(entry, zip_entry.link_target.c_str());
    archive_entry_set_size(entry, zip_entry.type == AE_IFREG ? zip_entry.contents.size() : 0);
    EXPECT_EQ(archive_write_header(writer, entry), ARCHIVE_OK) << zip_entry.path;
    if (zip_entry.type == AE_IFREG && !zip_entry.contents.empty()) {
      archive_write_data(writer, zip_entry.contents.data(), zip_entry.contents.size());
    }
    archive_entry_free(entry);
  }
  EXPECT_EQ(archive_write_close(writer), ARCHIVE_OK);
  archive_write_free(writer);
  return true;
}


using intake_test::Exercise;
using intake_test::MakeScratchDir;
using intake_test::ReadFile;

class ZipImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = MakeScratchDir("grader-intake-test");
    ASSERT_FALSE(scratch_.empty());
    fs::create_directories(scratch_ / "export");
    request_.format = ExportFormat::kZips;
    request_.source = scratch_ / "export";
    request_.root = scratch_ / "root";
    request_.exercises = {Exercise("counter", {"counter.hpp"}),
                          Exercise("process_pool", {"process_pool.hpp", "process_pool.cpp"})};
  }
  void TearDown() override { fs::remove_all(scratch_); }

  void Zip(const std::string& name, const std::vector<ZipEntry>& entries) {
    WriteZip(request_.source / name, entries);
  }

  const InputImport& Input(const ImportReport& report, const std::string& name) {
    for (const InputImport& input : report.inputs) {
      if (input.input == name) return input;
    }
    ADD_FAILURE() << "no input " << name;
    static const InputImport none;
    return none;
  }

  // Every path under ROOT, relative, sorted (the report file left out).
  std::vector<std::string> RootTree() {
    std::vector<std::string> paths;
    for (const auto& entry : fs::recursive_directory_iterator(request_.root)) {
      const std::string path = fs::relative(entry.path(), request_.root).string();
      if (path != "import-report.json") paths.push_back(path);
    }
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  fs::path scratch_;
  ImportRequest request_;
};

TEST_F(ZipImportTest, ImportsMoodleZipFromTheExerciseFolder) {
  Zip("Jane Doe_12345_assignsubmission_file_hw3.zip",
      {{"hw3/", "", AE_IFDIR},
       {"hw3/counter/counter.hpp", "struct Counter {};\n"},
       {"hw3/counter/main.cpp", "int main() {}\n"},
       {"__MACOSX/hw3/counter/._counter.hpp", "resource fork"}});
  const ImportReport report = ImportExport(request_);
  EXPECT_TRUE(report.Complete());
  EXPECT_EQ(RootTree(), (std::vector<std::string>{"jane-doe_12345", "jane-doe_12345/counter",
                                                  "jane-doe_12345/counter/counter.hpp"}));
  EXPECT_EQ(ReadFile(request_.root / "jane-doe_12345/counter/counter.hpp"),
            "struct Counter {};\n");
  const InputImport& input = report.inputs.at(0);
  EXPECT_EQ(input.student, "jane-doe_12345");
  EXPECT_TRUE(input.imported);
  ASSERT_EQ(input.exercises.size(), 1u);
  EXPECT_EQ(input.exercises[0].folder, "hw3/counter");
  EXPECT_EQ(input.exercises[0].files, std::vector<std::string>{"counter.hpp"});
  EXPECT_EQ(input.absent, std::vector<std::string>{"process_pool"});
  EXPECT_EQ(input.ignored_files, 2u);
}

TEST_F(ZipImportTest, ImportsLooseFilesOfSeveralExercises) {
  Zip("jdoe.zip", {{"counter.hpp", "c"}, {"process_pool.hpp", "h"}, {"process_pool.cpp", "s"}});
  const ImportReport report = ImportExport(request_);
  EXPECT_TRUE(report.Complete());
  EXPECT_EQ(RootTree(), (std::vector<std::string>{
                            "jdoe", "jdoe/counter", "jdoe/counter/counter.hpp",
                            "jdoe/process_pool", "jdoe/process_pool/process_pool.cpp",
                            "jdoe/process_pool/process_pool.hpp"}));
}

TEST_F(ZipImportTest, ZipSlipEntriesAreRefusedAndNothingIsWrittenOutsideRoot) {
  Zip("mallory.zip", {{"../evil", "x"},
                      {"hw/../../evil2", "x"},
                      {"..\\evil3", "x"},
                      {"../counter.hpp", "x"},
                      {"counter/counter.hpp", "honest"}});
  const ImportReport report = ImportExport(request_);
  for (const char* name : {"evil", "evil2", "evil3", "counter.hpp"}) {
    EXPECT_FALSE(fs::exists(scratch_ / name)) << name;
    EXPECT_FALSE(fs::exists(request_.root / name)) << name;
  }
  const InputImport& input = Input(report, "mallory.zip");
  EXPECT_TRUE(input.imported);
  ASSERT_EQ(input.refused.size(), 4u);
  EXPECT_EQ(input.refused[0].entry, "../evil");
  EXPECT_EQ(input.refused[0].reason, "path with '..' (entries must stay inside the archive)");
  // libarchive itself reads a backslash in a zip entry's name as '/'.
  EXPECT_TRUE(input.refused[2].entry == "../evil3" || input.refused[2].entry == "..\\evil3")
      << input.refused[2].entry;
  EXPECT_EQ(input.refused[2].reason, input.refused[0].reason);
  EXPECT_EQ(ReadFile(request_.root / "mallory/counter/counter.hpp"), "honest");
}

TEST_F(ZipImportTest, AbsolutePathEntryIsRefused) {
  const fs::path target = scratch_ / "absolute-evil";
  Zip("mallory.zip", {{target.string(), "x"}, {"C:/evil/counter.hpp", "x"}});
  const ImportReport report = ImportExport(request_);
  EXPECT_FALSE(fs::exists(target));
  const InputImport& input = Input(report, "mallory.zip");
  EXPECT_FALSE(input.imported);
  ASSERT_EQ(input.refused.size(), 2u);
  EXPECT_EQ(input.refused[0].reason, "absolute path (entries must stay inside the archive)");
  EXPECT_EQ(input.refused[1].entry, "C:/evil/counter.hpp");
  EXPECT_FALSE(report.Complete());
}

TEST_F(ZipImportTest, SymlinkEntryIsRefusedAndNamedInTheSkipReason) {
  Zip("mallory.zip", {{"counter/counter.hpp", "", AE_IFLNK, "/etc/passwd"}});
  const ImportReport report = ImportExport(request_);
  EXPECT_EQ(RootTree(), std::vector<std::string>{});
  const InputImport& input = Input(report, "mallory.zip");
  EXPECT_FALSE(input.imported);
  EXPECT_EQ(input.reason, "mallory.zip: no exercise could be imported");
  ASSERT_EQ(input.exercises.size(), 1u);
  EXPECT_EQ(input.exercises[0].reason,
            "no usable counter.hpp; counter.hpp: entry 'counter/counter.hpp' refused: "
            "symbolic link (links are never followed)");
}

TEST_F(ZipImportTest, OversizedEntryIsRefused) {
  Zip("big.zip", {{"counter/counter.hpp", std::string(1024 * 1024 + 1, 'x')},
                  {"process_pool/process_pool.hpp", std::string(1024 * 1024, 'y')},
                  {"process_pool/process_pool.cpp", "ok"}});
  const ImportReport report = ImportExport(request_);
  const InputImport& input = Input(report, "big.zip");
  ASSERT_EQ(input.refused.size(), 1u);
  EXPECT_EQ(input.refused[0].entry, "counter/counter.hpp");
  EXPECT_EQ(input.refused[0].reason, "larger than 1MiB uncompressed (--max-file-size)");
  EXPECT_TRUE(input.imported);  // process_pool, exactly at the limit
  EXPECT_EQ(fs::file_size(request_.root / "big/process_pool/process_pool.hpp"), 1024u * 1024);
  EXPECT_FALSE(fs::exists(request_.root / "big/counter"));
  EXPECT_EQ(report.SkippedExercises(), 1);
}

TEST_F(ZipImportTest, TooManyEntriesSkipsTheArchiveAndNotTheOthers) {
  std::vector<ZipEntry> entries = {{"counter.hpp", "c"}};
  for (int i = 0; i < 10'000; ++i) entries.push_back({"junk/" + std::to_string(i), ""});
  Zip("flood.zip", entries);
  Zip("honest.zip", {{"counter.hpp", "c"}});
  const ImportReport report = ImportExport(request_);
  const InputImport& flood = Input(report, "flood.zip");
  EXPECT_FALSE(flood.imported);
  EXPECT_EQ(flood.reason, "flood.zip: entry 'junk/9999': more than 10000 entries (--max-entries)");
  EXPECT_TRUE(Input(report, "honest.zip").imported);
  EXPECT_EQ(RootTree(),
            (std::vector<std::string>{"honest", "honest/counter", "honest/counter/counter.hpp"}));
}

TEST_F(ZipImportTest, ArchiveOverTheTotalSizeIsSkipped) {
  // 65 MiB of zeros compress to little: the limit is on uncompressed bytes.
  std::vector<ZipEntry> entries = {{"counter.hpp", "c"}};
  for (int i = 0; i < 65; ++i) {
    entries.push_back({"data/" + std::to_string(i), std::string(1 << 20, '\0')});
  }
  Zip("bomb.zip", entries);
  EXPECT_LT(fs::file_size(request_.source / "bomb.zip"), 1u << 20);
  const ImportReport report = ImportExport(request_);
  const InputImport& bomb = Input(report, "bomb.zip");
  EXPECT_FALSE(bomb.imported);
  EXPECT_EQ(bomb.reason,
            "bomb.zip: entry 'data/63': the entries hold more than 64MiB uncompressed "
            "(--max-total-size)");
  EXPECT_FALSE(fs::exists(request_.root / "bomb"));
}

TEST_F(ZipImportTest, EncryptedEntryIsRefused) {
  if (!WriteZip(request_.source / "secret.zip", {{"counter.hpp", "c"}}, "password")) {
    GTEST_SKIP() << "this libarchive cannot write encrypted zip files";
  }
  const ImportReport report = ImportExport(request_);
  const InputImport& input = Input(report, "secret.zip");
  EXPECT_FALSE(input.imported);
  ASSERT_EQ(input.refused.size(), 1u);
  EXPECT_EQ(input.refused[0].reason, "encrypted (no password is ever tried)");
}

TEST_F(ZipImportTest, NestedArchiveIsNotExpanded) {
  std::string inner_bytes;
  {
    const fs::path inner = scratch_ / "inner.zip";
    WriteZip(inner, {{"counter.hpp", "c"}});
    inner_bytes = ReadFile(inner);
  }
  Zip("nested.zip", {{"hw3.zip", inner_bytes}, {"hw3.tar.gz", "x"}});
  const ImportReport report = ImportExport(request_);
  const InputImport& input = Input(report, "nested.zip");
  EXPECT_FALSE(input.imported);
  ASSERT_EQ(input.refused.size(), 2u);
  EXPECT_EQ(input.refused[0].entry, "hw3.zip");
  EXPECT_EQ(input.refused[0].reason, "nested archive (not expanded)");
  EXPECT_EQ(input.reason, "nested.zip: no files of the selected exercises (0 other files ignored)");
}

TEST_F(ZipImportTest, TwoArchivesForOneIdAreBothSkippedNamingBoth) {
  Zip("JDoe.zip", {{"counter.hpp", "a"}});
  Zip("jdoe.ZIP", {{"counter.hpp", "b"}});
  Zip("other.zip", {{"counter.hpp", "c"}});
  const ImportReport report = ImportExport(request_);
  for (const char* name : {"JDoe.zip", "jdoe.ZIP"}) {
    const InputImport& input = Input(report, name);
    EXPECT_FALSE(input.imported);
    EXPECT_EQ(input.student, "jdoe");
    EXPECT_NE(input.reason.find("the zip files 'JDoe.zip' and 'jdoe.ZIP' all map to student id "
                                "'jdoe'"),
              std::string::npos)
        << input.reason;
  }
  EXPECT_FALSE(fs::exists(request_.root / "jdoe"));
  EXPECT_TRUE(Input(report, "other.zip").imported);
}

TEST_F(ZipImportTest, BrokenZipIsSkippedAndOtherFilesAreNotInputs) {
  std::ofstream(request_.source / "broken.zip") << "PK this is not a zip file";
  std::ofstream(request_.source / "grades.csv") << "a,b\n";
  Zip("good.zip", {{"counter.hpp", "c"}});
  const ImportReport report = ImportExport(request_);
  ASSERT_EQ(report.inputs.size(), 2u);
  EXPECT_TRUE(Input(report, "broken.zip").reason.starts_with("broken.zip: not a readable zip file"))
      << Input(report, "broken.zip").reason;
  EXPECT_TRUE(Input(report, "good.zip").imported);
  EXPECT_EQ(report.not_inputs, std::vector<std::string>{"grades.csv"});
}

TEST_F(ZipImportTest, ExistingStudentFolderIsRefusedWithoutForceAndReplacedWithIt) {
  Zip("jdoe.zip", {{"counter.hpp", "new"}});
  fs::create_directories(request_.root / "jdoe/old_exercise");
  ImportReport report = ImportExport(request_);
  EXPECT_FALSE(report.inputs.at(0).imported);
  EXPECT_NE(report.inputs.at(0).reason.find("already exists (--force replaces it)"),
            std::string::npos);
  EXPECT_TRUE(fs::exists(request_.root / "jdoe/old_exercise"));

  request_.replace = true;
  report = ImportExport(request_);
  EXPECT_TRUE(report.inputs.at(0).imported);
  EXPECT_EQ(RootTree(), (std::vector<std::string>{"jdoe", "jdoe/counter",
                                                  "jdoe/counter/counter.hpp"}));
  EXPECT_EQ(ReadFile(request_.root / "jdoe/counter/counter.hpp"), "new");
}

TEST_F(ZipImportTest, ReportFileHoldsTheSameReport) {
  Zip("jdoe.zip", {{"counter/counter.hpp", "c"}, {"../evil", "x"}});
  Zip("empty.zip", {{"README.md", "nothing"}});
  ImportExport(request_);
  const auto json = nlohmann::json::parse(ReadFile(request_.root / "import-report.json"));
  EXPECT_EQ(json["schema"], "grader-import/1");
  EXPECT_EQ(json["format"], "zips");
  EXPECT_EQ(json["imported"], 1);
  EXPECT_EQ(json["skipped"], 1);
  const auto& empty = json["inputs"][0];
  EXPECT_EQ(empty["input"], "empty.zip");
  EXPECT_EQ(empty["status"], "skipped");
  EXPECT_EQ(empty["ignored_files"], 1);
  const auto& jdoe = json["inputs"][1];
  EXPECT_EQ(jdoe["student"], "jdoe");
  EXPECT_EQ(jdoe["exercises"][0]["exercise"], "counter");
  EXPECT_EQ(jdoe["exercises"][0]["status"], "imported");
  EXPECT_EQ(jdoe["exercises"][0]["folder"], "counter");
  EXPECT_EQ(jdoe["exercises"][0]["files"][0], "counter.hpp");
  EXPECT_EQ(jdoe["refused"][0]["entry"], "../evil");
}

TEST_F(ZipImportTest, RealSpecsFindTheirFiles) {
  const fs::path specs = fs::path(GRADER_PROJECT_ROOT) / "specs";
  request_.exercises = {LoadSpec(specs / "parallel_sum/spec.yaml"),
                        LoadSpec(specs / "process_pool/spec.yaml")};
  Zip("Ann Lee_7_assignsubmission_file_hw3.zip",
      {{"hw3/parallel_sum/parallel_sum.hpp", "p"},
       {"hw3/process_pool/process_pool.hpp", "h"},
       {"hw3/process_pool/process_pool.cpp", "c"},
       {"hw3/process_pool/CMakeLists.txt", "x"}});
  const ImportReport report = ImportExport(request_);
  EXPECT_TRUE(report.Complete());
  EXPECT_TRUE(fs::exists(request_.root / "ann-lee_7/parallel_sum/parallel_sum.hpp"));
  EXPECT_TRUE(fs::exists(request_.root / "ann-lee_7/process_pool/process_pool.cpp"));
  EXPECT_FALSE(fs::exists(request_.root / "ann-lee_7/process_pool/CMakeLists.txt"));
}

TEST_F(ZipImportTest, UnusableRequestsThrow) {
  request_.source = scratch_ / "missing";
  EXPECT_THROW(ImportExport(request_), InputError);
  request_.source = scratch_ / "export";
  request_.root = request_.source / "root";
  EXPECT_THROW(ImportExport(request_), InputError);
  request_.root = scratch_ / "root";
  request_.exercises.clear();
  EXPECT_THROW(ImportExport(request_), InputError);
}

}  // namespace
}  // namespace grader
