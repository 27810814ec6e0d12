#include "intake/export_inputs.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"
#include "intake/import_report.h"
#include "intake/student_id.h"
#include "intake/submission_tree.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::vector<fs::directory_entry> ListFolder(const fs::path& source) {
  std::error_code ec;
  if (!fs::is_directory(source, ec)) {
    throw InputError(fmt::format("{}: not a folder (give the folder of the export)",
                                 source.string()));
  }
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(source, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->path().filename().string().starts_with('.')) entries.push_back(*it);
  }
  if (ec) throw InputError(fmt::format("{}: cannot list it: {}", source.string(), ec.message()));
  std::sort(entries.begin(), entries.end());
  return entries;
}

bool IsZipName(const std::string& name) {
  if (name.size() <= 4) return false;
  std::string extension = name.substr(name.size() - 4);
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return extension == ".zip";
}

// Inputs that map to one student id are all refused: importing either would hide the other.
void RefuseSharedIds(std::vector<ExportInput>& inputs, std::string_view kinds) {
  std::map<std::string, std::vector<ExportInput*>> by_id;
  for (ExportInput& input : inputs) {
    if (input.problem.empty() && !input.student.empty()) by_id[input.student].push_back(&input);
  }
  for (auto& [id, sharing] : by_id) {
    if (sharing.size() < 2) continue;
    std::vector<std::string> names;
    for (const ExportInput* input : sharing) names.push_back("'" + Printable(input->name) + "'");
    for (ExportInput* input : sharing) {
      input->problem = fmt::format("{}: the {} {} all map to student id '{}'; rename them apart",
                                   Printable(input->name), kinds, fmt::join(names, " and "), id);
    }
  }
}

void CheckId(ExportInput& input, std::string_view rule) {
  if (input.student.empty()) {
    input.problem = fmt::format("{}: no student id can be made of this name ({})",
                                Printable(input.name), rule);
  } else if (input.student == kImportReportFileName) {
    input.problem = fmt::format("{}: student id '{}' is the name of the import report",
                                Printable(input.name), input.student);
  }
}

}  // namespace

ExportListing ListZipExport(const fs::path& source) {
  ExportListing listing;
  for (const auto& entry : ListFolder(source)) {
    const std::string name = entry.path().filename().string();
    std::error_code ec;
    if (!IsZipName(name) || !entry.is_regular_file(ec)) {
      listing.not_inputs.push_back(name);
      continue;
    }
    ExportInput input;
    input.name = name;
    input.path = entry.path();
    input.student = StudentIdFromArchiveName(name);
    CheckId(input, "letters or digits are needed");
    listing.inputs.push_back(std::move(input));
  }
  RefuseSharedIds(listing.inputs, "zip files");
  return listing;
}

ExportListing ListClassroomExport(const fs::path& source, const std::string& prefix) {
  ExportListing listing;
  std::vector<std::string> repositories;
  for (const auto& entry : ListFolder(source)) {
    const std::string name = entry.path().filename().string();
    std::error_code ec;
    if (!entry.is_directory(ec)) {
      listing.not_inputs.push_back(name);
      continue;
    }
    ExportInput input;
    input.name = name;
    input.path = entry.path();
    if (fs::symlink_status(entry.path() / ".git", ec).type() == fs::file_type::not_found) {
      input.problem = fmt::format("{}: not a git repository (no .git in it)", Printable(name));
    } else {
      repositories.push_back(name);
    }
    listing.inputs.push_back(std::move(input));
  }
  listing.prefix = ClassroomPrefix(repositories, source.filename().string(), prefix);
  if (listing.prefix.empty() && !repositories.empty()) {
    throw InputError(fmt::format(
        "{}: cannot tell the assignment prefix of the repository names ({}); give it with "
        "--prefix (e.g. --prefix hw3 for hw3-<username>)",
        source.string(), repositories.size() == 1 ? "only one repository" : "no common prefix"));
  }
  for (ExportInput& input : listing.inputs) {
    if (!input.problem.empty()) continue;
    if (!input.name.starts_with(listing.prefix)) {
      input.problem = fmt::format("{}: does not start with the assignment prefix '{}'",
                                  Printable(input.name), listing.prefix);
      continue;
    }
    input.student = StudentIdFromRepositoryName(input.name, listing.prefix);
    CheckId(input, fmt::format("nothing usable follows '{}'", listing.prefix));
  }
  RefuseSharedIds(listing.inputs, "repositories");
  return listing;
}

}  // namespace grader
