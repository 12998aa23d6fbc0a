import { describe, expect, it } from 'vitest';
import { guessGoal, verdict } from '../../../../../src/renderer/views/runs/metric-goals.js';

describe('metric goals', () => {
  it('guesses min for losses, errors and latencies, max otherwise', () => {
    for (const m of ['loss', 'val_loss', 'error_rate', 'rmse', 'mae', 'latency_ms']) expect(guessGoal(m), m).toBe('min');
    for (const m of ['accuracy', 'f1', 'auc', 'reward']) expect(guessGoal(m), m).toBe('max');
  });

  it('colours a delta by the goal', () => {
    expect(verdict(-0.1, 'min')).toBe('better');
    expect(verdict(0.1, 'min')).toBe('worse');
    expect(verdict(0.1, 'max')).toBe('better');
    expect(verdict(0, 'max')).toBe('same');
  });
});
