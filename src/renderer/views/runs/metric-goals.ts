import { create } from 'zustand';

export type Goal = 'min' | 'max';

// names that read as "lower is better"; anything else (accuracy, f1, auc, reward…) is "higher is better"
const LOWER_IS_BETTER = /loss|error|err\b|rmse|mse|mae|mape|latency|perplexity|wer|cer|time|duration/i;

/** The goal a metric's name suggests: loss/error/rmse/mae/latency → min, else max. */
export function guessGoal(metric: string): Goal {
  return LOWER_IS_BETTER.test(metric) ? 'min' : 'max';
}

/** Better, worse or the same as the baseline, given the delta and the metric's goal. */
export function verdict(delta: number, goal: Goal): 'better' | 'worse' | 'same' {
  if (delta === 0) return 'same';
  return delta < 0 === (goal === 'min') ? 'better' : 'worse';
}

const KEY = 'kiln.metricGoals';

function load(): Record<string, Goal> {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, unknown>;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, Goal] => e[1] === 'min' || e[1] === 'max'));
  } catch {
    return {};
  }
}

interface GoalsState {
  /** only the goals the user set; the rest are guessed */
  chosen: Record<string, Goal>;
  set(metric: string, goal: Goal): void;
}

/** Per-metric goals the user picked in compare, remembered across sessions. */
export const useMetricGoals = create<GoalsState>((set, get) => ({
  chosen: load(),
  set(metric, goal) {
    const chosen = { ...get().chosen, [metric]: goal };
    localStorage.setItem(KEY, JSON.stringify(chosen));
    set({ chosen });
  },
}));

export function goalOf(chosen: Record<string, Goal>, metric: string): Goal {
  return chosen[metric] ?? guessGoal(metric);
}
