// Frank-Wolfe and bi-conjugate Frank-Wolfe (Mitradjieva & Lindberg 2013, "The stiff is moving -
// conjugate direction Frank-Wolfe methods with applications to traffic assignment"), the
// baselines: each iteration loads all demand on the shortest paths at current costs (the same
// shortest paths give the gap), then moves towards that load, or towards a mix of it and the
// previous two targets conjugate to the previous directions under the Hessian (diagonal: the
// cost derivatives), by the step that minimises Beckmann's objective. Flows are kept per origin
// too (all updates are linear), so routes can be read off as for bushes.

#include <algorithm>
#include <cmath>

#include "assignment/assignment_run.hpp"

namespace arteria {
namespace {

// The step in [0, 1] along `direction` minimising the objective: bisection on its derivative,
// sum over links of direction x cost(flow + step x direction).
double line_search(const AssignmentRun& run, const std::vector<double>& direction) {
  const auto slope = [&](double step) {
    double total = 0.0;
    for (Index l = 0; l < run.graph.link_count; ++l) {
      if (direction[l] == 0.0) continue;
      total +=
          direction[l] * bpr_cost(run.problem.links[l], run.link_flow[l] + step * direction[l]);
    }
    return total;
  };
  if (slope(1.0) <= 0.0) return 1.0;
  double low = 0.0;
  double high = 1.0;
  for (int i = 0; i < 60 && high - low > 1e-16; ++i) {
    const double middle = 0.5 * (low + high);
    (slope(middle) > 0.0 ? high : low) = middle;
  }
  return 0.5 * (low + high);
}

double hessian_product(const AssignmentRun& run, const std::vector<double>& a,
                       const std::vector<double>& b) {
  double total = 0.0;
  for (Index l = 0; l < run.graph.link_count; ++l) total += a[l] * run.link_derivative[l] * b[l];
  return total;
}

std::vector<double> totals(const AssignmentRun& run, const std::vector<double>& per_origin) {
  std::vector<double> total(run.graph.link_count, 0.0);
  for (std::size_t o = 0; o < run.origins.size(); ++o) {
    const double* values = per_origin.data() + o * run.graph.link_count;
    for (Index l = 0; l < run.graph.link_count; ++l) total[l] += values[l];
  }
  return total;
}

struct Weights {
  double load = 1.0;      // the all-or-nothing load
  double previous = 0.0;  // the previous target
  double before = 0.0;    // the one before it
};

// Conjugate Frank-Wolfe: the target mixes the new load with the previous target so the
// direction is conjugate to the previous one.
Weights conjugate(const AssignmentRun& run, const std::vector<double>& load,
                  const std::vector<double>& previous) {
  constexpr double delta = 1e-4;
  std::vector<double> back(run.graph.link_count), to_load(run.graph.link_count),
      between(run.graph.link_count);
  for (Index l = 0; l < run.graph.link_count; ++l) {
    back[l] = previous[l] - run.link_flow[l];
    to_load[l] = load[l] - run.link_flow[l];
    between[l] = load[l] - previous[l];
  }
  const double numerator = hessian_product(run, back, to_load);
  const double denominator = hessian_product(run, back, between);
  double alpha = 0.0;
  if (denominator != 0.0) alpha = std::clamp(numerator / denominator, 0.0, 1.0 - delta);
  return {1.0 - alpha, alpha, 0.0};
}

Weights biconjugate(const AssignmentRun& run, const std::vector<double>& load,
                    const std::vector<double>& previous, const std::vector<double>& before,
                    double last_step) {
  const Index links = run.graph.link_count;
  std::vector<double> back1(links), back2(links), to_load(links), between(links);
  for (Index l = 0; l < links; ++l) {
    const double x = run.link_flow[l];
    back1[l] = previous[l] - x;
    back2[l] = last_step * previous[l] - x + (1.0 - last_step) * before[l];
    to_load[l] = load[l] - x;
    between[l] = before[l] - previous[l];
  }
  const double mu_denominator = hessian_product(run, back2, between);
  double mu = mu_denominator != 0.0 ? -hessian_product(run, back2, to_load) / mu_denominator : 0.0;
  mu = std::max(0.0, mu);
  const double nu_denominator = hessian_product(run, back1, back1);
  double nu = nu_denominator != 0.0 ? -hessian_product(run, back1, to_load) / nu_denominator : 0.0;
  nu = std::max(0.0, nu + mu * last_step / (1.0 - last_step));
  const double load_weight = 1.0 / (1.0 + mu + nu);
  return {load_weight, nu * load_weight, mu * load_weight};
}

}  // namespace

void run_frank_wolfe(AssignmentRun& run, bool biconjugate_directions) {
  const Index links = run.graph.link_count;
  std::vector<double> load;
  run.shortest_path_sweep(&load);
  run.origin_flow = load;
  run.total_origin_flows();
  std::vector<double> target(run.origin_flow.size());
  std::vector<double> previous, before;  // per-origin targets of the last two iterations
  std::vector<double> previous_total, before_total;
  double last_step = 1.0;
  for (;;) {
    if (run.record_iteration(run.shortest_path_sweep(&load))) return;
    const std::vector<double> load_total = totals(run, load);
    Weights weights;
    if (biconjugate_directions && !previous.empty()) {
      weights = before.empty() || last_step > 1.0 - 1e-6
                    ? conjugate(run, load_total, previous_total)
                    : biconjugate(run, load_total, previous_total, before_total, last_step);
    }
    std::vector<double> direction(links);
    double descent = 0.0;
    for (Index l = 0; l < links; ++l) {
      double value = weights.load * load_total[l];
      if (weights.previous != 0.0) value += weights.previous * previous_total[l];
      if (weights.before != 0.0) value += weights.before * before_total[l];
      direction[l] = value - run.link_flow[l];
      descent += direction[l] * run.link_cost[l];
    }
    if (!(descent < 0.0) && (weights.previous != 0.0 || weights.before != 0.0)) {
      weights = Weights{};  // not a descent direction: back to plain Frank-Wolfe
      for (Index l = 0; l < links; ++l) direction[l] = load_total[l] - run.link_flow[l];
    }
    const double step = line_search(run, direction);
    run.for_each_origin([&](std::size_t o) {
      const std::size_t base = o * links;
      for (Index l = 0; l < links; ++l) {
        double value = weights.load * load[base + l];
        if (weights.previous != 0.0) value += weights.previous * previous[base + l];
        if (weights.before != 0.0) value += weights.before * before[base + l];
        target[base + l] = value;
        run.origin_flow[base + l] += step * (value - run.origin_flow[base + l]);
      }
    });
    run.total_origin_flows();
    last_step = step;
    if (biconjugate_directions) {
      before.swap(previous);
      previous = target;
      before_total.swap(previous_total);
      previous_total = totals(run, target);
    }
  }
}

}  // namespace arteria
