#include "output/checkpoint_columns.hpp"

namespace arteria::checkpoint_io {

hid_t GroupTree::parent_of(const std::string& name, bool create) {
  const std::size_t slash = name.rfind('/');
  if (slash == std::string::npos) return root_;
  const std::string path = name.substr(0, slash);
  for (const auto& [open_path, group] : open_) {
    if (open_path == path) return group.get();
  }
  const hid_t parent = parent_of(path, create);
  const std::string leaf =
      path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  h5::Group group = create && !h5::path_exists(parent, leaf) ? h5::create_group(parent, leaf)
                                                             : h5::open_group(parent, leaf);
  open_.emplace_back(path, std::move(group));
  return open_.back().second.get();
}

}  // namespace arteria::checkpoint_io
