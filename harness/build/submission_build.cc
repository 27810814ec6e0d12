#include "build/submission_build.h"

#include <optional>

#include <fmt/format.h>

#include "build/chaos_runtime.h"
#include "build/content_hash.h"
#include "build/flavor.h"
#include "common/error.h"
#include "process/resource_group.h"
#include "process/subprocess.h"

namespace grader {
namespace {

bool IsCompiledSource(const std::string& name) {
  const std::string ext = std::filesystem::path(name).extension().string();
  return ext == ".cpp" || ext == ".cc" || ext == ".cxx";
}

// The environment of every compilation: LANG=C keeps diagnostics in ASCII quotes, HOME and
// TMPDIR point into the sandbox so nothing of the harness's environment leaks in.
std::vector<std::string> CompilerEnvironment(const std::filesystem::path& workspace_inside) {
  return {"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C", "LC_ALL=C", "TMPDIR=/tmp",
          "HOME=" + workspace_inside.string()};
}

}  // namespace

std::string SubmissionBuilder::BuildKey(const Workspace& workspace,
                                        const std::vector<std::string>& argv) const {
  ContentHash hash;
  hash.Add(cache_.toolchain().version).Add(cache_.toolchain().native_target);
  // The command names every flag, glue file, cached object (by its content hash) and library.
  for (const auto& arg : argv) hash.Add(arg);
  for (const auto& file : spec_.driver.glue) hash.AddFile(file);
  for (const auto& dir : spec_.driver.include_dirs) hash.AddTree(dir);
  // Headers too: a compiled source may include any submitted file.
  for (const auto& name : workspace.SubmittedFiles()) {
    hash.Add(name).AddFile(workspace.Root() / name);
  }
  return hash.Hex();
}

std::string RelativizeDiagnostics(std::string text, const std::string& prefix) {
  const std::string needle = prefix.back() == '/' ? prefix : prefix + "/";
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at)) {
    text.erase(at, needle.size());
  }
  return text;
}

SubmissionBuilder::SubmissionBuilder(const ExerciseSpec& spec, ObjectCache& cache,
                                     const Sandbox& sandbox)
    : spec_(spec), cache_(cache), sandbox_(sandbox) {}

void SubmissionBuilder::StageGlue(const Workspace& workspace) const {
  const std::filesystem::path glue_dir = workspace.GraderDir() / "glue";
  if (std::filesystem::exists(glue_dir)) return;
  std::filesystem::create_directories(glue_dir);
  for (const auto& file : spec_.driver.glue) {
    std::filesystem::copy_file(file, glue_dir / file.filename());
  }
  const std::filesystem::path include_dir = workspace.GraderDir() / "include";
  std::filesystem::create_directories(include_dir);
  for (const auto& dir : spec_.driver.include_dirs) {
    std::filesystem::copy(dir, include_dir, std::filesystem::copy_options::recursive |
                                                std::filesystem::copy_options::skip_existing);
  }
}

BuildOutcome SubmissionBuilder::Build(const Workspace& workspace, Flavor flavor) {
  SandboxPolicy policy;
  policy.workspace = workspace.Root();
  policy.tmp_size = 256ull << 20;
  const std::filesystem::path inside = sandbox_.WorkspaceDir(policy);
  const std::string flavor_dir = fmt::format(".grader/{}", FlavorName(flavor));
  std::filesystem::create_directories(workspace.Root() / flavor_dir);

  std::vector<std::string> argv = {cache_.toolchain().cxx, "-std=" + spec_.build.standard};
  for (const auto& flag : FlavorFlags(flavor)) argv.push_back(flag);
  argv.insert(argv.end(), {"-fdiagnostics-color=never", "-fmax-errors=20"});
  for (const auto& flag : spec_.build.flags) argv.push_back(flag);
  if (flavor == Flavor::kRelease) {
    for (const auto& flag : spec_.build.release_flags) argv.push_back(flag);
  }

  std::string output_name;
  if (spec_.kind == ExerciseKind::kApi) {
    StageGlue(workspace);
    argv.insert(argv.end(), {"-I.", "-I.grader/include"});
    for (const auto& file : spec_.driver.glue) {
      argv.push_back(".grader/glue/" + file.filename().string());
    }
    output_name = "test";
  } else {
    output_name = "program";
  }
  for (const auto& name : workspace.SubmittedFiles()) {
    if (IsCompiledSource(name)) argv.push_back(name);
  }
  std::vector<std::filesystem::path> objects = {cache_.ChaosRuntimeObject(flavor)};
  if (spec_.kind == ExerciseKind::kApi) {
    for (const auto& object : cache_.DriverObjects(spec_, flavor)) objects.push_back(object);
    for (const auto& object : cache_.GoogleTestObjects(flavor)) objects.push_back(object);
  }
  for (const auto& object : objects) {
    argv.push_back(object.string());
    policy.readonly_paths.push_back(object);
  }
  for (const auto& flag : ChaosLinkFlags()) argv.push_back(flag);
  // After every object that may use them; a library nothing uses is not linked in.
  if (!spec_.build.libs.empty()) argv.push_back("-Wl,--as-needed");
  for (const auto& lib : spec_.build.libs) argv.push_back("-l" + lib);
  const std::string binary = flavor_dir + "/" + output_name;
  argv.insert(argv.end(), {"-o", binary});

  const BuildCache& build_cache = cache_.builds();
  const std::string key = build_cache.enabled() ? BuildKey(workspace, argv) : "";
  if (const auto hit = build_cache.Find(key)) {
    std::filesystem::copy_file(hit->program, workspace.Root() / binary,
                               std::filesystem::copy_options::overwrite_existing);
    BuildOutcome outcome;
    outcome.ok = true;
    outcome.cached = true;
    outcome.diagnostics = hit->diagnostics;
    outcome.binary = inside / binary;
    return outcome;
  }

  SubprocessOptions options;
  options.argv = sandbox_.Wrap(argv, policy, inside);
  options.env = CompilerEnvironment(inside);
  options.cwd = workspace.Root();
  options.wall_timeout = spec_.build.limits.wall_time;
  options.cpu_limit = spec_.build.limits.cpu_time;
  options.file_size_limit = spec_.build.limits.file_size;
  options.stdout_cap = spec_.build.limits.output;
  options.stderr_cap = spec_.build.limits.output;
  options.kill_on_output_overflow = true;
  // A template or #include bomb makes the compiler itself the hog: same limits as a test.
  std::optional<ResourceGroup> group;
  if (ResourceGroup::Available() != CgroupVersion::kNone) {
    group.emplace(GroupLimits{spec_.build.limits.memory, spec_.build.limits.processes});
    options.join_cgroups = group->ProcsFiles();
    options.kill_escaped = [&group] { group->KillAll(); };
    options.watchdog = [&group](int) -> std::string {
      return group->MemoryLimitHit() ? "memory" : "";
    };
  }
  const SubprocessResult result = RunSubprocess(options);
  const bool out_of_memory = group && group->MemoryLimitHit();

  BuildOutcome outcome;
  outcome.wall_time = result.wall_time;
  outcome.timed_out = result.timed_out;
  outcome.diagnostics = RelativizeDiagnostics(result.out + result.err, inside.string());
  if (result.output_overflow) {
    outcome.diagnostics += fmt::format("\n[compiler output cut at {} bytes]",
                                       spec_.build.limits.output);
  }
  outcome.ok = result.status.Success() && !result.timed_out && !out_of_memory;
  outcome.binary = inside / binary;
  outcome.out_of_memory = out_of_memory;
  if (outcome.ok && build_cache.enabled()) {
    build_cache.Store(key, workspace.Root() / binary, outcome.diagnostics);
  }
  if (out_of_memory) {
    outcome.diagnostics += fmt::format("\nthe compiler needed more than {} MiB of memory and was "
                                       "stopped",
                                       spec_.build.limits.memory >> 20);
  } else if (result.timed_out) {
    outcome.diagnostics += fmt::format("\nthe compiler ran longer than {} ms and was stopped",
                                       spec_.build.limits.wall_time.count());
  } else if (!outcome.ok && outcome.diagnostics.empty()) {
    outcome.diagnostics = "the compiler failed: " + DescribeExit(result.status);
  }
  return outcome;
}

}  // namespace grader
