import { describe, expect, it } from 'vitest';
import { checkShape, parseInferRequest } from '../../../resources/serving/src/oip.js';

describe('Open Inference Protocol v2 requests', () => {
  it('parses flat and nested data', () => {
    expect(
      parseInferRequest({
        id: 'a',
        inputs: [
          {
            name: 'x',
            shape: [2, 2],
            datatype: 'FP32',
            data: [
              [1, 2],
              [3, 4],
            ],
          },
        ],
      }),
    ).toEqual({ id: 'a', inputs: [{ name: 'x', shape: [2, 2], datatype: 'FP32', data: [1, 2, 3, 4] }] });
  });
  it('names the field that is wrong', () => {
    expect(() => parseInferRequest({})).toThrow(/"inputs" must be a non-empty array/);
    expect(() => parseInferRequest({ inputs: [{ name: 'x', shape: [3], datatype: 'FP32', data: [1, 2] }] })).toThrow(
      /inputs\[0\]\.data holds 2 values but shape \[3\] needs 3/,
    );
    expect(() => parseInferRequest({ inputs: [{ name: 'x', shape: [1], datatype: 'BYTES', data: ['a'] }] })).toThrow(
      /inputs\[0\]\.datatype "BYTES" is not supported/,
    );
    expect(() => parseInferRequest({ inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [null] }] })).toThrow(/not a finite number/);
  });
  it('checks shapes against the model, -1 free', () => {
    expect(() => checkShape({ name: 'x', shape: [5, 2], datatype: 'FP32', data: [] }, [null, 2], 'in')).not.toThrow();
    expect(() => checkShape({ name: 'x', shape: [5, 3], datatype: 'FP32', data: [] }, [null, 2], 'in')).toThrow(/takes \[-1,2\]/);
  });
});
