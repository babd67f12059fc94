// Suggestions for misspelt names in input files and command lines: the known name closest to
// what the user wrote, by edit distance, when it is close enough to be a likely typo.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace arteria {

// Edit distance counting insertions, deletions, substitutions and swaps of adjacent letters
// (optimal string alignment), ignoring ASCII case: "cvs" is one edit from "csv".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is within a third of the word's length (at least 1,
// at most 3 edits); empty otherwise. Ties go to the earlier candidate.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'X'?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace arteria
