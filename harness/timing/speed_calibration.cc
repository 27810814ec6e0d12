#include "timing/speed_calibration.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "build/content_hash.h"
#include "common/atomic_file.h"
#include "common/error.h"

namespace grader {
namespace {

constexpr const char* kSchema = "grader-calibration/1";

// The value at `name` in `json`, of the type asked for; InputError naming the file and key.
template <typename T>
T Field(const nlohmann::json& json, const char* name, const std::filesystem::path& file,
        const std::string& where = "") {
  const auto it = json.find(name);
  if (it == json.end()) {
    throw InputError(fmt::format("{}: {}'{}' is missing", file.string(), where, name));
  }
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw InputError(fmt::format("{}: {}'{}' has the wrong type ({})", file.string(), where,
                                 name, it->type_name()));
  }
}

}  // namespace

const CalibrationPoint* SpeedCalibration::At(unsigned threads) const {
  for (const CalibrationPoint& point : points) {
    if (point.threads == threads) return &point;
  }
  return nullptr;
}

std::filesystem::path SpeedReferenceDir(const ExerciseSpec& spec, const TestSpec& test) {
  return test.speed && !test.speed->reference.empty() ? test.speed->reference : spec.reference;
}

std::string CalibrationKey(const ExerciseSpec& spec, const TestSpec& test,
                           const Toolchain& toolchain, unsigned cores) {
  ContentHash hash;
  hash.Add("calibration-key/1").Add(spec.name).Add(test.name);
  hash.AddPath(spec.dir);
  for (const auto& file : spec.driver.sources) hash.AddPath(file);
  for (const auto& file : spec.driver.glue) hash.AddPath(file);
  for (const auto& dir : spec.driver.include_dirs) hash.AddPath(dir);
  hash.AddPath(SpeedReferenceDir(spec, test));
  hash.Add(toolchain.cxx).Add(toolchain.version).Add(toolchain.native_target);
  hash.Add(fmt::format("cores={}", cores));
  return hash.Hex();
}

std::filesystem::path CalibrationFile(const std::filesystem::path& cache_dir,
                                      const std::string& exercise, const std::string& test) {
  return cache_dir / "calibration" / exercise / (test + ".json");
}

std::string MachineDescription(unsigned cores) {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      if (const auto colon = line.find(':'); colon != std::string::npos) {
        model = line.substr(line.find_first_not_of(' ', colon + 1));
      }
      break;
    }
  }
  return fmt::format("{}, {} core{}", model, cores, cores == 1 ? "" : "s");
}

nlohmann::json CalibrationJson(const SpeedCalibration& calibration) {
  nlohmann::json points = nlohmann::json::array();
  for (const CalibrationPoint& point : calibration.points) {
    points.push_back({{"threads", point.threads},
                      {"reference_speedup", point.median},
                      {"low", point.low},
                      {"high", point.high}});
  }
  return {{"schema", kSchema},
          {"exercise", calibration.exercise},
          {"test", calibration.test},
          {"key", calibration.key},
          {"machine", calibration.machine},
          {"cores", calibration.cores},
          {"rounds", calibration.rounds},
          {"minutes", calibration.minutes},
          {"measured_at", calibration.measured_at},
          {"points", points}};
}

SpeedCalibration ParseCalibration(const nlohmann::json& json,
                                  const std::filesystem::path& file) {
  if (!json.is_object()) throw InputError(fmt::format("{}: not a JSON object", file.string()));
  if (const std::string schema = Field<std::string>(json, "schema", file); schema != kSchema) {
    throw InputError(fmt::format("{}: schema '{}', this grader reads '{}'", file.string(),
                                 schema, kSchema));
  }
  SpeedCalibration calibration;
  calibration.exercise = Field<std::string>(json, "exercise", file);
  calibration.test = Field<std::string>(json, "test", file);
  calibration.key = Field<std::string>(json, "key", file);
  calibration.machine = Field<std::string>(json, "machine", file);
  calibration.cores = Field<unsigned>(json, "cores", file);
  calibration.rounds = Field<int>(json, "rounds", file);
  calibration.minutes = Field<double>(json, "minutes", file);
  calibration.measured_at = Field<std::string>(json, "measured_at", file);
  const auto points = Field<nlohmann::json>(json, "points", file);
  if (!points.is_array() || points.empty()) {
    throw InputError(fmt::format("{}: 'points' must be a list of at least one point",
                                 file.string()));
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string where = fmt::format("points[{}]: ", i);
    CalibrationPoint point;
    point.threads = Field<unsigned>(points[i], "threads", file, where);
    point.median = Field<double>(points[i], "reference_speedup", file, where);
    point.low = Field<double>(points[i], "low", file, where);
    point.high = Field<double>(points[i], "high", file, where);
    if (!(point.median > 0) || point.low > point.median || point.median > point.high) {
      throw InputError(fmt::format(
          "{}: {}the speedups must be positive with low <= reference_speedup <= high",
          file.string(), where));
    }
    calibration.points.push_back(point);
  }
  return calibration;
}

std::filesystem::path SaveCalibration(const std::filesystem::path& cache_dir,
                                      const SpeedCalibration& calibration) {
  const std::filesystem::path file =
      CalibrationFile(cache_dir, calibration.exercise, calibration.test);
  WriteFileAtomically(file, CalibrationJson(calibration).dump(2) + "\n");
  return file;
}

CalibrationLookup FindCalibration(const std::filesystem::path& cache_dir,
                                  const std::string& exercise, const std::string& test,
                                  const std::string& key, unsigned judged) {
  CalibrationLookup lookup;
  lookup.file = CalibrationFile(cache_dir, exercise, test);
  std::ifstream in(lookup.file, std::ios::binary);
  if (!in) return lookup;  // never calibrated here: not a problem to report
  std::ostringstream text;
  text << in.rdbuf();
  try {
    SpeedCalibration calibration =
        ParseCalibration(nlohmann::json::parse(text.str()), lookup.file);
    if (calibration.key != key) {
      lookup.problem = fmt::format(
          "{} was measured for another reference, spec folder, compiler, machine or core "
          "count",
          lookup.file.string());
    } else if (calibration.At(judged) == nullptr) {
      lookup.problem =
          fmt::format("{} has no point at {} threads", lookup.file.string(), judged);
    } else {
      lookup.calibration = std::move(calibration);
    }
  } catch (const nlohmann::json::exception& e) {
    lookup.problem = fmt::format("{}: not JSON: {}", lookup.file.string(), e.what());
  } catch (const InputError& e) {
    lookup.problem = e.what();
  }
  return lookup;
}

CalibrationLookup FindCalibration(const std::filesystem::path& cache_dir,
                                  const ExerciseSpec& spec, const TestSpec& test,
                                  const Toolchain& toolchain, unsigned judged) {
  return FindCalibration(cache_dir, spec.name, test.name,
                         CalibrationKey(spec, test, toolchain, judged), judged);
}

ReportedSpeedups ReportSpeedups(const SpeedMeasurement& measurement, unsigned judged,
                                const SpeedCalibration* calibration) {
  if (calibration != nullptr) {
    if (const CalibrationPoint* point = calibration->At(judged)) {
      return {point->median * measurement.decision.median, point->median, true};
    }
  }
  return {measurement.StudentSpeedup(judged), measurement.ReferenceSpeedup(judged), false};
}

}  // namespace grader
