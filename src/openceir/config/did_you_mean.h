// "Did you mean" hints: the closest known word to a misspelt one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace openceir::config {

// Edit distance, case-insensitive: insert, delete, substitute and swap of two adjacent
// characters each cost 1 (optimal string alignment). Thread-safe.
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo (distance at most
// 1 for short words, up to a third of the word's length, at most 3); empty otherwise. Ties go to
// the earliest candidate.
std::string ClosestMatch(std::string_view word, const std::vector<std::string_view>& candidates);

// " (did you mean \"x\"?)" when ClosestMatch finds one, else "".
std::string DidYouMeanSuffix(std::string_view word,
                             const std::vector<std::string_view>& candidates);

}  // namespace openceir::config
