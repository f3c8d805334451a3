// Tolerant reads of one key of a JSON object, for the test programs that check memlayout's JSON:
// a missing key or a value of the wrong kind reads as "absent", and the caller says what that means.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace memlayout::testing {

// A non-negative integer, signed or unsigned in the JSON.
inline std::optional<std::uint64_t> u64Field(const nlohmann::json &object, const char *key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_unsigned()) return it->get<std::uint64_t>();
  if (it->is_number_integer() && it->get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(it->get<std::int64_t>());
  return std::nullopt;
}

inline std::string stringField(const nlohmann::json &object, const char *key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

inline bool flagField(const nlohmann::json &object, const char *key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

} // namespace memlayout::testing
