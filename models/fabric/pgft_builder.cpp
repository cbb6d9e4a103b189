// The PGFT and torus builders declared in builders.hpp (wiring rules stated there).
#include <limits>
#include <string>
#include <vector>

#include "models/fabric/builder_checks.hpp"
#include "models/fabric/builders.hpp"

namespace clustersim::models::fabric {

namespace {

// Mixed-radix digits d_1..d_h (d_1 least significant) of `index` with the given radices.
std::vector<std::uint32_t> digits_of(std::uint64_t index, const std::vector<std::uint32_t>& radix) {
  std::vector<std::uint32_t> d(radix.size());
  for (std::size_t i = 0; i < radix.size(); ++i) {
    d[i] = static_cast<std::uint32_t>(index % radix[i]);
    index /= radix[i];
  }
  return d;
}

std::uint64_t index_of(const std::vector<std::uint32_t>& d, const std::vector<std::uint32_t>& radix) {
  std::uint64_t index = 0;
  for (std::size_t i = radix.size(); i-- > 0;) index = index * radix[i] + d[i];
  return index;
}

// Saturates at UINT64_MAX instead of wrapping, so that the size checks below see every overflow.
std::uint64_t product(const std::vector<std::uint32_t>& radix) {
  std::uint64_t n = 1;
  for (std::uint32_t r : radix) {
    if (__builtin_mul_overflow(n, r, &n)) return std::numeric_limits<std::uint64_t>::max();
  }
  return n;
}

constexpr std::uint64_t kMaxVertices = std::uint64_t{1} << 24;

}  // namespace

Topology pgft(const PgftParams& p) {
  const std::size_t h = p.down.size();
  if (h == 0) detail::fail("pgft.levels: must be >= 1, got 0");
  if (p.up.size() != h || p.parallel.size() != h) {
    detail::fail("pgft: expected " + std::to_string(h) + " up and parallel counts (one per level), got " +
                 std::to_string(p.up.size()) + " and " + std::to_string(p.parallel.size()));
  }
  for (std::size_t i = 0; i < h; ++i) {
    detail::require_count(("pgft.down[" + std::to_string(i) + "]").c_str(), p.down[i]);
    detail::require_count(("pgft.up[" + std::to_string(i) + "]").c_str(), p.up[i]);
    detail::require_count(("pgft.parallel[" + std::to_string(i) + "]").c_str(), p.parallel[i]);
  }
  detail::require_bandwidth("pgft.link_bytes_per_s", p.link_bytes_per_s);
  detail::require_latency("pgft.latency", p.latency);

  // radix[l] = the label radices of level l: up counts below and at l, down counts above.
  std::vector<std::vector<std::uint32_t>> radix(h + 1, p.down);
  std::uint64_t vertices = 0;
  for (std::size_t l = 0; l <= h; ++l) {
    for (std::size_t i = 0; i < l; ++i) radix[l][i] = p.up[i];
    const std::uint64_t level = product(radix[l]);
    if (level > kMaxVertices - vertices) detail::fail("pgft: more than 2^24 hosts and switches");
    vertices += level;
  }
  Topology t("pgft h=" + std::to_string(h));
  std::vector<std::vector<VertexId>> vertex(h + 1);
  for (std::uint64_t i = 0; i < product(radix[0]); ++i) {
    vertex[0].push_back(t.host_vertex(t.add_host(static_cast<std::uint32_t>(i), 0)));
  }
  for (std::size_t l = 1; l <= h; ++l) {
    for (std::uint64_t i = 0; i < product(radix[l]); ++i) {
      const std::uint32_t group = l < h ? digits_of(i, radix[l])[h - 1] : 0;
      vertex[l].push_back(
          t.switch_vertex(t.add_switch(static_cast<std::uint32_t>(l - 1), group, static_cast<std::uint32_t>(i))));
    }
  }
  for (std::size_t l = 1; l <= h; ++l) {
    for (std::uint64_t y = 0; y < vertex[l].size(); ++y) {
      std::vector<std::uint32_t> d = digits_of(y, radix[l]);
      for (std::uint32_t c = 0; c < p.down[l - 1]; ++c) {
        d[l - 1] = c;
        const VertexId child = vertex[l - 1][index_of(d, radix[l - 1])];
        for (std::uint32_t k = 0; k < p.parallel[l - 1]; ++k) {
          t.add_link(child, vertex[l][y], p.link_bytes_per_s, p.latency, p.sharing);
        }
      }
    }
  }
  std::vector<detail::Block> blocks(p.down[h - 1]);
  for (std::size_t l = 0; l < h; ++l) {
    for (std::uint64_t i = 0; i < vertex[l].size(); ++i) {
      detail::Block& b = blocks[digits_of(i, radix[l])[h - 1]];
      b.members.push_back(vertex[l][i]);
      if (l == 0) b.hosts.push_back(vertex[l][i]);
    }
  }
  detail::set_halves(t, blocks);
  detail::check_connected(t, "pgft");
  return t;
}

Topology torus(const TorusParams& p) {
  if (p.dimensions.empty()) detail::fail("torus.dimensions: expected at least one dimension");
  for (std::size_t i = 0; i < p.dimensions.size(); ++i) {
    detail::require_count(("torus.dimensions[" + std::to_string(i) + "]").c_str(), p.dimensions[i]);
  }
  detail::require_bandwidth("torus.link_bytes_per_s", p.link_bytes_per_s);
  detail::require_latency("torus.latency", p.latency);
  const std::uint64_t n = product(p.dimensions);
  if (n > kMaxVertices / 2) detail::fail("torus.dimensions: more than 2^23 hosts");
  Topology t("torus");
  std::vector<VertexId> router(n);
  for (std::uint64_t i = 0; i < n; ++i) router[i] = t.switch_vertex(t.add_switch(0, 0, static_cast<std::uint32_t>(i)));
  std::size_t cut = 0;  // the last dimension of size >= 2 splits the halves
  for (std::size_t k = 0; k < p.dimensions.size(); ++k) {
    if (p.dimensions[k] >= 2) cut = k;
  }
  std::vector<detail::Block> blocks(p.dimensions[cut]);
  for (std::uint64_t i = 0; i < n; ++i) {
    const VertexId host = t.host_vertex(t.add_host(static_cast<std::uint32_t>(i), 0));
    t.add_link(host, router[i], p.link_bytes_per_s, sim::SimTime::zero(), LinkSharing::fatpipe);
    detail::Block& b = blocks[digits_of(i, p.dimensions)[cut]];
    b.members.push_back(router[i]);
    b.members.push_back(host);
    b.hosts.push_back(host);
  }
  for (std::uint64_t i = 0; i < n; ++i) {
    std::vector<std::uint32_t> d = digits_of(i, p.dimensions);
    for (std::size_t k = 0; k < p.dimensions.size(); ++k) {
      const std::uint32_t size = p.dimensions[k];
      if (size < 2 || (size == 2 && d[k] == 1)) continue;  // size 2: one link per pair
      std::vector<std::uint32_t> next = d;
      next[k] = (d[k] + 1) % size;
      t.add_link(router[i], router[index_of(next, p.dimensions)], p.link_bytes_per_s, p.latency, p.sharing);
    }
  }
  detail::set_halves(t, blocks);
  detail::check_connected(t, "torus");
  return t;
}

}  // namespace clustersim::models::fabric
