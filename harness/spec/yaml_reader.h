// Strict, typed reading of the YAML files the harness is configured with (spec.yaml and the
// expected.yaml of known-bad cases).
//
// Every failure throws InputError("<file>:<line>:<column>: <message>"), where <file> is the
// path as the caller gave it and line and column are 1-based. Values remember where they were
// written, so a problem found later (a missing file, a rule between keys) points there too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "spec/did_you_mean.h"
#include "spec/spec.h"

namespace grader {

class YamlMap;

// One value of a document with its name and position.
class YamlValue {
 public:
  // `file`: the path for messages. `label`: how messages name the value, quoted where it is a
  // key ("'points'", "entry 2 of 'threads'"). `key_mark`: where the key (or list entry) is;
  // messages about a value that is null point there, since yaml-cpp gives no usable mark.
  YamlValue(std::shared_ptr<const std::string> file, YAML::Node node, std::string label,
            YAML::Mark key_mark);

  const std::string& label() const { return label_; }
  const YAML::Node& node() const { return node_; }

  // Another value of the same file, e.g. a key or an entry of this one.
  YamlValue Child(YAML::Node node, std::string label, YAML::Mark key_mark) const {
    return YamlValue(file_, std::move(node), std::move(label), key_mark);
  }

  // Where the value is written (1-based), or where its key is when it has none.
  SourceLocation Where() const;
  // Where its key, or its list entry, is written.
  SourceLocation WhereKey() const;

  // Throw InputError at Where() or at WhereKey().
  [[noreturn]] void Fail(std::string_view message) const;
  [[noreturn]] void FailAtKey(std::string_view message) const;

  // A scalar, as written ("" allowed).
  std::string AsString() const;
  // A scalar that is not empty.
  std::string AsNonEmptyString() const;
  // A finite decimal number in [min, max].
  double AsNumber(double min, double max) const;
  // A whole number in [min, max].
  std::int64_t AsInteger(std::int64_t min, std::int64_t max) const;
  // A duration with its unit (see units.h) in [min, max].
  Millis AsDuration(Millis min, Millis max) const;
  // A size with its unit (see units.h) in [min, max].
  std::uint64_t AsSize(std::uint64_t min, std::uint64_t max) const;
  // One of `choices`, spelt exactly; returns its index.
  std::size_t AsChoice(std::span<const std::string_view> choices) const;
  // A sequence; entries are labelled "entry <i> of <label>" (1-based).
  std::vector<YamlValue> AsList() const;
  // A mapping whose keys all are in `keys`; see YamlMap.
  YamlMap AsMap(std::span<const std::string_view> keys, std::string context,
                std::span<const Suggestion> aliases = {}) const;

  // A relative path naming an existing file (or folder, when `folder`), resolved against
  // `base` and lexically normalised. Absolute paths are refused: a spec must not depend on
  // where it is checked out.
  std::filesystem::path AsExistingPath(const std::filesystem::path& base, bool folder) const;

 private:
  std::string_view TypeName() const;
  [[noreturn]] void FailAt(const YAML::Mark& mark, std::string_view message) const;

  std::shared_ptr<const std::string> file_;
  YAML::Node node_;
  std::string label_;
  YAML::Mark key_mark_;
};

// A mapping whose keys have been checked on construction: each a plain scalar, none twice,
// none outside the allowed set (an unknown key fails with a did-you-mean drawn from the
// allowed keys and `aliases`, spellings people use for them, e.g. "timeout" -> "wall_time").
class YamlMap {
 public:
  // `context` names the map in messages: "'limits'", "test 'basics'"; "" for a document's
  // root, whose messages then name no context.
  YamlMap(const YamlValue& self, std::span<const std::string_view> keys, std::string context,
          std::span<const Suggestion> aliases = {});

  // The map itself, e.g. to fail at its position.
  const YamlValue& self() const { return self_; }
  bool Has(std::string_view key) const;
  // The value of `key`, or nullopt when absent.
  std::optional<YamlValue> Find(std::string_view key) const;
  // The value of `key`; fails "missing key '<key>' in <context>" when absent.
  YamlValue Get(std::string_view key) const;

 private:
  YamlValue self_;
  std::string context_;
};

// Reads the single YAML document of `path` and returns its root, which must be a mapping.
// `display` names the file in messages (for a spec: the path as given by the user). Fails on
// an unreadable file, a syntax error (at yaml-cpp's mark), an empty file and a file of more
// than one document.
YamlValue LoadYamlDocument(const std::filesystem::path& path, const std::string& display);

}  // namespace grader
