#include "batch/gradebook.h"

#include <cmath>

#include <fmt/format.h>

namespace grader {

std::string CsvField(const std::string& text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return text;
  std::string field = "\"";
  for (const char c : text) {
    if (c == '"') field += '"';
    field += c;
  }
  return field + "\"";
}

std::string ScoreText(double score) {
  if (std::floor(score) == score && std::fabs(score) < 1e15) {
    return fmt::format("{}", static_cast<long long>(score));
  }
  return fmt::format("{:g}", score);
}

std::string GradebookCsv(const std::vector<std::string>& students,
                         const std::vector<std::string>& exercises, const ResultStore& store) {
  std::string csv = "student";
  for (const std::string& exercise : exercises) csv += "," + CsvField(exercise);
  csv += ",total\n";
  for (const std::string& student : students) {
    csv += CsvField(student);
    double total = 0;
    for (const std::string& exercise : exercises) {
      csv += ",";
      const std::optional<nlohmann::json> result = store.InOut(student, exercise);
      if (!result || !result->contains("score") || !(*result)["score"].is_number()) continue;
      const double score = (*result)["score"].get<double>();
      total += score;
      csv += ScoreText(score);
    }
    csv += "," + ScoreText(total) + "\n";
  }
  return csv;
}

}  // namespace grader
