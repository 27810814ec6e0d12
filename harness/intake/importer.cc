// Theory of operation. The export's folder is listed first (export_inputs): every zip file
// or repository becomes an input with a student id, and inputs that cannot be imported
// (no id, an id shared by two inputs) are marked so. Each input is then handled on its own:
// read into a SubmissionTree (zip_reader or repository_reader; both apply TreeBuilder's
// rules and limits, and neither writes anything), matched to the selected exercises
// (exercise_files), and written to ROOT/<student>/ through a temporary folder
// (student_folder). A failure of one input becomes its entry in the report and the next
// input goes on; only a request that cannot work at all throws.
#include "intake/importer.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"
#include "intake/exercise_files.h"
#include "intake/export_inputs.h"
#include "intake/repository_reader.h"
#include "intake/student_folder.h"
#include "intake/zip_reader.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

void CheckSource(const ImportRequest& request) {
  std::error_code ec;
  if (!fs::is_directory(request.source, ec)) {
    throw InputError(fmt::format("{}: not a folder (give the folder of the export)",
                                 request.source.string()));
  }
  const fs::path source = fs::canonical(request.source, ec);
  const fs::path root = ec ? fs::path() : fs::weakly_canonical(request.root, ec);
  if (ec) {
    throw InputError(fmt::format("{}: cannot resolve it: {}", request.root.string(),
                                 ec.message()));
  }
  if (std::mismatch(source.begin(), source.end(), root.begin(), root.end()).first ==
      source.end()) {
    throw InputError(fmt::format("{}: the output folder must not be inside the export {}",
                                 request.root.string(), request.source.string()));
  }
}

void CreateRoot(const ImportRequest& request) {
  std::error_code ec;
  fs::create_directories(request.root, ec);
  if (ec || !fs::is_directory(request.root)) {
    throw InputError(fmt::format("{}: cannot create the output folder: {}",
                                 request.root.string(),
                                 ec ? ec.message() : "a file has that name"));
  }
}

std::string Plural(std::uint64_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

InputImport ImportOne(const ImportRequest& request, const ExportInput& input,
                      const std::set<std::string>& wanted_names) {
  InputImport result;
  result.input = input.name;
  result.student = input.student;
  if (!input.problem.empty()) {
    result.reason = input.problem;
    return result;
  }
  if (!request.replace && StudentFolderExists(request.root, input.student)) {
    result.reason = fmt::format("{}: {} already exists (--force replaces it)",
                                Printable(input.name), (request.root / input.student).string());
    return result;
  }
  try {
    const SubmissionTree tree = request.format == ExportFormat::kZips
                                    ? ReadZipArchive(input.path, wanted_names, request.limits)
                                    : ReadRepository(input.path, wanted_names, request.limits);
    result.refused = tree.refused;
    const std::vector<ExerciseMatch> matches = MatchExercises(tree, request.exercises);
    std::uint64_t copied = 0;
    for (const ExerciseMatch& match : matches) {
      ExerciseImport exercise;
      exercise.exercise = match.exercise;
      exercise.imported = match.outcome == MatchOutcome::kFound;
      exercise.folder = match.folder;
      exercise.reason = match.reason;
      for (const TreeFile* file : match.files) {
        exercise.files.push_back(file->path.substr(file->path.rfind('/') + 1));
      }
      copied += exercise.files.size();
      result.exercises.push_back(std::move(exercise));
    }
    for (const ExerciseSpec& spec : request.exercises) {
      if (std::none_of(matches.begin(), matches.end(),
                       [&](const ExerciseMatch& match) { return match.exercise == spec.name; })) {
        result.absent.push_back(spec.name);
      }
    }
    result.ignored_files = tree.other_files + (tree.files.size() - copied);
    const bool any_found = std::any_of(matches.begin(), matches.end(), [](const auto& match) {
      return match.outcome == MatchOutcome::kFound;
    });
    if (!any_found) {
      result.reason =
          matches.empty()
              ? fmt::format("{}: no files of the selected exercises ({} ignored)",
                            Printable(input.name), Plural(result.ignored_files, "other file"))
              : fmt::format("{}: no exercise could be imported", Printable(input.name));
      return result;
    }
    WriteStudentFolder(request.root, input.student, matches, request.replace);
    result.imported = true;
  } catch (const InputError& e) {
    result.reason = e.what();
  } catch (const fs::filesystem_error& e) {
    result.reason = fmt::format("{}: {}", Printable(input.name), e.what());
  }
  return result;
}

// Written whole, then renamed, like the students' folders.
void WriteReportFile(const ImportReport& report) {
  const fs::path file = report.root / kImportReportFileName;
  const fs::path temporary = report.root / fmt::format(".{}.tmp", kImportReportFileName);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    WriteImportReportJson(report, out);
    out.close();
    if (!out) throw InputError(fmt::format("{}: cannot write it", temporary.string()));
  }
  std::error_code ec;
  fs::rename(temporary, file, ec);
  if (ec) throw InputError(fmt::format("{}: cannot write it: {}", file.string(), ec.message()));
}

}  // namespace

ImportReport ImportExport(const ImportRequest& request) {
  if (request.exercises.empty()) {
    throw InputError("no exercise selected: nothing to import");
  }
  CheckSource(request);
  const ExportListing listing = request.format == ExportFormat::kZips
                                    ? ListZipExport(request.source)
                                    : ListClassroomExport(request.source, request.prefix);
  CreateRoot(request);  // only once the request is known to work
  std::set<std::string> wanted_names;
  ImportReport report;
  report.format = request.format == ExportFormat::kZips ? "zips" : "classroom";
  report.source = request.source;
  report.root = request.root;
  report.prefix = listing.prefix;
  report.not_inputs = listing.not_inputs;
  for (const ExerciseSpec& spec : request.exercises) {
    report.exercises.push_back(spec.name);
    wanted_names.insert(spec.submit_required.begin(), spec.submit_required.end());
    wanted_names.insert(spec.submit_optional.begin(), spec.submit_optional.end());
  }
  for (const ExportInput& input : listing.inputs) {
    report.inputs.push_back(ImportOne(request, input, wanted_names));
  }
  WriteReportFile(report);
  return report;
}

}  // namespace grader
