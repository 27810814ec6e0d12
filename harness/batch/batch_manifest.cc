#include "batch/batch_manifest.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "batch/result_store.h"
#include "common/error.h"

namespace grader {
namespace {

using OrderedJson = nlohmann::ordered_json;

// Reads the fields of one manifest, naming the file in every complaint.
class ManifestReader {
 public:
  ManifestReader(std::filesystem::path file, const nlohmann::json& json)
      : file_(std::move(file)), json_(json) {}

  [[noreturn]] void Fail(const std::string& what) const {
    throw InputError(fmt::format("{}: {}", file_.string(), what));
  }

  const nlohmann::json& Field(const nlohmann::json& object, const std::string& name,
                              const std::string& where) const {
    if (!object.contains(name)) Fail(fmt::format("no \"{}\"{}", name, where));
    return object[name];
  }
  std::string String(const nlohmann::json& object, const std::string& name,
                     const std::string& where = "") const {
    const nlohmann::json& value = Field(object, name, where);
    if (!value.is_string()) Fail(fmt::format("\"{}\"{} must be a string", name, where));
    return value.get<std::string>();
  }
  bool Bool(const nlohmann::json& object, const std::string& name,
            const std::string& where = "") const {
    const nlohmann::json& value = Field(object, name, where);
    if (!value.is_boolean()) Fail(fmt::format("\"{}\"{} must be true or false", name, where));
    return value.get<bool>();
  }
  std::uint64_t Unsigned(const nlohmann::json& object, const std::string& name,
                         const std::string& where = "") const {
    const nlohmann::json& value = Field(object, name, where);
    if (!value.is_number_unsigned()) {
      Fail(fmt::format("\"{}\"{} must be a whole number >= 0", name, where));
    }
    return value.get<std::uint64_t>();
  }
  int SmallInt(const nlohmann::json& object, const std::string& name,
               const std::string& where = "") const {
    const std::uint64_t value = Unsigned(object, name, where);
    if (value > 1'000'000) Fail(fmt::format("\"{}\"{} is too large ({})", name, where, value));
    return static_cast<int>(value);
  }
  // A sorted list of distinct non-empty names.
  std::vector<std::string> Names(const std::string& name) const {
    const nlohmann::json& value = Field(json_, name, "");
    if (!value.is_array()) Fail(fmt::format("\"{}\" must be a list of names", name));
    std::vector<std::string> names;
    for (const nlohmann::json& item : value) {
      if (!item.is_string() || item.get<std::string>().empty()) {
        Fail(fmt::format("\"{}\" must be a list of names; it holds {}", name, item.dump()));
      }
      names.push_back(item.get<std::string>());
    }
    for (std::size_t i = 1; i < names.size(); ++i) {
      if (names[i - 1] >= names[i]) {
        Fail(fmt::format("\"{}\" must be sorted without repeats: \"{}\" comes before \"{}\"",
                         name, names[i - 1], names[i]));
      }
    }
    return names;
  }

 private:
  std::filesystem::path file_;
  const nlohmann::json& json_;
};

std::string Quoted(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return "[" + text + "]";
}

}  // namespace

ManifestSettings SettingsOf(const GradingSettings& settings) {
  return {settings.quick, settings.repeat, settings.chaos, settings.sandbox,
          settings.toolchain.version};
}

std::string ShardText(const Shard& shard) {
  return fmt::format("{}/{}", shard.index, shard.count);
}

std::string ManifestText(const BatchManifest& manifest) {
  const OrderedJson json = {
      {"schema", kBatchManifestSchema},
      {"harness_version", manifest.harness_version},
      {"seed", manifest.seed},
      {"shard", {{"index", manifest.shard.index}, {"count", manifest.shard.count}}},
      {"exercises", manifest.exercises},
      {"settings",
       {{"quick", manifest.settings.quick},
        {"repeat", manifest.settings.repeat},
        {"chaos", manifest.settings.chaos},
        {"sandbox", manifest.settings.sandbox},
        {"toolchain", manifest.settings.toolchain}}},
      {"students", manifest.students},
      {"complete", manifest.complete},
  };
  return json.dump(2) + "\n";
}

void WriteManifest(const std::filesystem::path& out_dir, const BatchManifest& manifest) {
  WriteFileAtomically(out_dir / kBatchManifestFile, ManifestText(manifest));
}

BatchManifest ReadManifest(const std::filesystem::path& out_dir) {
  const std::filesystem::path file = out_dir / kBatchManifestFile;
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    throw InputError(fmt::format(
        "{}: missing: {} is not the output of `grader batch` (every batch writes its "
        "batch.json when it starts)",
        file.string(), out_dir.string()));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InputError(fmt::format("{}: cannot be read", file.string()));
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(fmt::format("{}: not valid JSON: {}", file.string(), e.what()));
  }
  const ManifestReader reader(file, json);
  if (!json.is_object()) reader.Fail("expected a JSON object");
  const std::string schema = reader.String(json, "schema");
  if (schema != kBatchManifestSchema) {
    reader.Fail(fmt::format("schema \"{}\" is not {} (written by another version of the "
                            "grader?)",
                            schema, kBatchManifestSchema));
  }

  BatchManifest manifest;
  manifest.harness_version = reader.String(json, "harness_version");
  manifest.seed = reader.Unsigned(json, "seed");
  const nlohmann::json& shard = reader.Field(json, "shard", "");
  if (!shard.is_object()) reader.Fail("\"shard\" must be an object {\"index\": K, \"count\": N}");
  manifest.shard.index = reader.SmallInt(shard, "index", " in \"shard\"");
  manifest.shard.count = reader.SmallInt(shard, "count", " in \"shard\"");
  if (manifest.shard.index < 1 || manifest.shard.index > manifest.shard.count) {
    reader.Fail(fmt::format("\"shard\" {} is not a shard K/N with 1 <= K <= N",
                            ShardText(manifest.shard)));
  }
  manifest.exercises = reader.Names("exercises");
  const nlohmann::json& settings = reader.Field(json, "settings", "");
  if (!settings.is_object()) reader.Fail("\"settings\" must be an object");
  const std::string in_settings = " in \"settings\"";
  manifest.settings.quick = reader.Bool(settings, "quick", in_settings);
  manifest.settings.repeat = reader.SmallInt(settings, "repeat", in_settings);
  manifest.settings.chaos = reader.Bool(settings, "chaos", in_settings);
  manifest.settings.sandbox = reader.String(settings, "sandbox", in_settings);
  manifest.settings.toolchain = reader.String(settings, "toolchain", in_settings);
  manifest.students = reader.Names("students");
  manifest.complete = reader.Bool(json, "complete");
  return manifest;
}

std::vector<ManifestDifference> BatchDifferences(const BatchManifest& first,
                                                 const BatchManifest& second) {
  std::vector<ManifestDifference> differences;
  const auto compare = [&](const std::string& field, const auto& a, const auto& b,
                           auto text) {
    if (a != b) differences.push_back({field, text(a), text(b)});
  };
  const auto plain = [](const auto& value) { return fmt::format("{}", value); };
  const auto quoted = [](const std::string& value) { return "\"" + value + "\""; };
  compare("harness_version", first.harness_version, second.harness_version, quoted);
  compare("seed", first.seed, second.seed, plain);
  compare("shard count", first.shard.count, second.shard.count, plain);
  compare("exercises", first.exercises, second.exercises, Quoted);
  compare("settings.quick", first.settings.quick, second.settings.quick, plain);
  compare("settings.repeat", first.settings.repeat, second.settings.repeat, plain);
  compare("settings.chaos", first.settings.chaos, second.settings.chaos, plain);
  compare("settings.sandbox", first.settings.sandbox, second.settings.sandbox, quoted);
  compare("settings.toolchain", first.settings.toolchain, second.settings.toolchain, quoted);
  return differences;
}

void CheckResume(const std::filesystem::path& out_dir, const BatchManifest& now) {
  const BatchManifest stored = ReadManifest(out_dir);
  std::vector<ManifestDifference> differences = BatchDifferences(stored, now);
  if (stored.shard.index != now.shard.index || stored.shard.count != now.shard.count) {
    std::erase_if(differences, [](const ManifestDifference& difference) {
      return difference.field == "shard count";
    });
    differences.insert(differences.begin(),
                       {"shard", ShardText(stored.shard), ShardText(now.shard)});
  }
  if (differences.empty()) return;
  throw InputError(fmt::format(
      "{}: {} holds another batch: {}. Resume with the options it was started with, or "
      "grade into a new folder",
      (out_dir / kBatchManifestFile).string(), out_dir.string(),
      DescribeDifferences(differences, "its batch.json", "this command")));
}

std::string DescribeDifferences(const std::vector<ManifestDifference>& differences,
                                const std::string& first_name, const std::string& second_name) {
  std::string text;
  for (const ManifestDifference& difference : differences) {
    if (!text.empty()) text += "; ";
    text += fmt::format("{} {} in {}, {} in {}", difference.field, difference.first,
                        first_name, difference.second, second_name);
  }
  return text;
}

}  // namespace grader
